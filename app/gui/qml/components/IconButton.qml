// A small flat button: an icon from the desktop's icon theme (`icon.name`, shown alone) or, without
// one, its text; a tooltip and an accessible name.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.impl
import Causerie

ToolButton {
    id: control
    property string tip: ""
    property color tint: Theme.muted
    readonly property color shade: enabled ? (hovered || visualFocus ? Theme.text : tint) : Theme.border
    focusPolicy: Qt.StrongFocus
    font.pointSize: App.settings.fontSize - 1
    display: icon.name !== "" ? AbstractButton.IconOnly : AbstractButton.TextOnly
    icon.width: 18
    icon.height: 18
    icon.color: shade
    Accessible.name: tip !== "" ? tip : text
    ToolTip.visible: tip !== "" && (hovered || visualFocus)
    ToolTip.text: tip
    ToolTip.delay: 600
    ToolTip.timeout: 4000  // not left over the conversation
    contentItem: IconLabel {
        spacing: control.spacing
        display: control.display
        icon: control.icon
        text: control.text
        font: control.font
        color: control.shade
    }
    background: Rectangle {
        implicitWidth: 28
        implicitHeight: 28
        radius: 6
        color: control.down ? Theme.selection : (control.hovered ? Theme.surface : "transparent")
        border.color: control.visualFocus ? Theme.accent : "transparent"
    }
}
