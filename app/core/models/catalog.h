// The curated model catalog: real instruct models in GGUF on Hugging Face.
//
// The built-in copy lives in the resource :/catalog/catalog.json (resources/catalog/catalog.json).
// CatalogRefresher fetches a newer copy from a URL (a setting) and keeps the last good copy in the
// data folder, so the app works offline with whatever it saw last. Only architectures the engine
// runs (llama, qwen2, qwen3, qwen3moe, gemma2, gemma3, phi3, granite, smollm3, mistral3, falcon, bloom, gpt-oss, qwen2moe, qwen35,
// gemma4, and the embedding models' bert, nomic-bert) are offered for download; others stay
// listed, marked unsupported, as do the entries the catalog marks "supported": false (a variant
// the engine does not run yet: gemma4's experts).
#pragma once

#include "models/models_result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace causerie::models {

struct CatalogEntry {
  QString id;             // stable, e.g. "qwen2.5-0.5b-instruct-q4_k_m"
  QString name;           // display name, e.g. "Qwen 2.5 0.5B Instruct"
  QString repository;     // Hugging Face repository, e.g. "Qwen/Qwen2.5-0.5B-Instruct-GGUF"
  QString file;           // file name in the repository (also the local file name)
  QString quantization;   // "Q4_K_M"
  qint64 size = 0;        // bytes; 0 = unknown
  bool sizeApproximate = true;
  QString parameters;     // "0.5B"
  qint64 parameterCount = 0;
  QString license;
  int contextLength = 0;  // trained context
  QString architecture;   // GGUF general.architecture: llama, qwen2, qwen3, phi3, gemma2...
  QString sha256;         // lowercase hex, empty when unknown (then X-Linked-Etag is used)
  QString descriptionEn;
  QString descriptionFr;
  QStringList languages;  // languages it chats well in ("en", "fr"...), as the catalog says
  int welcomeRank = 0;    // its order among the first start's suggestions (1 first); 0: not suggested
  QString kind = QStringLiteral("chat");  // "chat", or "embedding": a model for searching documents
  int dimensions = 0;     // an embedding model's vector size (0: unknown, or a chat model)
  // What an embedding model wants before a question and before a passage (nomic:
  // "search_query: " / "search_document: "; Qwen3-Embedding: an instruction before queries).
  QString queryPrefix, passagePrefix;
  bool isEmbedding() const { return kind == QLatin1String("embedding"); }

  bool variantSupported = true;  // false: "supported": false in the catalog (see above)

  bool supported() const;  // the engine runs this architecture and variant
  // The description in `language` ("fr", "fr_FR"...), English otherwise.
  QString description(const QString& language) const;
  // {downloadBase}/{repository}/resolve/main/{file}
  QUrl downloadUrl(const QUrl& downloadBase) const;
};

// Architectures the engine runs.
bool isSupportedArchitecture(const QString& architecture);

class Catalog {
 public:
  // Parses a catalog document; fails on malformed JSON or an entry without id/repository/file.
  static Result<Catalog> parse(const QByteArray& json);
  // The catalog compiled into the binary (never fails on a correct build).
  static Catalog builtIn();
  // The cached copy in `dataDir` (catalog-cache.json) when present and valid, else the built-in.
  static Catalog load(const QString& dataDir);
  static QString cachePath(const QString& dataDir);

  const QList<CatalogEntry>& entries() const { return entries_; }
  const CatalogEntry* find(const QString& id) const;  // by id (case-insensitive) or file name
  int version() const { return version_; }
  QUrl downloadBase() const { return downloadBase_; }
  bool isBuiltIn() const { return builtIn_; }

 private:
  QList<CatalogEntry> entries_;
  int version_ = 0;
  QUrl downloadBase_{QStringLiteral("https://huggingface.co")};
  bool builtIn_ = false;
};

// Fetches the catalog from `url`; on success writes it to Catalog::cachePath(dataDir)
// (atomically) and emits refreshed(); on failure keeps the cache and emits failed(reason).
class CatalogRefresher : public QObject {
  Q_OBJECT
 public:
  CatalogRefresher(QNetworkAccessManager* nam, QString dataDir, QObject* parent = nullptr);
  void refresh(const QUrl& url);
  bool busy() const { return !reply_.isNull(); }

 signals:
  void refreshed(int modelCount);
  void failed(const QString& reason);

 private:
  void onFinished();
  QNetworkAccessManager* nam_;
  QString dataDir_;
  QPointer<QNetworkReply> reply_;
};

}  // namespace causerie::models
