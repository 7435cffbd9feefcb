// A keyboard user: the composer has the focus at start; Tab and Shift+Tab leave every
// multi-line field (composer, system prompt) instead of writing a tab character; the message
// list is walked message by message, the focused control is always scrolled into view, and the
// end of a reply (finished or stopped) is announced.
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
        name: "Keyboard"
        when: windowShown

        function named(name) {
            const found = findChild(shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }

        function test_1_focus_starts_in_the_composer() {
            tryVerify(() => named("composerInput").activeFocus, 3000, "the composer has no focus at start")
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            compare(named("composerInput").text, "hi")
        }

        function test_2_tab_leaves_the_composer() {
            const input = named("composerInput")
            input.forceActiveFocus()
            keyClick(Qt.Key_Tab)
            verify(!input.activeFocus, "Tab stayed in the composer")
            compare(input.text.indexOf("\t"), -1)
            keyClick(Qt.Key_Backtab, Qt.ShiftModifier)
            tryVerify(() => input.activeFocus, 1000, "Shift+Tab did not come back")
            input.text = ""
        }

        function test_3_tab_leaves_the_system_prompt() {
            App.openModel("/models/fake-model.gguf")
            tryVerify(() => App.chat.modelReady, 5000)
            shell.conversationSettings.open()
            tryVerify(() => shell.conversationSettings.position === 1)
            const field = named("systemPromptField")
            field.forceActiveFocus()
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Tab)
            verify(!field.activeFocus, "Tab stayed in the system prompt")
            compare(field.text, "a")
            shell.conversationSettings.close()
            tryVerify(() => !shell.conversationSettings.visible)
        }
    
        function exchange(text) {
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = text
            keyClick(Qt.Key_Return)
            tryVerify(() => !App.chat.generating, 10000, "the reply did not end")
        }

        function focusedMessage(list) {
            return list.currentItem !== null && list.currentItem.activeFocus ? list.currentItem : null
        }

        function test_4_the_keyboard_walks_the_messages() {
            fakeEngine.tokenDelay = 1
            fakeEngine.reply = "A reply long enough to take a few lines. ".repeat(12)
            App.chat.newConversation()
            for (let i = 0; i < 4; ++i) exchange("Question " + i)
            const list = named("messageList")
            compare(list.count, 8)
            // Shift+Tab from the composer: the latest reply's buttons, then the reply itself.
            const input = named("composerInput")
            input.forceActiveFocus()
            let steps = 0
            while (!focusedMessage(list) && steps++ < 8) keyClick(Qt.Key_Backtab, Qt.ShiftModifier)
            const last = focusedMessage(list)
            verify(last !== null, "Shift+Tab never reached a message")
            compare(list.currentIndex, 7)
            verify(last.Accessible.name.indexOf("A reply long enough") >= 0, last.Accessible.name)
            // Up: the question before it, scrolled into view; Home: the first; End: the last.
            keyClick(Qt.Key_Up)
            compare(list.currentIndex, 6)
            verify(focusedMessage(list) !== null, "Up left the list")
            verify(focusedMessage(list).Accessible.name.indexOf("Question 3") >= 0)
            keyClick(Qt.Key_Home)
            compare(list.currentIndex, 0)
            const first = focusedMessage(list)
            verify(first !== null)
            tryVerify(() => first.y + first.height > list.contentY && first.y < list.contentY + list.height, 2000,
                      "the first message is not in view")
            keyClick(Qt.Key_End)
            compare(list.currentIndex, 7)
            // Only the current message's buttons are Tab stops: Tab goes from the message to its
            // own Copy button, never to a button of another message.
            keyClick(Qt.Key_Tab)
            const button = shell.Window.window.activeFocusItem
            verify(button !== null && button.objectName === "copyButton", "Tab went to " + (button ? button.objectName : "nothing"))
            verify(list.currentItem.contains(list.currentItem.mapFromItem(button, 1, 1)), "the Copy button is not the current message's")
        }

        function test_5_the_focused_control_is_scrolled_into_view() {
            const list = named("messageList")
            named("composerInput").forceActiveFocus()
            list.following = false
            // The last message's Copy button, far below the view, gets the focus.
            list.currentIndex = list.count - 1
            list.positionViewAtBeginning()
            const button = findChild(list.currentItem, "copyButton")
            verify(button !== null)
            verify(button.mapToItem(list, 0, 0).y > list.height, "the button is in view already")
            button.forceActiveFocus()
            tryVerify(() => {
                const p = button.mapToItem(list, 0, 0)
                return p.y >= 0 && p.y + button.height <= list.height
            }, 2000, "the focused button stayed out of view")
        }

        function test_6_replies_are_announced() {
            const announcer = named("announcer")
            fakeEngine.tokenDelay = 1
            fakeEngine.reply = "Bonjour tout le monde."
            exchange("Hello")
            verify(announcer.visible)
            compare(announcer.Accessible.role, Accessible.Notification)
            verify(announcer.Accessible.name.indexOf("Bonjour tout le monde.") >= 0, announcer.Accessible.name)
            // Stopped: said so, with what was written.
            fakeEngine.tokenDelay = 80
            fakeEngine.reply = "one two three four five six seven eight nine ten"
            const input = named("composerInput")
            input.text = "Again"
            keyClick(Qt.Key_Return)
            tryVerify(() => App.chat.generating)
            wait(200)
            keyClick(Qt.Key_Escape)
            tryVerify(() => !App.chat.generating, 5000)
            verify(announcer.visible)
            verify(announcer.Accessible.name.indexOf("stopped") >= 0, announcer.Accessible.name)
            verify(announcer.Accessible.name.indexOf("one") >= 0, announcer.Accessible.name)
            // The reply says why it ended, on screen and to assistive technology.
            const list = named("messageList")
            tryVerify(() => list.itemAtIndex(list.count - 1) !== null)
            const reply = list.itemAtIndex(list.count - 1)
            compare(reply.endMarker, "Stopped.")
            verify(findChild(reply, "endMarker").visible)
            verify(reply.Accessible.name.indexOf("(Stopped.)") > 0, reply.Accessible.name)
            fakeEngine.tokenDelay = 5
        }
    }
}
