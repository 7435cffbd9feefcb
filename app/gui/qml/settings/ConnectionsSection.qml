// Settings > Connections: remote OpenAI-compatible endpoints (vLLM, llama.cpp's server, Ollama,
// a hosted API, another Causerie). Each shows its address, whether it answers and how many
// models it has; their models appear in the model picker. The API key goes to the system
// keyring; where there is none, the section says that keys last for this session only.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: section
    objectName: "connectionsSection"
    spacing: 8

    function stateText(status, modelCount, error) {
        if (status === "checking") return qsTr("Checking…")
        if (status === "failed") return error
        if (status === "ready") return qsTr("%n model(s)", "", modelCount)
        return ""
    }

    Label {
        text: qsTr("Connections")
        font.bold: true
        font.pointSize: App.settings.fontSize + 1
        color: Theme.text
        Accessible.role: Accessible.Heading
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("OpenAI-compatible servers (vLLM, llama.cpp, Ollama, a hosted service, another Causerie): their models appear in the model picker, marked as remote.")
        wrapMode: Text.WordWrap
        color: Theme.muted
    }
    Label {
        objectName: "keyringWarning"
        Layout.fillWidth: true
        visible: !App.connections.keyringAvailable
        text: qsTr("No system keyring is available (%1): API keys are kept for this session only and must be entered again after a restart.").arg(App.connections.keyringProblem)
        wrapMode: Text.WordWrap
        color: Theme.danger
    }

    Repeater {
        objectName: "connectionRows"
        model: App.connections.list
        delegate: Rectangle {
            required property string connectionId
            required property string name
            required property string address
            required property bool hasKey
            required property string status
            required property string error
            required property int modelCount
            objectName: "connectionRow"
            Layout.fillWidth: true
            implicitHeight: content.implicitHeight + 16
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            // The wrapped state line under the row, at a width set from outside (no polish loop).
            ColumnLayout {
                id: content
                x: 8
                y: 8
                width: parent.width - 16
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: hasKey ? qsTr("%1 · API key set").arg(name) : name
                            textFormat: Text.PlainText
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: address
                            textFormat: Text.PlainText
                            color: Theme.muted
                            elide: Text.ElideMiddle
                        }
                    }
                    ThemedButton {
                        objectName: "refreshConnectionButton"
                        text: qsTr("Refresh")
                        Accessible.name: qsTr("List the models of %1 again").arg(name)
                        enabled: status !== "checking"
                        onClicked: App.connections.refresh(connectionId)
                    }
                    ThemedButton {
                        objectName: "removeConnectionButton"
                        text: qsTr("Remove")
                        Accessible.name: qsTr("Remove the connection %1").arg(name)
                        onClicked: App.connections.removeConnection(connectionId)
                    }
                }
                Label {
                    objectName: "connectionState"
                    Layout.fillWidth: true
                    text: section.stateText(status, modelCount, error)
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: status === "failed" ? Theme.danger : Theme.muted
                }
            }
        }
    }

    GridLayout {
        Layout.fillWidth: true
        columns: 2
        columnSpacing: 16
        rowSpacing: 6
        Label { text: qsTr("Name"); color: Theme.text }
        TextField {
            id: nameField
            objectName: "connectionNameField"
            Layout.fillWidth: true
            placeholderText: qsTr("GPU server")
            Accessible.name: qsTr("Name of the new connection")
        }
        Label { text: qsTr("Base URL"); color: Theme.text }
        TextField {
            id: urlField
            objectName: "connectionUrlField"
            Layout.fillWidth: true
            placeholderText: "http://127.0.0.1:8000/v1"
            inputMethodHints: Qt.ImhUrlCharactersOnly
            Accessible.name: qsTr("Base URL of the new connection")
        }
        Label { text: qsTr("API key"); color: Theme.text }
        PasswordField {
            id: keyField
            objectName: "connectionKeyField"
            Layout.fillWidth: true
            placeholderText: qsTr("optional")
            accessibleName: qsTr("API key of the new connection (kept in the system keyring)")
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Label {
            id: addError
            objectName: "connectionAddError"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.danger
            visible: text !== ""
        }
        Item { Layout.fillWidth: !addError.visible }
        ThemedButton {
            objectName: "addConnectionButton"
            accent: true
            text: qsTr("Add the connection")
            enabled: urlField.text.trim() !== ""
            onClicked: {
                addError.text = App.connections.addConnection(nameField.text, urlField.text, keyField.text)
                if (addError.text === "") {
                    nameField.text = ""
                    urlField.text = ""
                    keyField.text = ""
                }
            }
        }
    }
}
