// The first start (no model loaded): what a local model is in one sentence, the models already
// on this computer (LM Studio's and GPT4All's folders included), the few catalog models that fit
// this machine with one click to download, and "I already have GGUF files". When a download
// started here ends, the chat opens on that model.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: welcome
    objectName: "welcome"
    spacing: 12
    property string pendingEntry: ""  // the suggestion being downloaded from here

    Connections {
        target: App.models
        function onDownloadCompleted(catalogId, path) {
            if (catalogId !== "" && catalogId === welcome.pendingEntry && !App.chat.modelReady && !App.modelLoading) {
                welcome.pendingEntry = ""
                App.openModel(path)
            }
        }
    }

    Label {
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("Welcome to Causerie")
        font.pointSize: App.settings.fontSize + 8
        color: Theme.text
        wrapMode: Text.Wrap
    }
    Label {
        objectName: "welcomeIntro"
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: qsTr("A local model is a language model that runs on this computer: your conversations never leave it, and it keeps working offline. Choose one to start.")
        color: Theme.muted
    }

    // Models already here.
    Label {
        Layout.fillWidth: true
        Layout.topMargin: 8
        visible: App.models.installed.chatCount > 0
        text: qsTr("On this computer")
        font.bold: true
        color: Theme.text
    }
    // Repeaters in a Column, not straight in the layout: Qt 6.4's layouts can touch a delegate
    // that a model reset has just destroyed (a crash seen when a download ends).
    Column {
        Layout.fillWidth: true
        spacing: 8
        visible: App.models.installed.chatCount > 0
    Repeater {
        id: installedRepeater
        model: App.models.installed
        delegate: Rectangle {
            id: installedCard
            required property int index
            required property string path
            required property string modelId
            required property bool supported
            required property bool valid
            required property string quantization
            required property var size
            required property bool embedding
            visible: index < 3 && valid && supported && !embedding
            width: parent ? parent.width : 0
            implicitHeight: installedRow.implicitHeight + 16
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                id: installedRow
                anchors.fill: parent
                anchors.margins: 8
                spacing: 8
                Label {
                    Layout.fillWidth: true
                    text: (App.language, qsTr("%1 · %2 · %3").arg(installedCard.modelId).arg(installedCard.quantization)
                          .arg(App.formatBytes(installedCard.size)))
                    textFormat: Text.PlainText
                    elide: Text.ElideMiddle
                    color: Theme.text
                }
                ThemedButton {
                    objectName: "welcomeOpen_" + installedCard.index
                    accent: true
                    text: qsTr("Open")
                    Accessible.name: qsTr("Open %1").arg(installedCard.modelId)
                    onClicked: App.openModel(installedCard.path)
                }
            }
        }
    }
    }

    // Suggestions from the catalog.
    Label {
        Layout.fillWidth: true
        Layout.topMargin: 8
        visible: suggestionRepeater.count > 0
        text: App.models.deviceMemoryKnown
              ? qsTr("Suggested for this computer")
              : qsTr("Suggested (the memory of this computer's GPU is unknown: sizes are a guide)")
        font.bold: true
        color: Theme.text
        wrapMode: Text.Wrap
    }
    Column {
        Layout.fillWidth: true
        spacing: 8
        visible: suggestionRepeater.count > 0
    Repeater {
        id: suggestionRepeater
        model: App.models.suggestions
        delegate: Rectangle {
            id: card
            required property string entryId
            required property string name
            required property string description
            required property var size
            required property bool sizeApproximate
            required property string parameters
            required property bool installed
            required property bool downloading
            required property real downloadProgress
            required property string downloadState
            width: parent ? parent.width : 0
            implicitHeight: cardColumn.implicitHeight + 20
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            ColumnLayout {
                id: cardColumn
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 10
                spacing: 6
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: card.name
                            textFormat: Text.PlainText
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: (App.language, qsTr("%1 · %2%3 to download").arg(card.description)
                                  .arg(card.sizeApproximate ? "≈ " : "").arg(App.formatBytes(card.size)))
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            color: Theme.muted
                        }
                    }
                    ThemedButton {
                        objectName: "welcomeDownload_" + card.entryId
                        accent: true
                        enabled: !card.downloading && !card.installed
                        text: card.downloading ? qsTr("Downloading…") : qsTr("Download")
                        Accessible.name: qsTr("Download %1").arg(card.name)
                        onClicked: {
                            welcome.pendingEntry = card.entryId
                            App.models.downloadCatalogEntry(card.entryId)
                        }
                    }
                }
                ProgressBar {
                    objectName: "welcomeProgress_" + card.entryId
                    Layout.fillWidth: true
                    visible: card.downloading
                    from: 0
                    to: 1
                    value: card.downloadProgress
                    Accessible.name: qsTr("Download of %1: %2").arg(card.name)
                                     .arg(App.formatNumber(card.downloadProgress * 100, 0) + " %")
                }
            }
        }
    }
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: 8
        spacing: 8
        ThemedButton {
            objectName: "welcomeImport"
            text: qsTr("I already have GGUF files…")
            Accessible.name: qsTr("Import GGUF files I already have")
            onClicked: importPicker.open()
        }
        ThemedButton {
            objectName: "welcomeCatalog"
            text: qsTr("All models…")
            Accessible.name: qsTr("Open the Models page")
            onClicked: welcome.openModels()
        }
    }
    signal openModels()

    FilePicker {
        id: importPicker
        objectName: "welcomeImportPicker"
        title: qsTr("Open a GGUF model")
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onPicked: (file) => {
            App.models.importFile(file, false)  // listed among the installed models, used in place
            App.openModel(file)
        }
    }
}
