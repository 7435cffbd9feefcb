// The Models page driven through its controls: the built-in catalog with fit badges, a model
// imported by copy, a Hugging Face search against the local test server, a download paused,
// resumed and finished, the model in Installed and in the model picker, deleted after the
// confirmation; screenshots in English and French.
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
        name: "ModelsPage"
        when: windowShown

        readonly property var page: shell.modelsPage

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function shoot(file) {
            wait(150)
            const image = grabImage(shell)
            image.save(screenshotDir + "/" + file)
        }
        function click(item) {
            verify(item.visible, item.objectName + " is hidden")
            verify(item.enabled, item.objectName + " is disabled")
            mouseClick(item)
        }
        function chooseTab(index) {
            page.tabs.currentIndex = index
            wait(50)
        }
        function setLanguage(value) {
            App.settings.language = value
            tryCompare(App, "language", value)
        }
        // List delegates are not QObject children of their view: look through the view's items.
        function delegateNamed(listName, name) {
            const list = named(listName, page)
            for (let i = 0; i < list.count; ++i) {
                const item = list.itemAtIndex(i)
                if (item && item.objectName === name) return item
            }
            return null
        }
        function download() { return delegateNamed("downloadList", "download_tiny-Q4_K_M.gguf") }

        function initTestCase() {
            App.settings.theme = "light"
            App.settings.hfBaseUrl = testServerUrl
            tryVerify(() => App.models.deviceMemoryKnown, 5000)
            tryVerify(() => !App.models.scanning, 5000)
        }

        function test_1_catalog() {
            click(named("modelsButton"))
            tryVerify(() => page.opened)
            compare(page.title, "Models")
            verify(App.models.catalog.count >= 10)
            verify(App.models.catalogBuiltIn)
            chooseTab(0)
            const list = named("catalogList", page)
            verify(list.count === App.models.catalog.count)
            // The first entry (Llama 3.2 1B) fits the fake engine's 8 GiB device and is downloadable.
            const first = list.itemAtIndex(0)
            verify(first !== null)
            compare(findChild(first, "downloadButton_" + first.entryId).text, "Download")
            shoot("models-en-catalog.png")
        }

        function test_2_import_copy() {
            App.models.importFile(sharedDir + "/models/stories260K.gguf", true)
            tryVerify(() => App.models.installed.installedCount === 1, 10000)
            chooseTab(1)
            compare(named("installedTabButton", page).text, "Installed (1)")
            tryVerify(() => delegateNamed("installedList", "installedCard_stories260K") !== null, 5000)
            const card = delegateNamed("installedList", "installedCard_stories260K")
            verify(named("loadButton_stories260K", card).enabled)
            shoot("models-en-installed.png")
            // Load uses the app's loading path.
            click(named("loadButton_stories260K", card))
            tryVerify(() => App.chat.modelReady, 5000)
            compare(App.modelName, "stories260K")
        }

        function test_3_search_and_download() {
            chooseTab(2)
            const field = named("hfSearchField", page)
            field.forceActiveFocus()
            field.text = "tiny"
            click(named("hfSearchButton", page))
            tryVerify(() => App.models.searchResults.count === 1, 5000)
            const repos = named("hfRepositoryList", page)
            tryVerify(() => repos.itemAtIndex(0) !== null)
            click(repos.itemAtIndex(0))
            tryVerify(() => App.models.files.count === 2, 5000)
            compare(App.models.files.repository, "test/tiny-GGUF")
            const preferred = App.models.files.preferredRow
            verify(preferred >= 0)
            const files = named("hfFileList", page)
            tryVerify(() => files.itemAtIndex(preferred) !== null)
            click(named("hfDownloadButton_" + preferred, files.itemAtIndex(preferred)))
            tryVerify(() => App.models.downloads.count === 1, 5000, "error: " + App.models.error)
            tryVerify(() => download() !== null, 5000)
            tryVerify(() => download().downloadState === "running" && download().received > 0, 5000)
            verify(named("downloadProgress", download()).value > 0)
            verify(named("downloadDetails", download()).text.indexOf(" left") > 0, named("downloadDetails", download()).text)
            shoot("models-en-search-downloading.png")

            click(named("pauseButton", download()))
            tryCompare(download(), "downloadState", "paused")
            compare(named("downloadState", download()).text, "Paused")
            compare(named("resumeButton", download()).text, "Resume")
            click(named("resumeButton", download()))
            tryCompare(download(), "downloadState", "completed", 15000)
            tryVerify(() => App.models.installed.installedCount === 2, 5000)
        }

        function test_4_picker_lists_installed() {
            page.close()
            tryVerify(() => !page.visible)
            click(named("modelPicker"))
            const menu = named("modelMenu")
            tryVerify(() => menu.opened)
            let names = []
            for (let i = 0; i < menu.count; ++i) {
                const item = menu.itemAt(i)
                if (item && item.objectName === "installedModelItem" && item.visible) names.push(item.modelId)
            }
            compare(names.sort().join(","), "stories260K,tiny-Q4_K_M")
            menu.close()
            tryVerify(() => !menu.visible)
        }

        function test_5_french() {
            setLanguage("fr")
            page.open()
            tryVerify(() => page.opened)
            compare(page.title, "Modèles")
            chooseTab(0)
            compare(named("catalogTabButton", page).text, "Catalogue")
            compare(named("installedTabButton", page).text, "Installés (2)")
            const list = named("catalogList", page)
            const first = list.itemAtIndex(0)
            verify(first.description.indexOf("Le petit assistant") === 0, first.description)
            shoot("models-fr-catalog.png")
            chooseTab(1)
            shoot("models-fr-installed.png")
            App.settings.theme = "dark"
            shoot("models-fr-installed-dark.png")
            App.settings.theme = "light"
        }

        function test_6_delete_with_confirmation() {
            chooseTab(1)
            tryVerify(() => delegateNamed("installedList", "installedCard_tiny-Q4_K_M") !== null, 5000)
            const card = delegateNamed("installedList", "installedCard_tiny-Q4_K_M")
            click(named("deleteButton_tiny-Q4_K_M", card))
            const dialog = page.installedTab.deleteDialog
            tryVerify(() => dialog.opened, 5000)
            verify(named("deleteModelText", dialog).text.indexOf("sera supprimé du disque") > 0, named("deleteModelText", dialog).text)
            shoot("models-fr-delete-confirmation.png")
            // Cancel first: nothing happens.
            click(named("cancelDeleteButton", dialog))
            tryVerify(() => !dialog.visible)
            wait(200)
            compare(App.models.installed.installedCount, 2)
            click(named("deleteButton_tiny-Q4_K_M", card))
            tryVerify(() => dialog.opened, 5000)
            click(named("confirmDeleteButton", dialog))
            tryVerify(() => App.models.installed.installedCount === 1, 5000)
            verify(delegateNamed("installedList", "installedCard_tiny-Q4_K_M") === null)
            setLanguage("en")
            page.close()
            tryVerify(() => !page.visible)
        }

        function test_7_settings_fields() {
            shell.settingsPage.open()
            tryVerify(() => shell.settingsPage.opened)
            compare(named("hfBaseUrlField").text, testServerUrl)
            const field = named("catalogUrlField")
            field.text = testServerUrl + "/catalog.json"
            field.editingFinished()
            compare(App.settings.catalogUrl, testServerUrl + "/catalog.json")
            shoot("models-en-settings.png")
            shell.settingsPage.close()
            tryVerify(() => !shell.settingsPage.visible)
        }
    }
}
