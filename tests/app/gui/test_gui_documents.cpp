// The Documents page's controller and the chat with documents, against the fake engine: list
// models under QAbstractItemModelTester; a collection created, a folder indexed in the background
// (progress, a file that cannot be read listed with its reason), watched (a change re-indexes that
// file only, a deletion removes it), paused and resumed; a conversation switched onto the
// collection sends the question with numbered excerpts, stores the reply's sources, exports them.
// An installed embedding model (a tiny random bert) is never a chat model, is chosen by default,
// gives the collection its vectors on the indexing thread and the search its hybrid mode; "none"
// and a model that cannot load keep the lexical search, saying why.
#include "controllers/app_controller.h"
#include "fake_engine.h"
#include "storage/conversation_store.h"

#include "docs/docs_vectors.h"
#include "model/random_model.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <optional>

using namespace causerie::gui;

namespace {
void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(bytes);
}
}  // namespace

class GuiDocumentsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    FakeEngine* engine_ = nullptr;
    AppController* app_ = nullptr;
    QString corpus_;

    DocumentsController* docs() { return app_->documents(); }
    // The chat's search of `question` in "travail", as a conversation runs it (the search thread).
    causerie::docs::Retrieval retrieve(const QString& question) {
        std::optional<causerie::storage::Result<causerie::docs::Retrieval>> got;
        docs()->retriever()({QStringLiteral("travail")}, question,
                            [&got](const causerie::storage::Result<causerie::docs::Retrieval>& r) { got = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 20000); }();
        if (!got || !got->ok()) {
            qWarning() << "retrieval failed:" << (got ? got->error() : QString());
            return {};
        }
        return got->value();
    }
    void waitIdle(int ms = 20000) { QTRY_VERIFY_WITH_TIMEOUT(docs()->idle(), ms); }
    const causerie::docs::FileRecord* file(const QString& name) {
        for (const auto& f : docs()->files()->files())
            if (f.path.endsWith(QLatin1Char('/') + name)) return &f;
        return nullptr;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        engine_ = new FakeEngine(this);
        engine_->setProperty("tokenDelay", 1);
        app_ = new AppController(dir_.filePath(QStringLiteral("data")), engine_, this);
        new QAbstractItemModelTester(docs()->collections(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(docs()->files(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(app_->chat()->messages(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(app_->models()->installed(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        app_->openModel(QStringLiteral("/models/fake-model.gguf"));
        QTRY_VERIFY(app_->chat()->modelReady());
        corpus_ = dir_.filePath(QStringLiteral("corpus"));
        QDir().mkpath(corpus_ + QStringLiteral("/sous-dossier"));
        writeFile(corpus_ + QStringLiteral("/serveur.md"),
                  "# Serveur\n\n## Mises à jour\n\nLes mises à jour du serveur ont lieu le lundi matin.\n");
        writeFile(corpus_ + QStringLiteral("/sous-dossier/jardin.txt"), "Les tomates poussent au soleil.\n");
        writeFile(corpus_ + QStringLiteral("/binaire.txt"), QByteArray("\x00\xff\x00\xfe binary", 11));
        waitIdle();
        QVERIFY(docs()->lexicalOnly());
    }

    void createAndIndexAFolder() {
        QCOMPARE(docs()->collections()->rowCount(), 0);
        QVERIFY(!docs()->createCollection(QStringLiteral("   ")));
        QVERIFY(docs()->createCollection(QStringLiteral("travail")));
        waitIdle();
        QCOMPARE(docs()->collections()->names(), QStringList{QStringLiteral("travail")});
        QCOMPARE(docs()->currentCollection(), QStringLiteral("travail"));
        QVERIFY(!docs()->createCollection(QStringLiteral("travail")));  // the name is taken
        QVERIFY(docs()->error().contains(QStringLiteral("travail")));
        docs()->clearError();

        QSignalSpy progress(docs(), &DocumentsController::progressChanged);
        QSignalSpy indexing(docs(), &DocumentsController::indexingChanged);
        docs()->addPaths(QStringLiteral("travail"), {QUrl::fromLocalFile(corpus_).toString()});
        QVERIFY(docs()->indexing());
        waitIdle();
        QVERIFY(!docs()->indexing());
        QVERIFY(progress.count() >= 3);  // one per file at least
        QVERIFY(indexing.count() >= 2);
        QCOMPARE(docs()->progressTotal(), 3);
        QVERIFY2(docs()->notice().contains(QStringLiteral("2 added")), qPrintable(docs()->notice()));
        QVERIFY(docs()->notice().contains(QStringLiteral("1 unreadable")));
        QCOMPARE(docs()->files()->rowCount(), 3);
        const auto* bad = file(QStringLiteral("binaire.txt"));
        QVERIFY(bad && !bad->indexed && !bad->error.isEmpty());
        const auto* md = file(QStringLiteral("serveur.md"));
        QVERIFY(md && md->indexed && md->chunkCount > 0);
        int badRow = -1;
        for (int i = 0; i < docs()->files()->rowCount(); ++i)
            if (docs()->files()->files().at(i).id == bad->id) badRow = i;
        const QModelIndex row = docs()->files()->index(badRow, 0);
        QCOMPARE(row.data(DocumentFileListModel::IndexedRole).toBool(), false);
        QCOMPARE(row.data(DocumentFileListModel::ErrorRole).toString(), bad->error);
        QCOMPARE(row.data(DocumentFileListModel::FileNameRole).toString(), QStringLiteral("binaire.txt"));
        const QModelIndex c = docs()->collections()->index(0, 0);
        QCOMPARE(c.data(CollectionListModel::FileCountRole).toInt(), 3);
        QCOMPARE(c.data(CollectionListModel::ErrorCountRole).toInt(), 1);
        QVERIFY(c.data(CollectionListModel::ChunkCountRole).toInt() >= 2);
        QCOMPARE(docs()->currentRoots(), QStringList{QDir::cleanPath(corpus_)});
    }

    void aChangedFileIsIndexedAgainAlone() {
        const qint64 before = file(QStringLiteral("serveur.md"))->id;
        const QString sha = file(QStringLiteral("serveur.md"))->sha256;
        QThread::msleep(20);  // a different mtime
        writeFile(corpus_ + QStringLiteral("/serveur.md"),
                  "# Serveur\n\n## Mises à jour\n\nLes mises à jour du serveur ont lieu le mardi soir.\n");
        // The watcher sees the folder change; after a short pause, one incremental re-index.
        QTRY_VERIFY_WITH_TIMEOUT(docs()->notice().contains(QStringLiteral("1 updated")), 15000);
        QVERIFY2(docs()->notice().contains(QStringLiteral("2 unchanged")), qPrintable(docs()->notice()));
        waitIdle();
        QCOMPARE(file(QStringLiteral("serveur.md"))->id, before);
        QVERIFY(file(QStringLiteral("serveur.md"))->sha256 != sha);

        QVERIFY(QFile::remove(corpus_ + QStringLiteral("/sous-dossier/jardin.txt")));
        QTRY_VERIFY_WITH_TIMEOUT(docs()->notice().contains(QStringLiteral("1 removed")), 15000);
        waitIdle();
        QCOMPARE(docs()->files()->rowCount(), 2);
        QVERIFY(file(QStringLiteral("jardin.txt")) == nullptr);
    }

    void changesWhileClosedAreFoundAtStart() {
        QThread::msleep(20);
        writeFile(corpus_ + QStringLiteral("/serveur.md"),
                  "# Serveur\n\n## Mises à jour\n\nLes mises à jour du serveur ont lieu le mardi soir, après la sauvegarde.\n");
        // Another controller over the same data, as the app opened again: it re-indexes at start.
        DocumentsController reopened(dir_.filePath(QStringLiteral("data")));
        QTRY_VERIFY_WITH_TIMEOUT(reopened.notice().contains(QStringLiteral("1 updated")), 15000);
        QVERIFY2(reopened.notice().contains(QStringLiteral("1 unchanged")), qPrintable(reopened.notice()));
        QTRY_VERIFY_WITH_TIMEOUT(reopened.idle(), 15000);
        waitIdle();
    }

    void pauseAndResume() {
        const QString many = dir_.filePath(QStringLiteral("many"));
        QDir().mkpath(many);
        for (int i = 0; i < 400; ++i)
            writeFile(many + QStringLiteral("/note-%1.md").arg(i, 3, 10, QLatin1Char('0')),
                      QStringLiteral("# Note %1\n\nUn texte court sur le sujet numéro %1.\n").arg(i).toUtf8());
        QVERIFY(docs()->createCollection(QStringLiteral("notes")));
        waitIdle();
        docs()->addPaths(QStringLiteral("notes"), {many});
        QTRY_VERIFY_WITH_TIMEOUT(docs()->progressDone() > 0, 10000);
        docs()->pause();
        QVERIFY(docs()->paused());
        QTRY_VERIFY_WITH_TIMEOUT(!docs()->indexing(), 10000);
        waitIdle();
        docs()->setCurrentCollection(QStringLiteral("notes"));
        waitIdle();
        const int partial = docs()->files()->rowCount();
        QVERIFY2(partial > 0 && partial < 400, qPrintable(QString::number(partial)));  // what was done stays
        docs()->resume();
        QVERIFY(!docs()->paused());
        waitIdle(60000);
        QCOMPARE(docs()->files()->rowCount(), 400);
        docs()->removeCollection(QStringLiteral("notes"));
        waitIdle();
        QCOMPARE(docs()->collections()->names(), QStringList{QStringLiteral("travail")});
        QCOMPARE(docs()->currentCollection(), QStringLiteral("travail"));
    }

    void aConversationAnswersFromTheCollection() {
        ChatController* chat = app_->chat();
        chat->newConversation();
        chat->setSettings({{QStringLiteral("collections"), QStringList{QStringLiteral("travail")}}});
        QCOMPARE(chat->settings().value(QStringLiteral("collections")).toStringList(), QStringList{QStringLiteral("travail")});
        engine_->setProperty("reply", QStringLiteral("Le mardi soir [1]."));
        QVERIFY(chat->send(QStringLiteral("Quand ont lieu les mises à jour ?")));
        QTRY_VERIFY_WITH_TIMEOUT(!chat->generating(), 10000);
        // The question went with the excerpt under its marker and the French instruction.
        const QString prompt = engine_->lastPrompt();
        QVERIFY2(prompt.contains(QStringLiteral("[1] serveur.md, Serveur > Mises à jour")), qPrintable(prompt));
        QVERIFY(prompt.contains(QStringLiteral("entre crochets")));
        QVERIFY(prompt.contains(QStringLiteral("le mardi soir")));
        QVERIFY(prompt.contains(QStringLiteral("Question\u00A0: Quand ont lieu les mises à jour ?")));
        // The stored user message is the question alone; the reply keeps its sources.
        auto branch = app_->store()->currentBranch(chat->conversationId());
        QVERIFY(branch.ok());
        QCOMPARE(branch->size(), 2);
        QCOMPARE(branch->at(0).text, QStringLiteral("Quand ont lieu les mises à jour ?"));
        QCOMPARE(branch->at(1).sources.size(), 1);
        QCOMPARE(branch->at(1).sources[0].marker, 1);
        QCOMPARE(branch->at(1).sources[0].collection, QStringLiteral("travail"));
        QVERIFY(branch->at(1).sources[0].path.endsWith(QStringLiteral("/serveur.md")));
        // The view: the marker is a link, the source is listed (cited).
        const QModelIndex reply = chat->messages()->index(1, 0);
        const QVariantList sources = reply.data(MessageListModel::SourcesRole).toList();
        QCOMPARE(sources.size(), 1);
        const QVariantMap s = sources[0].toMap();
        QCOMPARE(s.value(QStringLiteral("fileName")).toString(), QStringLiteral("serveur.md"));
        QCOMPARE(s.value(QStringLiteral("heading")).toString(), QStringLiteral("Serveur › Mises à jour"));
        QCOMPARE(s.value(QStringLiteral("cited")).toBool(), true);
        QVERIFY(s.value(QStringLiteral("url")).toUrl().isLocalFile());
        const QVariantList blocks = reply.data(MessageListModel::BlocksRole).toList();
        QVERIFY2(blocks.value(0).toMap().value(QStringLiteral("text")).toString().contains(QStringLiteral("](#source-1)")),
                 qPrintable(blocks.value(0).toMap().value(QStringLiteral("text")).toString()));
        // Exported with the conversation.
        auto json = app_->store()->exportJson(chat->conversationId());
        QVERIFY(json.ok());
        const QJsonArray messages = QJsonDocument::fromJson(*json).object().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("sources")).toArray().size(), 1);

        // A question in English (its function words) gets the English instruction, even on French
        // documents; switching the collection off sends the question alone.
        QVERIFY(chat->send(QStringLiteral("When are the mises à jour of the serveur, and what is the day?")));
        QTRY_VERIFY_WITH_TIMEOUT(!chat->generating(), 10000);
        QVERIFY2(engine_->lastPrompt().contains(QStringLiteral("Cite each excerpt you use")), qPrintable(engine_->lastPrompt()));
        chat->setSettings({{QStringLiteral("collections"), QStringList{}}});
        QVERIFY(chat->send(QStringLiteral("Et sans documents ?")));
        QTRY_VERIFY_WITH_TIMEOUT(!chat->generating(), 10000);
        QVERIFY(engine_->lastPrompt().endsWith(QStringLiteral("user: Et sans documents ?")));
        QVERIFY(chat->messages()->messages().last().sources.isEmpty());
        // A question that finds nothing: no sources, the question alone.
        chat->setSettings({{QStringLiteral("collections"), QStringList{QStringLiteral("travail")}}});
        QVERIFY(chat->send(QStringLiteral("xylophone")));
        QTRY_VERIFY_WITH_TIMEOUT(!chat->generating(), 10000);
        QVERIFY(engine_->lastPrompt().endsWith(QStringLiteral("user: xylophone")));
        QVERIFY(chat->messages()->messages().last().sources.isEmpty());
    }

    void anEmbeddingModelGivesHybridSearch() {
        // A tiny random bert installed in the models folder.
        causerie::RandomModelSpec spec;
        spec.arch = "bert";
        spec.n_embd = 32;
        spec.n_head = 2;
        spec.n_ff = 64;
        spec.n_ctx = 128;
        auto w = causerie::make_random_model(spec);
        QVERIFY(w);
        QDir().mkpath(app_->models()->modelsDir());
        const QString bert = QDir(app_->models()->modelsDir()).filePath(QStringLiteral("tiny-bert.gguf"));
        QVERIFY(w->write(bert.toStdString()));
        QSignalSpy changed(app_->models()->installed(), &InstalledModelListModel::embeddingModelsChanged);
        // The indexing's progress counts the passages embedded, as it counts files.
        bool sawEmbedding = false;
        int embeddingTotal = 0;
        auto watch = connect(docs(), &DocumentsController::progressChanged, this, [&] {
            if (!docs()->embeddingPhase()) return;
            sawEmbedding = true;
            embeddingTotal = docs()->progressTotal();
        });
        app_->models()->rescan();
        QTRY_VERIFY_WITH_TIMEOUT(app_->models()->installed()->embeddingPaths() == QStringList{bert}, 10000);
        QVERIFY(changed.count() >= 1);
        // Listed as an embedding model, never as a chat model.
        InstalledModelListModel* installed = app_->models()->installed();
        int row = -1;
        for (int i = 0; i < installed->rowCount(); ++i)
            if (installed->index(i, 0).data(InstalledModelListModel::PathRole).toString() == bert) row = i;
        QVERIFY(row >= 0);
        QCOMPARE(installed->index(row, 0).data(InstalledModelListModel::EmbeddingRole).toBool(), true);
        QCOMPARE(installed->chatCount(), 0);
        const QString loaded = app_->modelPath();
        app_->openModel(bert);
        QVERIFY2(app_->modelError().contains(QStringLiteral("embedding model")), qPrintable(app_->modelError()));
        QCOMPARE(app_->modelPath(), loaded);  // the chat model stays

        // Chosen by default (the first installed); the collection gets its vectors.
        QCOMPARE(docs()->embeddingModel(), bert);
        QVERIFY(!docs()->lexicalOnly());
        QCOMPARE(docs()->embeddingModelName(), QStringLiteral("tiny-bert"));
        waitIdle(60000);
        disconnect(watch);
        QVERIFY(sawEmbedding);
        QVERIFY(!docs()->embeddingPhase());
        QVERIFY2(docs()->notice().contains(QStringLiteral("tiny-bert")), qPrintable(docs()->notice()));
        QVERIFY2(docs()->embeddingError().isEmpty(), qPrintable(docs()->embeddingError()));
        {
            causerie::docs::DocsDatabase db(causerie::docs::DocsDatabase::pathIn(dir_.filePath(QStringLiteral("data"))));
            QVERIFY(db.open().ok());
            auto vectors = causerie::docs::collectionVectors(db, QStringLiteral("travail"));
            QVERIFY(vectors.ok());
            QVERIFY(vectors->chunks > 0);
            QCOMPARE(vectors->vectors, vectors->chunks);
            QCOMPARE(qint64(embeddingTotal), vectors->chunks);
            QVERIFY2(vectors->model.startsWith(QStringLiteral("tiny-bert")) || vectors->model.contains(QStringLiteral("bert")),
                     qPrintable(vectors->model));
        }
        // The search is hybrid: the question embedded with the same model.
        causerie::docs::Retrieval hybrid = retrieve(QStringLiteral("Quand ont lieu les mises à jour du serveur ?"));
        QCOMPARE(hybrid.mode, causerie::docs::RetrievalMode::Hybrid);
        QVERIFY(hybrid.withoutVectors.isEmpty());
        QVERIFY(!hybrid.excerpts.isEmpty());
        QVERIFY(hybrid.excerpts.first().hit.hybrid);

        // "None": lexical search only.
        app_->settings()->setEmbeddingModel(QStringLiteral("none"));
        QVERIFY(docs()->embeddingModel().isEmpty());
        QVERIFY(docs()->lexicalOnly());
        causerie::docs::Retrieval lexical = retrieve(QStringLiteral("Quand ont lieu les mises à jour du serveur ?"));
        QCOMPARE(lexical.mode, causerie::docs::RetrievalMode::Lexical);
        QVERIFY(!lexical.excerpts.isEmpty());
        QVERIFY(!lexical.excerpts.first().hit.hybrid);

        // A model that cannot load: lexical all the same, and the reason is given.
        const QString broken = dir_.filePath(QStringLiteral("broken.gguf"));
        writeFile(broken, "not a gguf file");
        app_->settings()->setEmbeddingModel(broken);
        QCOMPARE(docs()->embeddingModel(), broken);
        causerie::docs::Retrieval fallback = retrieve(QStringLiteral("mises à jour"));
        QCOMPARE(fallback.mode, causerie::docs::RetrievalMode::Lexical);
        QVERIFY(!fallback.excerpts.isEmpty());
        QTRY_VERIFY(!docs()->embeddingError().isEmpty());
        QVERIFY(docs()->lexicalOnly());
        waitIdle(60000);

        // Back to the default: the installed model again, hybrid.
        app_->settings()->setEmbeddingModel(QString());
        QCOMPARE(docs()->embeddingModel(), bert);
        QVERIFY(docs()->embeddingError().isEmpty());
        waitIdle(60000);
        QCOMPARE(retrieve(QStringLiteral("mises à jour")).mode, causerie::docs::RetrievalMode::Hybrid);
    }

    void stopWhileSearchingEndsTheReply() {
        ChatController* chat = app_->chat();
        const int before = engine_->requests();
        QVERIFY(chat->send(QStringLiteral("Les mises à jour ?")));
        QVERIFY(chat->searchingDocuments());
        chat->stop();
        QVERIFY(!chat->generating());
        QVERIFY(!chat->searchingDocuments());
        QTest::qWait(200);  // the search's answer arrives and is dropped
        QCOMPARE(engine_->requests(), before);
        QVERIFY(chat->messages()->messages().last().state == causerie::storage::MessageState::Interrupted);
    }
};

QTEST_MAIN(GuiDocumentsTest)
#include "test_gui_documents.moc"
