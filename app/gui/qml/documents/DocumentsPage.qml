// The Documents page: collections of folders and files that conversations can answer from.
// Left, the collections (create, remove); right, the chosen one: the folders and files it was
// given (add, remove), the indexing's progress (pause, resume) and every file's state: its
// passages, or why it could not be read. Opened from the sidebar or Ctrl+Shift+D.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

AppDialog {
    id: page
    objectName: "documentsPage"
    title: qsTr("Documents")
    width: parent ? Math.min(1000, parent.width - 40) : 1000
    height: parent ? parent.height - 40 : 700
    padding: 12
    readonly property var docs: App.documents
    readonly property string current: docs.currentCollection
    property alias folderPicker: folderPicker
    property alias filesPicker: filesPicker
    property alias nameField: nameField

    onOpened: if (docs.collections.count === 0) nameField.forceActiveFocus()

    Timer {
        interval: 10000
        running: page.docs.notice !== ""
        onTriggered: page.docs.clearNotice()
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
            objectName: "closeDocumentsButton"
            Layout.rightMargin: 12
            text: "✕"
            tip: qsTr("Close the documents page")
            onClicked: page.close()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        ErrorBanner {
            objectName: "documentsError"
            Layout.fillWidth: true
            message: page.docs.error
            onDismissed: page.docs.clearError()
        }
        Label {
            objectName: "documentsIntro"
            Layout.fillWidth: true
            text: qsTr("A conversation answers from the collections switched on in its settings, citing the passages it used.")
            textFormat: Text.PlainText
            color: Theme.muted
            wrapMode: Text.Wrap
        }
        // How the documents are searched: the embedding model ("None": lexical search only).
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label {
                text: qsTr("Search by meaning with")
                color: Theme.text
            }
            AppComboBox {
                id: embeddingBox
                objectName: "embeddingModelBox"
                Layout.preferredWidth: 360
                textRole: "text"
                valueRole: "value"
                // The installed embedding models, after "None".
                model: (App.language, [{ value: "none", text: qsTr("None: lexical search only") }].concat(
                            App.models.installed.embeddingPaths.map(p => ({ value: p, text: p.split("/").pop().replace(/\.gguf$/i, "") }))))
                currentIndex: Math.max(0, indexOfValue(page.docs.embeddingModel === "" ? "none" : page.docs.embeddingModel))
                Accessible.name: qsTr("Embedding model for documents")
                onActivated: App.settings.embeddingModel = currentValue
            }
            Item { Layout.fillWidth: true }
        }
        Label {
            objectName: "searchModeStatus"
            Layout.fillWidth: true
            text: page.docs.embeddingError !== ""
                  ? qsTr("Lexical search only: the embedding model %1 cannot be loaded (%2).").arg(page.docs.embeddingModelName).arg(page.docs.embeddingError)
                  : page.docs.lexicalOnly
                    ? (App.models.installed.embeddingPaths.length === 0
                       ? qsTr("Lexical search only (words and their French and English forms): no embedding model is installed. Install one from the Models page (its catalog) to search by meaning too.")
                       : qsTr("Lexical search only (words and their French and English forms)."))
                    : qsTr("Hybrid search (words and meaning) with %1.").arg(page.docs.embeddingModelName)
            textFormat: Text.PlainText
            color: page.docs.embeddingError !== "" ? Theme.danger : Theme.muted
            wrapMode: Text.Wrap
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 12

            // ---- the collections -------------------------------------------------------------
            ColumnLayout {
                Layout.preferredWidth: 260
                Layout.minimumWidth: 260
                Layout.maximumWidth: 260
                Layout.fillHeight: true
                spacing: 6
                Label { text: qsTr("Collections"); font.bold: true; color: Theme.text }
                RowLayout {
                    Layout.fillWidth: true
                    TextField {
                        id: nameField
                        objectName: "collectionNameField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("New collection name")
                        color: Theme.text
                        placeholderTextColor: Theme.muted
                        background: Rectangle { color: Theme.raised; border.color: nameField.activeFocus ? Theme.accent : Theme.border; radius: 4 }
                        Accessible.name: qsTr("Name of a new collection")
                        onAccepted: createButton.clicked()
                    }
                    ThemedButton {
                        id: createButton
                        objectName: "createCollectionButton"
                        text: qsTr("Create")
                        accent: true
                        enabled: nameField.text.trim() !== ""
                        Accessible.name: qsTr("Create the collection")
                        onClicked: if (page.docs.createCollection(nameField.text)) nameField.text = ""
                    }
                }
                ListView {
                    id: collectionList
                    objectName: "collectionList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 4
                    model: page.docs.collections
                    currentIndex: page.docs.collections.indexOf(page.current)
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Collections")
                    keyNavigationEnabled: true
                    Keys.onReturnPressed: if (currentIndex >= 0) page.docs.currentCollection = page.docs.collections.names()[currentIndex]
                    delegate: ItemDelegate {
                        id: collectionRow
                        required property string name
                        required property int fileCount
                        required property int chunkCount
                        required property int errorCount
                        required property int index
                        width: ListView.view.width - 8
                        highlighted: name === page.current
                        Accessible.name: qsTr("%1: %2, %3").arg(name).arg(qsTr("%n file(s)", "", fileCount)).arg(qsTr("%n passage(s)", "", chunkCount))
                        onClicked: page.docs.currentCollection = name
                        background: Rectangle {
                            radius: Theme.radius
                            color: collectionRow.highlighted ? Theme.selection : collectionRow.hovered ? Theme.surface : "transparent"
                            border.color: collectionRow.visualFocus ? Theme.accent : "transparent"
                        }
                        contentItem: ColumnLayout {
                            spacing: 0
                            Label {
                                Layout.fillWidth: true
                                text: collectionRow.name
                                textFormat: Text.PlainText
                                font.bold: true
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.fillWidth: true
                                text: {
                                    App.language
                                    const counts = qsTr("%1 · %2").arg(qsTr("%n file(s)", "", collectionRow.fileCount))
                                                                 .arg(qsTr("%n passage(s)", "", collectionRow.chunkCount))
                                    return collectionRow.errorCount > 0
                                           ? qsTr("%1 · %2").arg(counts).arg(qsTr("%n unreadable", "", collectionRow.errorCount)) : counts
                                }
                                // On the selection's tint the danger colour is too faint: the text colour there.
                                color: collectionRow.highlighted ? Theme.text : collectionRow.errorCount > 0 ? Theme.danger : Theme.muted
                                font.pointSize: App.settings.fontSize - 1
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
                Label {
                    visible: page.docs.collections.count === 0
                    Layout.fillWidth: true
                    text: qsTr("No collection yet: name one above, then add folders or files to it.")
                    color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }

            Rectangle { Layout.fillHeight: true; implicitWidth: 1; color: Theme.border }

            // ---- the chosen collection -------------------------------------------------------
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 8
                visible: page.current !== ""

                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        objectName: "currentCollectionTitle"
                        Layout.fillWidth: true
                        text: page.current
                        textFormat: Text.PlainText
                        font.bold: true
                        font.pointSize: App.settings.fontSize + 1
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    ThemedButton {
                        objectName: "addFolderButton"
                        text: qsTr("Add a folder…")
                        icon.name: "folder-new-symbolic"
                        Accessible.name: qsTr("Add a folder to the collection")
                        onClicked: folderPicker.open()
                    }
                    ThemedButton {
                        objectName: "addFilesButton"
                        text: qsTr("Add files…")
                        icon.name: "document-new-symbolic"
                        Accessible.name: qsTr("Add files to the collection")
                        onClicked: filesPicker.open()
                    }
                    ThemedButton {
                        objectName: "removeCollectionButton"
                        text: qsTr("Remove")
                        destructive: true
                        Accessible.name: qsTr("Remove the collection %1").arg(page.current)
                        onClicked: confirmRemove.open()
                    }
                }

                // The folders and files given (watched: a change is indexed again).
                Label { text: qsTr("Folders and files (watched for changes)"); color: Theme.muted }
                Repeater {
                    model: page.docs.currentRoots
                    delegate: RowLayout {
                        required property string modelData
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: modelData
                            textFormat: Text.PlainText
                            color: Theme.text
                            elide: Text.ElideMiddle
                        }
                        IconButton {
                            objectName: "removeRootButton"
                            text: "✕"
                            tip: qsTr("Remove %1 from the collection").arg(modelData)
                            onClicked: page.docs.removePath(page.current, modelData)
                        }
                    }
                }

                // Indexing: progress, pause and resume.
                RowLayout {
                    objectName: "indexingRow"
                    Layout.fillWidth: true
                    visible: page.docs.indexing || page.docs.paused
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        ProgressBar {
                            objectName: "indexingProgress"
                            Layout.fillWidth: true
                            from: 0
                            to: Math.max(1, page.docs.progressTotal)
                            value: page.docs.progressDone
                            indeterminate: page.docs.indexing && page.docs.progressTotal === 0
                            Accessible.name: qsTr("Indexing progress")
                        }
                        Label {
                            Layout.fillWidth: true
                            objectName: "indexingStatus"
                            text: (App.language, page.docs.paused
                                   ? qsTr("Indexing paused.")
                                   : page.docs.embeddingPhase
                                   ? qsTr("“%1”: the meaning of %2 of %3 passages computed…").arg(page.docs.indexingCollection)
                                     .arg(App.formatNumber(page.docs.progressDone, 0)).arg(App.formatNumber(page.docs.progressTotal, 0))
                                   : qsTr("Indexing “%1”: %2 of %3 files…").arg(page.docs.indexingCollection)
                                     .arg(App.formatNumber(page.docs.progressDone, 0)).arg(App.formatNumber(page.docs.progressTotal, 0)))
                            textFormat: Text.PlainText
                            color: Theme.muted
                            font.pointSize: App.settings.fontSize - 1
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: !page.docs.paused && text !== ""
                            text: page.docs.progressPath
                            textFormat: Text.PlainText
                            color: Theme.muted
                            font.pointSize: App.settings.fontSize - 2
                            elide: Text.ElideMiddle
                        }
                    }
                    ThemedButton {
                        objectName: "pauseButton"
                        text: page.docs.paused ? qsTr("Resume") : qsTr("Pause")
                        Accessible.name: page.docs.paused ? qsTr("Resume indexing") : qsTr("Pause indexing")
                        onClicked: page.docs.paused ? page.docs.resume() : page.docs.pause()
                    }
                }
                Label {
                    objectName: "documentsNotice"
                    Layout.fillWidth: true
                    visible: text !== "" && !page.docs.indexing
                    text: page.docs.notice
                    textFormat: Text.PlainText
                    color: Theme.muted
                    wrapMode: Text.Wrap
                }

                ListView {
                    id: fileList
                    objectName: "documentFileList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 4
                    model: page.docs.files
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Files of the collection")
                    delegate: Rectangle {
                        id: fileRow
                        required property string fileName
                        required property string folder
                        required property string format
                        required property int pages
                        required property int chunkCount
                        required property bool indexed
                        required property string error
                        width: ListView.view.width - 12
                        implicitHeight: fileColumn.implicitHeight + 12
                        radius: 6
                        color: indexed ? Theme.raised : Theme.dangerBackground
                        border.color: indexed ? Theme.border : Theme.danger
                        Accessible.role: Accessible.ListItem
                        Accessible.name: indexed ? qsTr("%1: %2").arg(fileName).arg(qsTr("%n passage(s)", "", chunkCount))
                                                 : qsTr("%1: could not be read: %2").arg(fileName).arg(error)
                        ColumnLayout {
                            id: fileColumn
                            x: 10
                            y: 6
                            width: parent.width - 20
                            spacing: 0
                            RowLayout {
                                Layout.fillWidth: true
                                Label {
                                    Layout.fillWidth: true
                                    text: fileRow.fileName
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    elide: Text.ElideRight
                                }
                                Label {
                                    text: (App.language, !fileRow.indexed ? qsTr("unreadable")
                                           : fileRow.pages > 0 ? qsTr("%1 · %2").arg(qsTr("%n page(s)", "", fileRow.pages)).arg(qsTr("%n passage(s)", "", fileRow.chunkCount))
                                           : qsTr("%n passage(s)", "", fileRow.chunkCount))
                                    color: fileRow.indexed ? Theme.muted : Theme.danger
                                    font.pointSize: App.settings.fontSize - 1
                                }
                            }
                            Label {
                                Layout.fillWidth: true
                                text: fileRow.indexed ? fileRow.folder : fileRow.error
                                textFormat: Text.PlainText
                                color: fileRow.indexed ? Theme.muted : Theme.danger
                                font.pointSize: App.settings.fontSize - 2
                                wrapMode: fileRow.indexed ? Text.NoWrap : Text.Wrap
                                elide: fileRow.indexed ? Text.ElideMiddle : Text.ElideNone
                            }
                        }
                    }
                }
                Label {
                    visible: page.docs.files.count === 0 && !page.docs.indexing
                    Layout.fillWidth: true
                    text: qsTr("No file yet: add a folder or files (PDF, HTML, Markdown, text, ODT, DOCX).")
                    color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }
            Item { Layout.fillWidth: true; visible: page.current === "" }
        }
    }

    FilePicker {
        id: folderPicker
        objectName: "documentsFolderPicker"
        selectFolder: true
        title: qsTr("Add a folder to “%1”").arg(page.current)
        pathHint: qsTr("/home/me/Documents")
        onPicked: (file) => page.docs.addPaths(page.current, [file])
    }
    FilePicker {
        id: filesPicker
        objectName: "documentsFilesPicker"
        multiple: true
        title: qsTr("Add files to “%1”").arg(page.current)
        pathHint: qsTr("/home/me/Documents/report.pdf")
        nameFilters: [qsTr("Documents (*.pdf *.html *.htm *.md *.markdown *.txt *.odt *.docx)"), qsTr("All files (*)")]
        onPicked: (file) => page.docs.addPaths(page.current, [file])
    }
    AppDialog {
        id: confirmRemove
        objectName: "confirmRemoveCollection"
        title: qsTr("Remove the collection?")
        background: Rectangle { color: Theme.raised; border.color: Theme.border; radius: Theme.radius }
        header: Label { text: confirmRemove.title; font.bold: true; color: Theme.text; padding: 14 }
        contentItem: Label {
            text: qsTr("“%1” and its index are removed. Your files stay where they are.").arg(page.current)
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            background: Rectangle { color: Theme.raised; radius: Theme.radius }
            Button { text: qsTr("Cancel"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
            Button { objectName: "confirmRemoveButton"; text: qsTr("Remove"); DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole }
        }
        onAccepted: page.docs.removeCollection(page.current)
    }
}
