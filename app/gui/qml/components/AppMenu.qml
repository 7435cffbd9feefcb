// A menu in the theme's colours (it opens over the window, where the palette of the item that
// declares it does not reach).
import QtQuick
import QtQuick.Controls
import Causerie

Menu {
    Component.onCompleted: Theme.applyPalette(palette)
}
