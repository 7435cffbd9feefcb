// A multi-line field where Tab and Shift+Tab move the focus on, as in every other control, instead
// of writing a tab character (a keyboard user would be trapped in it otherwise).
import QtQuick
import QtQuick.Controls

TextArea {
    id: area
    function moveFocus(forward) {
        const next = area.nextItemInFocusChain(forward)
        if (next && next !== area) next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
    }
    Keys.onTabPressed: (event) => { area.moveFocus(true); event.accepted = true }
    Keys.onBacktabPressed: (event) => { area.moveFocus(false); event.accepted = true }
}
