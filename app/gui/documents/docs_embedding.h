// The Documents' embedding model, shared by the indexing thread (chunk vectors) and the search
// thread (the question's vector): loaded once, at its first use on either thread (never on the
// GUI thread), its calls one at a time. A model that fails to load is not tried again until
// another is chosen; the reason is kept for the UI.
#pragma once
#include "docs/docs_vectors.h"

#include <QStringList>

#include <QString>

#include <memory>
#include <mutex>
#include <vector>

namespace causerie {
class Embedder;
}

namespace causerie::gui {

class DocsEmbedding {
public:
    DocsEmbedding();
    ~DocsEmbedding();
    DocsEmbedding(const DocsEmbedding&) = delete;
    DocsEmbedding& operator=(const DocsEmbedding&) = delete;

    // The model's file; empty: none (lexical search only). Cheap: the file loads at its first use.
    // The prefixes come from the model's catalog entry (empty when it has none).
    void setModel(const QString& path, const QString& queryPrefix = {}, const QString& passagePrefix = {});
    QString model() const;

    // Loads the model if needed: its id (what its vectors are recorded under), or why it cannot
    // load. Fails with an empty message when no model is set.
    storage::Result<QString> load();
    // For docs::embedCollection, once load() succeeded.
    docs::DocsEmbedder docsEmbedder(const QString& id);
    // The question's normalized vector (with the model's query prefix, if it has one).
    storage::Result<std::vector<float>> embedQuestion(const QString& question);

private:
    storage::Result<std::vector<float>> embed(const QStringList& texts);

    mutable std::mutex mutex_;
    QString path_, loadedPath_, id_, failure_;
    QString queryPrefix_, passagePrefix_;
    std::unique_ptr<Embedder> engine_;
};

}  // namespace causerie::gui
