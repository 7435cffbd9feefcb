// The Models page: Catalog, Installed and Search tabs over the download queue, with the model
// manager's errors and notices. Opened from the sidebar, the model picker or Ctrl+M.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

AppDialog {
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

    // A tab of the page: the current one underlined in the accent colour.
    component PageTab: TabButton {
        id: pageTab
        contentItem: Label {
            text: pageTab.text
            font: pageTab.font
            color: pageTab.checked ? Theme.text : Theme.muted
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideRight
        }
        background: Rectangle {
            implicitHeight: 36
            color: pageTab.hovered && !pageTab.checked ? Theme.surface : Theme.background
            Rectangle {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: pageTab.checked ? 3 : 1
                color: pageTab.checked ? Theme.accent : Theme.border
            }
            Rectangle {
                anchors.fill: parent
                color: "transparent"
                border.color: pageTab.visualFocus ? Theme.accent : "transparent"
            }
        }
    }

    // Notices (an import done, a model removed) fade after a while.
    Timer {
        interval: 8000
        running: App.models.notice !== ""
        onTriggered: App.models.clearNotice()
    }

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
            textFormat: Text.PlainText
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

        // An error shows on its own tab only (a page-wide one, e.g. the database, on every tab).
        ErrorBanner {
            objectName: "modelsError"
            Layout.fillWidth: true
            readonly property var tabScopes: ["catalog", "installed", "search"]
            message: App.models.errorScope === "" || App.models.errorScope === tabScopes[tabs.currentIndex] ? App.models.error : ""
            details: App.models.errorDetails
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
            background: Rectangle { color: Theme.background }
            PageTab {
                objectName: "catalogTabButton"
                text: qsTr("Catalog")
                Accessible.name: qsTr("Catalog of recommended models")
            }
            PageTab {
                objectName: "installedTabButton"
                text: (App.language, qsTr("Installed (%1)").arg(App.models.installed.installedCount))
                Accessible.name: qsTr("Installed models")
            }
            PageTab {
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
            InstalledTab { id: installedTab; page: page }
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
