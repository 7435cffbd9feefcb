// The download queue: progress (bytes, speed, time left), pause/resume, cancel, retry, and the
// reason of a failure. Kept across restarts by the download manager.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: panel
    spacing: 4

    function stateText(state, retryIn) {
        if (state === "queued") return qsTr("Queued")
        if (state === "checking") return qsTr("Checking the partial file…")
        if (state === "running") return qsTr("Downloading")
        if (state === "waiting") return qsTr("Network error, retrying in %1 s").arg(Math.ceil(retryIn / 1000))
        if (state === "paused") return qsTr("Paused")
        if (state === "verifying") return qsTr("Verifying…")
        if (state === "completed") return qsTr("Installed")
        if (state === "failed") return qsTr("Failed")
        return state
    }
    function duration(seconds) {
        if (seconds < 0) return qsTr("unknown")
        if (seconds < 60) return qsTr("%1 s").arg(seconds)
        if (seconds < 3600) return qsTr("%1 min %2 s").arg(Math.floor(seconds / 60)).arg(seconds % 60)
        return qsTr("%1 h %2 min").arg(Math.floor(seconds / 3600)).arg(Math.floor(seconds % 3600 / 60))
    }

    Label {
        text: (App.language, qsTr("Downloads (%1 in progress)").arg(App.models.downloads.activeCount))
        font.bold: true
        color: Theme.text
    }

    ListView {
        id: list
        objectName: "downloadList"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(contentHeight, 180)
        clip: true
        spacing: 6
        model: App.models.downloads
        ScrollBar.vertical: ScrollBar {}
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Downloads")

        delegate: ColumnLayout {
            id: item
            required property real downloadId
            required property string fileName
            required property string downloadState
            required property real received
            required property real total
            required property real progress
            required property real speed
            required property real secondsLeft
            required property real retryIn
            required property string error
            required property bool canPause
            required property bool canResume
            objectName: "download_" + fileName
            width: ListView.view.width - 12
            spacing: 2
            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: item.fileName
                    textFormat: Text.PlainText
                    color: Theme.text
                    elide: Text.ElideMiddle
                }
                Label {
                    objectName: "downloadState"
                    text: (App.language, panel.stateText(item.downloadState, item.retryIn))
                    color: item.downloadState === "failed" ? Theme.danger : Theme.muted
                }
                IconButton {
                    objectName: "pauseButton"
                    visible: item.canPause
                    text: qsTr("Pause")
                    tip: qsTr("Pause the download of %1").arg(item.fileName)
                    onClicked: App.models.pause(item.downloadId)
                }
                IconButton {
                    objectName: "resumeButton"
                    visible: item.canResume
                    text: item.downloadState === "failed" ? qsTr("Retry") : qsTr("Resume")
                    tip: item.downloadState === "failed" ? qsTr("Try the download of %1 again").arg(item.fileName)
                                                 : qsTr("Resume the download of %1").arg(item.fileName)
                    onClicked: App.models.resume(item.downloadId)
                }
                IconButton {
                    objectName: "cancelButton"
                    visible: item.downloadState !== "completed"
                    text: qsTr("Cancel")
                    tip: qsTr("Cancel the download of %1 and delete the partial file").arg(item.fileName)
                    onClicked: App.models.cancel(item.downloadId)
                }
                IconButton {
                    objectName: "forgetButton"
                    visible: item.downloadState === "completed" || item.downloadState === "failed" || item.downloadState === "paused"
                    text: "✕"
                    tip: qsTr("Remove %1 from the list").arg(item.fileName)
                    onClicked: App.models.forget(item.downloadId)
                }
            }
            ProgressBar {
                objectName: "downloadProgress"
                Layout.fillWidth: true
                visible: item.downloadState !== "completed"
                from: 0
                to: 1
                value: item.progress
                indeterminate: item.total <= 0 && item.downloadState === "running"
                Accessible.name: qsTr("Progress of %1").arg(item.fileName)
            }
            Label {
                objectName: "downloadDetails"
                Layout.fillWidth: true
                visible: item.downloadState !== "completed"
                text: (App.language, qsTr("%1 of %2").arg(App.formatBytes(item.received))
                          .arg(item.total > 0 ? App.formatBytes(item.total) : qsTr("unknown size"))
                      + (item.downloadState === "running"
                         ? " · " + qsTr("%1/s").arg(App.formatBytes(item.speed)) + " · "
                           + qsTr("%1 left").arg(panel.duration(item.secondsLeft))
                         : ""))
                color: Theme.muted
                font.pointSize: App.settings.fontSize - 2
            }
            Label {
                objectName: "downloadError"
                Layout.fillWidth: true
                visible: item.error !== "" && (item.downloadState === "failed" || item.downloadState === "waiting")
                text: item.error
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pointSize: App.settings.fontSize - 1
            }
        }
    }
}
