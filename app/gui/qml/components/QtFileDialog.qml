// Qt's file dialog, in a file of its own so that FilePicker loads its module only when
// App.fileDialogsAvailable says it works.
import QtQuick
import QtQuick.Dialogs

FileDialog {
    property bool saveFile: false
    property bool multiple: false
    fileMode: saveFile ? FileDialog.SaveFile : multiple ? FileDialog.OpenFiles : FileDialog.OpenFile
}
