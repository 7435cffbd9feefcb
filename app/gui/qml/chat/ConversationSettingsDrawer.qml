// The conversation's settings: system prompt and sampling parameters, saved with it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Drawer {
    id: drawer
    objectName: "conversationSettings"
    edge: Qt.RightEdge
    width: Math.min(360, parent ? parent.width * 0.9 : 360)
    height: parent ? parent.height : 600
    property var values: ({})
    signal openDocuments()
    // Whether the conversation searches a collection, and switching one on or off.
    function usesCollection(name) {
        const list = values.collections || []
        return list.indexOf(name) >= 0
    }
    function setCollection(name, on) {
        let list = (values.collections || []).filter(n => n !== name)
        if (on) list.push(name)
        save("collections", list)
        values = App.chat.settings()
    }

    onAboutToShow: values = App.chat.settings()
    function save(key, value) {
        let change = {}
        change[key] = value
        App.chat.setSettings(change)
    }

    background: Rectangle { color: Theme.raised; border.color: Theme.border }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 10
            Label {
                Layout.margins: 16
                Layout.bottomMargin: 4
                text: qsTr("Conversation settings")
                font.pointSize: App.settings.fontSize + 2
                font.bold: true
                color: Theme.text
            }
            Label { Layout.leftMargin: 16; text: qsTr("System prompt"); color: Theme.muted }
            AppTextArea {
                objectName: "systemPromptField"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Layout.preferredHeight: 90
                wrapMode: TextEdit.Wrap
                text: drawer.values.systemPrompt || ""
                placeholderText: qsTr("You are a helpful assistant.")
                placeholderTextColor: Theme.muted
                color: Theme.text
                background: Rectangle {
                    color: Theme.surface
                    radius: 6
                    border.color: parent.activeFocus ? Theme.accent : Theme.border
                    border.width: parent.activeFocus ? 2 : 1
                }
                Accessible.name: qsTr("System prompt")
                onEditingFinished: drawer.save("systemPrompt", text)
            }
            // The collections of documents this conversation answers from.
            ColumnLayout {
                objectName: "documentsSetting"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                spacing: 2
                Label { text: qsTr("Answer from my documents"); color: Theme.muted }
                Repeater {
                    model: App.documents.collections
                    delegate: AppSwitch {
                        required property string name
                        required property int chunkCount
                        objectName: "collectionSwitch_" + name
                        Layout.fillWidth: true
                        text: (App.language, qsTr("%1 (%2)").arg(name).arg(qsTr("%n passage(s)", "", chunkCount)))
                        checked: drawer.usesCollection(name)
                        palette.windowText: Theme.text
                        Accessible.name: qsTr("Answer from the collection %1").arg(name)
                        onToggled: drawer.setCollection(name, checked)
                    }
                }
                Label {
                    objectName: "searchModeNote"
                    Layout.fillWidth: true
                    visible: App.documents.collections.count > 0
                    text: App.documents.embeddingError !== ""
                          ? qsTr("Lexical search only: the embedding model %1 cannot be loaded (%2).").arg(App.documents.embeddingModelName).arg(App.documents.embeddingError)
                          : App.documents.lexicalOnly
                            ? (App.models.installed.embeddingPaths.length === 0
                               ? qsTr("Lexical search only (no embedding model installed): the question's words and their forms are looked for.")
                               : qsTr("Lexical search only (no embedding model chosen in the Documents page): the question's words and their forms are looked for."))
                            : qsTr("Hybrid search (words and meaning) with %1.").arg(App.documents.embeddingModelName)
                    textFormat: Text.PlainText
                    color: Theme.muted
                    font.pointSize: App.settings.fontSize - 1
                    wrapMode: Text.Wrap
                }
                Label {
                    visible: App.documents.collections.count === 0
                    Layout.fillWidth: true
                    text: qsTr("No collection of documents yet.")
                    textFormat: Text.PlainText
                    color: Theme.muted
                    font.pointSize: App.settings.fontSize - 1
                    wrapMode: Text.Wrap
                }
                ThemedButton {
                    objectName: "manageDocumentsButton"
                    Layout.topMargin: 4
                    text: qsTr("Manage documents…")
                    Accessible.name: qsTr("Open the documents page")
                    onClicked: drawer.openDocuments()
                }
            }
            // Templates that take enable_thinking (Qwen 3, SmolLM3): reason before answering or not.
            ColumnLayout {
                objectName: "thinkingSetting"
                visible: App.chat.thinkingSwitch
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                spacing: 0
                AppSwitch {
                    id: thinkingSwitch
                    objectName: "thinkingSwitch"
                    Layout.fillWidth: true
                    text: qsTr("Think before answering")
                    checked: drawer.values.enableThinking !== undefined ? drawer.values.enableThinking : true
                    palette.windowText: Theme.text
                    Accessible.name: text
                    Accessible.description: thinkingHint.text
                    onToggled: drawer.save("enableThinking", checked)
                }
                Label {
                    id: thinkingHint
                    Layout.fillWidth: true
                    text: qsTr("The model writes its reasoning first (slower, often better on hard questions). Off: it answers at once.")
                    textFormat: Text.PlainText
                    color: Theme.muted
                    font.pointSize: App.settings.fontSize - 1
                    wrapMode: Text.Wrap
                }
            }
            SettingSlider { label: qsTr("Temperature"); key: "temperature"; from: 0; to: 2; stepSize: 0.05; decimals: 2 }
            SettingSlider { label: qsTr("Top-k"); key: "topK"; from: 0; to: 200; stepSize: 1; decimals: 0 }
            SettingSlider { label: qsTr("Top-p"); key: "topP"; from: 0; to: 1; stepSize: 0.01; decimals: 2 }
            SettingSlider { label: qsTr("Min-p"); key: "minP"; from: 0; to: 1; stepSize: 0.01; decimals: 2 }
            SettingSlider { label: qsTr("Repeat penalty"); key: "repeatPenalty"; from: 1; to: 2; stepSize: 0.01; decimals: 2 }
            SettingSpin { label: qsTr("Maximum reply length (tokens, -1: no limit)"); key: "maxTokens"; from: -1; to: 32768 }
            SettingSpin {
                id: contextSetting
                label: qsTr("Context length (tokens, 0: what the device allows)")
                key: "contextLength"
                from: 0
                to: 131072
            }
            Label {
                objectName: "contextCost"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                visible: text !== ""
                text: (App.language, App.modelName, App.contextCost(contextSetting.value > 0 ? contextSetting.value : App.chat.contextLength))
                textFormat: Text.PlainText
                color: Theme.muted
                font.pointSize: App.settings.fontSize - 1
                wrapMode: Text.Wrap
            }
            SettingSpin { label: qsTr("Seed (-1: random)"); key: "seed"; from: -1; to: 2147483647 }
            Item { Layout.preferredHeight: 16 }
        }
    }

    component SettingSlider: ColumnLayout {
        id: setting
        property string label
        property string key
        property alias from: slider.from
        property alias to: slider.to
        property alias stepSize: slider.stepSize
        property int decimals: 2
        Layout.fillWidth: true
        Layout.leftMargin: 16
        Layout.rightMargin: 16
        spacing: 0
        RowLayout {
            Label { Layout.fillWidth: true; text: setting.label; color: Theme.muted }
            Label { text: (App.language, App.formatNumber(slider.value, setting.decimals)); color: Theme.text }
        }
        Slider {
            id: slider
            Layout.fillWidth: true
            value: drawer.values[setting.key] !== undefined ? drawer.values[setting.key] : 0
            Accessible.name: setting.label
            onMoved: drawer.save(setting.key, value)
        }
    }

    component SettingSpin: ColumnLayout {
        id: spinSetting
        property string label
        property string key
        property alias from: spin.from
        property alias to: spin.to
        property alias value: spin.value
        Layout.fillWidth: true
        Layout.leftMargin: 16
        Layout.rightMargin: 16
        spacing: 2
        Label { Layout.fillWidth: true; text: spinSetting.label; color: Theme.muted; wrapMode: Text.Wrap }
        SpinBox {
            id: spin
            Layout.fillWidth: true
            editable: true
            value: drawer.values[spinSetting.key] !== undefined ? drawer.values[spinSetting.key] : 0
            Accessible.name: spinSetting.label
            onValueModified: drawer.save(spinSetting.key, value)
        }
    }
}
