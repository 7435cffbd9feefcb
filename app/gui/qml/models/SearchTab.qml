// Hugging Face search: repositories with GGUF files, then the chosen repository's files with
// their sizes and quantizations (the preferred one marked), each with a Download button.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: tab
    spacing: 8

    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: query
            objectName: "hfSearchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search Hugging Face for GGUF models (e.g. qwen 2.5)")
            color: Theme.text
            placeholderTextColor: Theme.muted
            background: Rectangle {
                implicitHeight: 34
                radius: 6
                color: Theme.raised
                border.color: query.activeFocus ? Theme.accent : Theme.border
            }
            Accessible.name: qsTr("Search Hugging Face")
            onAccepted: App.models.search(text)
        }
        ThemedButton {
            objectName: "hfSearchButton"
            accent: true
            text: qsTr("Search")
            enabled: query.text.trim() !== "" && !App.models.searching
            Accessible.name: qsTr("Search Hugging Face")
            onClicked: App.models.search(query.text)
        }
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("Server: %1 (change it in the settings to use a mirror)").arg(App.settings.hfBaseUrl)
        color: Theme.muted
        font.pointSize: App.settings.fontSize - 1
        elide: Text.ElideRight
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: 12

        ListView {
            id: repos
            objectName: "hfRepositoryList"
            // The tab's width, not the row's (which follows its children: 0 before the first
            // search, leaving a sliver for this list and its hint).
            Layout.preferredWidth: tab.width * 0.45
            Layout.minimumWidth: Math.min(220, tab.width * 0.45)
            Layout.fillHeight: true
            clip: true
            model: App.models.searchResults
            ScrollBar.vertical: ScrollBar {}
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Repositories found")
            BusyIndicator {
                anchors.centerIn: parent
                running: App.models.searching
            }
            Label {
                objectName: "hfEmptyHint"
                anchors.centerIn: parent
                width: parent.width - 20
                visible: repos.count === 0 && !App.models.searching
                text: qsTr("Search results appear here.")
                color: Theme.muted
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
            delegate: ItemDelegate {
                required property string repository
                required property real downloads
                required property real likes
                width: ListView.view.width
                highlighted: App.models.files.repository === repository
                text: repository
                Accessible.name: qsTr("Show the files of %1").arg(repository)
                contentItem: Column {
                    Label { text: repository; textFormat: Text.PlainText; color: Theme.text; elide: Text.ElideRight; width: parent.width; font.bold: true }
                    Label {
                        text: (App.language, qsTr("%1 downloads · %2 likes").arg(App.formatNumber(downloads, 0)).arg(App.formatNumber(likes, 0)))
                        color: Theme.muted
                        font.pointSize: App.settings.fontSize - 2
                    }
                }
                onClicked: App.models.listFiles(repository)
            }
        }

        Rectangle {
            Layout.fillHeight: true
            implicitWidth: 1
            color: Theme.border
        }

        ListView {
            id: files
            objectName: "hfFileList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: App.models.files
            ScrollBar.vertical: ScrollBar {}
            Accessible.role: Accessible.List
            Accessible.name: qsTr("GGUF files")
            header: Item {
                width: files.width
                height: App.models.files.repository !== "" ? headerLabel.implicitHeight + 6 : 0
                Label {
                    id: headerLabel
                    width: parent.width
                    visible: App.models.files.repository !== ""
                    text: qsTr("GGUF files of %1").arg(App.models.files.repository)
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideMiddle
                }
            }
            BusyIndicator {
                anchors.centerIn: parent
                running: App.models.listingFiles
            }
            delegate: RowLayout {
                id: fileRow
                required property int index
                required property string path
                required property real size
                required property string quantization
                required property bool splitPart
                width: ListView.view.width - 12
                Label {
                    Layout.fillWidth: true
                    text: fileRow.path
                    textFormat: Text.PlainText
                    color: Theme.text
                    elide: Text.ElideMiddle
                }
                Label {
                    text: fileRow.quantization !== "" ? fileRow.quantization : qsTr("unknown")
                    color: fileRow.index === App.models.files.preferredRow ? Theme.accent : Theme.muted
                    font.bold: fileRow.index === App.models.files.preferredRow
                    ToolTip.visible: fileRow.index === App.models.files.preferredRow && hover.hovered
                    ToolTip.text: qsTr("Recommended quantization")
                    HoverHandler { id: hover }
                }
                Label {
                    text: App.formatBytes(fileRow.size)
                    color: Theme.muted
                }
                ThemedButton {
                    objectName: "hfDownloadButton_" + fileRow.index
                    enabled: !fileRow.splitPart
                    text: fileRow.splitPart ? qsTr("Split file") : qsTr("Download")
                    Accessible.name: qsTr("Download %1").arg(fileRow.path)
                    onClicked: App.models.downloadFile(fileRow.index)
                }
            }
        }
    }
}
