// The application window.
import QtQuick
import QtQuick.Controls
import Causerie

ApplicationWindow {
    id: window
    width: 1180
    height: 760
    minimumWidth: 640
    minimumHeight: 420
    visible: true
    title: App.chat.title !== "" ? qsTr("%1 — Causerie").arg(App.chat.title) : "Causerie"
    color: Theme.background
    // Popups that open over the window (Qt's file dialog among them) take the window's palette.
    Component.onCompleted: Theme.applyPalette(window.palette)

    AppShell {
        anchors.fill: parent
    }
}
