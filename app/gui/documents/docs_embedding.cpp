#include "documents/docs_embedding.h"

#include "embedder.h"

namespace causerie::gui {

DocsEmbedding::DocsEmbedding() = default;
DocsEmbedding::~DocsEmbedding() = default;

void DocsEmbedding::setModel(const QString& path, const QString& queryPrefix, const QString& passagePrefix) {
    std::lock_guard lock(mutex_);
    if (path == path_ && queryPrefix == queryPrefix_ && passagePrefix == passagePrefix_) return;
    path_ = path;
    queryPrefix_ = queryPrefix;
    passagePrefix_ = passagePrefix;
    // The old model goes at the next load (on a worker thread: freeing it touches the device).
    failure_.clear();
}

QString DocsEmbedding::model() const {
    std::lock_guard lock(mutex_);
    return path_;
}

storage::Result<QString> DocsEmbedding::load() {
    std::lock_guard lock(mutex_);
    if (path_.isEmpty()) {
        engine_.reset();
        loadedPath_.clear();
        return storage::fail({});
    }
    if (engine_ && loadedPath_ == path_) return id_;
    if (!failure_.isEmpty() && loadedPath_ == path_) return storage::fail(failure_);
    engine_.reset();
    loadedPath_ = path_;
    EmbedderOptions options;
    options.model_path = path_.toStdString();
    auto loaded = Embedder::load(options);
    if (!loaded) {
        failure_ = QString::fromStdString(loaded.error().message);
        if (failure_.startsWith(path_ + QLatin1String(": "))) failure_ = failure_.mid(path_.size() + 2);
        return storage::fail(failure_);
    }
    engine_ = std::move(*loaded);
    failure_.clear();
    // As causerie-cli docs records it: the passage prefix changes the vectors.
    id_ = QString::fromStdString(engine_->model_id());
    if (!passagePrefix_.isEmpty()) id_ += QStringLiteral(" [passages: \"%1\"]").arg(passagePrefix_);
    return id_;
}

storage::Result<std::vector<float>> DocsEmbedding::embed(const QStringList& texts) {
    std::lock_guard lock(mutex_);
    if (!engine_) return storage::fail(QStringLiteral("no embedding model loaded"));
    std::vector<std::string> t;
    t.reserve(size_t(texts.size()));
    for (const QString& x : texts) t.push_back(x.toStdString());
    auto v = engine_->embed(t);
    if (!v) return storage::fail(QString::fromStdString(v.error().message));
    return std::move(*v);
}

docs::DocsEmbedder DocsEmbedding::docsEmbedder(const QString& id) {
    docs::DocsEmbedder out;
    out.model = id;
    QString prefix;
    {
        std::lock_guard lock(mutex_);
        out.dim = engine_ ? int(engine_->dim()) : 0;
        prefix = passagePrefix_;
    }
    out.embed = [this, prefix](const QStringList& texts) -> storage::Result<std::vector<float>> {
        if (prefix.isEmpty()) return embed(texts);
        QStringList marked;
        marked.reserve(texts.size());
        for (const QString& x : texts) marked << prefix + x;
        return embed(marked);
    };
    return out;
}

storage::Result<std::vector<float>> DocsEmbedding::embedQuestion(const QString& question) {
    QString prefix;
    {
        std::lock_guard lock(mutex_);
        prefix = queryPrefix_;
    }
    return embed({prefix + question});
}

}  // namespace causerie::gui
