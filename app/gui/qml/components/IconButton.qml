// A small flat button with a text label or glyph, a tooltip and an accessible name.
import QtQuick
import QtQuick.Controls
import Causerie

ToolButton {
    id: control
    property string tip: ""
    property color tint: Theme.muted
    focusPolicy: Qt.StrongFocus
    font.pointSize: App.settings.fontSize - 1
    Accessible.name: tip !== "" ? tip : text
    ToolTip.visible: tip !== "" && (hovered || visualFocus)
    ToolTip.text: tip
    ToolTip.delay: 600
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.enabled ? (control.hovered || control.visualFocus ? Theme.text : control.tint) : Theme.border
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitWidth: 28
        implicitHeight: 28
        radius: 6
        color: control.down ? Theme.selection : (control.hovered ? Theme.surface : "transparent")
        border.color: control.visualFocus ? Theme.accent : "transparent"
    }
}
