// The open conversation: messages of the current branch, errors, and the composer.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

Rectangle {
    id: chatView
    color: Theme.background
    property alias composer: composer
    property alias messageList: messages
    signal manageModels()

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ListView {
            id: messages
            objectName: "messageList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: App.chat.messages
            spacing: 4
            topMargin: 16
            bottomMargin: 16
            leftMargin: Math.max(20, (width - 860) / 2)
            rightMargin: leftMargin
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Messages")
            ScrollBar.vertical: ScrollBar {}
            // The keyboard walks the messages: Tab reaches the current message (a visible one:
            // the latest when the view follows the end), Up/Down move, Home/End jump.
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            onActiveFocusChanged: if (activeFocus && !currentVisible()) currentIndex = visibleIndex()
            Keys.onPressed: (event) => {
                if (event.key === Qt.Key_Home && count > 0) { currentIndex = 0; event.accepted = true }
                else if (event.key === Qt.Key_End && count > 0) { currentIndex = count - 1; event.accepted = true }
            }
            function currentVisible() {
                return currentItem !== null && currentItem.y + currentItem.height > contentY
                       && currentItem.y < contentY + height
            }
            function visibleIndex() {
                if (following || atYEnd) return count - 1
                const row = indexAt(width / 2, contentY + height / 2)
                return row >= 0 ? row : count - 1
            }
            delegate: MessageDelegate {
                width: messages.width - messages.leftMargin - messages.rightMargin
            }
            // Follow a streaming reply while the view is at the bottom.
            property bool following: true
            onMovementEnded: following = atYEnd
            onContentHeightChanged: if (following) Qt.callLater(positionViewAtEnd)
            onCountChanged: {
                following = true
                Qt.callLater(positionViewAtEnd)
                // The keyboard stays on the latest message unless it is elsewhere in the list.
                if (!activeFocus) currentIndex = count - 1
            }
            onCurrentIndexChanged: if (activeFocus) following = currentIndex === count - 1

            Connections {
                target: App.chat
                // Replies are announced to screen readers when they end (Qt 6.4 has no live
                // regions: a notification is spoken each time it is shown).
                function onReplyEnded(id, state, text) {
                    if (state === "interrupted")
                        announcer.say(text !== "" ? qsTr("Reply stopped: %1").arg(text) : qsTr("Reply stopped."))
                    else if (state === "error")
                        announcer.say(App.chat.error !== "" ? App.chat.error : qsTr("The reply failed."))
                    else
                        announcer.say(qsTr("Reply: %1").arg(text))
                }
                function onFocusMessageRequested() {
                    const row = App.chat.messages.indexOf(App.chat.focusMessageId)
                    if (row >= 0) {
                        messages.following = false
                        messages.positionViewAtIndex(row, ListView.Center)
                        messages.currentIndex = row
                    }
                }
            }

            ColumnLayout {
                anchors.centerIn: parent
                visible: messages.count === 0 && !welcomeArea.visible
                width: Math.min(parent.width - 40, 480)
                spacing: 8
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("What shall we talk about?")
                    font.pointSize: App.settings.fontSize + 8
                    color: Theme.text
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "emptyHint"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: App.chat.modelReady
                          ? qsTr("Type a message below. Enter sends, Shift+Enter starts a new line.")
                          : qsTr("Loading the model…")
                    color: Theme.muted
                }
            }
        }

        ErrorBanner {
            objectName: "chatError"
            Layout.fillWidth: true
            Layout.leftMargin: messages.leftMargin
            Layout.rightMargin: messages.rightMargin
            Layout.bottomMargin: visible ? 8 : 0
            message: App.chat.error
            onDismissed: App.chat.clearError()
        }

        Composer {
            id: composer
            Layout.fillWidth: true
            Layout.leftMargin: messages.leftMargin
            Layout.rightMargin: messages.rightMargin
            Layout.bottomMargin: 8
        }

        Label {
            objectName: "statsLabel"
            Layout.fillWidth: true
            Layout.leftMargin: messages.leftMargin
            Layout.rightMargin: messages.rightMargin
            Layout.bottomMargin: 8
            horizontalAlignment: Text.AlignHCenter
            font.pointSize: App.settings.fontSize - 2
            color: Theme.muted
            visible: App.chat.modelReady
            text: {
                App.language
                let parts = []
                if (App.chat.tokensPerSecond > 0)
                    parts.push(qsTr("%1 tokens/s").arg(App.formatNumber(App.chat.tokensPerSecond, 1)))
                if (App.chat.contextLength > 0)
                    parts.push(qsTr("context %1 / %2 tokens").arg(App.formatNumber(App.chat.contextUsed, 0))
                               .arg(App.formatNumber(App.chat.contextLength, 0)))
                if (App.chat.contextSlid)
                    parts.push(qsTr("the oldest messages no longer fit and were left out"))
                return parts.join(" · ")
            }
        }
    }
    // What a screen reader speaks about replies (see onReplyEnded).
    Item {
        id: announcer
        objectName: "announcer"
        width: 1
        height: 1
        visible: false
        property string message: ""
        Accessible.role: Accessible.Notification
        Accessible.name: message
        function say(text) {
            visible = false
            message = text
            visible = true
        }
    }

    // No model yet: the welcome over the message area, scrollable on small windows.
    Flickable {
        id: welcomeArea
        x: messages.x
        y: messages.y
        width: messages.width
        height: messages.height
        visible: messages.count === 0 && !App.chat.modelReady && !App.modelLoading
        contentHeight: welcome.implicitHeight + 48
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        Welcome {
            id: welcome
            width: Math.min(welcomeArea.width - 40, 640)
            x: (welcomeArea.width - width) / 2
            y: Math.max(24, (welcomeArea.height - implicitHeight) / 2)
            onOpenModels: chatView.manageModels()
        }
    }
}
