// One message: Markdown prose and code blocks, sibling navigation `< 2/3 >`, and actions
// (copy, edit for the user's messages, regenerate for replies, delete). For assistive
// technology and the keyboard it is a list item: the list's current message has the focus
// (Up/Down walk the messages) and only its own buttons are Tab stops.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Item {
    id: message
    required property int index
    required property var messageId
    required property string role
    required property string text
    required property var blocks
    required property string state
    required property int siblingIndex
    required property int siblingCount
    required property string modelName
    required property real tokensPerSecond
    required property string reasoning
    required property real reasoningMs
    required property var created
    required property string finishReason
    required property real energyWh
    required property real co2eGrams
    required property string energySources
    required property real gridIntensity
    // Why the reply ended, when it is worth saying (empty otherwise).
    readonly property string endMarker: state === "error" ? qsTr("The reply failed.")
                                        : state === "interrupted" && finishReason === "cancelled" ? qsTr("Stopped.")
                                        : state === "interrupted" ? qsTr("Interrupted: the app was closed during this reply.")
                                        : state === "complete" && !isUser && finishReason === "length" ? qsTr("Cut at the length limit.")
                                        : ""
    property bool editing: false
    // The list's current message: the one the keyboard is on; its buttons are the Tab stops.
    readonly property bool current: ListView.isCurrentItem
    readonly property string author: isUser ? qsTr("You")
                                     : modelName !== "" ? modelName
                                     : streaming && App.modelName !== "" ? App.modelName : qsTr("Assistant")
    readonly property bool isUser: role === "user"
    readonly property bool streaming: state === "streaming"

    implicitHeight: column.implicitHeight + 16
    focus: current
    activeFocusOnTab: current  // Tab and Shift+Tab reach the current message, then its buttons
    Accessible.role: Accessible.ListItem
    Accessible.focusable: true
    Accessible.name: {
        App.language
        const when = created ? App.formatDate(created) : ""
        const said = when !== "" ? qsTr("%1, %2: %3").arg(author).arg(when).arg(text)
                                 : qsTr("%1: %2").arg(author).arg(text)
        return endMarker !== "" ? qsTr("%1 (%2)").arg(said).arg(endMarker)
             : streaming ? qsTr("%1 (writing…)").arg(said) : said
    }
    Accessible.description: (App.language, qsTr("Message %1 of %2").arg(App.formatNumber(index + 1, 0))
                                          .arg(App.formatNumber(ListView.view ? ListView.view.count : 0, 0)))

    // Where the keyboard is: a frame around the focused message.
    Rectangle {
        anchors.fill: parent
        anchors.margins: -4
        radius: Theme.radius + 4
        color: "transparent"
        border.color: Theme.accent
        border.width: 2
        visible: message.activeFocus
    }

    ColumnLayout {
        id: column
        x: message.isUser ? Math.max(0, parent.width - width) : 0
        width: message.isUser ? Math.min(parent.width, Math.max(bubble.implicitWidth, 260)) : parent.width
        y: 8
        spacing: 4

        Label {
            text: message.author
            font.bold: true
            font.pointSize: App.settings.fontSize - 1
            color: Theme.muted
            Layout.alignment: message.isUser ? Qt.AlignRight : Qt.AlignLeft
        }

        ReasoningBlock {
            objectName: "reasoningBlock"
            Layout.fillWidth: true
            visible: !message.isUser && message.reasoning !== ""
            reasoning: message.reasoning
            reasoningMs: message.reasoningMs
            thinking: message.streaming && message.text === ""
            tabStop: message.current
        }

        Rectangle {
            id: bubble
            Layout.fillWidth: true
            implicitWidth: Math.min(message.width * 0.8, blocksView.implicitWidth + 24)
            implicitHeight: (message.editing ? editor.implicitHeight : blocksView.implicitHeight) + 20
            radius: Theme.radius + 4
            color: message.isUser ? Theme.userBubble : "transparent"

            MessageBlocks {
                id: blocksView
                objectName: "messageBlocks"
                visible: !message.editing
                x: message.isUser ? 12 : 0
                y: 10
                width: parent.width - (message.isUser ? 24 : 0)
                blocks: message.blocks
                plainText: message.text
                streaming: message.streaming && message.reasoning === ""
                tabStop: message.current
            }

            ColumnLayout {
                id: editor
                visible: message.editing
                x: 10; y: 10
                width: parent.width - 20
                AppTextArea {
                    id: editField
                    objectName: "editField"
                    Layout.fillWidth: true
                    wrapMode: TextEdit.Wrap
                    Accessible.name: qsTr("Edit message")
                    Keys.onPressed: (event) => {
                        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && !(event.modifiers & Qt.ShiftModifier)) {
                            saveEdit.clicked(); event.accepted = true
                        } else if (event.key === Qt.Key_Escape) {
                            message.editing = false; event.accepted = true
                        }
                    }
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    Button {
                        text: qsTr("Cancel")
                        flat: true
                        Accessible.name: qsTr("Cancel editing")
                        onClicked: message.editing = false
                    }
                    ThemedButton {
                        id: saveEdit
                        objectName: "saveEditButton"
                        text: qsTr("Send")
                        accent: true
                        Accessible.name: qsTr("Send the edited message")
                        onClicked: {
                            message.editing = false
                            App.chat.editMessage(message.messageId, editField.text)
                        }
                    }
                }
            }
        }

        Label {
            objectName: "endMarker"
            visible: text !== ""
            text: message.endMarker
            color: message.state === "error" ? Theme.danger : Theme.muted
            font.italic: true
            font.pointSize: App.settings.fontSize - 1
        }

        RowLayout {
            id: actions
            objectName: "messageActions"
            Layout.alignment: message.isUser ? Qt.AlignRight : Qt.AlignLeft
            spacing: 2
            visible: !message.streaming && !message.editing

            IconButton {
                objectName: "previousSibling"
                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                visible: message.siblingCount > 1
                text: "‹"
                tip: qsTr("Previous version")
                enabled: message.siblingIndex > 0 && !App.chat.generating
                onClicked: App.chat.switchSibling(message.messageId, -1)
            }
            Label {
                objectName: "siblingLabel"
                visible: message.siblingCount > 1
                text: (App.language, qsTr("%1/%2").arg(App.formatNumber(message.siblingIndex + 1, 0)).arg(App.formatNumber(message.siblingCount, 0)))
                color: Theme.muted
                font.pointSize: App.settings.fontSize - 1
                Accessible.name: qsTr("Version %1 of %2").arg(message.siblingIndex + 1).arg(message.siblingCount)
            }
            IconButton {
                objectName: "nextSibling"
                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                visible: message.siblingCount > 1
                text: "›"
                tip: qsTr("Next version")
                enabled: message.siblingIndex < message.siblingCount - 1 && !App.chat.generating
                onClicked: App.chat.switchSibling(message.messageId, 1)
            }
            IconButton {
                objectName: "copyButton"
                icon.name: "edit-copy-symbolic"
                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                text: qsTr("Copy")
                tip: qsTr("Copy the message")
                onClicked: App.copyText(message.text)
            }
            IconButton {
                objectName: "editButton"
                icon.name: "document-edit-symbolic"
                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                visible: message.isUser
                text: qsTr("Edit")
                tip: qsTr("Edit and send again as a new version")
                enabled: !App.chat.generating
                onClicked: { editField.text = message.text; message.editing = true; editField.forceActiveFocus() }
            }
            IconButton {
                objectName: "regenerateButton"
                icon.name: "view-refresh-symbolic"
                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                visible: !message.isUser
                text: qsTr("Regenerate")
                tip: qsTr("Write another version of this reply")
                enabled: !App.chat.generating && App.chat.modelReady
                onClicked: App.chat.regenerate(message.messageId)
            }
            IconButton {
                objectName: "deleteMessageButton"
                icon.name: "edit-delete-symbolic"
                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                text: qsTr("Delete")
                tip: qsTr("Delete this message and what follows it")
                enabled: !App.chat.generating
                onClicked: App.chat.deleteMessage(message.messageId)
            }
            Label {
                visible: !message.isUser && message.tokensPerSecond > 0
                leftPadding: 6
                text: (App.language, qsTr("%1 tokens/s").arg(App.formatNumber(message.tokensPerSecond, 1)))
                color: Theme.muted
                font.pointSize: App.settings.fontSize - 2
            }
            // The energy the machine used for this reply, where it could be measured.
            Label {
                id: energyLabel
                objectName: "energyLabel"
                visible: !message.isUser && message.energyWh >= 0
                leftPadding: 6
                text: (App.language, qsTr("%1 · %2").arg(App.formatEnergy(message.energyWh)).arg(App.formatCo2e(message.co2eGrams)))
                textFormat: Text.PlainText
                color: Theme.muted
                font.pointSize: App.settings.fontSize - 2
                Accessible.name: energyTip.text
                HoverHandler { id: energyHover }
                ToolTip {
                    id: energyTip
                    visible: energyHover.hovered
                    delay: 500
                    text: (App.language, qsTr("Energy used by this machine while writing the reply, measured from: %1. CO₂e estimated at %2 gCO₂e/kWh (the setting).")
                           .arg(message.energySources).arg(App.formatNumber(message.gridIntensity, 0)))
                }
            }
        }
    }
}
