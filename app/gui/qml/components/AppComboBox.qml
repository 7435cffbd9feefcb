// A combo box whose list takes the theme's colours (its popup opens over the window, where the
// palette of the page that holds it does not reach). For assistive technology it is one named
// combo box: the read-only text field inside it (Basic style) is left out of the tree, since it
// would be an unnamed text node.
import QtQuick
import QtQuick.Controls
import Causerie

ComboBox {
    id: control
    Component.onCompleted: {
        Theme.applyPalette(popup.palette)
        if (!editable && contentItem) contentItem.Accessible.ignored = true
    }
    Accessible.description: displayText
}
