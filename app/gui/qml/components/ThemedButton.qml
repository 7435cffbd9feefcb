// A push button drawn with the Theme's colours (popups do not follow the shell's palette when
// the theme changes at run time). `accent` makes it the primary action, `destructive` the one
// that deletes.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.impl
import Causerie

Button {
    id: control
    property bool accent: false
    property bool destructive: false
    focusPolicy: Qt.StrongFocus
    readonly property color shade: !control.enabled ? Theme.muted
                                   : control.destructive ? (Theme.contrast ? "#000000" : "#ffffff")
                                   : control.accent ? Theme.accentText : Theme.text
    // A red that carries white text at 4.5:1 in every theme (the danger text colour is lighter in dark).
    readonly property color dangerFill: Theme.contrast ? Theme.danger : "#c62828"
    icon.width: 16
    icon.height: 16
    icon.color: shade
    contentItem: IconLabel {
        spacing: 6
        display: control.display
        icon: control.icon
        text: control.text
        font: control.font
        color: control.shade
    }
    background: Rectangle {
        implicitWidth: 88
        implicitHeight: 34
        radius: 6
        color: control.destructive && control.enabled
               ? (control.down ? Qt.darker(control.dangerFill, 1.2) : control.dangerFill)
               : control.accent && control.enabled
               ? (control.down ? Qt.darker(Theme.accent, 1.2) : Theme.accent)
               : (control.down ? Theme.selection : (control.hovered ? Theme.border : (Theme.dark ? "#3a3b41" : "#e6e7eb")))
        opacity: control.enabled ? 1 : 0.6
        border.color: control.visualFocus ? Theme.accent : "transparent"
        border.width: 2
    }
}
