// The Models page's controller and list models (under QAbstractItemModelTester) against a real
// HTTP server on 127.0.0.1: a test catalog pointing at the server, a download with progress,
// pause, a restart of the app (the queue survives), resume, the model installed, cancel,
// deletion after planning it, Hugging Face search and file list, import by copy and in place,
// and the French error texts.
#include "controllers/app_controller.h"
#include "controllers/models_controller.h"
#include "fake_engine.h"
#include "http_test_server.h"
#include "models/download_manager.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

using namespace causerie::gui;
using causerie::models::test::HttpTestServer;
using causerie::models::test::Route;

namespace {
QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
// JSON written with single quotes, for readability in C++ strings.
QByteArray json(const char* text) { return QByteArray(text).replace('\'', '"'); }
const QString storiesPath = QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf");
}  // namespace

class ModelsPageTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    HttpTestServer server_;
    QByteArray gguf_;
    FakeEngine* engine_ = nullptr;
    std::unique_ptr<AppController> app_;

    ModelsController* models() { return app_->models(); }
    void startApp() {
        app_ = std::make_unique<AppController>(dir_.path(), engine_);
        ModelsController* m = models();
        for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
                 m->catalog(), m->installed(), m->searchResults(), m->files(), m->downloads()})
            new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, m);
        QTRY_VERIFY(!m->scanning());
    }
    int catalogRow(const QString& id) {
        for (int i = 0; i < models()->catalog()->rowCount(); ++i)
            if (models()->catalog()->rows().at(i).entry.id == id) return i;
        return -1;
    }
    QVariant catalogData(const QString& id, int role) {
        return models()->catalog()->data(models()->catalog()->index(catalogRow(id)), role);
    }
    QVariant downloadData(int role, int row = 0) { return models()->downloads()->data(models()->downloads()->index(row), role); }
    int installedRow(const QString& id) {
        const auto& rows = models()->installed()->rows();
        for (int i = 0; i < rows.size(); ++i)
            if (rows[i].model.id == id && !rows[i].external) return i;
        return -1;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(server_.listen());
        gguf_ = readFile(storiesPath);
        QVERIFY2(!gguf_.isEmpty(), qPrintable(storiesPath));
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(gguf_, QCryptographicHash::Sha256).toHex());
        // Served slowly (about 1 MB/s) so that progress, pause and cancel can be seen.
        Route slow{gguf_};
        slow.chunkBytes = 32 * 1024;
        slow.chunkDelayMs = 30;
        server_.setRoute("/test/tiny-GGUF/resolve/main/stories260K.gguf", slow);
        server_.setRoute("/test/tiny-GGUF/resolve/main/other.gguf", slow);
        // The test catalog, as a refreshed copy would be cached, pointing at the local server.
        const QByteArray catalog = QString::fromUtf8(json(
            "{'version': 9, 'downloadBase': '%1', 'models': ["
            "{'id': 'stories', 'name': 'Stories 260K', 'repository': 'test/tiny-GGUF', 'file': 'stories260K.gguf',"
            "'quantization': 'F32', 'size': %2, 'sizeApproximate': false, 'parameters': '260K',"
            "'parameterCount': 260000, 'license': 'MIT', 'contextLength': 512, 'architecture': 'llama',"
            "'sha256': '%3', 'description': {'en': 'A tiny story model.', 'fr': 'Un tout petit modèle pour des histoires.'}},"
            "{'id': 'other', 'name': 'Other', 'repository': 'test/tiny-GGUF', 'file': 'other.gguf',"
            "'quantization': 'F32', 'size': %2, 'parameters': '260K', 'parameterCount': 260000, 'license': 'MIT',"
            "'contextLength': 512, 'architecture': 'llama', 'description': {'en': 'Another.', 'fr': 'Un autre.'}},"
            "{'id': 'phi', 'name': 'Phi Test', 'repository': 'test/phi-GGUF', 'file': 'phi.gguf', 'quantization': 'Q4_K_M',"
            "'size': 2000000000, 'parameters': '3.8B', 'parameterCount': 3800000000, 'license': 'MIT',"
            "'contextLength': 131072, 'architecture': 'granitehybrid', 'description': {'en': 'Unsupported.', 'fr': 'Non pris en charge.'}}"
            "]}"))
            .arg(QString::fromLatin1(server_.url("")), QString::number(gguf_.size()), sha).toUtf8();
        QFile cache(QDir(dir_.path()).filePath(QStringLiteral("catalog-cache.json")));
        QVERIFY(cache.open(QIODevice::WriteOnly));
        cache.write(catalog);
        cache.close();
        engine_ = new FakeEngine(this);
        startApp();
        QTRY_VERIFY(models()->deviceMemoryKnown());  // the fake engine's 8 GiB device
    }

    void catalogFromTheLocalServer() {
        QCOMPARE(models()->catalog()->rowCount(), 3);
        QVERIFY(!models()->catalogBuiltIn());
        QCOMPARE(catalogData("stories", CatalogListModel::DescriptionRole).toString(), QStringLiteral("A tiny story model."));
        QCOMPARE(catalogData("stories", CatalogListModel::SupportedRole).toBool(), true);
        QCOMPARE(catalogData("stories", CatalogListModel::FitRole).toString(), QStringLiteral("fits"));
        QVERIFY(catalogData("stories", CatalogListModel::SuggestedContextRole).toInt() > 0);
        QCOMPARE(catalogData("phi", CatalogListModel::SupportedRole).toBool(), false);
        QVERIFY(!models()->downloadCatalogEntry(QStringLiteral("phi")));  // not yet supported
        QVERIFY(models()->error().contains(QStringLiteral("not supported")));
        models()->clearError();
        models()->setLanguage(QStringLiteral("fr"));
        QCOMPARE(catalogData("stories", CatalogListModel::DescriptionRole).toString(),
                 QStringLiteral("Un tout petit modèle pour des histoires."));
        models()->setLanguage(QStringLiteral("en"));
    }

    void downloadPausesSurvivesRestartAndInstalls() {
        QVERIFY(models()->downloadCatalogEntry(QStringLiteral("stories")));
        QCOMPARE(models()->downloads()->rowCount(), 1);
        QVERIFY(catalogData("stories", CatalogListModel::DownloadingRole).toBool());
        QTRY_VERIFY(downloadData(DownloadListModel::ReceivedRole).toLongLong() > 64 * 1024);
        QCOMPARE(downloadData(DownloadListModel::StateRole).toString(), QStringLiteral("running"));
        QCOMPARE(downloadData(DownloadListModel::TotalRole).toLongLong(), gguf_.size());
        QVERIFY(downloadData(DownloadListModel::ProgressRole).toDouble() > 0);
        QVERIFY(downloadData(DownloadListModel::CanPauseRole).toBool());
        const qint64 id = downloadData(DownloadListModel::DownloadIdRole).toLongLong();
        models()->pause(id);
        QTRY_COMPARE(downloadData(DownloadListModel::StateRole).toString(), QStringLiteral("paused"));
        QVERIFY(downloadData(DownloadListModel::CanResumeRole).toBool());
        const qint64 kept = downloadData(DownloadListModel::ReceivedRole).toLongLong();
        QVERIFY(kept > 0 && kept < gguf_.size());

        // Quit and start again: the paused download is still listed, with its bytes.
        app_.reset();
        startApp();
        QCOMPARE(models()->downloads()->rowCount(), 1);
        QCOMPARE(downloadData(DownloadListModel::StateRole).toString(), QStringLiteral("paused"));
        QCOMPARE(downloadData(DownloadListModel::ReceivedRole).toLongLong(), kept);
        QCOMPARE(installedRow(QStringLiteral("stories260K")), -1);  // a .part is not installed

        models()->resume(downloadData(DownloadListModel::DownloadIdRole).toLongLong());
        QTRY_COMPARE_WITH_TIMEOUT(downloadData(DownloadListModel::StateRole).toString(), QStringLiteral("completed"), 15000);
        QVERIFY(server_.requests().last().range.startsWith("bytes="));  // resumed with Range
        QTRY_VERIFY(installedRow(QStringLiteral("stories260K")) >= 0);
        const auto& row = models()->installed()->rows().at(installedRow(QStringLiteral("stories260K")));
        QVERIFY(row.model.valid);
        QCOMPARE(row.model.summary.architecture, QStringLiteral("llama"));
        QCOMPARE(row.model.sizeOnDisk, gguf_.size());
        QCOMPARE(models()->installed()->data(models()->installed()->index(installedRow(QStringLiteral("stories260K"))),
                                             InstalledModelListModel::FitRole).toString(), QStringLiteral("fits"));
        QTRY_VERIFY(catalogData("stories", CatalogListModel::InstalledRole).toBool());
        QVERIFY(!catalogData("stories", CatalogListModel::DownloadingRole).toBool());
        QVERIFY(!models()->downloadCatalogEntry(QStringLiteral("stories")));  // already there
        models()->clearError();
        models()->forget(downloadData(DownloadListModel::DownloadIdRole).toLongLong());
        QTRY_COMPARE(models()->downloads()->rowCount(), 0);
    }

    void cancelLeavesNothing() {
        QVERIFY(models()->downloadCatalogEntry(QStringLiteral("other")));
        QTRY_VERIFY(downloadData(DownloadListModel::ReceivedRole).toLongLong() > 0);
        models()->cancel(downloadData(DownloadListModel::DownloadIdRole).toLongLong());
        QTRY_COMPARE(models()->downloads()->rowCount(), 0);
        QVERIFY(!QFile::exists(QDir(models()->modelsDir()).filePath(QStringLiteral("other.gguf.part"))));
        models()->rescan();
        QTRY_VERIFY(!models()->scanning());
        QCOMPARE(installedRow(QStringLiteral("other")), -1);
        QVERIFY(!catalogData("other", CatalogListModel::DownloadingRole).toBool());
    }

    // A catalog download that fails gives its button back (Download, with the reason); pressed
    // again, it tries again and finishes.
    void failedCatalogDownloadResetsItsButton() {
        const QString route = QStringLiteral("/test/tiny-GGUF/resolve/main/other.gguf");
        server_.setRoute(route.toLatin1(), Route{{}, 404});
        QVERIFY(models()->downloadCatalogEntry(QStringLiteral("other")));
        QTRY_VERIFY_WITH_TIMEOUT(!catalogData("other", CatalogListModel::DownloadErrorRole).toString().isEmpty(), 10000);
        QVERIFY(!catalogData("other", CatalogListModel::DownloadingRole).toBool());
        QVERIFY(!catalogData("other", CatalogListModel::InstalledRole).toBool());
        QVERIFY2(catalogData("other", CatalogListModel::DownloadErrorRole).toString().contains(QStringLiteral("404")),
                 qPrintable(catalogData("other", CatalogListModel::DownloadErrorRole).toString()));
        Route slow{gguf_};
        slow.chunkBytes = 64 * 1024;
        server_.setRoute(route.toLatin1(), slow);
        QVERIFY(models()->downloadCatalogEntry(QStringLiteral("other")));  // the failed one, again
        QCOMPARE(models()->downloads()->rowCount(), 1);
        QTRY_VERIFY(catalogData("other", CatalogListModel::DownloadErrorRole).toString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(catalogData("other", CatalogListModel::InstalledRole).toBool(), 15000);
        QVERIFY(!catalogData("other", CatalogListModel::DownloadingRole).toBool());
        models()->forget(downloadData(DownloadListModel::DownloadIdRole).toLongLong());
        QTRY_COMPARE(models()->downloads()->rowCount(), 0);
        QSignalSpy planned(models(), &ModelsController::removalPlanned);
        models()->requestRemoval(QDir(models()->modelsDir()).filePath(QStringLiteral("other.gguf")));
        QTRY_COMPARE(planned.size(), 1);
        models()->confirmRemoval(planned.first().first().toMap().value(QStringLiteral("path")).toString());
        QTRY_VERIFY(!catalogData("other", CatalogListModel::InstalledRole).toBool());
    }

    void deleteAfterConfirmation() {
        QSignalSpy planned(models(), &ModelsController::removalPlanned);
        const QString path = QDir(models()->modelsDir()).filePath(QStringLiteral("stories260K.gguf"));
        models()->requestRemoval(path);
        QTRY_COMPARE(planned.size(), 1);
        const QVariantMap plan = planned.first().first().toMap();
        QCOMPARE(plan.value(QStringLiteral("name")).toString(), QStringLiteral("stories260K.gguf"));
        QCOMPARE(plan.value(QStringLiteral("bytes")).toLongLong(), gguf_.size());
        QCOMPARE(plan.value(QStringLiteral("forgetOnly")).toBool(), false);
        QVERIFY(QFile::exists(path));  // nothing deleted before the confirmation
        QSignalSpy removed(models(), &ModelsController::removed);
        models()->confirmRemoval(plan.value(QStringLiteral("path")).toString());
        QTRY_COMPARE(removed.size(), 1);
        QVERIFY(!QFile::exists(path));
        QTRY_COMPARE(installedRow(QStringLiteral("stories260K")), -1);
        QTRY_VERIFY(!catalogData("stories", CatalogListModel::InstalledRole).toBool());
    }

    void importCopyAndInPlace() {
        QSignalSpy imported(models(), &ModelsController::imported);
        models()->importFile(QUrl::fromLocalFile(storiesPath).toString(), true);
        QTRY_COMPARE(imported.size(), 1);
        QTRY_VERIFY(installedRow(QStringLiteral("stories260K")) >= 0);
        QCOMPARE(models()->installed()->rows().at(installedRow(QStringLiteral("stories260K"))).model.source,
                 causerie::models::ModelSource::ModelsFolder);
        // In place: a copy elsewhere, registered where it is; removing it only forgets it.
        const QString elsewhere = QDir(dir_.path()).filePath(QStringLiteral("elsewhere-model.gguf"));
        QVERIFY(QFile::copy(storiesPath, elsewhere));
        models()->importFile(elsewhere, false);
        QTRY_COMPARE(imported.size(), 2);
        QTRY_VERIFY(installedRow(QStringLiteral("elsewhere-model")) >= 0);
        QSignalSpy planned(models(), &ModelsController::removalPlanned);
        models()->requestRemoval(elsewhere);
        QTRY_COMPARE(planned.size(), 1);
        QVERIFY(planned.first().first().toMap().value(QStringLiteral("forgetOnly")).toBool());
        models()->confirmRemoval(elsewhere);
        QTRY_COMPARE(installedRow(QStringLiteral("elsewhere-model")), -1);
        QVERIFY(QFile::exists(elsewhere));
        // A file that is not a GGUF is refused with its reason.
        const QString junk = QDir(dir_.path()).filePath(QStringLiteral("junk.gguf"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a gguf");
        f.close();
        models()->importFile(junk, true);
        QTRY_VERIFY(!models()->error().isEmpty());
        QVERIFY(models()->error().contains(QStringLiteral("junk.gguf")));
        models()->clearError();
    }

    void huggingFaceSearchAndDownload() {
        app_->settings()->setHfBaseUrl(QString::fromLatin1(server_.url("")) + QStringLiteral("/"));
        QCOMPARE(app_->settings()->hfBaseUrl(), QString::fromLatin1(server_.url("")));
        server_.setRoute("/api/models?search=tiny&filter=gguf&sort=downloads&direction=-1&limit=30",
                         Route{json("[{'id':'test/tiny-GGUF','downloads':1234,'likes':5,'tags':['gguf']}]")});
        server_.setRoute("/api/models/test/tiny-GGUF/tree/main?recursive=true",
                         Route{json("[{'type':'file','path':'README.md','size':10},"
                                    "{'type':'file','path':'hf-tiny-Q8_0.gguf','size':135,'lfs':{'oid':'','size':") +
                               QByteArray::number(gguf_.size()) + json("}},{'type':'file','path':'hf-tiny-Q4_K_M.gguf','size':") + QByteArray::number(gguf_.size()) + json("}]")});
        server_.setRoute("/test/tiny-GGUF/resolve/main/hf-tiny-Q4_K_M.gguf", Route{gguf_});
        models()->search(QStringLiteral("tiny"));
        QVERIFY(models()->searching());
        QTRY_COMPARE(models()->searchResults()->rowCount(), 1);
        QVERIFY(!models()->searching());
        QCOMPARE(models()->searchResults()->data(models()->searchResults()->index(0), HfRepositoryListModel::RepositoryRole).toString(),
                 QStringLiteral("test/tiny-GGUF"));
        models()->listFiles(QStringLiteral("test/tiny-GGUF"));
        QTRY_COMPARE(models()->files()->rowCount(), 2);
        const int preferred = models()->files()->preferredRow();
        QCOMPARE(models()->files()->data(models()->files()->index(preferred), HfFileListModel::QuantizationRole).toString(),
                 QStringLiteral("Q4_K_M"));
        QVERIFY(models()->downloadFile(preferred));
        QTRY_COMPARE_WITH_TIMEOUT(downloadData(DownloadListModel::StateRole).toString(), QStringLiteral("completed"), 10000);
        QTRY_VERIFY(installedRow(QStringLiteral("hf-tiny-Q4_K_M")) >= 0);
        // A failing search shows its reason.
        models()->search(QStringLiteral("nothing"));
        QTRY_VERIFY(!models()->error().isEmpty());
        QVERIFY2(models()->error().contains(QStringLiteral("404")), qPrintable(models()->error()));
        models()->clearError();
    }

    void failedDownloadShowsItsReason() {
        server_.setRoute("/test/tiny-GGUF/resolve/main/missing.gguf", Route{{}, 404});
        causerie::models::DownloadRequest request;
        request.url = QUrl(QString::fromLatin1(server_.url("/test/tiny-GGUF/resolve/main/missing.gguf")));
        request.dir = models()->modelsDir();
        request.fileName = QStringLiteral("missing.gguf");
        QVERIFY(models()->manager()->enqueue(request));
        const int row = models()->downloads()->rowCount() - 1;
        QTRY_COMPARE(downloadData(DownloadListModel::StateRole, row).toString(), QStringLiteral("failed"));
        QVERIFY(downloadData(DownloadListModel::ErrorRole, row).toString().contains(QStringLiteral("404")));
        QVERIFY(downloadData(DownloadListModel::CanResumeRole, row).toBool());
    }

    void catalogRefreshFromItsAddress() {
        server_.setRoute("/catalog.json", Route{json("{'version': 10, 'downloadBase': 'http://127.0.0.1:1', 'models': ["
                                                     "{'id': 'new', 'name': 'New', 'repository': 'a/b', 'file': 'new.gguf',"
                                                     "'architecture': 'qwen3', 'description': {'en': 'New one.'}}]}")});
        models()->refreshCatalog();  // no address yet: a notice, the catalog stays
        QVERIFY(models()->notice().contains(QStringLiteral("built-in")));
        app_->settings()->setCatalogUrl(QString::fromLatin1(server_.url("/catalog.json")));
        models()->refreshCatalog();
        QVERIFY(models()->refreshingCatalog());
        QTRY_COMPARE(models()->catalog()->rowCount(), 1);
        // It says what it did: how many models, how many of them are new.
        // (No translator here: the English plural forms are the QML tests' to check.)
        QVERIFY2(models()->notice().startsWith(QStringLiteral("Catalog up to date: 1 model")), qPrintable(models()->notice()));
        QVERIFY2(models()->notice().endsWith(QStringLiteral(", 1 new")), qPrintable(models()->notice()));
        models()->refreshCatalog();
        QTRY_VERIFY(!models()->refreshingCatalog());
        QTRY_VERIFY2(models()->notice().endsWith(QStringLiteral(", 0 new")), qPrintable(models()->notice()));
        // A failed refresh keeps the last good copy and says why.
        app_->settings()->setCatalogUrl(QString::fromLatin1(server_.url("/missing.json")));
        models()->refreshCatalog();
        QTRY_VERIFY(!models()->error().isEmpty());
        QCOMPARE(models()->errorScope(), QStringLiteral("catalog"));
        QCOMPARE(models()->catalog()->rowCount(), 1);
        models()->clearError();
    }

    void errorsInFrench() {
        QTranslator fr;
        QVERIFY(fr.load(QStringLiteral(":/i18n/causerie_fr.qm")));
        QCoreApplication::installTranslator(&fr);
        QCOMPARE(ModelsController::translateError(QStringLiteral("cancelled")), QStringLiteral("annulé"));
        const QString disk = ModelsController::translateError(QStringLiteral("not enough disk space in /m: 2 GB needed, 1 GB free"));
        QVERIFY2(disk.startsWith(QStringLiteral("espace disque insuffisant")), qPrintable(disk));
        QVERIFY(disk.contains(QStringLiteral("/m")));
        QCOMPARE(ModelsController::translateError(QStringLiteral("something else")), QStringLiteral("something else"));
        QCoreApplication::removeTranslator(&fr);
    }

    void cleanupTestCase() { app_.reset(); }
};

QTEST_MAIN(ModelsPageTest)
#include "test_gui_models_page.moc"
