// A keyboard user: the composer has the focus at start; Tab and Shift+Tab leave every
// multi-line field (composer, system prompt) instead of writing a tab character.
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
    }
}
