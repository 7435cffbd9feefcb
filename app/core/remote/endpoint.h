// An OpenAI-compatible endpoint as the user gives it: a base URL such as
// http://127.0.0.1:8080/v1 (what the OpenAI libraries call base_url) and an optional API key.
#pragma once
#include <QString>
#include <QUrl>

namespace causerie::remote {

struct Endpoint {
    QUrl baseUrl;     // normalized: no trailing '/', "/v1" added when the URL has no path
    QString apiKey;   // "" : none sent
    int timeoutMs = 60000;  // no byte for this long (headers, or between stream chunks): a timeout
};

// "http://host:port" -> "http://host:port/v1"; "http://host/v1/" -> "http://host/v1"; an empty
// or non-http(s) URL comes back invalid (QUrl()).
QUrl normalizeBaseUrl(const QString& text);
// base + "/" + path ("models", "chat/completions", "completions").
QUrl endpointUrl(const QUrl& base, const QString& path);
// The URL as written in logs and provenance: no user name or password.
QString displayUrl(const QUrl& url);
// A host on this machine or the local network (loopback, private and link-local addresses, a
// name without a dot, "localhost", *.local, *.lan, *.home.arpa, *.internal): a server the user
// runs (vLLM, llama.cpp's server, Ollama), to which Causerie sends fields that hosted APIs refuse.
bool isPrivateHost(const QUrl& url);

}  // namespace causerie::remote
