// The bar above the chat: the conversation's title, the model picker and the conversation
// settings button; model loading progress and load errors below it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Rectangle {
    id: header
    signal openConversationSettings()
    signal openModels()
    color: Theme.background
    implicitHeight: column.implicitHeight

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 8
            Label {
                objectName: "conversationTitle"
                Layout.fillWidth: true
                leftPadding: 6
                text: App.chat.title !== "" ? App.chat.title : qsTr("New conversation")
                textFormat: Text.PlainText
                font.pointSize: App.settings.fontSize + 2
                font.bold: true
                elide: Text.ElideRight
                color: Theme.text
            }
            ModelPicker {
                Layout.maximumWidth: 320
                onManageModels: header.openModels()
            }
            IconButton {
                objectName: "conversationSettingsButton"
                text: qsTr("Parameters")
                tip: qsTr("Conversation settings: system prompt and sampling")
                onClicked: header.openConversationSettings()
            }
        }

        ProgressBar {
            objectName: "loadProgress"
            Layout.fillWidth: true
            visible: App.modelLoading
            value: App.loadProgress
            Accessible.name: qsTr("Loading the model")
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: 14
            visible: App.modelLoading
            text: (App.language, qsTr("Loading the model… %1%").arg(App.formatNumber(App.loadProgress * 100, 0)))
            color: Theme.muted
            font.pointSize: App.settings.fontSize - 1
        }
        ErrorBanner {
            objectName: "modelError"
            Layout.fillWidth: true
            Layout.margins: visible ? 8 : 0
            message: App.modelError
            onDismissed: App.clearModelError()
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Theme.border
        }
    }
}
