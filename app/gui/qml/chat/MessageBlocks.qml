// A message's Markdown: prose blocks rendered with Text.MarkdownText, code blocks in a
// monospace box with a copy button.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: blocksView
    property var blocks: []
    property string plainText: ""
    property bool streaming: false
    spacing: 8

    Repeater {
        model: blocksView.blocks
        delegate: Loader {
            required property var modelData
            Layout.fillWidth: true
            sourceComponent: modelData.kind === "code" ? codeBlock : prose
            property var block: modelData
        }
    }

    // A reply that has not produced anything yet.
    BusyIndicator {
        objectName: "thinkingIndicator"
        visible: blocksView.streaming && blocksView.plainText === ""
        running: visible
        implicitWidth: 28
        implicitHeight: 28
        Accessible.name: qsTr("Writing a reply")
    }

    Component {
        id: prose
        TextEdit {
            objectName: "messageText"
            text: parent ? parent.block.text : ""
            textFormat: TextEdit.MarkdownText
            wrapMode: TextEdit.Wrap
            readOnly: true
            selectByMouse: true
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.pointSize: App.settings.fontSize
            onLinkActivated: (link) => Qt.openUrlExternally(link)
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
    }

    Component {
        id: codeBlock
        Rectangle {
            id: box
            readonly property var block: parent ? parent.block : ({})
            color: Theme.codeBackground
            radius: 6
            border.color: Theme.border
            implicitHeight: codeColumn.implicitHeight + 8
            ColumnLayout {
                id: codeColumn
                x: 10
                y: 4
                width: box.width - 20
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: box.block.language || qsTr("code")
                        color: Theme.muted
                        font.pointSize: App.settings.fontSize - 2
                    }
                    IconButton {
                        objectName: "copyCodeButton"
                        text: qsTr("Copy code")
                        tip: qsTr("Copy this code block")
                        onClicked: App.copyText(box.block.text)
                    }
                }
                TextEdit {
                    Layout.fillWidth: true
                    text: box.block.text
                    font.family: Theme.monoFamily
                    font.pointSize: App.settings.fontSize - 1
                    color: Theme.text
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    bottomPadding: 6
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Code: %1").arg(text)
                }
            }
        }
    }
}
