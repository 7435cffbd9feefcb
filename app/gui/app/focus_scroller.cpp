#include "app/focus_scroller.h"

#include <QQuickItem>
#include <QTimer>
#include <algorithm>

namespace causerie::gui {

void FocusScroller::setWindow(QQuickWindow* window) {
    if (window_ == window) return;
    disconnect(focusConnection_);
    window_ = window;
    if (window_) {
        focusConnection_ = connect(window_, &QQuickWindow::activeFocusItemChanged, this, [this] { settle(3); });
    }
    emit windowChanged();
}

void FocusScroller::settle(int passes) {
    // Queued: the newly focused delegate may still be laid out in this event. A list places its
    // delegates again after it moves (their heights were estimates), so a move is checked again.
    QTimer::singleShot(0, this, [this, passes] {
        if (window_ && ensureVisible(window_->activeFocusItem()) && passes > 1) settle(passes - 1);
    });
}

bool FocusScroller::ensureVisible(QQuickItem* item) {
    if (!item) return false;
    bool moved = false;
    // Flickables are found by class, their geometry read through properties (no private API).
    for (QQuickItem* view = item->parentItem(); view; view = view->parentItem()) {
        if (!view->inherits("QQuickFlickable")) continue;
        auto* content = view->property("contentItem").value<QQuickItem*>();
        if (!content || !content->isAncestorOf(item)) continue;
        const QRectF r = item->mapRectToItem(content, QRectF(0, 0, item->width(), item->height()));
        const qreal y = view->property("contentY").toReal();
        const qreal h = view->height();
        // The scrollable range, margins included (ListView's origin may be negative).
        const qreal top = view->property("originY").toReal() - view->property("topMargin").toReal();
        const qreal bottom = view->property("originY").toReal() + view->property("contentHeight").toReal()
                             + view->property("bottomMargin").toReal() - h;
        qreal target = y;
        if (r.height() + 2 * margin_ >= h || r.top() - margin_ < y)
            target = r.top() - margin_;  // above the view, or taller than it: show its top
        else if (r.bottom() + margin_ > y + h)
            target = r.bottom() + margin_ - h;
        target = std::clamp(target, top, std::max(top, bottom));
        if (std::abs(target - y) >= 0.5) {
            view->setProperty("contentY", target);
            moved = true;
        }
    }
    return moved;
}

}  // namespace causerie::gui
