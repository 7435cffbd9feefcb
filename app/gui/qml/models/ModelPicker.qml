// The model picker: the installed models (from the library), the models of the remote
// connections (Settings > Connections), marked as remote, the last one used,
// "Open GGUF file…" and the Models page.
import QtQuick
import QtQuick.Controls
import Causerie

Button {
    id: picker
    objectName: "modelPicker"
    signal manageModels()
    text: (App.modelLoading && !App.modelIsRemote ? qsTr("Loading…")
                            : (App.modelName !== "" ? (App.modelIsRemote ? "☁ " : "") + App.modelName : qsTr("Choose a model"))) + "  ▾"
    Accessible.name: App.modelIsRemote ? qsTr("Model: %1 (remote)").arg(App.modelName)
                                       : qsTr("Model: %1").arg(App.modelName !== "" ? App.modelName : qsTr("none"))
    ToolTip.visible: hovered && App.modelDetails !== ""
    ToolTip.text: App.modelDetails
    ToolTip.delay: 400
    flat: true
    onClicked: menu.open()

    AppMenu {
        id: menu
        objectName: "modelMenu"
        y: picker.height
        width: 340
        Instantiator {
            model: App.models.installed
            delegate: MenuItem {
                required property string path
                required property string modelId
                required property bool external
                required property bool valid
                required property string fit
                required property bool embedding
                objectName: "installedModelItem"
                // Embedding models search documents; they are not chat models.
                visible: !external && valid && !embedding
                height: visible ? implicitHeight : 0
                text: modelId + (path === App.modelPath && !App.modelIsRemote ? "  ✓" : "")
                Accessible.name: qsTr("Load %1").arg(modelId)
                onTriggered: App.openModel(path)
            }
            onObjectAdded: (index, object) => menu.insertItem(index, object)
            onObjectRemoved: (index, object) => menu.removeItem(object)
        }
        MenuSeparator {
            visible: App.models.installed.chatCount > 0
            height: visible ? implicitHeight : 0
        }
        // The remote models, after the local ones: "☁ model — connection (remote)".
        Instantiator {
            id: remoteItems
            model: App.connections.remoteModels
            delegate: MenuItem {
                required property string connectionId
                required property string connectionName
                required property string modelId
                objectName: "remoteModelItem"
                text: qsTr("☁ %1 — %2 (remote)").arg(modelId).arg(connectionName)
                      + (App.remoteModelKey === connectionId + "/" + modelId ? "  ✓" : "")
                Accessible.name: qsTr("Use %1 on %2 (remote)").arg(modelId).arg(connectionName)
                onTriggered: App.useRemoteModel(connectionId, modelId)
            }
            onObjectAdded: (index, object) => menu.insertItem(App.models.installed.count + 1 + index, object)
            onObjectRemoved: (index, object) => menu.removeItem(object)
        }
        MenuSeparator {
            visible: App.connections.remoteModels.count > 0
            height: visible ? implicitHeight : 0
        }
        MenuItem {
            visible: App.settings.lastModel !== "" && App.settings.lastModel !== App.modelPath
            height: visible ? implicitHeight : 0
            text: qsTr("Reload %1").arg(App.settings.lastModel.split("/").pop())
            onTriggered: App.openModel(App.settings.lastModel)
        }
        MenuItem {
            objectName: "openGgufItem"
            text: qsTr("Open GGUF file…")
            onTriggered: fileDialog.open()
        }
        MenuItem {
            objectName: "manageModelsItem"
            text: qsTr("Manage models…")
            onTriggered: picker.manageModels()
        }
    }

    FilePicker {
        id: fileDialog
        objectName: "openModelPicker"
        title: qsTr("Open a GGUF model")
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onPicked: (file) => App.openModel(file)
    }
}
