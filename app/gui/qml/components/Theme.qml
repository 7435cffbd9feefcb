// Colours and sizes of the interface, light or dark from the theme setting (System follows
// the platform palette).
pragma Singleton
import QtQuick
import Causerie

QtObject {
    id: theme
    property SystemPalette system: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property string setting: App.settings.theme
    readonly property bool dark: setting === "dark"
                                 || (setting === "system" && system.window.hslLightness < 0.5)

    readonly property color background: dark ? "#1e1f22" : "#ffffff"
    readonly property color sidebar: dark ? "#17181b" : "#f3f4f6"
    readonly property color surface: dark ? "#26272b" : "#f7f7f8"
    readonly property color raised: dark ? "#2e3035" : "#ffffff"
    readonly property color userBubble: dark ? "#2b3a58" : "#e7eefc"
    readonly property color text: dark ? "#e8e8ea" : "#1d1d1f"
    readonly property color muted: dark ? "#a4a5ad" : "#5f6068"
    readonly property color border: dark ? "#393a40" : "#dfe0e5"
    readonly property color accent: dark ? "#7aa2ff" : "#2f63d8"
    readonly property color accentText: dark ? "#0d1526" : "#ffffff"
    readonly property color selection: dark ? "#2c3550" : "#dfe7fb"
    readonly property color codeBackground: dark ? "#131417" : "#f1f2f5"
    readonly property color danger: dark ? "#ff6b6b" : "#c62828"
    readonly property color dangerBackground: dark ? "#3a2023" : "#fdecea"

    // The standard controls' colours (menus, combo boxes, spin boxes, dialogs) bound to the
    // theme. Set on the window, since popups take their palette from the window, not from the
    // item that declares them.
    function applyPalette(palette) {
        const roles = {
            window: () => theme.background, windowText: () => theme.text, base: () => theme.raised,
            alternateBase: () => theme.surface, text: () => theme.text, button: () => theme.surface,
            buttonText: () => theme.text, brightText: () => theme.text,
            // The standard controls draw highlighted rows and selections with these: a tint
            // under the normal text colour reads well in both themes.
            highlight: () => theme.selection, highlightedText: () => theme.text, toolTipBase: () => theme.raised,
            toolTipText: () => theme.text, placeholderText: () => theme.muted,
            light: () => theme.dark ? "#3a3b41" : "#ffffff", midlight: () => theme.dark ? "#33343a" : "#e9eaee",
            mid: () => theme.border, dark: () => theme.dark ? "#8a8b93" : "#9a9ba3",
            shadow: () => "#000000", link: () => theme.accent
        }
        for (const role in roles) {
            palette[role] = Qt.binding(roles[role])
            palette.disabled[role] = Qt.binding(roles[role])
            palette.inactive[role] = Qt.binding(roles[role])
        }
        // Disabled controls keep readable, quieter text.
        palette.disabled.text = Qt.binding(() => theme.muted)
        palette.disabled.windowText = Qt.binding(() => theme.muted)
        palette.disabled.buttonText = Qt.binding(() => theme.muted)
    }

    readonly property int radius: 8
    readonly property int spacing: 8
    readonly property string monoFamily: "DejaVu Sans Mono"
}
