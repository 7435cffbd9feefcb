// The built-in catalog, its refresh with an offline cache, and the Hugging Face client, against
// the local HTTP server.
#include "download_fixture.h"
#include "models/catalog.h"
#include "models/hf_client.h"
#include "models/model_library.h"

#include <QNetworkAccessManager>

namespace causerie::models::test {
namespace {

using CatalogTest = DownloadFixture;

TEST_F(CatalogTest, BuiltInCatalogIsCompleteAndMarksUnsupportedArchitectures) {
  const Catalog c = Catalog::builtIn();
  ASSERT_EQ(c.entries().size(), 33);
  QList<int> ranks;  // the first start's order: distinct, and only for models that run
  for (const CatalogEntry& e : c.entries()) {
    EXPECT_FALSE(e.languages.isEmpty()) << e.id.toStdString();
    if (e.welcomeRank > 0) {
      EXPECT_TRUE(e.supported()) << e.id.toStdString();
      EXPECT_FALSE(ranks.contains(e.welcomeRank)) << e.id.toStdString();
      ranks << e.welcomeRank;
    }
    EXPECT_FALSE(e.descriptionEn.isEmpty()) << e.id.toStdString();
    EXPECT_FALSE(e.descriptionFr.isEmpty()) << e.id.toStdString();
    EXPECT_TRUE(e.file.endsWith(QLatin1String(".gguf")));
    EXPECT_EQ(e.supported(), e.architecture != QLatin1String("granitehybrid")) << e.id.toStdString();
  }
  const CatalogEntry* q = c.find(QStringLiteral("qwen2.5-0.5b-instruct-q4_k_m"));
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->downloadUrl(c.downloadBase()).toString(),
            QStringLiteral("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf"));
  EXPECT_EQ(q->description(QStringLiteral("fr_FR")), q->descriptionFr);
  EXPECT_GE(ranks.size(), 3);
  // A multilingual embedding model (French matters) for document search, not a chat model
  const CatalogEntry* e = c.find(QStringLiteral("qwen3-embedding-0.6b-q8_0"));
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->isEmbedding());
  EXPECT_TRUE(e->supported());
  EXPECT_TRUE(e->languages.contains(QStringLiteral("fr")));
  EXPECT_EQ(e->dimensions, 1024);
  EXPECT_EQ(e->welcomeRank, 0);
  EXPECT_FALSE(q->isEmbedding());
  EXPECT_FALSE(Catalog::parse("{\"models\": [{\"id\": \"x\"}]}").ok());
  EXPECT_FALSE(Catalog::parse("not json").ok());
  EXPECT_FALSE(Catalog::parse(R"({"models":[{"id":"x","repository":"a/b","file":"../x.gguf"}]})").ok());
}

TEST_F(CatalogTest, RefreshCachesTheLastGoodCopy) {
  const QString data = tmp_.filePath(QStringLiteral("data"));
  server_.setRoute("/catalog.json", Route{R"({"version":2,"models":[{"id":"m","repository":"a/b","file":"m.gguf","architecture":"llama"}]})"});
  Route broken;
  broken.status = 500;
  server_.setRoute("/broken.json", broken);
  server_.setRoute("/garbage.json", Route{"{\"models\": 3}"});
  QNetworkAccessManager nam;
  CatalogRefresher refresher(&nam, data);
  int refreshed = -1;
  QString failure;
  QObject::connect(&refresher, &CatalogRefresher::refreshed, [&](int n) { refreshed = n; });
  QObject::connect(&refresher, &CatalogRefresher::failed, [&](const QString& why) { failure = why; });
  EXPECT_TRUE(Catalog::load(data).isBuiltIn());
  refresher.refresh(QUrl(QString::fromLatin1(server_.url("/catalog.json"))));
  ASSERT_TRUE(waitFor([&] { return refreshed >= 0; }));
  EXPECT_EQ(refreshed, 1);
  EXPECT_EQ(Catalog::load(data).version(), 2);
  for (const char* path : {"/broken.json", "/garbage.json"}) {
    failure.clear();
    refresher.refresh(QUrl(QString::fromLatin1(server_.url(path))));
    ASSERT_TRUE(waitFor([&] { return !failure.isEmpty(); }));
    EXPECT_EQ(Catalog::load(data).version(), 2) << path;  // the cache is kept (offline use)
  }
}

TEST_F(CatalogTest, HuggingFaceSearchAndFileList) {
  server_.setRoute("/api/models?search=qwen&filter=gguf&sort=downloads&direction=-1&limit=5",
                   Route{R"([{"id":"Qwen/Qwen2.5-0.5B-Instruct-GGUF","downloads":1000,"likes":50,"tags":["gguf"]},{"modelId":"x/y"}])"});
  server_.setRoute("/api/models/Qwen/Qwen2.5-0.5B-Instruct-GGUF/tree/main?recursive=true",
                   Route{R"([{"type":"file","path":"README.md","size":10},
                            {"type":"file","path":"qwen2.5-0.5b-instruct-q8_0.gguf","size":135,"lfs":{"oid":"ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789","size":675000000}},
                            {"type":"file","path":"qwen2.5-0.5b-instruct-q4_k_m.gguf","size":135,"lfs":{"oid":"1111111111111111111111111111111111111111111111111111111111111111","size":491000000}},
                            {"type":"file","path":"big/model-Q4_K_M-00001-of-00002.gguf","size":1},
                            {"type":"directory","path":"big"}])"});
  QNetworkAccessManager nam;
  HfClient hf(&nam, QUrl(QString::fromLatin1(server_.url(""))));
  std::optional<Result<QList<HfModel>>> found;
  hf.search(QStringLiteral("qwen"), 5, [&](Result<QList<HfModel>> r) { found = std::move(r); });
  ASSERT_TRUE(waitFor([&] { return found.has_value(); }));
  ASSERT_TRUE(found->ok()) << found->error().toStdString();
  ASSERT_EQ((*found)->size(), 2);
  EXPECT_EQ((*found)->at(0).repository, QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct-GGUF"));
  EXPECT_EQ((*found)->at(0).downloads, 1000);

  std::optional<Result<QList<HfFile>>> files;
  hf.listFiles(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct-GGUF"), [&](Result<QList<HfFile>> r) { files = std::move(r); });
  ASSERT_TRUE(waitFor([&] { return files.has_value(); }));
  ASSERT_TRUE(files->ok()) << files->error().toStdString();
  ASSERT_EQ((*files)->size(), 3);  // GGUF files only
  EXPECT_EQ((*files)->at(0).size, 675000000);
  EXPECT_EQ((*files)->at(0).sha256.left(6), QStringLiteral("abcdef"));
  EXPECT_TRUE((*files)->at(2).splitPart);
  const HfFile* pick = HfClient::pickQuantization(**files);
  ASSERT_NE(pick, nullptr);
  EXPECT_EQ(pick->quantization, QStringLiteral("Q4_K_M"));
  EXPECT_FALSE(pick->splitPart);

  std::optional<Result<QList<HfFile>>> missing;
  hf.listFiles(QStringLiteral("no/such"), [&](Result<QList<HfFile>> r) { missing = std::move(r); });
  ASSERT_TRUE(waitFor([&] { return missing.has_value(); }));
  EXPECT_FALSE(missing->ok());
  EXPECT_TRUE(missing->error().contains(QStringLiteral("404")));
}

TEST_F(CatalogTest, LibraryFindsOtherAppsModelsAndOffersThemInPlace) {
  const QString lmRoot = tmp_.filePath(QStringLiteral("lmstudio/models"));
  QDir().mkpath(lmRoot + QStringLiteral("/pub/repo"));
  const QString lmFile = lmRoot + QStringLiteral("/pub/repo/stories260K.gguf");
  ASSERT_TRUE(QFile::copy(QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf"), lmFile));
  QDir().mkpath(modelsDir_);
  QFile junk(QDir(modelsDir_).filePath(QStringLiteral("half.gguf.part")));  // never listed
  ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
  junk.write("GGUF");
  junk.close();
  ModelLibrary lib(*db_, modelsDir_);
  EXPECT_TRUE(lib.scan().isEmpty());
  const QList<ExternalModel> found = lib.findExternal({lmRoot});
  ASSERT_EQ(found.size(), 1);
  EXPECT_EQ(found[0].source, ModelSource::LmStudio);
  ASSERT_TRUE(lib.registerInPlace(found[0].path, found[0].source).ok());
  EXPECT_TRUE(lib.findExternal({lmRoot}).isEmpty());
  const QList<InstalledModel> models = lib.scan();
  ASSERT_EQ(models.size(), 1);
  EXPECT_EQ(models[0].source, ModelSource::LmStudio);
  EXPECT_EQ(models[0].summary.architecture, QStringLiteral("llama"));
  EXPECT_GT(models[0].summary.shape.weightBytes, 0u);
  const Result<RemovalPlan> plan = lib.planRemoval(QStringLiteral("stories260K"));
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->forgetOnly);
  EXPECT_TRUE(plan->filesToDelete.isEmpty());
  ASSERT_TRUE(lib.remove(*plan).ok());
  EXPECT_TRUE(QFileInfo::exists(lmFile));
  EXPECT_TRUE(lib.scan().isEmpty());
}

TEST(HfNames, QuantizationFromFileName) {
  EXPECT_EQ(HfClient::quantizationFromFileName(QStringLiteral("Llama-3.2-1B-Instruct-Q4_K_M.gguf")), QStringLiteral("Q4_K_M"));
  EXPECT_EQ(HfClient::quantizationFromFileName(QStringLiteral("qwen2.5-0.5b-instruct-q8_0.gguf")), QStringLiteral("Q8_0"));
  EXPECT_EQ(HfClient::quantizationFromFileName(QStringLiteral("Qwen3-8B-IQ4_XS.gguf")), QStringLiteral("IQ4_XS"));
  EXPECT_EQ(HfClient::quantizationFromFileName(QStringLiteral("model-f16.gguf")), QStringLiteral("F16"));
  EXPECT_EQ(HfClient::quantizationFromFileName(QStringLiteral("x/Model-Q5_K_S-00001-of-00002.gguf")), QStringLiteral("Q5_K_S"));
  EXPECT_EQ(HfClient::quantizationFromFileName(QStringLiteral("Qwen3-8B.gguf")), QString());
}

}  // namespace
}  // namespace causerie::models::test
