// The chat interface driven like a user would: send (Enter), Shift+Enter, streaming, stop (Esc),
// regenerate, edit into a branch and back, search, rename, delete with confirmation.
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
        name: "Chat"
        when: windowShown

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function messageList() { return named("messageList") }
        function delegateAt(row) {
            const list = messageList()
            list.positionViewAtIndex(row, ListView.Contain)
            const item = list.itemAtIndex(row)
            verify(item !== null, "no delegate at row " + row)
            return item
        }
        // The text shown by a message delegate (its Markdown prose and code blocks).
        function shownText(row) {
            const item = delegateAt(row)
            return collect(item, []).join("\n")
        }
        function collect(item, out) {
            if (item.objectName === "messageText" && item.visible) out.push(item.getText(0, item.length))
            for (let i = 0; i < item.children.length; ++i) collect(item.children[i], out)
            return out
        }
        function typeAndSend(text) {
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = text
            keyClick(Qt.Key_Return)
        }
        function waitIdle() { tryVerify(() => !App.chat.generating, 10000, "the reply did not end") }

        function initTestCase() {
            // The first start: no model, no conversation.
            wait(100)
            grabImage(shell).save(screenshotDir + "/causerie-en-light-first-start.png")
            App.openModel("/models/fake-model.gguf")
            tryVerify(() => App.chat.modelReady, 5000)
            verify(named("modelPicker").text.indexOf("fake-model") === 0)
        }

        function test_01_shift_enter_adds_a_line() {
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = "first line"
            input.cursorPosition = input.length
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            keyClick(Qt.Key_A)
            compare(input.text, "first line\na")
            compare(App.chat.messages.count, 0)
            input.text = ""
        }

        function test_02_send_and_stream() {
            fakeEngine.tokenDelay = 25
            typeAndSend("Hello there, tell me about cats")
            verify(App.chat.generating)
            compare(named("composerInput").text, "")
            tryCompare(App.chat.messages, "count", 2)
            verify(findChild(shell, "stopButton") !== null)
            // Partial text is shown while the reply streams.
            tryVerify(() => shownText(1).length > 0 && App.chat.generating, 5000)
            waitIdle()
            const shown = shownText(1)
            verify(shown.indexOf("Bonjour") >= 0, shown)
            verify(shown.indexOf("That is all.") >= 0, shown)
            verify(findChild(delegateAt(1), "copyCodeButton") !== null)
            compare(named("conversationTitle").text, "Hello there, tell me about cats")
            compare(App.conversations.count, 1)
            verify(named("statsLabel").text.indexOf("tokens/s") >= 0)
        }

        function test_03_stop_with_escape() {
            fakeEngine.tokenDelay = 60
            typeAndSend("A long answer please")
            tryVerify(() => App.chat.messages.count === 4 && shownText(3).length > 0, 5000)
            keyClick(Qt.Key_Escape)
            waitIdle()
            verify(shownText(3).length < 60, shownText(3))
            const stopped = findChild(delegateAt(3), "messageActions")
            verify(stopped.visible)
            fakeEngine.tokenDelay = 5
        }

        function test_04_regenerate() {
            const button = named("regenerateButton", delegateAt(3))
            mouseClick(button)
            verify(App.chat.generating)
            waitIdle()
            compare(named("siblingLabel", delegateAt(3)).text, "2/2")
            verify(shownText(3).indexOf("That is all.") >= 0)
            mouseClick(named("previousSibling", delegateAt(3)))
            compare(named("siblingLabel", delegateAt(3)).text, "1/2")
            verify(shownText(3).indexOf("That is all.") < 0)
        }

        function test_05_edit_into_a_branch_and_back() {
            mouseClick(named("editButton", delegateAt(0)))
            const field = named("editField", delegateAt(0))
            verify(field.visible)
            field.text = "Hello there, tell me about dogs"
            mouseClick(named("saveEditButton", delegateAt(0)))
            waitIdle()
            compare(App.chat.messages.count, 2)
            compare(named("siblingLabel", delegateAt(0)).text, "2/2")
            verify(fakeEngine.lastPrompt.indexOf("dogs") >= 0)
            mouseClick(named("previousSibling", delegateAt(0)))
            compare(App.chat.messages.count, 4)
            compare(named("siblingLabel", delegateAt(0)).text, "1/2")
            mouseClick(named("nextSibling", delegateAt(0)))
            compare(App.chat.messages.count, 2)
            mouseClick(named("previousSibling", delegateAt(0)))
            compare(App.chat.messages.count, 4)
        }

        function test_06_delete_message() {
            // Deleting the second question removes it and its replies.
            compare(App.chat.messages.count, 4)
            mouseClick(named("deleteMessageButton", delegateAt(2)))
            compare(App.chat.messages.count, 2)
        }

        function test_07_search_opens_the_message() {
            keySequence("Ctrl+N")
            compare(App.chat.conversationId, 0)
            compare(App.chat.messages.count, 0)
            typeAndSend("Something about giraffes")
            waitIdle()
            compare(App.conversations.count, 2)
            keySequence("Ctrl+N")
            const search = named("searchField")
            search.forceActiveFocus()
            search.text = "dogs"
            const results = named("searchResults")
            verify(results.visible)
            tryCompare(results, "count", 1)
            tryVerify(() => results.height > 0 && results.itemAtIndex(0) && results.itemAtIndex(0).width > 0)
            const hit = results.itemAtIndex(0)
            verify(hit.snippet.indexOf("<b>dogs</b>") >= 0, hit.snippet)
            mouseClick(hit)
            compare(App.chat.title, "Hello there, tell me about cats")
            compare(App.chat.messages.count, 2)
            compare(named("siblingLabel", delegateAt(0)).text, "2/2")
            search.text = ""
            verify(!results.visible)
            tryVerify(() => named("conversationList").height > 0)
        }

        function test_08_rename_and_delete_conversation() {
            const list = named("conversationList")
            list.forceActiveFocus()
            const row = App.conversations.indexOf(App.chat.conversationId)
            list.currentIndex = row
            tryVerify(() => list.currentItem !== null)
            list.currentItem.forceActiveFocus()
            keyClick(Qt.Key_F2)
            const rename = named("renameDialog")
            tryVerify(() => rename.opened)
            const field = named("renameField")
            field.text = "Pets"
            keyClick(Qt.Key_Return)
            tryVerify(() => !rename.visible)
            compare(App.chat.title, "Pets")
            compare(named("conversationTitle").text, "Pets")

            // The renamed conversation moved to the top and is still the current row.
            compare(list.currentIndex, App.conversations.indexOf(App.chat.conversationId))
            compare(list.currentItem.title, "Pets")
            list.currentItem.forceActiveFocus()
            keyClick(Qt.Key_Delete)
            const confirm = named("deleteDialog")
            tryVerify(() => confirm.opened)
            compare(App.conversations.count, 2)
            mouseClick(named("confirmDeleteButton", confirm))
            tryVerify(() => !confirm.visible)
            compare(App.conversations.count, 1)
            compare(App.chat.conversationId, 0)
        }

        function test_09_errors_are_shown() {
            fakeEngine.failLoadReason = "the file is not a GGUF model"
            App.openModel("/tmp/broken.gguf")
            tryVerify(() => App.modelError !== "")
            const banner = named("modelError")
            verify(banner.visible)
            verify(named("errorText", banner).text.indexOf("the file is not a GGUF model") >= 0)
            verify(!named("sendButton").enabled)
            fakeEngine.failLoadReason = ""
        }

        function test_10_keyboard_navigation() {
            keySequence("Ctrl+F")
            verify(named("searchField").activeFocus)
            keyClick(Qt.Key_Tab)
            verify(!named("searchField").activeFocus)
            keySequence("Ctrl+N")
            verify(named("composerInput").activeFocus)
            const list = named("conversationList")
            list.forceActiveFocus()
            list.currentIndex = 0
            tryVerify(() => list.currentItem !== null)
            list.currentItem.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(App.chat.conversationId, App.conversations.data(App.conversations.index(0, 0), 257))
        }

        // Every focusable control that is shown has an accessible name.
        function test_11_accessible_names() {
            let missing = []
            function visit(item) {
                if (!item.visible) return
                if (item.focusPolicy !== undefined && item.focusPolicy !== Qt.NoFocus
                        && item.Accessible.name === "" && item.objectName !== "")
                    missing.push(item.objectName)
                if (item.focusPolicy !== undefined && item.focusPolicy !== Qt.NoFocus && item.Accessible.name === ""
                        && item.objectName === "" && item.text !== undefined && item.text === "")
                    missing.push(String(item))
                for (let i = 0; i < item.children.length; ++i) visit(item.children[i])
            }
            visit(shell)
            compare(missing.join(", "), "")
        }
    }
}
