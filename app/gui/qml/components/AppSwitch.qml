// A switch in the theme's colours: its track stays visible when off (the Basic style's nearly
// matches the dark theme's background), the accent when on, a ring when it has the keyboard.
import QtQuick
import QtQuick.Controls
import Causerie

Switch {
    id: control
    palette.windowText: Theme.text
    indicator: Rectangle {
        implicitWidth: 40
        implicitHeight: 22
        x: control.leftPadding
        y: (control.height - height) / 2
        radius: height / 2
        opacity: control.enabled ? 1 : 0.5
        color: control.checked ? Theme.accent : Theme.surface
        border.color: control.visualFocus || control.checked ? Theme.accent : Theme.muted
        border.width: control.visualFocus ? 2 : 1

        Rectangle {
            width: 16
            height: 16
            radius: 8
            anchors.verticalCenter: parent.verticalCenter
            x: control.checked ? parent.width - width - 3 : 3
            color: control.checked ? Theme.accentText : Theme.muted
            Behavior on x {
                NumberAnimation { duration: 100 }
            }
        }
    }
}
