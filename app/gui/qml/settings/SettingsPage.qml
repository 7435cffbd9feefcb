// Application settings: language (live), theme, font size, data folder, log level and folder,
// the connections to remote endpoints (ConnectionsSection) and the app's own OpenAI-compatible
// server (ServerSection). The page scrolls when it is taller than the window.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

AppDialog {
    id: page
    objectName: "settingsPage"
    title: qsTr("Settings")
    modal: true
    header: Label {
        text: page.title
        font.pointSize: App.settings.fontSize + 3
        font.bold: true
        color: Theme.text
        padding: 16
        bottomPadding: 4
    }
    footer: DialogButtonBox {
        Button {
            objectName: "closeSettingsButton"
            text: qsTr("Close")
            Accessible.name: qsTr("Close the settings")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    // The boxes show the saved choices each time the page opens.
    onAboutToShow: {
        languageBox.currentIndex = languageBox.indexOfValue(App.settings.language)
        themeBox.currentIndex = themeBox.indexOfValue(App.settings.theme)
        logLevelBox.currentIndex = logLevelBox.indexOfValue(App.settings.logLevel)
        deviceBox.currentIndex = Math.min(App.settings.device + 1, deviceBox.count - 1)
    }
    width: Math.min(560, parent ? parent.width - 40 : 560)
    parent: Overlay.overlay
    anchors.centerIn: parent

    ScrollView {
        id: scroller
        objectName: "settingsScroll"
        width: parent ? parent.width : 0
        implicitHeight: Math.min(pageContent.implicitHeight, (page.parent ? page.parent.height : 800) - 180)
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            id: pageContent
            width: scroller.availableWidth
            spacing: 20
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 16
                rowSpacing: 10

                Label { text: qsTr("Language"); color: Theme.text }
                AppComboBox {
                    id: languageBox
                    objectName: "languageBox"
                    Layout.fillWidth: true
                    textRole: "text"
                    valueRole: "value"
                    // The names of the languages are written in their own language.
                    model: [{ value: "system", text: qsTr("System") }, { value: "en", text: "English" }, { value: "fr", text: "Français" }]
                    Accessible.name: qsTr("Language")
                    onActivated: App.settings.language = currentValue
                }

                Label { text: qsTr("Theme"); color: Theme.text }
                AppComboBox {
                    id: themeBox
                    objectName: "themeBox"
                    Layout.fillWidth: true
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "system", text: qsTr("System") }, { value: "light", text: qsTr("Light") }, { value: "dark", text: qsTr("Dark") },
                            { value: "contrast", text: qsTr("High contrast") }]
                    Accessible.name: qsTr("Theme")
                    onActivated: App.settings.theme = currentValue
                }

                Label { text: qsTr("GPU device"); color: Theme.text }
                AppComboBox {
                    id: deviceBox
                    objectName: "deviceBox"
                    Layout.fillWidth: true
                    model: [qsTr("Automatic (the best device)")].concat(App.devices)
                    Accessible.name: qsTr("GPU device")
                    onActivated: {
                        App.settings.device = currentIndex - 1
                        App.reloadModel()
                    }
                }

                Label { text: qsTr("Default model"); color: Theme.text }
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: App.settings.lastModel !== "" ? App.settings.lastModel.split("/").pop() : qsTr("none (choose one in the model picker)")
                        color: Theme.muted
                        elide: Text.ElideMiddle
                        Accessible.name: qsTr("Default model: %1").arg(text)
                    }
                    Button {
                        visible: App.settings.lastModel !== ""
                        text: qsTr("Forget")
                        Accessible.name: qsTr("Do not load a model at start")
                        onClicked: App.settings.lastModel = ""
                    }
                }

                Label { text: qsTr("Font size"); color: Theme.text }
                SpinBox {
                    objectName: "fontSizeBox"
                    from: 8
                    to: 24
                    value: App.settings.fontSize
                    Accessible.name: qsTr("Font size")
                    onValueModified: App.settings.fontSize = value
                }

                Label { text: qsTr("Data folder"); color: Theme.text }
                Label {
                    Layout.fillWidth: true
                    text: App.settings.dataDir
                    textFormat: Text.PlainText
                    color: Theme.muted
                    elide: Text.ElideMiddle
                    Accessible.name: qsTr("Data folder: %1").arg(text)
                }

                Label { text: qsTr("Model catalog address"); color: Theme.text }
                TextField {
                    objectName: "catalogUrlField"
                    Layout.fillWidth: true
                    text: App.settings.catalogUrl
                    placeholderText: qsTr("https://… (the built-in catalog when empty)")
                    Accessible.name: qsTr("Model catalog address")
                    onEditingFinished: App.settings.catalogUrl = text
                }

                Label { text: qsTr("Hugging Face server"); color: Theme.text }
                TextField {
                    objectName: "hfBaseUrlField"
                    Layout.fillWidth: true
                    text: App.settings.hfBaseUrl
                    placeholderText: "https://huggingface.co"
                    Accessible.name: qsTr("Hugging Face server (or a mirror)")
                    onEditingFinished: App.settings.hfBaseUrl = text
                }

                Label { text: qsTr("Electricity carbon intensity"); color: Theme.text }
                RowLayout {
                    Layout.fillWidth: true
                    SpinBox {
                        id: gridIntensityBox
                        objectName: "gridIntensityBox"
                        from: 0
                        to: 2000
                        editable: true
                        value: Math.round(App.settings.gridIntensity)
                        Accessible.name: qsTr("Electricity carbon intensity, in grams of CO₂ equivalent per kilowatt-hour")
                        onValueModified: App.settings.gridIntensity = value
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("gCO₂e/kWh, for the estimate shown with each reply's energy (France: 57)")
                        textFormat: Text.PlainText
                        color: Theme.muted
                        wrapMode: Text.Wrap
                    }
                }

                Label { text: qsTr("Log level"); color: Theme.text }
                AppComboBox {
                    id: logLevelBox
                    objectName: "logLevelBox"
                    Layout.fillWidth: true
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "error", text: qsTr("Errors") }, { value: "warn", text: qsTr("Warnings") },
                            { value: "info", text: qsTr("Information") }, { value: "debug", text: qsTr("Debugging") },
                            { value: "trace", text: qsTr("Everything") }]
                    Accessible.name: qsTr("Log level")
                    onActivated: App.settings.logLevel = currentValue
                }

                Label { text: qsTr("Log files"); color: Theme.text }
                Button {
                    text: qsTr("Open the log folder")
                    Accessible.name: text
                    onClicked: App.openLogFolder()
                }
            }

            ConnectionsSection {
                Layout.fillWidth: true
            }

            ServerSection {
                Layout.fillWidth: true
            }
        }
    }
}
