// One search hit: the conversation's title and the snippet with the matches in bold.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ItemDelegate {
    id: hit
    required property var conversationId
    required property var messageId
    required property string title
    required property string snippet
    signal activated()
    onClicked: activated()
    Keys.onReturnPressed: activated()
    Accessible.name: qsTr("Result in %1").arg(title)
    background: Rectangle {
        radius: 6
        color: hit.highlighted ? Theme.selection : (hit.hovered ? Theme.surface : "transparent")
    }
    contentItem: ColumnLayout {
        spacing: 2
        Label {
            Layout.fillWidth: true
            text: hit.title
            textFormat: Text.PlainText
            font.bold: true
            elide: Text.ElideRight
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            text: hit.snippet
            textFormat: Text.StyledText
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            color: Theme.muted
            font.pointSize: App.settings.fontSize - 1
        }
    }
}
