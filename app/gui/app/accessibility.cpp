#include "app/accessibility.h"

#include <QAccessible>
#include <QQuickItem>
#include <private/qaccessiblequickitem_p.h>
#include <private/qquickitem_p.h>

namespace causerie::gui {
namespace {

// Qt Quick's interface for an item, with `disabled` set from the item (inherited from its
// ancestors, as QQuickItem::isEnabled is), and a name for password fields, whose
// `Accessible.name` Qt 6.4 withholds: their `accessibleName` property (PasswordField.qml).
class QuickItemAccessible : public QAccessibleQuickItem {
public:
    using QAccessibleQuickItem::QAccessibleQuickItem;

    QAccessible::State state() const override {
        QAccessible::State s = QAccessibleQuickItem::state();
        if (!item()->isEnabled()) {
            s.disabled = true;
            s.focusable = false;
        }
        return s;
    }

    QString text(QAccessible::Text kind) const override {
        QString t = QAccessibleQuickItem::text(kind);
        if (kind == QAccessible::Name && t.isEmpty()) {
            const QVariant label = object()->property("accessibleName");
            if (label.isValid()) t = label.toString();
        }
        return t;
    }
};

QAccessibleInterface* factory(const QString&, QObject* object) {
    auto* item = qobject_cast<QQuickItem*>(object);
    // Only what Qt Quick would expose itself (controls, items with Accessible properties): the
    // others stay out of the tree as before.
    if (!item || !QQuickItemPrivate::get(item)->isAccessible) return nullptr;
    QObject::connect(item, &QQuickItem::enabledChanged, item, [item] {
        QAccessible::State changed;
        changed.disabled = true;
        changed.focusable = true;
        QAccessibleStateChangeEvent event(item, changed);
        QAccessible::updateAccessibility(&event);
    });
    return new QuickItemAccessible(item);
}

}  // namespace

void installAccessibilityFixes() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    // Factories installed last are asked first: this one before Qt Quick's.
    QAccessible::installFactory(&factory);
}

}  // namespace causerie::gui
