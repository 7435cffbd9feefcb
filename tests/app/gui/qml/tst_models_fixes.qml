// The Models page's small fixes: the Hugging Face tab laid out before any search; an error shows
// on the tab it belongs to only; "Refresh the catalog" says what it did; a catalog download that
// fails gives its button back (Download, with the reason) and can be tried again.
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
        name: "ModelsFixes"
        when: windowShown

        readonly property var page: shell.modelsPage
        readonly property string tinyPath: "/test/tiny-GGUF/resolve/main/tiny-Q4_K_M.gguf"

        function named(name, parent) {
            const found = findChild(parent || shell, name)
            verify(found !== null, "no item named " + name)
            return found
        }
        function shoot(file) {
            wait(150)
            grabImage(shell).save(screenshotDir + "/" + file)
        }
        function chooseTab(index) {
            page.tabs.currentIndex = index
            wait(50)
        }
        function banner() { return named("modelsError", page) }
        function card(id) {
            const list = named("catalogList", page)
            for (let i = 0; i < list.count; ++i) {
                list.positionViewAtIndex(i, ListView.Contain)
                const item = list.itemAtIndex(i)
                if (item && item.objectName === "catalogCard_" + id) return item
            }
            return null
        }
        function setLanguage(value) {
            App.settings.language = value
            tryCompare(App, "language", value)
        }

        function initTestCase() {
            App.settings.theme = "light"
            App.settings.hfBaseUrl = testServerUrl
            tryVerify(() => !App.models.scanning, 20000)
            page.open()
            tryVerify(() => page.opened)
        }
        function cleanupTestCase() { probe.setRouteStatus(tinyPath, 200) }

        function test_1_search_tab_before_the_first_search() {
            chooseTab(2)
            const repos = named("hfRepositoryList", page)
            const files = named("hfFileList", page)
            const field = named("hfSearchField", page)
            // Both panes share the width; the placeholder sits in the repository pane.
            tryVerify(() => repos.width > 200 && files.width > 200, 10000, "repos " + repos.width + ", files " + files.width)
            verify(field.width > 400, "field " + field.width)
            const hint = named("hfEmptyHint", page)
            verify(hint.visible)
            verify(hint.width > 150 && hint.width <= repos.width, "hint " + hint.width)
            for (const theme of ["light", "dark"]) {
                App.settings.theme = theme
                shoot("models-en-" + theme + "-search-empty.png")
            }
            setLanguage("fr")
            for (const theme2 of ["light", "dark"]) {
                App.settings.theme = theme2
                shoot("models-fr-" + theme2 + "-search-empty.png")
            }
            App.settings.theme = "light"
            setLanguage("en")
        }

        function test_2_errors_belong_to_their_tab() {
            chooseTab(2)
            const field = named("hfSearchField", page)
            field.text = "nothing"
            mouseClick(named("hfSearchButton", page))
            tryVerify(() => App.models.error !== "", 20000)
            compare(App.models.errorScope, "search")
            verify(banner().visible)
            chooseTab(0)
            verify(!banner().visible, "the search error shows on the catalog tab")
            chooseTab(1)
            verify(!banner().visible)
            chooseTab(2)
            verify(banner().visible)
            // A catalog error: on the catalog tab, not on the search tab.
            verify(!App.models.downloadCatalogEntry("no-such-entry"))
            compare(App.models.errorScope, "catalog")
            verify(!banner().visible)
            chooseTab(0)
            verify(banner().visible)
            verify(named("errorText", banner()).text.indexOf("no-such-entry") >= 0)
            App.models.clearError()
            verify(!banner().visible)
        }

        function test_3_refresh_says_what_it_did() {
            chooseTab(0)
            App.models.refreshCatalog()  // no address: says so
            verify(App.models.notice.indexOf("built-in") >= 0, App.models.notice)
            App.settings.catalogUrl = testServerUrl + "/catalog.json"
            mouseClick(named("refreshCatalogButton", page))
            tryVerify(() => App.models.notice.indexOf("Catalog up to date") === 0, 20000, App.models.notice)
            compare(App.models.notice, "Catalog up to date: 1 model, 1 new")
            verify(named("modelsNotice", page).visible)
            shoot("models-en-light-catalog-refreshed.png")
            setLanguage("fr")
            compare(App.models.notice, "Catalogue à jour\u00a0: 1 modèle, 1 nouveau")
            shoot("models-fr-light-catalog-refreshed.png")
            setLanguage("en")
        }

        function test_4_failed_download_gives_the_button_back() {
            chooseTab(0)
            probe.setRouteStatus(tinyPath, 404)
            tryVerify(() => card("tiny-welcome") !== null, 20000)
            const button = named("downloadButton_tiny-welcome", card("tiny-welcome"))
            compare(button.text, "Download")
            mouseClick(button)
            tryVerify(() => named("downloadError_tiny-welcome", card("tiny-welcome")).visible, 10000)
            const again = named("downloadButton_tiny-welcome", card("tiny-welcome"))
            compare(again.text, "Download")
            verify(again.enabled)
            verify(named("downloadError_tiny-welcome", card("tiny-welcome")).text.indexOf("404") >= 0,
                   named("downloadError_tiny-welcome", card("tiny-welcome")).text)
            shoot("models-en-light-catalog-download-failed.png")
            App.settings.theme = "dark"
            shoot("models-en-dark-catalog-download-failed.png")
            setLanguage("fr")
            const why = named("downloadError_tiny-welcome", card("tiny-welcome")).text
            verify(why.indexOf("Le téléchargement a échoué\u00a0: le serveur a répondu HTTP 404") === 0, why)
            shoot("models-fr-dark-catalog-download-failed.png")
            App.settings.theme = "light"
            shoot("models-fr-light-catalog-download-failed.png")
            setLanguage("en")
            // Served again: the same button tries again, and the model is installed.
            probe.setRouteStatus(tinyPath, 200)
            mouseClick(again)
            tryVerify(() => !named("downloadError_tiny-welcome", card("tiny-welcome")).visible, 20000)
            tryVerify(() => named("downloadButton_tiny-welcome", card("tiny-welcome")).text === "Installed", 15000)
            compare(App.models.downloads.count, 1)
        }
    }
}
