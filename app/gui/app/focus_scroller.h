// Keeps the focused control in view: when the keyboard focus moves to an item inside a
// Flickable (a ListView, a ScrollView's content), the Flickable scrolls just enough to show it,
// innermost first, then each enclosing one. Declared once in the shell:
//   FocusScroller { window: shell.Window.window }
#pragma once
#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class FocusScroller : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickWindow* window READ window WRITE setWindow NOTIFY windowChanged)
    // Space kept between the focused item and the edge of the view, in pixels.
    Q_PROPERTY(qreal margin MEMBER margin_ NOTIFY marginChanged)

public:
    using QObject::QObject;
    QQuickWindow* window() const { return window_; }
    void setWindow(QQuickWindow* window);

    // Scrolls every Flickable around `item` so that it is visible; true if one moved.
    Q_INVOKABLE bool ensureVisible(QQuickItem* item);

signals:
    void windowChanged();
    void marginChanged();

private:
    void settle(int passes);

    QPointer<QQuickWindow> window_;
    QMetaObject::Connection focusConnection_;
    qreal margin_ = 8;
};

}  // namespace causerie::gui
