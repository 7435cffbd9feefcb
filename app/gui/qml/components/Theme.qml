// Colours and sizes of the interface, light or dark from the theme setting (System follows
// the platform palette), or high contrast: white on black, yellow for what is active (Qt 6.4
// does not tell an app that the desktop asks for high contrast, so it is a setting).
pragma Singleton
import QtQuick
import Causerie

QtObject {
    id: theme
    property SystemPalette system: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property string setting: App.settings.theme
    readonly property bool contrast: setting === "contrast"
    readonly property bool dark: setting === "dark" || contrast
                                 || (setting === "system" && system.window.hslLightness < 0.5)

    readonly property color background: contrast ? "#000000" : dark ? "#1e1f22" : "#ffffff"
    readonly property color sidebar: contrast ? "#000000" : dark ? "#17181b" : "#f3f4f6"
    readonly property color surface: contrast ? "#101010" : dark ? "#26272b" : "#f7f7f8"
    readonly property color raised: contrast ? "#000000" : dark ? "#2e3035" : "#ffffff"
    readonly property color userBubble: contrast ? "#1c1c1c" : dark ? "#2b3a58" : "#e7eefc"
    readonly property color text: contrast ? "#ffffff" : dark ? "#e8e8ea" : "#1d1d1f"
    readonly property color muted: contrast ? "#e6e6e6" : dark ? "#a4a5ad" : "#5f6068"
    readonly property color border: contrast ? "#ffffff" : dark ? "#393a40" : "#dfe0e5"
    readonly property color accent: contrast ? "#ffd600" : dark ? "#7aa2ff" : "#2f63d8"
    readonly property color accentText: contrast ? "#000000" : dark ? "#0d1526" : "#ffffff"
    readonly property color selection: contrast ? "#3d3300" : dark ? "#2c3550" : "#dfe7fb"
    readonly property color codeBackground: contrast ? "#101010" : dark ? "#131417" : "#f1f2f5"
    readonly property color danger: contrast ? "#ff8a80" : dark ? "#ff6b6b" : "#c62828"
    readonly property color dangerBackground: contrast ? "#2a0000" : dark ? "#3a2023" : "#fdecea"

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
