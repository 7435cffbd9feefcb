// A file to open or a place to save it. Opening: Qt's file dialog (the desktop's own where it has
// one), or, where that dialog cannot work (a QML module it needs is missing,
// App.fileDialogProblem), a dialog with a path field that says what is missing. Saving: a path
// field that starts at the suggested file, since Qt 6.4's own dialog (used where the desktop has
// none) cannot save under a new name. `picked(file)` gives a file URL or a plain path.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Item {
    id: picker
    property string title: ""
    property var nameFilters: []
    property bool saveFile: false
    property url suggestedFile: ""  // where a save starts (a file URL)
    signal picked(string file)
    visible: false
    width: 0
    height: 0

    // The dialog shown now (Qt's or the fallback), for tests.
    readonly property bool usesQtDialog: App.fileDialogsAvailable && !saveFile
    readonly property var dialog: usesQtDialog ? dialogLoader.item : fallback

    function open() {
        if (usesQtDialog) {
            dialogLoader.active = true
            dialogLoader.item.open()
            Qt.callLater(() => App.themeFileDialogs(picker, Theme.raised, Theme.border))
        } else {
            pathField.text = picker.saveFile ? App.pathOfUrl(picker.suggestedFile) : ""
            fallback.open()
        }
    }

    Loader {
        id: dialogLoader
        active: false
        source: "QtFileDialog.qml"
        onLoaded: {
            item.title = Qt.binding(() => picker.title)
            item.nameFilters = Qt.binding(() => picker.nameFilters)
            item.saveFile = Qt.binding(() => picker.saveFile)
            item.accepted.connect(() => picker.picked(item.selectedFile.toString()))
        }
    }

    AppDialog {
        id: fallback
        objectName: "filePathDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(560, parent ? parent.width - 40 : 560)
        modal: true
        title: picker.title
        onOpened: pathField.forceActiveFocus()
        onAccepted: if (pathField.text.trim() !== "") picker.picked(pathField.text.trim())
        background: Rectangle {
            color: Theme.raised
            border.color: Theme.border
            radius: Theme.radius
        }
        header: Label {
            text: fallback.title
            textFormat: Text.PlainText
            font.bold: true
            color: Theme.text
            padding: 14
        }
        contentItem: ColumnLayout {
            spacing: 10
            Label {
                Layout.fillWidth: true
                objectName: "filePathProblem"
                text: App.fileDialogsAvailable
                      ? qsTr("Where to save the file (its full path):")
                      : qsTr("The file picker cannot open because a part of Qt is not installed (%1). Type the file's full path instead.")
                        .arg(App.fileDialogProblem)
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.text
            }
            TextField {
                id: pathField
                objectName: "filePathField"
                Layout.fillWidth: true
                placeholderText: picker.saveFile ? qsTr("/home/me/Documents/conversation.md") : qsTr("/home/me/Models/model.gguf")
                color: Theme.text
                placeholderTextColor: Theme.muted
                background: Rectangle { color: Theme.background; border.color: Theme.border; radius: 4 }
                Accessible.name: qsTr("Path of the file")
                onAccepted: fallback.accept()
            }
        }
        footer: DialogButtonBox {
            background: Rectangle { color: Theme.raised; radius: Theme.radius }
            Button {
                text: qsTr("Cancel")
                Accessible.name: text
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            Button {
                objectName: "filePathAccept"
                text: picker.saveFile ? qsTr("Save") : qsTr("Open")
                Accessible.name: text
                enabled: pathField.text.trim() !== ""
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
        }
    }
}
