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
    required property var sources
    // The source whose excerpt is shown in place (0: none).
    property int openSource: 0
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

        Label {
            objectName: "searchingDocuments"
            visible: message.streaming && App.chat.searchingDocuments
            text: qsTr("Searching your documents…")
            textFormat: Text.PlainText
            color: Theme.muted
            font.italic: true
            font.pointSize: App.settings.fontSize - 1
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
                onCitationActivated: (marker) => message.openSource = message.openSource === marker ? 0 : marker
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

        // The excerpts the reply was given: file, page, heading; a click shows the excerpt in place,
        // "Open" opens the file (at the page of a PDF) in the desktop's viewer.
        ColumnLayout {
            objectName: "sourcesList"
            Layout.fillWidth: true
            visible: !message.isUser && message.sources && message.sources.length > 0
            spacing: 2
            Label {
                text: qsTr("Sources")
                font.bold: true
                font.pointSize: App.settings.fontSize - 1
                color: Theme.muted
            }
            Repeater {
                model: message.sources || []
                delegate: Rectangle {
                    id: sourceRow
                    required property var modelData
                    readonly property bool expanded: message.openSource === modelData.marker
                    objectName: "source_" + modelData.marker
                    Layout.fillWidth: true
                    implicitHeight: sourceColumn.implicitHeight + 8
                    radius: 6
                    color: expanded ? Theme.surface : "transparent"
                    border.color: expanded ? Theme.border : "transparent"
                    ColumnLayout {
                        id: sourceColumn
                        x: 6
                        y: 4
                        width: parent.width - 12
                        spacing: 2
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 6
                            ItemDelegate {
                                id: sourceButton
                                objectName: "sourceButton"
                                Layout.fillWidth: true
                                padding: 2
                                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                                Accessible.name: sourceLabel.text
                                Accessible.description: sourceRow.expanded ? qsTr("Hide the excerpt") : qsTr("Show the excerpt")
                                onClicked: message.openSource = sourceRow.expanded ? 0 : sourceRow.modelData.marker
                                background: Rectangle {
                                    color: sourceButton.hovered ? Theme.surface : "transparent"
                                    radius: 4
                                    border.color: sourceButton.visualFocus ? Theme.accent : "transparent"
                                }
                                contentItem: Label {
                                    id: sourceLabel
                                    text: {
                                        App.language
                                        const s = sourceRow.modelData
                                        let where = s.fileName
                                        if (s.page > 0) where = qsTr("%1, page %2").arg(where).arg(App.formatNumber(s.page, 0))
                                        if (s.heading !== "") where = qsTr("%1 · %2").arg(where).arg(s.heading)
                                        return qsTr("[%1] %2").arg(s.marker).arg(where)
                                    }
                                    textFormat: Text.PlainText
                                    color: sourceRow.modelData.cited ? Theme.text : Theme.muted
                                    font.pointSize: App.settings.fontSize - 1
                                    elide: Text.ElideMiddle
                                }
                            }
                            IconButton {
                                objectName: "openSourceButton"
                                icon.name: "document-open-symbolic"
                                display: AbstractButton.TextBesideIcon
                                focusPolicy: message.current ? Qt.StrongFocus : Qt.NoFocus
                                text: qsTr("Open")
                                tip: sourceRow.modelData.page > 0 ? qsTr("Open %1 at page %2").arg(sourceRow.modelData.fileName).arg(sourceRow.modelData.page)
                                                                 : qsTr("Open %1").arg(sourceRow.modelData.fileName)
                                onClicked: Qt.openUrlExternally(sourceRow.modelData.url)
                            }
                        }
                        Label {
                            objectName: "sourceExcerpt"
                            Layout.fillWidth: true
                            visible: sourceRow.expanded
                            text: sourceRow.modelData.excerpt
                            textFormat: Text.PlainText
                            color: Theme.text
                            wrapMode: Text.Wrap
                            font.pointSize: App.settings.fontSize - 1
                            leftPadding: 8
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: sourceRow.expanded
                            text: qsTr("%1 · collection “%2”").arg(sourceRow.modelData.path).arg(sourceRow.modelData.collection)
                            textFormat: Text.PlainText
                            color: Theme.muted
                            font.pointSize: App.settings.fontSize - 2
                            elide: Text.ElideMiddle
                            leftPadding: 8
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
