#include "remote/endpoint.h"

namespace causerie::remote {

QUrl normalizeBaseUrl(const QString& text) {
    QUrl url = QUrl::fromUserInput(text.trimmed());
    if (!url.isValid() || url.host().isEmpty()) return {};
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) return {};
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) path.chop(1);
    if (path.isEmpty()) path = QStringLiteral("/v1");
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl endpointUrl(const QUrl& base, const QString& path) {
    QUrl url = base;
    url.setPath(base.path() + QLatin1Char('/') + path);
    return url;
}

QString displayUrl(const QUrl& url) { return url.toDisplayString(QUrl::RemoveUserInfo); }

}  // namespace causerie::remote
