// A message's Markdown: prose blocks rendered with TextEdit.MarkdownText (made safe by the
// model: no image, no raw HTML, links only of safe schemes), code blocks as plain text in a
// monospace box with a copy button. A link shows its target on hover and opens only on click.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: blocksView
    property var blocks: []
    property string plainText: ""
    property bool streaming: false
    property bool tabStop: true  // its buttons are reached by Tab (only in the current message)
    // A marker [N] of a reply with sources was clicked (its link is "#source-N").
    signal citationActivated(int marker)
    spacing: 8

    // The blocks are kept in a ListModel updated in place, so that a streaming reply changes the
    // text of its last block instead of rebuilding every block at each piece.
    ListModel { id: blockModel }
    onBlocksChanged: sync()
    Component.onCompleted: sync()
    function sync() {
        const list = blocks || []
        for (let i = 0; i < list.length; ++i) {
            const b = list[i]
            if (i >= blockModel.count) {
                blockModel.append({ kind: b.kind, text: b.text, language: b.language })
                continue
            }
            const current = blockModel.get(i)
            if (current.kind !== b.kind) {
                blockModel.set(i, { kind: b.kind, text: b.text, language: b.language })
                continue
            }
            if (current.text !== b.text) blockModel.setProperty(i, "text", b.text)
            if (current.language !== b.language) blockModel.setProperty(i, "language", b.language)
        }
        while (blockModel.count > list.length) blockModel.remove(blockModel.count - 1)
    }

    Repeater {
        model: blockModel
        delegate: Loader {
            required property string kind
            required property string text
            required property string language
            Layout.fillWidth: true
            sourceComponent: kind === "code" ? codeBlock : prose
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
            text: parent ? parent.text : ""
            textFormat: TextEdit.MarkdownText
            wrapMode: TextEdit.Wrap
            readOnly: true
            selectByMouse: true
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.pointSize: App.settings.fontSize
            onLinkActivated: (link) => {
                const cite = /^#source-(\d+)$/.exec(link)
                if (cite) blocksView.citationActivated(parseInt(cite[1]))
                else App.openLink(link)
            }
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            id: proseText
            HoverHandler {
                cursorShape: proseText.hoveredLink !== "" ? Qt.PointingHandCursor : Qt.IBeamCursor
            }
            // The target before a click: encoded, so that nothing in it can disguise it.
            ToolTip {
                objectName: "linkTargetTip"
                readonly property var cite: /^#source-(\d+)$/.exec(proseText.hoveredLink)
                readonly property string target: proseText.hoveredLink !== "" && !cite ? App.linkTarget(proseText.hoveredLink) : ""
                visible: proseText.hoveredLink !== ""
                delay: 300
                text: cite ? qsTr("Source %1: show it below").arg(cite[1])
                      : target !== "" ? target : qsTr("This link cannot be opened: %1").arg(encodeURI(proseText.hoveredLink))
            }
        }
    }

    Component {
        id: codeBlock
        Rectangle {
            id: box
            readonly property string blockText: parent ? parent.text : ""
            readonly property string blockLanguage: parent ? parent.language : ""
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
                        text: box.blockLanguage !== "" ? box.blockLanguage : qsTr("code")
                        textFormat: Text.PlainText
                        color: Theme.muted
                        font.pointSize: App.settings.fontSize - 2
                    }
                    IconButton {
                        objectName: "copyCodeButton"
                        icon.name: "edit-copy-symbolic"
                        display: AbstractButton.TextBesideIcon
                        focusPolicy: blocksView.tabStop ? Qt.StrongFocus : Qt.NoFocus
                        text: qsTr("Copy code")
                        tip: qsTr("Copy this code block")
                        onClicked: App.copyText(box.blockText)
                    }
                }
                TextEdit {
                    Layout.fillWidth: true
                    text: box.blockText
                    textFormat: TextEdit.PlainText
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
