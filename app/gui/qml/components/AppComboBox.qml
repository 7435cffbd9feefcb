// A combo box whose list takes the theme's colours (its popup opens over the window, where the
// palette of the page that holds it does not reach).
import QtQuick
import QtQuick.Controls
import Causerie

ComboBox {
    Component.onCompleted: Theme.applyPalette(popup.palette)
}
