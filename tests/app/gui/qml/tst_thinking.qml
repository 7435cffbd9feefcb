// The per-conversation thinking switch: shown only for a model whose chat template takes
// enable_thinking; its default is the template's; a choice is kept with its conversation and sent
// with each of its replies (the fake engine records what it got).
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
        name: "Thinking"
        when: windowShown

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function load(path, thinking) {
            fakeEngine.thinkingTemplate = thinking
            App.openModel(path)
            tryVerify(() => App.chat.modelReady && App.modelPath === path && App.chat.thinkingSwitch === thinking, 5000)
        }
        function openDrawer() {
            const drawer = shell.conversationSettings
            drawer.open()
            tryVerify(() => drawer.position === 1)
            return drawer
        }
        function closeDrawer() {
            const drawer = shell.conversationSettings
            drawer.close()
            tryVerify(() => !drawer.visible)
        }
        function send(text) {
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = text
            keyClick(Qt.Key_Return)
            tryVerify(() => !App.chat.generating, 10000, "the reply did not end")
        }

        function initTestCase() { fakeEngine.tokenDelay = 2 }

        function test_1_hidden_without_the_variable() {
            load("/models/plain.gguf", false)
            openDrawer()
            verify(!named("thinkingSetting").visible)
            closeDrawer()
            send("Hello")
            compare(fakeEngine.lastEnableThinking, "unset")
        }

        function test_2_default_then_off_then_kept() {
            load("/models/qwen3-thinking.gguf", true)
            keySequence("Ctrl+N")
            openDrawer()
            const sw = named("thinkingSwitch")
            verify(named("thinkingSetting").visible)
            verify(sw.checked, "the template's default is on")
            closeDrawer()
            // Nothing chosen: the template decides (the variable stays undefined).
            send("First question")
            compare(fakeEngine.lastEnableThinking, "unset")
            const conversation = App.chat.conversationId
            verify(conversation > 0)

            openDrawer()
            mouseClick(sw)
            verify(!sw.checked)
            compare(App.chat.settings().enableThinking, false)
            grabImage(shell).save(screenshotDir + "/causerie-en-light-thinking-switch.png")
            closeDrawer()
            send("Second question")
            compare(fakeEngine.lastEnableThinking, "false")

            // A new conversation starts from the template's default again.
            keySequence("Ctrl+N")
            openDrawer()
            verify(sw.checked)
            closeDrawer()
            // The first conversation kept its choice.
            App.chat.openConversation(conversation)
            openDrawer()
            verify(!sw.checked)
            mouseClick(sw)
            verify(sw.checked)
            closeDrawer()
            send("Third question")
            compare(fakeEngine.lastEnableThinking, "true")
        }

        function test_3_chosen_before_the_first_message() {
            keySequence("Ctrl+N")
            openDrawer()
            const sw = named("thinkingSwitch")
            mouseClick(sw)
            verify(!sw.checked)
            closeDrawer()
            send("Answer at once")
            compare(fakeEngine.lastEnableThinking, "false")
            compare(App.chat.settings().enableThinking, false)
        }

        function test_4_a_model_without_the_variable_hides_it_again() {
            load("/models/plain.gguf", false)
            openDrawer()
            verify(!named("thinkingSetting").visible)
            closeDrawer()
            send("Plain again")
            compare(fakeEngine.lastEnableThinking, "unset")  // the stored choice is not sent to it
        }
    }
}
