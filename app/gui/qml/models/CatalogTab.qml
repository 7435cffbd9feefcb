// The curated catalog: one card per model with its description, size, quantization, parameters,
// license, the fit badge and a Download button (unsupported architectures are not offered).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Causerie

ColumnLayout {
    id: tab
    spacing: 8

    RowLayout {
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            text: (App.language, App.models.deviceMemoryKnown
                  ? qsTr("Fit checked against %1 of device memory at %2 tokens of context")
                        .arg(App.formatBytes(App.models.deviceMemory)).arg(App.formatNumber(App.models.fitContext, 0))
                  : qsTr("Device memory unknown: fit checked against %1 at %2 tokens of context")
                        .arg(App.formatBytes(App.models.deviceMemory)).arg(App.formatNumber(App.models.fitContext, 0)))
            color: Theme.muted
            wrapMode: Text.Wrap
        }
        ThemedButton {
            objectName: "refreshCatalogButton"
            Layout.minimumWidth: implicitWidth
            text: App.models.refreshingCatalog ? qsTr("Refreshing…") : qsTr("Refresh the catalog")
            enabled: !App.models.refreshingCatalog
            Accessible.name: qsTr("Refresh the catalog from its address")
            onClicked: App.models.refreshCatalog()
        }
    }

    ListView {
        id: list
        objectName: "catalogList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 8
        model: App.models.catalog
        ScrollBar.vertical: ScrollBar {}
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Catalog")

        delegate: Rectangle {
            id: card
            required property string entryId
            required property string name
            required property string description
            required property real size
            required property bool sizeApproximate
            required property string quantization
            required property string parameters
            required property string license
            required property int contextLength
            required property string architecture
            required property bool supported
            required property string fit
            required property int suggestedContext
            required property real neededBytes
            required property int expertLayersInSystemMemory
            required property bool installed
            required property bool downloading
            required property string downloadError
            objectName: "catalogCard_" + entryId
            width: ListView.view.width - 12
            implicitHeight: row.implicitHeight + 20
            radius: Theme.radius
            color: Theme.raised
            border.color: Theme.border

            RowLayout {
                id: row
                anchors.fill: parent
                anchors.margins: 10
                spacing: 12
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 3
                    Label {
                        text: card.name
                        textFormat: Text.PlainText
                        font.bold: true
                        color: Theme.text
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                    Label {
                        text: card.description
                        textFormat: Text.PlainText
                        color: Theme.text
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: (App.language, qsTr("%1%2 · %3 · %4 parameters · licence %5 · context %6")
                              .arg(card.sizeApproximate ? "≈ " : "").arg(App.formatBytes(card.size))
                              .arg(card.quantization).arg(card.parameters).arg(card.license)
                              .arg(App.formatNumber(card.contextLength, 0)))
                        textFormat: Text.PlainText
                        color: Theme.muted
                        font.pointSize: App.settings.fontSize - 1
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
                ColumnLayout {
                    spacing: 6
                    FitBadge {
                        Layout.alignment: Qt.AlignRight
                        visible: card.supported
                        fit: card.fit
                        suggestedContext: card.suggestedContext
                        neededBytes: card.neededBytes
                        expertLayers: card.expertLayersInSystemMemory
                    }
                    Label {
                        Layout.alignment: Qt.AlignRight
                        visible: card.supported && card.suggestedContext > 0
                        text: (App.language, qsTr("context ≤ %1").arg(App.formatNumber(card.suggestedContext, 0)))
                        color: Theme.muted
                        font.pointSize: App.settings.fontSize - 2
                    }
                    ThemedButton {
                        objectName: "downloadButton_" + card.entryId
                        Layout.alignment: Qt.AlignRight
                        enabled: card.supported && !card.installed && !card.downloading
                        accent: true
                        text: !card.supported ? qsTr("Not yet supported")
                            : card.installed ? qsTr("Installed")
                            : card.downloading ? qsTr("Downloading…") : qsTr("Download")
                        Accessible.name: card.supported ? qsTr("Download %1").arg(card.name)
                                                        : qsTr("%1: architecture %2 not yet supported").arg(card.name).arg(card.architecture)
                        onClicked: App.models.downloadCatalogEntry(card.entryId)
                    }
                    Label {
                        objectName: "downloadError_" + card.entryId
                        Layout.alignment: Qt.AlignRight
                        Layout.maximumWidth: 260
                        visible: card.downloadError !== ""
                        text: (App.language, qsTr("The download failed: %1").arg(card.downloadError))
                        textFormat: Text.PlainText
                        color: Theme.danger
                        font.pointSize: App.settings.fontSize - 2
                        wrapMode: Text.Wrap
                        horizontalAlignment: Text.AlignRight
                    }
                }
            }
        }
    }
}
