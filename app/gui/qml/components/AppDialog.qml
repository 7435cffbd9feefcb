// A dialog of the app: modal, centred over the window, in the theme's colours (a popup over the
// window does not take the shell's palette, so each dialog binds its own to the theme).
import QtQuick
import QtQuick.Controls
import Causerie

Dialog {
    parent: Overlay.overlay
    anchors.centerIn: parent
    modal: true
    Component.onCompleted: Theme.applyPalette(palette)
}
