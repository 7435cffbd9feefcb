// The Documents page and a conversation with documents, as a person uses them: a collection
// created, a folder added with Qt's folder dialog and a file with the path fallback, the files'
// states (passages, or why one could not be read); the conversation drawer's toggle and its
// "lexical search only" note; a reply's markers as links to its Sources, a source's excerpt
// shown in place.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtTest
import Causerie

Item {
    id: root
    width: 1100
    height: 720

    AppShell {
        id: shell
        anchors.fill: parent
    }

    TestCase {
        name: "Documents"
        when: windowShown

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        // The first item under `item` that has a standardButton() (a dialog's button box).
        function buttonBox(item) {
            if (!item) return null
            if (item.standardButton !== undefined) return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = buttonBox(kids[i])
                if (found) return found
            }
            return null
        }
        function waitIdle() {
            tryVerify(() => !App.documents.indexing, 20000, "indexing did not end")
            wait(300)
        }

        property string corpus: probe.tempPath("corpus")

        function initTestCase() {
            fakeEngine.tokenDelay = 2
            verify(probe.makeDir(corpus + "/sous-dossier"))
            verify(probe.writeFile(corpus + "/serveur.md", "# Serveur\n\n## Mises à jour\n\nLes mises à jour du serveur ont lieu le lundi matin.\n"))
            verify(probe.writeFile(corpus + "/sous-dossier/jardin.txt", "Les tomates poussent au soleil.\n"))
            verify(probe.writeFile(corpus + "/vide.pdf", "%PDF-1.4 broken"))
            verify(probe.writeFile(probe.tempPath("seul.md"), "# Seul\n\nUn fichier ajouté seul, sur les sauvegardes.\n"))
            App.openModel("/models/fake-model.gguf")
            tryVerify(() => App.chat.modelReady, 5000)
        }

        function test_1_create_a_collection_and_add_a_folder() {
            keySequence("Ctrl+Shift+D")
            const page = shell.documentsPage
            tryVerify(() => page.opened, 3000, "Ctrl+Shift+D did not open the documents page")
            // No embedding model installed: lexical search, said on the page; the choice offers "None" alone.
            const status = named("searchModeStatus", page.contentItem)
            verify(status.text.indexOf("Lexical search only") >= 0, status.text)
            verify(status.text.indexOf("no embedding model is installed") >= 0, status.text)
            const choice = named("embeddingModelBox", page.contentItem)
            compare(choice.count, 1)
            compare(choice.currentValue, "none")
            const field = page.nameField
            mouseClick(field)
            field.text = "travail"
            mouseClick(named("createCollectionButton", page.contentItem))
            tryCompare(App.documents.collections, "count", 1)
            tryCompare(App.documents, "currentCollection", "travail")

            // Qt's folder dialog: go to the corpus' parent, click the folder, press Open.
            verify(App.fileDialogsAvailable, "missing: " + App.fileDialogProblem)
            page.folderPicker.startFolder = "file://" + corpus.substring(0, corpus.lastIndexOf("/"))
            mouseClick(named("addFolderButton", page.contentItem))
            const dialog = page.folderPicker.dialog
            tryVerify(() => dialog && dialog.visible, 3000, "the folder dialog did not open")
            const list = findChild(root.parent, "folderDialogListView")
            verify(list !== null, "no folder list in Qt's dialog")
            let row = null
            tryVerify(() => {
                for (let i = 0; i < list.count; ++i) {
                    const item = list.itemAtIndex(i)
                    if (item && item.fileName === "corpus") row = item
                }
                return row !== null
            }, 3000, "the corpus folder is not listed")
            mouseClick(row)
            wait(200)
            grabImage(root).save(screenshotDir + "/causerie-en-light-documents-folder-dialog.png")
            // The dialog's own button box: the first one under the popup that holds the list.
            let box = null
            for (let up = list.parent; up && !box; up = up.parent) {
                const found = buttonBox(up)
                if (found && (found.standardButton(Dialog.Open) || found.standardButton(Dialog.Ok))) box = found
            }
            verify(box !== null, "no button box in the folder dialog")
            const open = box.standardButton(Dialog.Open) || box.standardButton(Dialog.Ok)
            verify(open, "no Open button")
            mouseClick(open)
            tryVerify(() => !dialog.visible, 3000)

            tryCompare(App.documents.files, "count", 3, 20000)
            waitIdle()
            compare(App.documents.currentRoots, [corpus])
            const files = named("documentFileList", page.contentItem)
            let unreadable = 0
            for (let i = 0; i < files.count; ++i) {
                const item = files.itemAtIndex(i)
                verify(item !== null)
                if (!item.indexed) {
                    ++unreadable
                    compare(item.fileName, "vide.pdf")
                    verify(item.error.length > 0)
                    verify(item.Accessible.name.indexOf(item.error) >= 0)
                } else {
                    verify(item.chunkCount > 0)
                }
            }
            compare(unreadable, 1)
            tryVerify(() => named("documentsNotice", page.contentItem).text.indexOf("2 added") >= 0)
            grabImage(root).save(screenshotDir + "/causerie-en-light-documents-page.png")
        }

        function test_2_add_a_file_with_the_path_fallback() {
            const page = shell.documentsPage
            App.fileDialogsAvailable = false
            mouseClick(named("addFilesButton", page.contentItem))
            const dialog = page.filesPicker.dialog
            tryVerify(() => dialog.opened, 3000)
            const field = named("filePathField", dialog.contentItem)
            compare(field.placeholderText, "/home/me/Documents/report.pdf")
            field.text = probe.tempPath("seul.md")
            verify(named("filePathAccept", dialog.footer).enabled)
            // Return in the path field opens it (as the Open button does).
            field.forceActiveFocus()
            keyClick(Qt.Key_Return)
            tryVerify(() => !dialog.visible, 3000)
            App.fileDialogsAvailable = true
            tryCompare(App.documents.files, "count", 4, 20000)
            waitIdle()
            compare(App.documents.currentRoots.length, 2)
            page.close()
            tryVerify(() => !page.visible)
        }

        function test_3_the_drawer_toggle_and_a_reply_with_sources() {
            keySequence("Ctrl+N")
            const drawer = shell.conversationSettings
            drawer.open()
            tryVerify(() => drawer.position === 1)
            const sw = named("collectionSwitch_travail", drawer.contentItem)
            verify(!sw.checked)
            verify(named("searchModeNote", drawer.contentItem).visible)
            verify(named("searchModeNote", drawer.contentItem).text.indexOf("Lexical search only (no embedding model installed)") >= 0)
            mouseClick(sw)
            verify(sw.checked)
            compare(App.chat.settings().collections, ["travail"])
            grabImage(shell).save(screenshotDir + "/causerie-en-light-documents-drawer.png")
            drawer.close()
            tryVerify(() => !drawer.visible)

            fakeEngine.reply = "On Monday morning [1]."
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = "Quand ont lieu les mises à jour du serveur ?"
            keyClick(Qt.Key_Return)
            tryVerify(() => !App.chat.generating, 10000, "the reply did not end")
            verify(fakeEngine.lastPrompt.indexOf("[1] serveur.md, Serveur > Mises à jour") >= 0, fakeEngine.lastPrompt)
            const view = named("messageList")
            tryVerify(() => view.count === 2)
            const reply = view.itemAtIndex(1)
            verify(reply !== null)
            const sources = named("sourcesList", reply)
            verify(sources.visible)
            compare(reply.sources.length, 1)
            compare(reply.sources[0].fileName, "serveur.md")
            // The marker is a link: it shows the source's excerpt in place, and hides it again.
            const text = named("messageText", reply)
            verify(text.text.indexOf("](#source-1)") >= 0, text.text)
            const excerpt = named("sourceExcerpt", reply)
            verify(!excerpt.visible)
            text.linkActivated("#source-1")
            tryVerify(() => excerpt.visible)
            verify(excerpt.text.indexOf("lundi matin") >= 0)
            grabImage(shell).save(screenshotDir + "/causerie-en-light-reply-with-sources.png")
            text.linkActivated("#source-1")
            tryVerify(() => !excerpt.visible)
            mouseClick(named("sourceButton", reply))
            tryVerify(() => excerpt.visible)
            compare(String(reply.sources[0].url), "file://" + corpus + "/serveur.md")
        }

        function test_4_remove_the_collection() {
            keySequence("Ctrl+Shift+D")
            const page = shell.documentsPage
            tryVerify(() => page.opened)
            mouseClick(named("removeCollectionButton", page.contentItem))
            const confirm = named("confirmRemoveCollection", root)
            tryVerify(() => confirm.opened)
            confirm.accept()
            tryCompare(App.documents.collections, "count", 0)
            tryCompare(App.documents, "currentCollection", "")
            page.close()
            // The conversation keeps the name, and the drawer no longer offers it.
            const drawer = shell.conversationSettings
            drawer.open()
            tryVerify(() => drawer.position === 1)
            verify(findChild(drawer.contentItem, "collectionSwitch_travail") === null)
            drawer.close()
        }
    }
}
