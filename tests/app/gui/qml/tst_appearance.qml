// Live language switching (visible texts change without restart) and screenshots of the window
// in English and French, light and dark; every screenshot also checks that each visible text
// has a contrast of at least 4.5:1 (WCAG AA) against what lies behind it.
import QtQuick
import QtQuick.Controls
import QtTest
import Causerie

Item {
    id: root
    width: 1180
    height: 760

    AppShell {
        id: shell
        anchors.fill: parent
    }

    TestCase {
        name: "Appearance"
        when: windowShown

        function named(name) {
            const found = findChild(shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function shoot(file) {
            wait(100)
            const image = grabImage(shell)
            image.save(screenshotDir + "/" + file)
            checkContrast(file)
        }
        function checkContrast(where) {
            compare(probe.lowContrastTexts(shell).join("\n"), "", where + ": texts below 4.5:1")
        }
        function chooseLanguage(value) {
            shell.settingsPage.open()
            tryVerify(() => shell.settingsPage.opened)
            const box = named("languageBox")
            box.currentIndex = box.indexOfValue(value)
            box.activated(box.currentIndex)
            shell.settingsPage.close()
            tryVerify(() => !shell.settingsPage.visible)
        }

        function initTestCase() {
            App.openModel("/models/stories260K.gguf")
            tryVerify(() => App.chat.modelReady, 5000)
            fakeEngine.tokenDelay = 1
            send("Write a haiku about autumn")
            App.chat.newConversation()
            fakeEngine.reply = "Use the **print** function:\n\n```python\nprint(\"Hello, world!\")\n```\n\n"
                    + "It writes its arguments to the *standard output*, separated by spaces."
            send("How do I print in Python?")
        }

        function send(text) {
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = text
            keyClick(Qt.Key_Return)
            tryVerify(() => !App.chat.generating, 5000)
        }

        function test_1_english_light() {
            App.settings.theme = "light"
            compare(named("newChatButton").text, "New chat")
            shoot("causerie-en-light.png")
        }

        function test_2_english_dark() {
            App.settings.theme = "dark"
            verify(Theme.dark)
            shoot("causerie-en-dark.png")
        }

        function test_3_french_live() {
            chooseLanguage("fr")
            compare(App.language, "fr")
            compare(named("newChatButton").text, "Nouvelle conversation")
            compare(named("settingsButton").text, "Paramètres")
            verify(named("composerInput").placeholderText.indexOf("Entrée") >= 0, named("composerInput").placeholderText)
            verify(named("statsLabel").text.indexOf("jetons/s") >= 0, named("statsLabel").text)
            shoot("causerie-fr-dark.png")
            App.settings.theme = "light"
            verify(!Theme.dark)
            shoot("causerie-fr-light.png")
        }

        function test_4_settings_page() {
            shell.settingsPage.open()
            tryVerify(() => shell.settingsPage.opened)
            shoot("causerie-fr-settings.png")
            shell.settingsPage.close()
            tryVerify(() => !shell.settingsPage.visible)
        }

        function test_5_back_to_english() {
            chooseLanguage("en")
            compare(named("newChatButton").text, "New chat")
            compare(named("settingsButton").text, "Settings")
        }

        function test_6_conversation_settings_drawer() {
            shell.conversationSettings.open()
            tryVerify(() => shell.conversationSettings.position === 1)
            compare(named("systemPromptField").text, "")
            shoot("causerie-en-light-conversation-settings.png")
            shell.conversationSettings.close()
            tryVerify(() => !shell.conversationSettings.visible)
        }

        // Every page, dialog, menu and popup of the standard controls, in every theme.
        function test_8_every_dialog_in_every_theme() {
            for (const theme of ["light", "dark", "contrast"]) {
                App.settings.theme = theme
                const settings = shell.settingsPage
                settings.open()
                tryVerify(() => settings.opened)
                shoot("causerie-en-" + theme + "-settings.png")
                for (const name of ["languageBox", "themeBox", "logLevelBox"]) {
                    const box = named(name)
                    box.popup.open()
                    tryVerify(() => box.popup.opened)
                    shoot("causerie-en-" + theme + "-settings-" + name + ".png")
                    box.popup.close()
                    tryVerify(() => !box.popup.visible)
                }
                settings.close()
                tryVerify(() => !settings.visible)

                const menu = named("modelMenu")
                menu.open()
                tryVerify(() => menu.opened)
                shoot("causerie-en-" + theme + "-model-menu.png")
                menu.close()
                tryVerify(() => !menu.visible)

                const page = shell.modelsPage
                page.open()
                tryVerify(() => page.opened)
                for (let tab = 0; tab < 3; ++tab) {
                    page.tabs.currentIndex = tab
                    shoot("causerie-en-" + theme + "-models-tab" + tab + ".png")
                }
                page.close()
                tryVerify(() => !page.visible)

                // The Documents page, with a collection of one readable and one unreadable file.
                if (App.documents.collections.count === 0) {
                    verify(probe.writeFile(probe.tempPath("appearance-note.md"), "# Note\n\nUn texte.\n"))
                    verify(probe.writeFile(probe.tempPath("appearance-bad.pdf"), "%PDF-1.4 broken"))
                    verify(App.documents.createCollection("notes"))
                    tryCompare(App.documents, "currentCollection", "notes")
                    App.documents.addPaths("notes", [probe.tempPath("appearance-note.md"), probe.tempPath("appearance-bad.pdf")])
                    tryCompare(App.documents.files, "count", 2, 20000)
                    tryVerify(() => !App.documents.indexing, 20000)
                }
                const documents = shell.documentsPage
                documents.open()
                tryVerify(() => documents.opened)
                wait(200)
                shoot("causerie-en-" + theme + "-documents.png")
                documents.close()
                tryVerify(() => !documents.visible)

                shell.conversationSettings.open()
                tryVerify(() => shell.conversationSettings.position === 1)
                shoot("causerie-en-" + theme + "-conversation-settings.png")
                shell.conversationSettings.close()
                tryVerify(() => !shell.conversationSettings.visible)

                // The conversation's rename (the old title selected) and delete (destructive) dialogs.
                const rename = named("renameDialog")
                rename.field.text = "How do I print in Python?"
                rename.open()
                tryVerify(() => rename.opened)
                compare(rename.field.selectedText, rename.field.text)
                shoot("causerie-en-" + theme + "-rename.png")
                rename.close()
                tryVerify(() => !rename.visible)
                const remove = named("deleteDialog")
                remove.conversationTitle = "How do I print in Python?"
                remove.open()
                tryVerify(() => remove.opened)
                shoot("causerie-en-" + theme + "-delete.png")
                remove.close()
                tryVerify(() => !remove.visible)
            }
            App.settings.theme = "light"
        }

        // A reasoning model's reply: the block open while it thinks, closed with its duration
        // once the answer comes, opened again by a click; both themes.
        function test_9_reasoning_block() {
            App.chat.newConversation()
            fakeEngine.tokenDelay = 60
            fakeEngine.reply = "<think>The user asks about autumn. Leaves fall, days shorten; a short answer will do.</think>"
                    + "Autumn is the season between summer and winter."
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = "What is autumn?"
            keyClick(Qt.Key_Return)
            const list = named("messageList")
            tryVerify(() => App.chat.messages.count === 2 && list.itemAtIndex(1) !== null, 5000)
            const reply = list.itemAtIndex(1)
            const toggle = findChild(reply, "reasoningToggle")
            verify(toggle !== null)
            tryVerify(() => toggle.visible, 5000)
            tryVerify(() => toggle.text.indexOf("Thinking") === 0)
            shoot("causerie-en-light-thinking.png")
            tryVerify(() => !App.chat.generating, 10000)
            tryVerify(() => toggle.text.indexOf("Thought for") === 0, 3000, toggle.text)
            verify(!findChild(reply, "reasoningText").visible)
            compare(reply.text, "Autumn is the season between summer and winter.")
            mouseClick(toggle)
            tryVerify(() => findChild(reply, "reasoningText").visible)
            shoot("causerie-en-light-reasoning.png")
            App.settings.theme = "dark"
            shoot("causerie-en-dark-reasoning.png")
            App.settings.theme = "light"
            fakeEngine.tokenDelay = 1
        }

        function test_7_streaming() {
            fakeEngine.tokenDelay = 150
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = "And in C?"
            keyClick(Qt.Key_Return)
            tryVerify(() => App.chat.messages.count === 4 && findChild(shell, "stopButton") !== null)
            wait(700)
            shoot("causerie-en-light-streaming.png")
            keyClick(Qt.Key_Escape)
            tryVerify(() => !App.chat.generating, 5000)
        }
    }
}
