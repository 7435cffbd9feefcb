// `ask`: a question answered from a collection of documents. The question is searched in the
// documents index (docs_retrieval.h), the excerpts go into the prompt under numbered markers with
// the instruction to cite them (grounded_prompt.h, what the app does), the answer streams on
// stdout, then its sources: one line per marker (file, page, heading) and the excerpt's start.
// Compiled with `docs` (CAUSERIE_CLI_DOCS).
#ifdef CAUSERIE_CLI_DOCS
#include "args.h"
#include "commands.h"
#include "session_args.h"

#include "docs/docs_database.h"
#include "docs/docs_vectors.h"
#include "embedder.h"
#include "docs/grounded_prompt.h"
#include "models/models_paths.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>
#include <string>

namespace causerie::cli {
namespace {

std::string s(const QString& q) { return q.toStdString(); }

// One line of an excerpt, for the sources list.
QString firstWords(const QString& text, int limit) {
  QString t = text.simplified();
  if (t.size() > limit) t = t.left(limit).trimmed() + QStringLiteral("…");
  return t;
}

}  // namespace

int cmd_ask(int argc, char** argv) {
  Args args(argc, argv, 2, {"cpu"});
  if (args.positional().empty()) return fail("ask needs a QUESTION (--data-dir D --collection NAME --model FILE QUESTION)");
  if (!args.has("collection")) return fail("ask needs --collection NAME");
  GenerateParams gp = generate_params(args, 512, 0.3f, SamplerParams{}.repeat_penalty);
  docs::RetrievalOptions retrieval;
  retrieval.k = int(args.get_int("k", 5));
  const std::string embedModel = args.get_or("embed-model", "");
  const QString queryPrefix = QString::fromStdString(args.get_or("query-prefix", ""));
  const QString passagePrefix = QString::fromStdString(args.get_or("passage-prefix", ""));
  if (!args.error().empty()) return fail(args.error());
  if (retrieval.k < 1) return fail("--k needs a number of at least 1");
  std::string question;
  for (const std::string& word : args.positional()) question += (question.empty() ? "" : " ") + word;

  int qargc = 1;
  QCoreApplication app(qargc, argv);
  const QString dataDir = args.has("data-dir") ? QString::fromStdString(*args.get("data-dir")) : models::defaultDataDir();
  const QString collection = QString::fromStdString(*args.get("collection"));
  docs::DocsDatabase db(docs::DocsDatabase::pathIn(dataDir));
  if (auto opened = db.open(); !opened) return fail(s(opened.error()));
  const QString q = QString::fromStdString(question);
  // --embed-model: hybrid search with the model that embedded the collection (docs add
  // --embed-model; its id as cmd_docs records it, the passage prefix included).
  std::unique_ptr<Embedder> embedder;
  if (!embedModel.empty()) {
    EmbedderOptions eo;
    eo.model_path = embedModel;
    eo.cpu = args.has("cpu");
    auto e = Embedder::load(eo);
    if (!e) return fail("embedding model: " + e.error().message);
    embedder = std::move(*e);
    retrieval.vectorModel = QString::fromStdString(embedder->model_id());
    if (!passagePrefix.isEmpty()) retrieval.vectorModel += QStringLiteral(" [passages: \"%1\"]").arg(passagePrefix);
    retrieval.embedQuestion = [&embedder, queryPrefix](const QString& text) -> docs::Result<std::vector<float>> {
      std::vector<std::string> t{(queryPrefix + text).toStdString()};
      auto v = embedder->embed(t);
      if (!v) return docs::fail(QString::fromStdString(v.error().message));
      return std::move(*v);
    };
  }
  auto found = docs::retrieveExcerpts(db, {collection}, q, retrieval);
  if (!found) return fail(s(found.error()));
  if (found->mode == docs::RetrievalMode::Lexical)
    std::fprintf(stderr, "lexical search only (no embedding model); %d excerpt%s found in \"%s\"\n",
                 int(found->excerpts.size()), found->excerpts.size() == 1 ? "" : "s", s(collection).c_str());
  else if (!found->withoutVectors.isEmpty())
    std::fprintf(stderr, "hybrid search, but \"%s\" has no vectors from %s (docs add --embed-model): its words alone; %d excerpt%s\n",
                 s(collection).c_str(), s(retrieval.vectorModel).c_str(), int(found->excerpts.size()), found->excerpts.size() == 1 ? "" : "s");
  else
    std::fprintf(stderr, "hybrid search (words and meaning) with %s; %d excerpt%s found in \"%s\"\n", s(retrieval.vectorModel).c_str(),
                 int(found->excerpts.size()), found->excerpts.size() == 1 ? "" : "s", s(collection).c_str());
  docs::GroundingOptions grounding;
  grounding.language = args.has("lang") ? QString::fromStdString(*args.get("lang")) : docs::questionLanguage(q, QStringLiteral("en"));
  auto session = open_session(args);
  if (!session) return fail(session.error().message);
  grounding.maxExcerptChars = docs::excerptCharsFor(int((*session)->n_ctx()), int(found->excerpts.size()));
  const docs::GroundedPrompt prompt = docs::groundQuestion(q, found->excerpts, grounding);
  std::vector<ChatMessage> messages;
  if (auto sys = args.get("system")) messages.push_back({"system", *sys});
  messages.push_back({"user", s(prompt.text)});
  auto r = (*session)->chat(messages, gp, print_piece, nullptr);
  std::printf("\n");
  if (!r) return fail(r.error().message);

  // The sources: those the answer cites first (marked *), then the others it was given.
  const bool french = grounding.language == QLatin1String("fr");
  const QList<int> cited = docs::citedMarkers(QString::fromStdString(r->text), int(prompt.sources.size()));
  std::printf("\n%s\n", prompt.sources.isEmpty() ? (french ? "Aucune source trouvée." : "No sources found.")
                                                 : (french ? "Sources\u00a0:" : "Sources:"));
  for (const storage::ReplySource& src : prompt.sources) {
    QString line = QStringLiteral("[%1]%2 %3").arg(src.marker).arg(cited.contains(src.marker) ? QStringLiteral("*") : QString(),
                                                                      QDir::toNativeSeparators(src.path));
    if (src.page > 0) line += QStringLiteral(", page %1").arg(src.page);
    if (!src.headingPath.isEmpty()) line += QStringLiteral(", ") + src.headingPath.join(QStringLiteral(" > "));
    std::printf("%s\n    %s\n", s(line).c_str(), s(firstWords(src.excerpt, 160)).c_str());
  }
  std::fflush(stdout);
  std::fprintf(stderr, "[%d tokens, %.1f tok/s; prompt %d tokens]\n", r->n_generated, r->gen_tps(), r->n_prompt);
  return 0;
}

}  // namespace causerie::cli
#endif  // CAUSERIE_CLI_DOCS
