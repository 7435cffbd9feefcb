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

    AppShell {
        anchors.fill: parent
    }
}
