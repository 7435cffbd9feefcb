// The sidebar: new chat, search box with full-text results, conversations grouped by date,
// rename and delete (with confirmation).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Rectangle {
    id: sidebar
    color: Theme.sidebar
    signal newChat()
    signal openSettings()
    signal openModels()
    signal openDocuments()
    property alias searchField: search

    function sectionTitle(key) {
        if (key === "today") return qsTr("Today")
        if (key === "yesterday") return qsTr("Yesterday")
        if (key === "week") return qsTr("Previous 7 days")
        return qsTr("Older")
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 10
        spacing: 8

        Button {
            objectName: "newChatButton"
            icon.name: "list-add-symbolic"
            icon.color: Theme.text
            Layout.fillWidth: true
            text: qsTr("New chat")
            Accessible.name: qsTr("New chat (Ctrl+N)")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Start a new conversation (Ctrl+N)")
            ToolTip.delay: 600
            onClicked: sidebar.newChat()
        }

        TextField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search all messages")
            placeholderTextColor: Theme.muted
            Accessible.name: qsTr("Search all messages")
            selectByMouse: true
            onTextChanged: App.searchQuery = text
            Keys.onEscapePressed: text = ""
            Keys.onDownPressed: if (results.count > 0) { results.currentIndex = 0; results.forceActiveFocus() }
        }

        ListView {
            id: results
            objectName: "searchResults"
            visible: search.text.trim() !== ""
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: App.searchResults
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Search results")
            ScrollBar.vertical: ScrollBar {}
            delegate: SearchResultDelegate {
                width: results.width
                highlighted: ListView.isCurrentItem && results.activeFocus
                onActivated: App.chat.openMessage(conversationId, messageId)
            }
            Label {
                anchors.centerIn: parent
                visible: results.count === 0
                text: qsTr("No message matches")
                color: Theme.muted
            }
        }

        ListView {
            id: list
            objectName: "conversationList"
            visible: !results.visible
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: App.conversations
            keyNavigationEnabled: true
            // The open conversation stays current when the list is reordered or refreshed.
            function syncCurrent() { currentIndex = App.conversations.indexOf(App.chat.conversationId) }
            Component.onCompleted: syncCurrent()
            Connections {
                target: App.chat
                function onConversationChanged() { list.syncCurrent() }
            }
            Connections {
                target: App.conversations
                function onModelReset() { list.syncCurrent() }
                function onDataChanged() { list.syncCurrent() }
            }
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Conversations")
            ScrollBar.vertical: ScrollBar {}
            section.property: "section"
            section.criteria: ViewSection.FullString
            section.delegate: Label {
                required property string section
                width: ListView.view.width
                topPadding: 10
                bottomPadding: 4
                leftPadding: 6
                text: sidebar.sectionTitle(section)
                font.pointSize: App.settings.fontSize - 2
                font.bold: true
                color: Theme.muted
            }
            delegate: ConversationDelegate {
                width: list.width
                selected: conversationId === App.chat.conversationId
                onActivated: App.chat.openConversation(conversationId)
                onRenameRequested: { renameDialog.conversationId = conversationId; renameDialog.field.text = title; renameDialog.open() }
                onDeleteRequested: { deleteDialog.conversationId = conversationId; deleteDialog.conversationTitle = title; deleteDialog.open() }
                onExportRequested: (format) => {
                    exportDialog.conversationId = conversationId
                    exportDialog.format = format
                    exportDialog.suggestedFile = App.suggestedExportUrl(title, format)
                    exportDialog.open()
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width - 20
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: list.count === 0
                text: qsTr("No conversations yet")
                color: Theme.muted
            }
        }

        Button {
            objectName: "importButton"
            icon.name: "document-open-symbolic"
            icon.color: Theme.text
            Layout.fillWidth: true
            flat: true
            text: qsTr("Import a conversation…")
            Accessible.name: qsTr("Import a conversation from a JSON export")
            onClicked: importDialog.open()
        }

        Button {
            objectName: "modelsButton"
            icon.name: "drive-harddisk-symbolic"
            icon.color: Theme.text
            Layout.fillWidth: true
            flat: true
            text: qsTr("Models")
            Accessible.name: qsTr("Models: catalog, installed models and downloads")
            onClicked: sidebar.openModels()
        }

        Button {
            objectName: "documentsButton"
            icon.name: "folder-documents-symbolic"
            icon.color: Theme.text
            Layout.fillWidth: true
            flat: true
            text: qsTr("Documents")
            Accessible.name: qsTr("Documents: the collections conversations answer from")
            onClicked: sidebar.openDocuments()
        }

        Button {
            objectName: "settingsButton"
            icon.name: "emblem-system-symbolic"
            icon.color: Theme.text
            Layout.fillWidth: true
            flat: true
            text: qsTr("Settings")
            Accessible.name: qsTr("Settings")
            onClicked: sidebar.openSettings()
        }
    }

    FilePicker {
        id: exportDialog
        objectName: "exportPicker"
        property var conversationId: 0
        property string format: "markdown"
        saveFile: true
        title: qsTr("Export the conversation")
        nameFilters: format === "json" ? [qsTr("JSON files (*.json)")] : [qsTr("Markdown files (*.md)")]
        onPicked: (file) => App.exportConversation(conversationId, file, format)
    }

    FilePicker {
        id: importDialog
        objectName: "importConversationPicker"
        title: qsTr("Import a conversation")
        nameFilters: [qsTr("JSON files (*.json)")]
        onPicked: (file) => App.importConversation(file)
    }

    AppDialog {
        id: renameDialog
        objectName: "renameDialog"
        property var conversationId: 0
        property alias field: renameField
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        width: 400
        title: qsTr("Rename conversation")
        onOpened: {
            renameField.forceActiveFocus()
            renameField.selectAll()  // typing replaces the old title
        }
        onAccepted: App.renameConversation(conversationId, renameField.text)
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                Accessible.name: text
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            ThemedButton {
                objectName: "confirmRenameButton"
                text: qsTr("Rename")
                Accessible.name: text
                accent: true
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
        }
        TextField {
            id: renameField
            objectName: "renameField"
            width: parent.width
            Accessible.name: qsTr("New title")
            onAccepted: renameDialog.accept()
        }
    }

    AppDialog {
        id: deleteDialog
        objectName: "deleteDialog"
        property var conversationId: 0
        property string conversationTitle: ""
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        width: 400
        title: qsTr("Delete conversation?")
        onAccepted: App.deleteConversation(conversationId)
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                Accessible.name: text
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            ThemedButton {
                objectName: "confirmDeleteButton"
                destructive: true
                icon.name: "edit-delete-symbolic"
                text: qsTr("Delete")
                Accessible.name: qsTr("Delete the conversation")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
        }
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("“%1” and all its messages will be deleted. This cannot be undone.").arg(deleteDialog.conversationTitle)
            textFormat: Text.PlainText
        }
    }
}
