// Settings > Server: the OpenAI-compatible server inside the app, off by default, serving the
// model loaded here to other programs (scripts, editors). Its status: the address it listens
// on, or why it cannot (a port in use).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: section
    objectName: "serverSection"
    spacing: 8

    Label {
        text: qsTr("Server")
        font.bold: true
        font.pointSize: App.settings.fontSize + 1
        color: Theme.text
        Accessible.role: Accessible.Heading
    }
    AppSwitch {
        id: enabledSwitch
        objectName: "serverSwitch"
        text: qsTr("Serve the loaded model over the OpenAI API")
        checked: App.server.enabled
        palette.windowText: Theme.text
        Accessible.name: text
        onToggled: App.server.enabled = checked
    }
    GridLayout {
        Layout.fillWidth: true
        columns: 2
        columnSpacing: 16
        rowSpacing: 6
        Label { text: qsTr("Port"); color: Theme.text }
        SpinBox {
            objectName: "serverPortBox"
            from: 0
            to: 65535
            editable: true
            value: App.server.port
            textFromValue: (value) => String(value)  // no group separator in a port
            valueFromText: (text) => parseInt(text)
            Accessible.name: qsTr("Port of the server (0: any free port)")
            onValueModified: App.server.port = value
        }
        Label { text: qsTr("API key"); color: Theme.text }
        RowLayout {
            Layout.fillWidth: true
            PasswordField {
                id: serverKey
                objectName: "serverKeyField"
                Layout.fillWidth: true
                placeholderText: App.server.hasKey ? qsTr("set (type a new one to change it)") : qsTr("none: any program on this computer may use it")
                accessibleName: qsTr("API key the clients must send (kept in the system keyring)")
            }
            ThemedButton {
                objectName: "serverKeyButton"
                text: serverKey.text === "" && App.server.hasKey ? qsTr("Remove the key") : qsTr("Set the key")
                enabled: serverKey.text !== "" || App.server.hasKey
                onClicked: {
                    App.server.setApiKey(serverKey.text)
                    serverKey.text = ""
                }
            }
        }
    }
    CheckBox {
        objectName: "serverAllowOthers"
        text: qsTr("Allow other computers (listen on every network interface)")
        checked: App.server.allowOthers
        palette.windowText: Theme.text
        Accessible.name: text
        onToggled: App.server.allowOthers = checked
    }
    Label {
        objectName: "serverStatus"
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        textFormat: Text.PlainText
        color: App.server.error !== "" ? Theme.danger : Theme.muted
        text: App.server.error !== "" ? App.server.error
              : App.server.running ? qsTr("Listening on %1 (model name: %2)").arg(App.server.url).arg(App.server.modelId)
                                   : qsTr("Off")
    }
}
