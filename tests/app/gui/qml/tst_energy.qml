// Energy per reply in the reply's details: shown with its CO2e estimate at the grid-intensity
// setting when the engine measured it (the fake engine reports what the test sets), absent when
// nothing was measured; the setting is edited on the Settings page.
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
        name: "Energy"
        when: windowShown

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function delegateAt(row) {
            const list = named("messageList")
            list.positionViewAtIndex(row, ListView.Contain)
            const item = list.itemAtIndex(row)
            verify(item !== null, "no delegate at row " + row)
            return item
        }
        function send(text) {
            const input = named("composerInput")
            input.forceActiveFocus()
            input.text = text
            keyClick(Qt.Key_Return)
            tryVerify(() => !App.chat.generating, 10000, "the reply did not end")
        }

        function initTestCase() {
            fakeEngine.tokenDelay = 2
            App.settings.language = "en"
            tryCompare(App, "language", "en")
            App.openModel("/models/fake-model.gguf")
            tryVerify(() => App.chat.modelReady, 5000)
        }
        function cleanupTestCase() {
            fakeEngine.energyJoules = -1
            App.settings.gridIntensity = 57
        }

        function test_1_default_intensity_is_france() {
            compare(App.settings.gridIntensity, 57)
        }

        function test_2_measured_reply_shows_energy_and_co2e() {
            fakeEngine.energyJoules = 180  // 0.05 Wh
            send("How much energy does this take?")
            const label = named("energyLabel", delegateAt(1))
            verify(label.visible)
            // 50 mWh at 57 gCO2e/kWh: 2.85 mg.
            compare(label.text, "50.0 mWh · 2.85 mg CO₂e")
            verify(label.Accessible.name.indexOf("CPU package-0 (RAPL), Fake GPU (NVML)") >= 0, label.Accessible.name)
            verify(label.Accessible.name.indexOf("57") >= 0, label.Accessible.name)
            grabImage(shell).save(screenshotDir + "/causerie-en-light-energy.png")
        }

        function test_3_intensity_setting_applies_to_next_replies() {
            shell.settingsPage.open()
            tryVerify(() => shell.settingsPage.opened)
            const box = named("gridIntensityBox")
            box.forceActiveFocus()
            box.value = 400
            box.valueModified()
            compare(App.settings.gridIntensity, 400)
            grabImage(shell).save(screenshotDir + "/causerie-en-light-settings-grid-intensity.png")
            shell.settingsPage.close()
            tryVerify(() => !shell.settingsPage.visible)
            fakeEngine.energyJoules = 7200  // 2 Wh
            send("And at 400 g per kWh?")
            compare(named("energyLabel", delegateAt(3)).text, "2.00 Wh · 800 mg CO₂e")
            // The first reply keeps the intensity it was estimated with.
            compare(named("energyLabel", delegateAt(1)).text, "50.0 mWh · 2.85 mg CO₂e")
        }

        function test_4_nothing_measured_nothing_shown() {
            fakeEngine.energyJoules = -1
            send("And without a power meter?")
            verify(!named("energyLabel", delegateAt(5)).visible)
            verify(named("energyLabel", delegateAt(3)).visible)
        }

        function test_5_french() {
            App.settings.language = "fr"
            tryCompare(App, "language", "fr")
            compare(named("energyLabel", delegateAt(1)).text, "50,0 mWh · 2,85 mg éq. CO₂")
            grabImage(shell).save(screenshotDir + "/causerie-fr-light-energy.png")
            App.settings.theme = "dark"
            wait(100)
            grabImage(shell).save(screenshotDir + "/causerie-fr-dark-energy.png")
            App.settings.theme = "light"
            App.settings.language = "en"
            tryCompare(App, "language", "en")
        }
    }
}
