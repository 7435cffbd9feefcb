// The whole interface inside a window: sidebar, header, chat, drawers, settings, shortcuts.
// Main.qml puts it in an ApplicationWindow; the QML tests put it in their own window.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Pane {
    id: shell
    padding: 0
    font.pointSize: App.settings.fontSize
    property alias sidebar: sidebar
    property alias chatView: chatView
    property alias settingsPage: settingsPage
    property alias modelsPage: modelsPage
    property alias documentsPage: documentsPage
    property alias conversationSettings: conversationSettings

    // The theme's colours for the standard controls of the shell and of the popups it declares
    // (dialogs over the window bind their own: AppDialog).
    // Links in the messages (citation markers too) in the theme's accent.
    readonly property color linkColor: Theme.accent
    onLinkColorChanged: App.setLinkColor(linkColor)
    Component.onCompleted: {
        App.setLinkColor(linkColor)
        Theme.applyPalette(shell.palette)
        // A keyboard or screen-reader user starts in the composer.
        Qt.callLater(() => chatView.composer.input.forceActiveFocus())
    }
    background: Rectangle { color: Theme.background }
    // The focused control is always scrolled into view.
    FocusScroller { window: shell.Window.window }

    function newChat() {
        App.chat.newConversation()
        chatView.composer.input.forceActiveFocus()
    }

    Shortcut {
        sequence: StandardKey.New
        context: Qt.ApplicationShortcut
        onActivated: shell.newChat()
    }
    Shortcut {
        sequence: "Esc"
        enabled: App.chat.generating
        context: Qt.ApplicationShortcut
        onActivated: App.chat.stop()
    }
    Shortcut {
        sequence: "Ctrl+F"
        context: Qt.ApplicationShortcut
        onActivated: sidebar.searchField.forceActiveFocus()
    }
    Shortcut {
        sequence: "Ctrl+M"
        context: Qt.ApplicationShortcut
        onActivated: modelsPage.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+D"  // Ctrl+D deletes a character in text fields on X11
        context: Qt.ApplicationShortcut
        onActivated: documentsPage.open()
    }
    Shortcut {
        sequence: "Ctrl+,"
        context: Qt.ApplicationShortcut
        onActivated: settingsPage.open()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            objectName: "sidebar"
            Layout.preferredWidth: 270
            Layout.fillHeight: true
            onNewChat: shell.newChat()
            onOpenSettings: settingsPage.open()
            onOpenModels: modelsPage.open()
            onOpenDocuments: documentsPage.open()
        }
        Rectangle {
            Layout.fillHeight: true
            implicitWidth: 1
            color: Theme.border
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0
            ChatHeader {
                Layout.fillWidth: true
                onOpenConversationSettings: conversationSettings.open()
                onOpenModels: modelsPage.open()
            }
            Label {
                Layout.fillWidth: true
                Layout.margins: 8
                visible: App.storageError !== ""
                text: qsTr("The conversations cannot be saved: %1").arg(App.storageError)
                color: Theme.danger
                wrapMode: Text.Wrap
            }
            ChatView {
                id: chatView
                Layout.fillWidth: true
                Layout.fillHeight: true
                onManageModels: modelsPage.open()
            }
        }
    }

    // Closing a drawer or a page (Esc included) gives the keyboard back to the composer.
    ConversationSettingsDrawer {
        id: conversationSettings
        parent: shell
        onClosed: chatView.composer.input.forceActiveFocus()
        onOpenDocuments: {
            conversationSettings.close()
            documentsPage.open()
        }
    }
    SettingsPage {
        id: settingsPage
        onClosed: chatView.composer.input.forceActiveFocus()
    }
    ModelsPage {
        id: modelsPage
        onClosed: chatView.composer.input.forceActiveFocus()
    }
    DocumentsPage {
        id: documentsPage
        onClosed: chatView.composer.input.forceActiveFocus()
    }
}
