// Where the user writes: Enter sends, Shift+Enter adds a line; Send becomes Stop while a reply
// streams (Esc stops too).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Rectangle {
    id: composer
    property alias input: input
    color: Theme.raised
    radius: Theme.radius + 4
    border.color: input.activeFocus ? Theme.accent : Theme.border
    implicitHeight: Math.min(220, Math.max(52, input.implicitHeight + 16))

    function send() {
        if (App.chat.send(input.text)) input.clear()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 6
        spacing: 6

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            AppTextArea {
                id: input
                objectName: "composerInput"
                focus: true
                wrapMode: TextEdit.Wrap
                placeholderText: App.chat.modelReady ? qsTr("Message (Enter to send, Shift+Enter for a new line)")
                                                     : qsTr("Open a model to start chatting")
                Accessible.name: qsTr("Message")
                placeholderTextColor: Theme.muted
                background: null
                color: Theme.text
                Keys.onPressed: (event) => {
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)) {
                        if (event.modifiers & Qt.ShiftModifier) {
                            input.insert(input.cursorPosition, "\n")
                        } else {
                            composer.send()
                        }
                        event.accepted = true
                    }
                }
            }
        }

        ThemedButton {
            id: sendButton
            objectName: App.chat.generating ? "stopButton" : "sendButton"
            Layout.alignment: Qt.AlignBottom
            text: App.chat.generating ? qsTr("Stop") : qsTr("Send")
            // The primary action: in the accent colour whenever it can send.
            accent: !App.chat.generating
            icon.name: App.chat.generating ? "media-playback-stop-symbolic" : "document-send-symbolic"
            enabled: App.chat.generating || (App.chat.modelReady && input.text.trim() !== "")
            Accessible.name: App.chat.generating ? qsTr("Stop the reply (Esc)") : qsTr("Send the message (Enter)")
            ToolTip.visible: hovered
            ToolTip.text: Accessible.name
            ToolTip.delay: 600
            ToolTip.timeout: 4000
            onClicked: App.chat.generating ? App.chat.stop() : composer.send()
        }
    }
}
