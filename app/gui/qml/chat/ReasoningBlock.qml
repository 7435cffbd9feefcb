// What a reasoning model thought before its answer: a collapsible block above the answer, open
// while it thinks ("Thinking…"), closed once the answer starts ("Thought for 12 s"); a click
// (or Space) opens and closes it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: block
    property string reasoning: ""   // safe Markdown
    property real reasoningMs: 0
    property bool thinking: false   // still reasoning (no answer yet)
    property bool tabStop: true     // the toggle is reached by Tab (only in the current message)
    property bool expanded: thinking
    onThinkingChanged: expanded = thinking
    spacing: 4

    ItemDelegate {
        id: toggle
        objectName: "reasoningToggle"
        focusPolicy: block.tabStop ? Qt.StrongFocus : Qt.NoFocus
        Layout.fillWidth: true
        padding: 4
        leftPadding: 8
        text: block.thinking ? qsTr("Thinking…")
              : block.reasoningMs > 0 ? (App.language, qsTr("Thought for %1 s").arg(App.formatNumber(block.reasoningMs / 1000, block.reasoningMs < 10000 ? 1 : 0)))
              : qsTr("Reasoning")
        contentItem: RowLayout {
            spacing: 6
            Label {
                text: block.expanded ? "▾" : "▸"
                color: Theme.muted
            }
            Label {
                Layout.fillWidth: true
                text: toggle.text
                textFormat: Text.PlainText
                color: Theme.muted
                font.italic: true
            }
            BusyIndicator {
                visible: block.thinking
                running: visible
                implicitWidth: 18
                implicitHeight: 18
            }
        }
        background: Rectangle {
            radius: 6
            color: toggle.hovered || toggle.visualFocus ? Theme.surface : "transparent"
            border.color: toggle.visualFocus ? Theme.accent : "transparent"
        }
        Accessible.role: Accessible.Button  // not a list item (ItemDelegate's default role)
        Accessible.name: block.expanded ? qsTr("%1, shown: hide the reasoning").arg(text) : qsTr("%1, hidden: show the reasoning").arg(text)
        onClicked: block.expanded = !block.expanded
    }

    Rectangle {
        Layout.fillWidth: true
        visible: block.expanded
        implicitHeight: reasoningText.implicitHeight + 16
        color: "transparent"
        Rectangle {  // the quote bar
            width: 3
            height: parent.height
            radius: 1
            color: Theme.border
        }
        TextEdit {
            id: reasoningText
            objectName: "reasoningText"
            x: 14
            y: 8
            width: parent.width - 18
            text: block.reasoning
            textFormat: TextEdit.MarkdownText
            wrapMode: TextEdit.Wrap
            readOnly: true
            selectByMouse: true
            color: Theme.muted
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.pointSize: App.settings.fontSize - 1
            onLinkActivated: (link) => App.openLink(link)
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Reasoning: %1").arg(getText(0, length))
        }
    }
}
