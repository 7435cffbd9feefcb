#include "remote/endpoint.h"

#include <QHostAddress>

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

bool isPrivateHost(const QUrl& url) {
    const QString host = url.host().toLower();
    if (host.isEmpty()) return false;
    const QHostAddress address(host);
    if (address.isNull()) {  // a name
        if (!host.contains(QLatin1Char('.')) || host == QLatin1String("localhost")) return true;
        for (const char* suffix : {".localhost", ".local", ".lan", ".home.arpa", ".internal"})
            if (host.endsWith(QLatin1String(suffix))) return true;
        return false;
    }
    if (address.isLoopback() || address.isLinkLocal()) return true;
    for (const char* subnet : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"})
        if (address.isInSubnet(QHostAddress::parseSubnet(QLatin1String(subnet)))) return true;
    return false;
}

}  // namespace causerie::remote
