// Installed models: the models folder and the files used in place, with their GGUF details and
// fit badge; Load, Delete (after a confirmation) and Import GGUF file… (copy or in place).
// Models found in LM Studio's and GPT4All's folders are offered "use in place".
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: tab
    spacing: 8
    property alias deleteDialog: deleteDialog
    property alias importModeDialog: importModeDialog
    required property var page  // the ModelsPage, for its theme colours

    function sourceText(source) {
        if (source === "lm-studio") return qsTr("LM Studio folder")
        if (source === "gpt4all") return qsTr("GPT4All folder")
        if (source === "in-place") return qsTr("used in place")
        return qsTr("models folder")
    }

    RowLayout {
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            text: App.models.scanning ? qsTr("Scanning the models folder…")
                                      : qsTr("Models folder: %1").arg(App.models.modelsDir)
            color: Theme.muted
            elide: Text.ElideMiddle
        }
        BusyIndicator {
            running: App.models.importing || App.models.scanning
            visible: running
            implicitWidth: 24
            implicitHeight: 24
        }
        ThemedButton {
            objectName: "importGgufButton"
            Layout.minimumWidth: implicitWidth
            text: qsTr("Import GGUF file…")
            enabled: !App.models.importing
            Accessible.name: qsTr("Import a GGUF file")
            onClicked: importFileDialog.open()
        }
        ThemedButton {
            objectName: "rescanButton"
            Layout.minimumWidth: implicitWidth
            text: qsTr("Rescan")
            Accessible.name: qsTr("Scan the models folder again")
            onClicked: App.models.rescan()
        }
    }

    Label {
        Layout.fillWidth: true
        visible: list.count === 0 && !App.models.scanning
        text: qsTr("No model installed yet. Download one from the catalog or import a GGUF file.")
        color: Theme.muted
        wrapMode: Text.Wrap
    }

    ListView {
        id: list
        objectName: "installedList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 8
        model: App.models.installed
        ScrollBar.vertical: ScrollBar {}
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Installed models")

        delegate: Rectangle {
            id: card
            required property string modelId
            required property string path
            required property string fileName
            required property real size
            required property string source
            required property bool valid
            required property string error
            required property string architecture
            required property string quantization
            required property string parameters
            required property int contextLength
            required property bool chatTemplate
            required property bool supported
            required property string fit
            required property int suggestedContext
            required property real neededBytes
            required property int expertLayersInSystemMemory
            required property bool external
            required property bool embedding
            objectName: "installedCard_" + modelId
            width: ListView.view.width - 12
            implicitHeight: row.implicitHeight + 20
            radius: Theme.radius
            color: Theme.raised
            border.color: path === App.modelPath ? Theme.accent : Theme.border

            RowLayout {
                id: row
                anchors.fill: parent
                anchors.margins: 10
                spacing: 12
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 3
                    Label {
                        Layout.fillWidth: true
                        text: card.modelId + (card.path === App.modelPath ? "  " + qsTr("(loaded)") : "")
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: card.valid
                        text: (App.language, qsTr("%1 · %2 · %3 parameters · context %4 · %5 on disk · %6")
                              .arg(card.architecture).arg(card.quantization).arg(card.parameters)
                              .arg(App.formatNumber(card.contextLength, 0)).arg(App.formatBytes(card.size))
                              .arg(card.embedding ? qsTr("embedding model")
                                   : card.chatTemplate ? qsTr("chat template") : qsTr("no chat template")))
                        textFormat: Text.PlainText
                        color: Theme.text
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: card.external
                        text: (App.language, qsTr("Found in the %1 · %2").arg(tab.sourceText(card.source)).arg(App.formatBytes(card.size)))
                        textFormat: Text.PlainText
                        color: Theme.text
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !card.valid && !card.external
                        text: qsTr("Unreadable: %1").arg(card.error)
                        textFormat: Text.PlainText
                        color: Theme.danger
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: card.valid && !card.supported
                        text: qsTr("Architecture %1 is not yet supported").arg(card.architecture)
                        textFormat: Text.PlainText
                        color: Theme.danger
                    }
                    Label {
                        Layout.fillWidth: true
                        text: (App.language, tab.sourceText(card.source) + " · " + card.path)
                        textFormat: Text.PlainText
                        color: Theme.muted
                        font.pointSize: App.settings.fontSize - 2
                        elide: Text.ElideMiddle
                    }
                }
                // An embedding model searches documents (Documents page); it is never loaded for chat.
                Label {
                    objectName: "embeddingLabel_" + card.modelId
                    visible: card.valid && card.supported && card.embedding
                    text: qsTr("Embedding model (for documents)")
                    padding: 6
                    color: Theme.text
                    background: Rectangle {
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.accent
                    }
                }
                FitBadge {
                    visible: card.valid && card.supported && !card.embedding
                    fit: card.fit
                    suggestedContext: card.suggestedContext
                    neededBytes: card.neededBytes
                    expertLayers: card.expertLayersInSystemMemory
                }
                ThemedButton {
                    objectName: "loadButton_" + card.modelId
                    visible: !card.external && !card.embedding
                    enabled: card.valid && card.supported && !App.modelLoading
                    text: qsTr("Load")
                    accent: card.path !== App.modelPath
                    Accessible.name: qsTr("Load %1").arg(card.modelId)
                    onClicked: App.openModel(card.path)
                }
                ThemedButton {
                    objectName: "useInPlaceButton_" + card.modelId
                    visible: card.external
                    text: qsTr("Use in place")
                    Accessible.name: qsTr("Use %1 where it is").arg(card.fileName)
                    onClicked: App.models.importFile(card.path, false)
                }
                ThemedButton {
                    objectName: "deleteButton_" + card.modelId
                    visible: !card.external
                    enabled: card.path !== App.modelPath  // unload it first: load another model
                    text: card.source === "models-folder" ? qsTr("Delete") : qsTr("Forget")
                    Accessible.name: qsTr("Delete %1").arg(card.modelId)
                    onClicked: App.models.requestRemoval(card.path)
                }
            }
        }
    }

    FilePicker {
        id: importFileDialog
        objectName: "importModelPicker"
        title: qsTr("Import a GGUF model")
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onPicked: (file) => {
            importModeDialog.file = file
            importModeDialog.open()
        }
    }

    AppDialog {
        id: importModeDialog
        objectName: "importModeDialog"
        property string file: ""
        width: 480
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        background: Rectangle {
            color: Theme.raised
            border.color: Theme.border
            radius: Theme.radius
        }
        header: Label {
            text: importModeDialog.title
            textFormat: Text.PlainText
            font.bold: true
            color: Theme.text
            padding: 14
            bottomPadding: 0
            elide: Text.ElideRight
        }
        title: qsTr("Import %1").arg(decodeURIComponent(file.split("/").pop()))
        Label {
            width: parent.width
            text: qsTr("Copy the file into the models folder, or use it where it is (it must then stay there)?")
            wrapMode: Text.Wrap
            color: Theme.text
        }
        footer: DialogButtonBox {
            background: Rectangle { color: "transparent" }
            ThemedButton {
                objectName: "importCopyButton"
                text: qsTr("Copy")
                Accessible.name: qsTr("Copy the file into the models folder")
                onClicked: { App.models.importFile(importModeDialog.file, true); importModeDialog.close() }
            }
            ThemedButton {
                objectName: "importInPlaceButton"
                text: qsTr("Use in place")
                Accessible.name: qsTr("Use the file where it is")
                onClicked: { App.models.importFile(importModeDialog.file, false); importModeDialog.close() }
            }
            ThemedButton {
                text: qsTr("Cancel")
                Accessible.name: qsTr("Cancel the import")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
    }

    AppDialog {
        id: deleteDialog
        objectName: "deleteModelDialog"
        property var plan: ({})
        width: 480
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: plan.forgetOnly ? qsTr("Forget this model?") : qsTr("Delete this model?")
        Label {
            objectName: "deleteModelText"
            width: parent.width
            text: (App.language, deleteDialog.plan.forgetOnly
                  ? qsTr("%1 will be removed from the list; the file stays where it is.").arg(deleteDialog.plan.name)
                  : qsTr("%1 will be deleted from the disk, freeing %2.").arg(deleteDialog.plan.name)
                        .arg(App.formatBytes(deleteDialog.plan.bytes || 0)))
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.text
        }
        footer: DialogButtonBox {
            background: Rectangle { color: "transparent" }
            ThemedButton {
                objectName: "confirmDeleteButton"
                destructive: !deleteDialog.plan.forgetOnly
                text: deleteDialog.plan.forgetOnly ? qsTr("Forget") : qsTr("Delete")
                Accessible.name: qsTr("Confirm: remove %1").arg(deleteDialog.plan.name)
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            ThemedButton {
                objectName: "cancelDeleteButton"
                text: qsTr("Cancel")
                Accessible.name: qsTr("Keep the model")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        background: Rectangle {
            color: Theme.raised
            border.color: Theme.border
            radius: Theme.radius
        }
        header: Label {
            text: deleteDialog.title
            textFormat: Text.PlainText
            font.bold: true
            color: Theme.text
            padding: 14
            bottomPadding: 0
            elide: Text.ElideRight
        }
        onAccepted: App.models.confirmRemoval(plan.path)
    }

    Connections {
        target: App.models
        function onRemovalPlanned(plan) {
            deleteDialog.plan = plan
            deleteDialog.open()
        }
    }
}
