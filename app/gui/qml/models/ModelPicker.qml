// The model picker: the loaded model, the last one used, and "Open GGUF file…".
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Causerie

Button {
    id: picker
    objectName: "modelPicker"
    text: (App.modelLoading ? qsTr("Loading…")
                            : (App.modelName !== "" ? App.modelName : qsTr("Choose a model"))) + "  ▾"
    Accessible.name: qsTr("Model: %1").arg(App.modelName !== "" ? App.modelName : qsTr("none"))
    ToolTip.visible: hovered && App.modelDetails !== ""
    ToolTip.text: App.modelDetails
    ToolTip.delay: 400
    flat: true
    onClicked: menu.open()

    Menu {
        id: menu
        y: picker.height
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
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Open a GGUF model")
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onAccepted: App.openModel(selectedFile.toString())
    }
}
