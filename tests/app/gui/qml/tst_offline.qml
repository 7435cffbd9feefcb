// Offline means offline: a conversation full of hostile content (Markdown images of every
// form, raw HTML with images, frames and style sheets, links of unsafe schemes, a 1 MB line,
// direction overrides, zero-width characters), all aimed at the local test server, is imported,
// shown, searched and exported: the server sees no request, the interface's network access
// refuses none (nothing even tried), and no rendered text holds an image or an unsafe link.
// Then every file picker of the app opens and accepts, with Qt's dialog and with the fallback.
import QtQuick
import QtQuick.Controls
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
        id: test
        name: "Offline"
        when: windowShown

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function noProblems(where) {
            const problems = probe.unsafeTexts(shell)
            compare(problems.join("\n"), "", where)
        }
        function showEveryMessage() {
            const list = named("messageList")
            for (let row = 0; row < App.chat.messages.count; ++row) {
                list.positionViewAtIndex(row, ListView.Beginning)
                wait(50)
                noProblems("message " + row)
            }
        }

        property int refusedBefore: 0

        function test_01_hostile_conversation_fetches_nothing() {
            refusedBefore = probe.refusedRequests()
            const before = probe.serverRequests()
            const file = probe.hostileConversation()
            verify(file !== "")
            verify(App.importConversation(file))
            tryCompare(App.chat.messages, "count", 8)
            verify(App.chat.title.indexOf("<img") >= 0)
            showEveryMessage()
            verify(probe.markdownSeen() > 0, "no message text was rendered")
            grabImage(shell).save(screenshotDir + "/causerie-en-light-hostile-content.png")
            // The placeholder says what was not loaded, with its host.
            const list = named("messageList")
            list.positionViewAtIndex(0, ListView.Beginning)
            tryVerify(() => list.itemAtIndex(0) !== null)
            const first = list.itemAtIndex(0)
            const texts = []
            const collect = (item) => {
                if (item.objectName === "messageText") texts.push(item.getText(0, item.length))
                for (let i = 0; i < item.children.length; ++i) collect(item.children[i])
            }
            collect(first)
            verify(texts.join(" ").indexOf("image from 127.0.0.1, not loaded: chart") >= 0, texts.join(" "))
            wait(500)  // a fetch would have been started by now
            compare(probe.serverRequests() - before, 0, "requests: " + probe.serverPaths())
            compare(probe.refusedRequests() - refusedBefore, 0, "the interface tried to fetch something")
        }

        function test_02_search_results_fetch_nothing() {
            const before = probe.serverRequests()
            const search = named("searchField")
            search.forceActiveFocus()
            search.text = "leak"
            const results = named("searchResults")
            tryVerify(() => results.count > 0)
            for (let i = 0; i < results.count; ++i) {
                results.positionViewAtIndex(i, ListView.Contain)
                wait(30)
            }
            noProblems("search results")
            wait(300)
            compare(probe.serverRequests() - before, 0, "requests: " + probe.serverPaths())
            compare(probe.refusedRequests() - refusedBefore, 0)
            search.text = ""
        }

        function test_03_the_export_keeps_images_as_text() {
            const path = probe.tempPath("hostile-export.md")
            verify(App.exportConversation(App.chat.conversationId, path, "markdown"))
            const md = probe.readFile(path)
            verify(md.length > 1000000)
            // Images and raw HTML are escaped, so that a Markdown viewer shows them as text
            // (code blocks stay as written: a viewer shows those as code).
            verify(md.indexOf("\\!\\[chart\\]") >= 0, md.substring(0, 400))
            compare(md.indexOf("![chart]"), -1)
            verify(md.indexOf("\\<img src=\"") >= 0)
            compare(md.search(/(^|[^\\])<img src="/), -1)
            compare(md.search(/(^|[^\\])<iframe/), -1)
            compare(md.search(/(^|[^\\])<style/), -1)
            compare(md.search(/(^|[^\\])!\[end\]/), -1)
        }

        function test_04_links_open_only_for_safe_schemes() {
            compare(App.linkTarget("javascript:alert(1)"), "")
            compare(App.linkTarget("file:///etc/passwd"), "")
            verify(!App.openLink("javascript:alert(1)"))
            verify(!App.openLink("file:///etc/passwd"))
            verify(!App.openLink("causerie-handler:do"))
            // Direction overrides and zero-width characters are shown percent-encoded.
            compare(App.linkTarget("https://example.com/a\u202Eb\u200Bc"), "https://example.com/a%E2%80%AEb%E2%80%8Bc")
        }

        Image {
            id: probeImage
            asynchronous: true
        }

        function test_05_the_interface_network_refuses_everything() {
            // What the sanitizing might miss still cannot leave: QML's own fetches are refused.
            const before = probe.serverRequests()
            const refused = probe.refusedRequests()
            probeImage.source = testServerUrl + "/leak?qml-image"
            tryCompare(probeImage, "status", Image.Error)
            wait(200)
            compare(probe.serverRequests() - before, 0, "requests: " + probe.serverPaths())
            verify(probe.refusedRequests() > refused)
        }

        // Every file picker: opened, accepted with a file, and the action done.
        function pickWith(pickerName, file, opener) {
            const picker = named(pickerName, root)
            if (opener) opener()
            else picker.open()
            const dialog = picker.dialog
            verify(dialog !== null)
            tryVerify(() => dialog.visible, 3000, pickerName + " did not open")
            const slash = file.lastIndexOf("/")
            if (picker.usesQtDialog) {
                // Qt's dialog: go to the folder, type the name (save) or select the file (open),
                // press the dialog's own button.
                dialog.currentFolder = "file://" + file.substring(0, slash)
                const field = findChild(root.parent, "fileNameTextField")
                verify(field !== null, "no file name field in Qt's dialog")
                // Click the file in the dialog's list, as a person would.
                const files = findChild(root.parent, "fileDialogListView")
                verify(files !== null)
                const name = file.substring(slash + 1)
                let row = null
                tryVerify(() => {
                    for (let i = 0; i < files.count; ++i) {
                        const item = files.itemAtIndex(i)
                        if (item && item.fileName === name) row = item
                    }
                    return row !== null
                }, 3000, name + " is not listed in Qt's dialog")
                mouseClick(row)
                wait(200)
                grabImage(root).save(screenshotDir + "/causerie-en-light-file-dialog-" + pickerName + ".png")
                let box = null
                const siblings = field.parent.children
                for (let i = 0; i < siblings.length; ++i) if (siblings[i].standardButton !== undefined) box = siblings[i]
                verify(box !== null, "no button box in Qt's dialog")
                const button = box.standardButton(Dialog.Save) || box.standardButton(Dialog.Open)
                verify(button, "no Save or Open button in Qt's dialog")
                mouseClick(button)
            } else {
                grabImage(root).save(screenshotDir + "/causerie-en-light-file-path-" + pickerName + ".png")
                const field = named("filePathField", dialog.contentItem)
                if (picker.saveFile) verify(field.text.length > 0, "no suggested file to save to")
                field.text = file
                verify(named("filePathProblem", dialog.contentItem).text.length > 0)
                mouseClick(named("filePathAccept", dialog.footer))
            }
            tryVerify(() => !dialog.visible, 3000, pickerName + " did not close")
        }

        function everyPicker(tag) {
            if (App.chat.conversationId === 0) verify(App.importConversation(probe.hostileConversation()))
            const exported = probe.tempPath("picked-" + tag + ".json")
            // Export (save, from the conversation's menu) then import (open) the open conversation.
            const list = named("conversationList")
            list.currentIndex = App.conversations.indexOf(App.chat.conversationId)
            tryVerify(() => list.currentItem !== null)
            pickWith("exportPicker", exported, () => list.currentItem.exportRequested("json"))
            tryVerify(() => probe.readFile(exported).indexOf("causerie-conversation") >= 0, 3000, "nothing exported to " + exported)
            const count = App.conversations.count
            pickWith("importConversationPicker", exported)
            tryCompare(App.conversations, "count", count + 1)
            // Open a model file, and import one (the import then asks how).
            const model = probe.tempPath("picked-" + tag + ".gguf")
            verify(probe.writeFile(model, "GGUF"))
            pickWith("openModelPicker", model)
            tryVerify(() => App.modelPath.indexOf("picked-" + tag) >= 0, 5000, App.modelPath)
            shell.modelsPage.open()
            tryVerify(() => shell.modelsPage.opened)
            shell.modelsPage.tabs.currentIndex = 1
            pickWith("importModelPicker", model)
            const how = named("importModeDialog", root)
            tryVerify(() => how.opened, 3000, "the import did not ask how")
            how.reject()
            tryVerify(() => !how.visible)
            shell.modelsPage.close()
            tryVerify(() => !shell.modelsPage.visible)
        }

        function test_06_file_pickers_with_qt_dialog() {
            verify(App.fileDialogsAvailable, "missing: " + App.fileDialogProblem)
            everyPicker("dialog")
        }

        function test_07_file_pickers_with_the_path_fallback() {
            App.fileDialogsAvailable = false
            everyPicker("fallback")
            App.fileDialogsAvailable = true
        }
    }
}
