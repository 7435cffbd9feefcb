// An error shown in the window with its reason, dismissable; the technical detail, when there is
// one, behind a "Details" button.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Rectangle {
    id: banner
    property string message: ""
    property string details: ""
    property bool showDetails: false
    onMessageChanged: showDetails = false
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
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                objectName: "errorText"
                Layout.fillWidth: true
                text: banner.message
                textFormat: Text.PlainText
                color: Theme.danger
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "errorDetails"
                Layout.fillWidth: true
                visible: banner.showDetails && banner.details !== ""
                text: banner.details
                textFormat: Text.PlainText
                color: Theme.text
                font.family: Theme.monoFamily
                font.pointSize: App.settings.fontSize - 2
                wrapMode: Text.WrapAnywhere
            }
        }
        IconButton {
            objectName: "errorDetailsButton"
            visible: banner.details !== ""
            text: banner.showDetails ? qsTr("Hide details") : qsTr("Details")
            tint: Theme.danger
            tip: banner.showDetails ? qsTr("Hide the technical details") : qsTr("Show the technical details")
            onClicked: banner.showDetails = !banner.showDetails
        }
        IconButton {
            text: "✕"
            tint: Theme.danger
            tip: qsTr("Dismiss")
            onClicked: banner.dismissed()
        }
    }
}
