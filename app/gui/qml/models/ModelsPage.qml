// The Models page: Catalog, Installed and Search tabs over the download queue, with the model
// manager's errors and notices. Opened from the sidebar, the model picker or Ctrl+M.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Dialog {
    id: page
    objectName: "modelsPage"
    title: qsTr("Models")
    modal: true
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? Math.min(1000, parent.width - 40) : 1000
    height: parent ? parent.height - 40 : 700
    padding: 12
    // A popup takes its colours from the window, not from the shell: the theme's, set again when
    // the theme changes (bindings on a popup's palette are not re-evaluated in Qt 6.4).
    function applyTheme(popup) {
        popup.palette.window = Theme.background
        popup.palette.windowText = Theme.text
        popup.palette.base = Theme.background
        popup.palette.text = Theme.text
        popup.palette.button = Theme.dark ? "#3a3b41" : "#e6e7eb"
        popup.palette.buttonText = Theme.text
        popup.palette.highlight = Theme.accent
        popup.palette.highlightedText = Theme.accentText
        popup.palette.mid = Theme.border
        popup.palette.dark = Theme.dark ? "#8a8b93" : "#9a9ba3"
        popup.palette.light = Theme.dark ? "#3a3b41" : "#ffffff"
        popup.palette.midlight = Theme.dark ? "#33343a" : "#e9eaee"
    }
    Component.onCompleted: applyTheme(page)
    Connections {
        target: Theme
        function onDarkChanged() { page.applyTheme(page) }
    }
