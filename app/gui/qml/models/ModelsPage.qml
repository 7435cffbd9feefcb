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
    property alias tabs: tabs
    property alias catalogTab: catalogTab
    property alias installedTab: installedTab
    property alias searchTab: searchTab
    property alias downloadsPanel: downloadsPanel

    background: Rectangle {
        color: Theme.background
        border.color: Theme.border
        radius: Theme.radius
    }
    header: RowLayout {
        spacing: 8
        Label {
            Layout.fillWidth: true
            text: page.title
            font.pointSize: App.settings.fontSize + 3
            font.bold: true
            color: Theme.text
            padding: 16
            bottomPadding: 4
        }
        IconButton {
            objectName: "closeModelsButton"
            Layout.rightMargin: 12
            text: "✕"
            tip: qsTr("Close the models page")
            onClicked: page.close()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        ErrorBanner {
            objectName: "modelsError"
            Layout.fillWidth: true
            message: App.models.error
            onDismissed: App.models.clearError()
        }
        Label {
            objectName: "modelsNotice"
            Layout.fillWidth: true
            visible: App.models.notice !== ""
            text: App.models.notice
            color: Theme.muted
            wrapMode: Text.Wrap
        }

        TabBar {
            id: tabs
            objectName: "modelsTabs"
            Layout.fillWidth: true
            TabButton {
                objectName: "catalogTabButton"
                text: qsTr("Catalog")
                Accessible.name: qsTr("Catalog of recommended models")
            }
            TabButton {
                objectName: "installedTabButton"
                text: (App.language, qsTr("Installed (%1)").arg(App.models.installed.installedCount))
                Accessible.name: qsTr("Installed models")
            }
            TabButton {
                objectName: "searchTabButton"
                text: qsTr("Search Hugging Face")
                Accessible.name: qsTr("Search Hugging Face")
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex
            CatalogTab { id: catalogTab }
            InstalledTab { id: installedTab }
            SearchTab { id: searchTab }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Theme.border
            visible: downloadsPanel.visible
        }
        DownloadsPanel {
            id: downloadsPanel
            objectName: "downloadsPanel"
            Layout.fillWidth: true
            visible: App.models.downloads.count > 0
        }
    }
}
