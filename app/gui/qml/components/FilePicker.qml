// A file to open or a place to save it. Opening: Qt's file dialog (the desktop's own where it has
// one), or, where that dialog cannot work (a QML module it needs is missing,
// App.fileDialogProblem), a dialog with a path field that says what is missing. Saving: a path
// field that starts at the suggested file, since Qt 6.4's own dialog (used where the desktop has
// none) cannot save under a new name. `picked(file)` gives a file URL or a plain path (once per
// file when `multiple`); `selectFolder` picks a folder instead of a file.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Item {
    id: picker
    property string title: ""
    property var nameFilters: []
    property bool saveFile: false
    property bool selectFolder: false
    property bool multiple: false
    property string pathHint: ""  // the fallback's example path
    property url startFolder: ""  // where Qt's dialog opens (empty: its own choice)
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
            dialogLoader.source = picker.selectFolder ? "QtFolderDialog.qml" : "QtFileDialog.qml"
            dialogLoader.active = true
            if (picker.startFolder.toString() !== "") dialogLoader.item.currentFolder = picker.startFolder
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
        onLoaded: {
            item.title = Qt.binding(() => picker.title)
            if (picker.selectFolder) {
                item.accepted.connect(() => picker.picked(item.selectedFolder.toString()))
                return
            }
            item.nameFilters = Qt.binding(() => picker.nameFilters)
            item.saveFile = Qt.binding(() => picker.saveFile)
            item.multiple = Qt.binding(() => picker.multiple)
            item.accepted.connect(() => {
                if (!picker.multiple) return picker.picked(item.selectedFile.toString())
                for (let i = 0; i < item.selectedFiles.length; ++i) picker.picked(item.selectedFiles[i].toString())
            })
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
                      : picker.selectFolder
                      ? qsTr("The folder picker cannot open because a part of Qt is not installed (%1). Type the folder's full path instead.")
                        .arg(App.fileDialogProblem)
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
                placeholderText: picker.pathHint !== "" ? picker.pathHint
                                 : picker.saveFile ? qsTr("/home/me/Documents/conversation.md") : qsTr("/home/me/Models/model.gguf")
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
