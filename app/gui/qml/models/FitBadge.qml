// "Will it fit": fits / tight / too big against the selected device's memory, or for a
// mixture of experts too big for it "fits with N layers of experts in system memory" (loaded
// so), with the suggested context length in the tooltip.
import QtQuick
import QtQuick.Controls
import Causerie

Rectangle {
    id: badge
    property string fit: "unknown"   // "fits", "tight", "too big", "experts in system memory", "unknown"
    property int expertLayers: 0     // "experts in system memory": of how many layers
    property int suggestedContext: 0
    property real neededBytes: 0
    readonly property color tone: fit === "fits" ? (Theme.dark ? "#5cc98a" : "#1b7f45")
                                : fit === "tight" || fit === "experts in system memory" ? (Theme.dark ? "#f0b44c" : "#9a6200")
                                : fit === "too big" ? Theme.danger : Theme.muted
    readonly property string label: fit === "fits" ? qsTr("Fits")
                                  : fit === "tight" ? qsTr("Tight")
                                  : fit === "too big" ? qsTr("Too big")
                                  : fit === "experts in system memory" ? qsTr("Fits with %1 layers of experts in system memory").arg(expertLayers)
                                  : qsTr("Fit unknown")
    readonly property string details: (App.language, fit === "unknown" ? qsTr("The memory needed is unknown")
        : qsTr("Needs about %1 of %2 at %3 tokens of context%4")
            .arg(App.formatBytes(neededBytes)).arg(App.formatBytes(App.models.deviceMemory))
            .arg(App.formatNumber(App.models.fitContext, 0))
            .arg(App.models.deviceMemoryKnown ? "" : qsTr(" (device memory unknown, assumed)"))
          + (fit === "experts in system memory"
             ? "\n" + qsTr("The experts of %1 layers stay in system memory, read by the GPU in place: it runs, more slowly").arg(expertLayers)
             : "")
          + (suggestedContext > 0 ? "\n" + qsTr("Suggested context: %1 tokens").arg(App.formatNumber(suggestedContext, 0))
                                  : "\n" + qsTr("Even a short context does not fit")))
    implicitWidth: text.implicitWidth + 16
    implicitHeight: text.implicitHeight + 6
    radius: height / 2
    color: "transparent"
    border.color: tone
    Accessible.role: Accessible.StaticText
    Accessible.name: label + ". " + details

    Label {
        id: text
        anchors.centerIn: parent
        text: badge.label
        color: badge.tone
        font.pointSize: App.settings.fontSize - 1
        font.bold: true
    }
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered
    ToolTip.text: details
    ToolTip.delay: 300
}
