// An error shown in the window with its reason, dismissable.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Rectangle {
    id: banner
    property string message: ""
    signal dismissed()
    visible: message !== ""
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    color: Theme.dangerBackground
    border.color: Theme.danger
    radius: Theme.radius
    Accessible.role: Accessible.AlertMessage
    Accessible.name: message

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        Label {
            objectName: "errorText"
            Layout.fillWidth: true
            text: banner.message
            textFormat: Text.PlainText
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        IconButton {
            text: "✕"
            tint: Theme.danger
            tip: qsTr("Dismiss")
            onClicked: banner.dismissed()
        }
    }
}
