// Qt's folder dialog, loaded by FilePicker like QtFileDialog.qml.
import QtQuick
import QtQuick.Dialogs

FolderDialog {
}
