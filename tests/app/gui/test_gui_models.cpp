// The list models under QAbstractItemModelTester while the chat controller drives them against
// the fake engine: send, stream, stop, regenerate, edit into a branch and back, delete, search.
#include "controllers/app_controller.h"
#include "fake_engine.h"
#include "markdown/safe_markdown.h"
#include "models/fit_estimate.h"
#include "models/installed_model_list_model.h"
#include "models/markdown_blocks.h"
#include "models/suggestion_list_model.h"
#include "storage/conversation_store.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTextBlock>
#include <QTextDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace causerie::gui;

class GuiModelsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    FakeEngine* engine_ = nullptr;
    AppController* app_ = nullptr;

    void waitIdle() { QTRY_VERIFY_WITH_TIMEOUT(!app_->chat()->generating(), 10000); }
    QStringList branchTexts() const {
        QStringList out;
        for (const auto& m : app_->chat()->messages()->messages()) out << m.text;
        return out;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        engine_ = new FakeEngine(this);
        engine_->setProperty("tokenDelay", 1);
        app_ = new AppController(dir_.path(), engine_, this);
        QVERIFY(app_->storageError().isEmpty());
        new QAbstractItemModelTester(app_->conversations(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(app_->chat()->messages(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(app_->searchResults(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(app_->models()->suggestions(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        app_->openModel(QStringLiteral("/models/fake-model.gguf"));
        QTRY_VERIFY(app_->chat()->modelReady());
        QCOMPARE(app_->modelName(), QStringLiteral("fake-model"));
        QCOMPARE(app_->devices(), QStringList({QStringLiteral("Fake GPU"), QStringLiteral("Fake CPU device")}));
        QVERIFY(app_->modelDetails().startsWith(QStringLiteral("Fake GPU")));
    }

    void sendStreamsAndSaves() {
        ChatController* chat = app_->chat();
        QVERIFY(!chat->send(QStringLiteral("   ")));
        QVERIFY(chat->send(QStringLiteral("Tell me a story about a small cat")));
        QVERIFY(chat->generating());
        QCOMPARE(app_->conversations()->rowCount(), 1);
        QCOMPARE(chat->title(), QStringLiteral("Tell me a story about a small cat"));
        // The reply streams: partial text appears before the end.
        QTRY_VERIFY(!chat->messages()->messages().value(1).text.isEmpty());
        waitIdle();
        QCOMPARE(chat->messages()->rowCount(), 2);
        QCOMPARE(branchTexts().at(1), FakeEngine::defaultReply());
        auto stored = app_->store()->currentBranch(chat->conversationId());
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->at(1).text, FakeEngine::defaultReply());
        QVERIFY(stored->at(1).state == causerie::storage::MessageState::Complete);
        QVERIFY(stored->at(1).provenance.has_value());
        QCOMPARE(stored->at(1).provenance->modelFile, QStringLiteral("/models/fake-model.gguf"));
        QCOMPARE(stored->at(1).provenance->templateName, QStringLiteral("chatml"));
        QVERIFY(chat->tokensPerSecond() > 0);
        QVERIFY(engine_->lastPrompt().startsWith(QStringLiteral("user: Tell me a story")));
    }

    void stopInterrupts() {
        ChatController* chat = app_->chat();
        engine_->setProperty("tokenDelay", 30);
        QVERIFY(chat->send(QStringLiteral("Second question")));
        QTRY_VERIFY(!chat->messages()->messages().value(3).text.isEmpty());
        chat->stop();
        waitIdle();
        const auto reply = chat->messages()->messages().at(3);
        QVERIFY(reply.state == causerie::storage::MessageState::Interrupted);
        QVERIFY(reply.text.size() < FakeEngine::defaultReply().size());
        engine_->setProperty("tokenDelay", 1);
    }

    void regenerateAddsSibling() {
        ChatController* chat = app_->chat();
        const qint64 replyId = chat->messages()->messages().at(3).id;
        chat->regenerate(replyId);
        waitIdle();
        const auto reply = chat->messages()->messages().at(3);
        QVERIFY(reply.id != replyId);
        QCOMPARE(reply.siblingIndex, 1);
        QCOMPARE(reply.siblingCount, 2);
        QCOMPARE(reply.text, FakeEngine::defaultReply());
        chat->switchSibling(reply.id, -1);
        QCOMPARE(chat->messages()->messages().at(3).id, replyId);
    }

    void editIntoBranchAndBack() {
        ChatController* chat = app_->chat();
        const qint64 firstUser = chat->messages()->messages().at(0).id;
        chat->editMessage(firstUser, QStringLiteral("Tell me a story about a dog"));
        waitIdle();
        QCOMPARE(chat->messages()->rowCount(), 2);
        QCOMPARE(branchTexts().at(0), QStringLiteral("Tell me a story about a dog"));
        QCOMPARE(chat->messages()->messages().at(0).siblingCount, 2);
        chat->switchSibling(chat->messages()->messages().at(0).id, -1);
        QCOMPARE(chat->messages()->rowCount(), 4);
        QCOMPARE(branchTexts().at(0), QStringLiteral("Tell me a story about a small cat"));
    }

    void searchFindsMessages() {
        app_->setSearchQuery(QStringLiteral("dog"));
        QCOMPARE(app_->searchResults()->rowCount(), 1);
        const QModelIndex hit = app_->searchResults()->index(0);
        QVERIFY(hit.data(SearchResultModel::SnippetRole).toString().contains(QStringLiteral("<b>dog</b>")));
        const qint64 messageId = hit.data(SearchResultModel::MessageIdRole).toLongLong();
        app_->chat()->openMessage(hit.data(SearchResultModel::ConversationIdRole).toLongLong(), messageId);
        QCOMPARE(app_->chat()->messages()->indexOf(messageId), 0);
        QCOMPARE(app_->chat()->focusMessageId(), messageId);
        app_->setSearchQuery(QString());
        QCOMPARE(app_->searchResults()->rowCount(), 0);
    }

    void deleteMessageAndConversation() {
        ChatController* chat = app_->chat();
        const int before = chat->messages()->rowCount();
        chat->deleteMessage(chat->messages()->messages().last().id);
        QCOMPARE(chat->messages()->rowCount(), before - 1);
        chat->newConversation();
        QVERIFY(chat->send(QStringLiteral("Another chat")));
        waitIdle();
        QCOMPARE(app_->conversations()->rowCount(), 2);
        app_->renameConversation(chat->conversationId(), QStringLiteral("Renamed"));
        QCOMPARE(chat->title(), QStringLiteral("Renamed"));
        QCOMPARE(app_->conversations()->index(0).data(ConversationListModel::TitleRole).toString(), QStringLiteral("Renamed"));
        app_->deleteConversation(chat->conversationId());
        QCOMPARE(app_->conversations()->rowCount(), 1);
        QCOMPARE(chat->conversationId(), 0);
        QCOMPARE(chat->messages()->rowCount(), 0);
    }

    void deleteWhileStreaming() {
        ChatController* chat = app_->chat();
        chat->newConversation();
        engine_->setProperty("tokenDelay", 30);
        QVERIFY(chat->send(QStringLiteral("Doomed conversation")));
        QTRY_VERIFY(!chat->messages()->messages().value(1).text.isEmpty());
        const int before = app_->conversations()->rowCount();
        app_->deleteConversation(chat->conversationId());
        QVERIFY(!chat->generating());
        QCOMPARE(app_->conversations()->rowCount(), before - 1);
        QTest::qWait(100);  // the engine's last signals of that request arrive and are ignored
        QVERIFY2(chat->error().isEmpty(), qPrintable(chat->error()));
        engine_->setProperty("tokenDelay", 1);
        QVERIFY(chat->send(QStringLiteral("Next conversation")));
        waitIdle();
        QCOMPARE(chat->messages()->messages().value(1).text, FakeEngine::defaultReply());
        app_->deleteConversation(chat->conversationId());
    }

    void exportAndImport() {
        const qint64 id = app_->conversations()->index(0).data(ConversationListModel::IdRole).toLongLong();
        const QString markdown = dir_.filePath(QStringLiteral("export.md"));
        const QString json = dir_.filePath(QStringLiteral("export.json"));
        QVERIFY(app_->exportConversation(id, QUrl::fromLocalFile(markdown).toString(), QStringLiteral("markdown")));
        QVERIFY(app_->exportConversation(id, json, QStringLiteral("json")));
        QFile md(markdown);
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(md.readAll().contains("Tell me a story about a small cat"));
        const int before = app_->conversations()->rowCount();
        QVERIFY(app_->importConversation(QUrl::fromLocalFile(json).toString()));
        QCOMPARE(app_->conversations()->rowCount(), before + 1);
        QVERIFY(app_->chat()->conversationId() != id);
        // The same current branch as the original (the edited question, opened from the search).
        QCOMPARE(app_->chat()->messages()->messages().value(0).text, QStringLiteral("Tell me a story about a dog"));
        QCOMPARE(app_->chat()->messages()->messages().value(0).siblingCount, 2);
        QVERIFY(!app_->importConversation(markdown));
        QVERIFY(!app_->chat()->error().isEmpty());
        app_->chat()->clearError();
        QVERIFY(app_->suggestedExportUrl(QStringLiteral("a/b: c?"), QStringLiteral("json")).toLocalFile().endsWith(QStringLiteral("a_b_ c_.json")));
        // A folder that exists, even without a documents folder.
        QVERIFY(QFileInfo(app_->suggestedExportUrl(QStringLiteral("t"), QStringLiteral("md")).toLocalFile()).dir().exists());
    }

    void deviceChoiceReloads() {
        app_->settings()->setDevice(1);
        app_->reloadModel();
        QVERIFY(app_->modelLoading());
        QTRY_VERIFY(app_->chat()->modelReady());
        QVERIFY(app_->modelDetails().startsWith(QStringLiteral("Fake CPU device")));
        app_->settings()->setDevice(-1);
    }

    void loadFailureIsShown() {
        engine_->setProperty("failLoadReason", QStringLiteral("not a GGUF file"));
        app_->openModel(QStringLiteral("/tmp/broken.gguf"));
        QTRY_VERIFY(!app_->modelError().isEmpty());
        QVERIFY(app_->modelError().contains(QStringLiteral("not a GGUF file")));
        QVERIFY(!app_->chat()->modelReady());
        QVERIFY(!app_->chat()->send(QStringLiteral("hello")));
        QVERIFY(!app_->chat()->error().isEmpty());
        engine_->setProperty("failLoadReason", QString());
    }

    void sections() {
        const QDate today(2026, 3, 10);
        const auto at = [](QDate d) { return QDateTime(d, QTime(12, 0)); };
        QCOMPARE(ConversationListModel::sectionFor(at(today), today), QStringLiteral("today"));
        QCOMPARE(ConversationListModel::sectionFor(at(today.addDays(-1)), today), QStringLiteral("yesterday"));
        QCOMPARE(ConversationListModel::sectionFor(at(today.addDays(-5)), today), QStringLiteral("week"));
        QCOMPARE(ConversationListModel::sectionFor(at(today.addDays(-30)), today), QStringLiteral("older"));
    }

    // A reasoning model's reply: <think>...</think> streams apart from the answer, is stored in
    // its own column with its duration, and is not sent back with the history.
    void reasoningStreamsApart() {
        ChatController* chat = app_->chat();
        app_->openModel(QStringLiteral("/models/fake-model.gguf"));
        QTRY_VERIFY(chat->modelReady());
        chat->newConversation();
        engine_->setProperty("tokenDelay", 5);
        engine_->setProperty("reply", QStringLiteral("<think>Cats nap a lot, so the answer is short.</think>\n\nCats are great."));
        QVERIFY(chat->send(QStringLiteral("Why are cats great?")));
        QTRY_VERIFY(!chat->messages()->messages().value(1).reasoning.isEmpty());
        QVERIFY(chat->messages()->messages().value(1).text.isEmpty());  // still thinking
        waitIdle();
        const auto reply = chat->messages()->messages().value(1);
        QCOMPARE(reply.text, QStringLiteral("Cats are great."));
        QCOMPARE(reply.reasoning, QStringLiteral("Cats nap a lot, so the answer is short."));
        QVERIFY(reply.reasoningMs > 0);
        const QModelIndex row = chat->messages()->index(1);
        QVERIFY(chat->messages()->data(row, MessageListModel::ReasoningRole).toString().contains(QStringLiteral("Cats nap")));
        auto stored = app_->store()->message(reply.id);
        QVERIFY(stored.ok());
        QCOMPARE(stored->reasoning, reply.reasoning);
        QCOMPARE(stored->text, reply.text);
        QVERIFY(chat->send(QStringLiteral("And dogs?")));
        waitIdle();
        QVERIFY(engine_->lastPrompt().contains(QStringLiteral("assistant: Cats are great.")));
        QVERIFY2(!engine_->lastPrompt().contains(QStringLiteral("Cats nap")), qPrintable(engine_->lastPrompt()));
        engine_->setProperty("reply", FakeEngine::defaultReply());
        engine_->setProperty("tokenDelay", 1);
    }

    // Qt's Markdown reader (the chat view's) finds no image in what the chat view shows, for
    // random mixtures of Markdown's pieces; and the escape-everything fallback stays rare.
    void displayedMarkdownHoldsNoImage() {
        const QStringList pieces = {
            QStringLiteral("!["), QStringLiteral("]("), QStringLiteral("["), QStringLiteral("]"), QStringLiteral("("),
            QStringLiteral(")"), QStringLiteral("http://e.example/i.png"), QStringLiteral("<img src=http://e.example/x>"),
            QStringLiteral("<"), QStringLiteral(">"), QStringLiteral("\\"), QStringLiteral("!"), QStringLiteral(" "),
            QStringLiteral("\n"), QStringLiteral("\n\n"), QStringLiteral("x"), QStringLiteral("`"), QStringLiteral("``"),
            QStringLiteral("```\n"), QStringLiteral("~~~\n"), QStringLiteral("| a |"), QStringLiteral("|---|\n"),
            QStringLiteral("- "), QStringLiteral("    "), QStringLiteral("[r]: http://e.example/r.png\n"),
            QStringLiteral("\""), QStringLiteral("*"), QStringLiteral("# "), QStringLiteral("&#33;"), QStringLiteral("<p>"),
            QStringLiteral("![a](http://e.example/i.png)"), QStringLiteral("![r]"), QStringLiteral("![a][r]"),
            QStringLiteral("[![a](http://e.example/i.png)](https://e.example)"), QStringLiteral("<img src=\"http://e.example/i\">"),
        };
        const auto imageIn = [](const QString& markdown) {
            QTextDocument document;
            document.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
            for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
                for (auto it = block.begin(); !it.atEnd(); ++it)
                    if (it.fragment().charFormat().isImageFormat()) return true;
            return false;
        };
        QRandomGenerator random(20261201);
        int imagesBefore = 0, fallbacks = 0;
        const int rounds = 3000;
        for (int round = 0; round < rounds; ++round) {
            QString in;
            const int n = 1 + random.bounded(30);
            for (int i = 0; i < n; ++i) in += pieces[random.bounded(pieces.size())];
            if (imageIn(in)) ++imagesBefore;
            for (const QVariant& block : splitMarkdownBlocks(in)) {
                const QVariantMap b = block.toMap();
                if (b[QStringLiteral("kind")].toString() != QLatin1String("text")) continue;
                const QString shown = b[QStringLiteral("text")].toString();
                QVERIFY2(!imageIn(shown), qPrintable(in));
            }
            if (displayMarkdown(in) == causerie::markdown::escapeMarkdown(in) && in != causerie::markdown::escapeMarkdown(in)) { ++fallbacks; if (qEnvironmentVariableIsSet("SHOW_FALLBACKS")) qInfo("fallback: %s", qPrintable(in)); }
        }
        qInfo("%d of %d inputs held an image before; %d shown fully escaped", imagesBefore, rounds, fallbacks);
        QVERIFY(imagesBefore > rounds / 10);  // the inputs do exercise images
        QVERIFY2(fallbacks < rounds / 20, qPrintable(QString::number(fallbacks)));
    }

    // The first start's suggestions: runnable, fitting, not installed; the interface language
    // first, then the catalog's welcome order; at most three.
    void suggestionsPreferTheInterfaceLanguage() {
        const auto row = [](const char* id, int rank, QStringList languages, causerie::models::FitVerdict fit,
                            bool installed = false, const char* arch = "llama") {
            CatalogRow r;
            r.entry.id = QString::fromLatin1(id);
            r.entry.architecture = QString::fromLatin1(arch);
            r.entry.welcomeRank = rank;
            r.entry.languages = languages;
            r.fit.verdict = fit;
            r.installed = installed;
            return r;
        };
        using causerie::models::FitVerdict;
        const QStringList en{QStringLiteral("en")}, enFr{QStringLiteral("en"), QStringLiteral("fr")};
        CatalogListModel catalog;
        DownloadListModel downloads;
        SuggestionListModel suggestions(&catalog, &downloads);
        QAbstractItemModelTester tester(&suggestions, QAbstractItemModelTester::FailureReportingMode::QtTest);
        catalog.setRows({row("too-big", 1, enFr, FitVerdict::TooBig), row("english", 2, en, FitVerdict::Fits),
                         row("b", 3, enFr, FitVerdict::Fits), row("not-suggested", 0, enFr, FitVerdict::Fits),
                         row("installed", 4, enFr, FitVerdict::Fits, true), row("c", 5, enFr, FitVerdict::Unknown),
                         row("d", 6, enFr, FitVerdict::Fits), row("phi", 7, enFr, FitVerdict::Fits, false, "granitehybrid")});
        const auto ids = [&] {
            QStringList out;
            for (int i = 0; i < suggestions.rowCount(); ++i)
                out << suggestions.data(suggestions.index(i), CatalogListModel::EntryIdRole).toString();
            return out.join(QLatin1Char(','));
        };
        QCOMPARE(ids(), QStringLiteral("english,b,c"));
        suggestions.setLanguage(QStringLiteral("fr"));
        QCOMPARE(ids(), QStringLiteral("b,c,d"));
    }

    // A mixture of experts too big for the device but fitting with some layers' experts in system
    // memory: the verdict and the layer count reach QML by role name (FitBadge's label).
    void catalogRowsSayExpertsInSystemMemory() {
        CatalogRow r;
        r.entry.id = QStringLiteral("qwen3-30b-a3b");
        r.fit.verdict = causerie::models::FitVerdict::FitsWithExpertsInSystemMemory;
        r.fit.expertLayersInSystemMemory = 12;
        CatalogListModel catalog;
        catalog.setRows({r});
        const QHash<int, QByteArray> roles = catalog.roleNames();
        const int layersRole = roles.key("expertLayersInSystemMemory", -1);
        QVERIFY(layersRole >= 0);
        QCOMPARE(catalog.data(catalog.index(0), CatalogListModel::FitRole).toString(), QStringLiteral("experts in system memory"));
        QCOMPARE(catalog.data(catalog.index(0), layersRole).toInt(), 12);
        QVERIFY(InstalledModelListModel().roleNames().key("expertLayersInSystemMemory", -1) >= 0);
    }

    void markdownBlocks() {
        const QVariantList blocks = splitMarkdownBlocks(QStringLiteral("Intro\n```py\nprint(1)\n```\nOutro\n```\nopen"));
        QCOMPARE(blocks.size(), 4);
        QCOMPARE(blocks[0].toMap()[QStringLiteral("kind")].toString(), QStringLiteral("text"));
        QCOMPARE(blocks[1].toMap()[QStringLiteral("language")].toString(), QStringLiteral("py"));
        QCOMPARE(blocks[1].toMap()[QStringLiteral("text")].toString(), QStringLiteral("print(1)"));
        QCOMPARE(blocks[3].toMap()[QStringLiteral("kind")].toString(), QStringLiteral("code"));
        QCOMPARE(blocks[3].toMap()[QStringLiteral("text")].toString(), QStringLiteral("open"));
    }

    // The footer speaks of the open conversation only: a new chat shows no figures, and opening a
    // conversation again shows its latest reply's.
    void footerFollowsTheConversation() {
        ChatController* chat = app_->chat();
        chat->newConversation();
        QVERIFY(chat->send(QStringLiteral("Figures, please")));
        waitIdle();
        const qint64 id = chat->conversationId();
        const double speed = chat->tokensPerSecond();
        const int used = chat->contextUsed();
        QVERIFY(speed > 0);
        QVERIFY(used > 0);
        chat->newConversation();
        QCOMPARE(chat->tokensPerSecond(), 0.0);
        QCOMPARE(chat->contextUsed(), 0);
        chat->openConversation(id);
        QCOMPARE(chat->tokensPerSecond(), speed);
        QCOMPARE(chat->contextUsed(), used);
    }

    // A network that cannot be reached is said in plain words, Qt's error kept as the detail.
    void networkErrorsAreSentences() {
        QVERIFY(!ModelsController::networkProblem(QStringLiteral("Host huggingface.co not found")).isEmpty());
        QVERIFY(!ModelsController::networkProblem(QStringLiteral("Hugging Face: Connection refused")).isEmpty());
        QVERIFY(ModelsController::networkProblem(QStringLiteral("Hugging Face answered HTTP 404 for /api/models")).isEmpty());
        const QString before = app_->settings()->hfBaseUrl();
        app_->settings()->setHfBaseUrl(QStringLiteral("http://127.0.0.1:1"));  // nothing listens there
        app_->models()->search(QStringLiteral("llama"));
        QTRY_VERIFY_WITH_TIMEOUT(!app_->models()->error().isEmpty(), 10000);
        QVERIFY2(app_->models()->error().contains(QStringLiteral("Local models keep working")), qPrintable(app_->models()->error()));
        QVERIFY2(app_->models()->errorDetails().contains(QStringLiteral("refused"), Qt::CaseInsensitive),
                 qPrintable(app_->models()->errorDetails()));
        app_->models()->clearError();
        QVERIFY(app_->models()->errorDetails().isEmpty());
        app_->settings()->setHfBaseUrl(before);
    }

    // The context a model is loaded with follows the device memory: the training length when it
    // fits (at most 32K), less on a small device, the engine's default for an unknown shape.
    void defaultContextFollowsTheDevice() {
        causerie::models::ModelShape shape;  // a Llama-3.2-1B-like shape
        shape.weightBytes = 800ull << 20;
        shape.nLayer = 16;
        shape.nEmbd = 2048;
        shape.nHead = 32;
        shape.nHeadKv = 8;
        shape.headDim = 64;
        shape.nFf = 8192;
        shape.nVocab = 128256;
        shape.contextTrain = 131072;
        QCOMPARE(AppController::defaultContext(shape, 80ull << 30), 32768u);
        shape.contextTrain = 8192;
        QCOMPARE(AppController::defaultContext(shape, 80ull << 30), 8192u);
        shape.contextTrain = 131072;
        const quint32 small = AppController::defaultContext(shape, 2ull << 30);
        QVERIFY2(small >= 256 && small < 32768 && small % 256 == 0, QByteArray::number(small));
        // What it chose fits under 80% of the device; 256 tokens more would not, unless capped.
        QVERIFY(causerie::models::neededBytes(shape, small) <= (2ull << 30) * 8 / 10);
        QVERIFY(causerie::models::neededBytes(shape, small + 256) > (2ull << 30) * 8 / 10);
        QCOMPARE(AppController::defaultContext(shape, 900ull << 20), 0u);  // not even the weights
        QCOMPARE(AppController::defaultContext(causerie::models::ModelShape{}, 80ull << 30), 0u);
    }

    // Sizes in decimal units with the locale's separator ("1,88 Go" in French).
    void sizesUseDecimalUnitsAndTheLocale() {
        QLocale::setDefault(QLocale(QLocale::English));
        QCOMPARE(app_->formatBytes(999), QStringLiteral("999 B"));
        QCOMPARE(app_->formatBytes(1'880'000'000), QStringLiteral("1.88 GB"));
        QCOMPARE(app_->formatBytes(770'570'000), QStringLiteral("771 MB"));
        QCOMPARE(app_->formatBytes(12'340'000), QStringLiteral("12.3 MB"));
        QLocale::setDefault(QLocale(QLocale::French));
        QCOMPARE(app_->formatBytes(1'880'000'000), QStringLiteral("1,88 GB"));  // (units translated by the .qm)
        QLocale::setDefault(QLocale(QLocale::English));
    }
};

QTEST_MAIN(GuiModelsTest)
#include "test_gui_models.moc"
