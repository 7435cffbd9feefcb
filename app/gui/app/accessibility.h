// What Qt 6.4 tells assistive technologies about Qt Quick items, corrected where it is wrong:
// every item reports itself enabled whatever its `enabled` says (Send with an empty composer,
// Search with an empty query). The fix is an accessibility factory that builds Qt Quick's own
// interface with the disabled state added, and announces state changes. Installed once, before
// the first window (AppController::attachEngine does it).
#pragma once

namespace causerie::gui {

void installAccessibilityFixes();

}  // namespace causerie::gui
