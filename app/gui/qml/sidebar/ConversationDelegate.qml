// One conversation in the sidebar: title and date; menu to rename or delete.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ItemDelegate {
    id: row
    required property var conversationId
    required property string title
    required property var updated
    property bool selected: false
    signal activated()
    signal renameRequested()
    signal deleteRequested()
    signal exportRequested(string format)

    Accessible.name: title
    Accessible.description: (App.language, App.isToday(updated) ? qsTr("Conversation, updated today at %1").arg(App.formatDate(updated))
                                                                : qsTr("Conversation, updated on %1").arg(App.formatDate(updated)))
    highlighted: selected
    onClicked: activated()
    Keys.onReturnPressed: activated()
    Keys.onDeletePressed: deleteRequested()
    Keys.onPressed: (event) => { if (event.key === Qt.Key_F2) { renameRequested(); event.accepted = true } }

    background: Rectangle {
        radius: 6
        color: row.selected ? Theme.selection : (row.hovered ? Theme.surface : "transparent")
        border.color: row.visualFocus ? Theme.accent : "transparent"
    }
    contentItem: RowLayout {
        spacing: 4
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 1
            Label {
                Layout.fillWidth: true
                text: row.title
                textFormat: Text.PlainText
                elide: Text.ElideRight
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                text: (App.language, App.formatDate(row.updated))
                font.pointSize: App.settings.fontSize - 2
                color: Theme.muted
                elide: Text.ElideRight
            }
        }
        IconButton {
            objectName: "conversationMenuButton"
            text: "⋯"
            tip: qsTr("Conversation actions")
            visible: row.hovered || row.selected || activeFocus
            onClicked: menu.popup()
        }
    }
    AppMenu {
        id: menu
        MenuItem {
            text: qsTr("Rename…")
            Accessible.name: qsTr("Rename conversation")
            onTriggered: row.renameRequested()
        }
        MenuItem {
            text: qsTr("Export as Markdown…")
            onTriggered: row.exportRequested("markdown")
        }
        MenuItem {
            text: qsTr("Export as JSON…")
            onTriggered: row.exportRequested("json")
        }
        MenuItem {
            text: qsTr("Delete…")
            Accessible.name: qsTr("Delete conversation")
            onTriggered: row.deleteRequested()
        }
    }
}
