#include "docs/text_analysis.h"

#include <libstemmer.h>

#include <QSet>

namespace causerie::docs {
namespace {

bool isWordChar(QChar c) {
  return c.isLetterOrNumber() || c.isMark() || c.isSurrogate();
}

// One pair of Snowball stemmers per thread (an sb_stemmer is not thread-safe).
struct Stemmers {
  sb_stemmer* french = sb_stemmer_new("french", "UTF_8");
  sb_stemmer* english = sb_stemmer_new("english", "UTF_8");
  ~Stemmers() {
    if (french) sb_stemmer_delete(french);
    if (english) sb_stemmer_delete(english);
  }
  Stemmers() = default;
  Stemmers(const Stemmers&) = delete;
  Stemmers& operator=(const Stemmers&) = delete;
};

Stemmers& stemmers() {
  thread_local Stemmers s;
  return s;
}

QString snowball(const QString& lowerWord, Language language) {
  sb_stemmer* stemmer = language == Language::French ? stemmers().french : stemmers().english;
  if (!stemmer) return lowerWord;  // libstemmer without that language: the word itself
  const QByteArray utf8 = lowerWord.toUtf8();
  const sb_symbol* out =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(utf8.constData()), int(utf8.size()));
  if (!out) return lowerWord;  // out of memory: unstemmed
  return QString::fromUtf8(reinterpret_cast<const char*>(out), sb_stemmer_length(stemmer));
}

const QSet<QString>& stopWords() {
  static const QSet<QString> words = [] {
    const char* list[] = {
        // French
        "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "comment", "d", "dans", "de",
        "des", "du", "elle", "elles", "en", "est", "et", "il", "ils", "j", "je", "l", "la", "le",
        "les", "leur", "leurs", "lui", "m", "ma", "me", "mes", "mon", "n", "ne", "nous", "on", "ou",
        "par", "pas", "pour", "qu", "que", "quel", "quelle", "quelles", "quels", "qui", "quoi", "s",
        "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes", "ton", "tu", "un", "une",
        "vos", "votre", "vous", "y", "quand", "pourquoi", "dont", "si",
        // English
        "an", "and", "are", "as", "at", "be", "been", "by", "can", "do", "does", "for", "from",
        "how", "i", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was",
        "were", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your"};
    QSet<QString> set;
    for (const char* w : list) set.insert(QString::fromLatin1(w));
    return set;
  }();
  return words;
}

// Irregular forms of common French verbs. Each family: the infinitive's tail, the forms' tails,
// and the prefixes that make the compounds ("" is the verb itself): "per" + "mis" -> "permettre".
struct VerbFamily {
  const char* infinitive;
  QStringList forms;
  QStringList prefixes;
};

const QList<VerbFamily>& verbFamilies() {
  static const QList<VerbFamily> families = {
      {"mettre",
       {"mis", "mise", "mises", "met", "mets", "mettons", "mettez", "mettent", "mettait",
        "mettaient", "mettra", "mettront", "mettrait", "mettant"},
       {"", "re", "per", "sou", "com", "pro", "ad", "o", "trans", "de", "entre"}},
      {"prendre",
       {"pris", "prise", "prises", "prend", "prends", "prenons", "prenez", "prennent", "prenait",
        "prenaient", "prendra", "prenant"},
       {"", "com", "ap", "re", "sur", "entre", "de", "me"}},
      {"faire",
       {"fait", "faite", "faites", "faits", "fais", "font", "faisons", "faisait", "faisaient",
        "fera", "feront", "ferait", "faisant"},
       {"", "re", "de", "satis"}},
      {"dire", {"dit", "dite", "dites", "dits", "disent", "disons", "disait"},
       {"", "re", "pre", "contre", "inter"}},
      {"voir", {"vu", "vue", "vues", "vus", "voit", "vois", "voient", "voyons", "voyait", "verra"},
       {"", "re", "pre"}},
      {"venir",
       {"venu", "venue", "venus", "venues", "vient", "viens", "viennent", "venons", "venait",
        "viendra"},
       {"", "de", "re", "pre", "con", "inter", "sou", "par", "sur"}},
      {"tenir",
       {"tenu", "tenue", "tenus", "tenues", "tient", "tiens", "tiennent", "tenons", "tenait",
        "tiendra"},
       {"", "ob", "con", "main", "re", "sou", "de", "appar", "entre"}},
      {"pouvoir",
       {"pu", "peut", "peux", "peuvent", "pouvons", "pouvez", "pouvait", "pourra", "pourront",
        "pourrait"},
       {""}},
      {"vouloir",
       {"voulu", "veut", "veux", "veulent", "voulons", "voulez", "voulait", "voudra", "voudrait"},
       {""}},
      {"savoir", {"su", "sait", "sais", "savent", "savons", "savez", "savait", "saura", "saurait"},
       {""}},
      {"devoir",
       {"due", "dus", "dues", "doit", "dois", "doivent", "devons", "devez", "devait", "devra",
        "devrait"},
       {""}},
      {"ecrire", {"ecrit", "ecrite", "ecrits", "ecrites", "ecrivent", "ecrivons", "ecrivait"},
       {"", "re"}},
      {"crire", {"crit", "crite", "crits", "crites", "crivent", "crivait"},
       {"de", "ins", "pres", "pros", "sous", "trans", "circons"}},
      {"lire", {"lu", "lue", "lus", "lues", "lit", "lisent", "lisons", "lisait"}, {"", "re", "e"}},
      {"ouvrir", {"ouvert", "ouverte", "ouverts", "ouvertes", "ouvre", "ouvrent"},
       {"", "re", "entr"}},
      {"couvrir", {"couvert", "couverte", "couverts", "couvertes", "couvre", "couvrent"},
       {"", "de", "re"}},
      {"offrir", {"offert", "offerte", "offerts", "offertes", "offre", "offrent"}, {""}},
      {"connaitre",
       {"connu", "connue", "connus", "connues", "connait", "connais", "connaissent",
        "connaissons"},
       {"", "re", "me"}},
      {"vivre", {"vecu", "vecue", "vecus", "vecues", "vit", "vivent"}, {"", "re", "sur"}},
      {"suivre", {"suivi", "suivie", "suivis", "suivies", "suit", "suivent"}, {"", "pour"}},
      {"cevoir", {"cu", "cue", "cus", "cues", "coit", "coivent", "cevons", "cevez", "cevait", "cevra"},
       {"re", "per", "aper", "con", "de"}},
      {"aller", {"va", "vais", "vont", "allons", "allez", "allait", "ira", "iront", "irait", "alle",
                 "allee", "alles", "allees"},
       {""}},
      {"resoudre", {"resolu", "resolue", "resolus", "resolues", "resout", "resolvent"}, {""}},
      {"joindre", {"joint", "jointe", "joints", "jointes", "joignent"}, {"", "re", "ad", "con", "dis"}},
      {"duire", {"duit", "duite", "duits", "duites", "duisent", "duisons", "duisait", "duira"},
       {"pro", "re", "con", "de", "intro", "tra", "in", "se"}},
      {"traire", {"trait", "traite", "traits", "traites"}, {"ex", "sous", "abs"}},
      {"clure", {"clu", "clue", "clus", "cluse", "cluses", "clut"}, {"in", "ex", "con"}},
  };
  return families;
}

const QHash<QString, QString>& irregularForms() {
  static const QHash<QString, QString> map = [] {
    QHash<QString, QString> m;
    for (const VerbFamily& family : verbFamilies()) {
      for (const QString& prefix : family.prefixes) {
        const QString infinitive = prefix + QLatin1String(family.infinitive);
        const QString target = fold(snowball(infinitive, Language::French));
        for (const QString& form : family.forms) {
          const QString word = prefix + form;
          if (!stopWords().contains(word)) m.insert(word, target);
        }
        // The infinitive's own regular forms stem as Snowball says; the infinitive stems to target.
      }
    }
    return m;
  }();
  return map;
}

}  // namespace

QList<Word> splitWords(const QString& text) {
  QList<Word> words;
  const qsizetype n = text.size();
  qsizetype i = 0;
  while (i < n) {
    while (i < n && !isWordChar(text[i])) ++i;
    if (i >= n) break;
    const qsizetype start = i;
    while (i < n && isWordChar(text[i])) ++i;
    words.append(Word{start, i, text.mid(start, i - start).toLower()});
  }
  return words;
}

int approximateTokens(const QString& text) {
  int tokens = 0;
  bool inWord = false;
  for (const QChar c : text) {
    if (isWordChar(c)) {
      if (!inWord) ++tokens;
      inWord = true;
    } else {
      inWord = false;
      if (!c.isSpace()) ++tokens;  // punctuation and symbols count as tokens of their own
    }
  }
  return tokens;
}

QString fold(const QString& word) {
  const QString decomposed = word.toLower().normalized(QString::NormalizationForm_KD);
  QString out;
  out.reserve(decomposed.size());
  for (const QChar c : decomposed) {
    if (c.category() == QChar::Mark_NonSpacing) continue;
    switch (c.unicode()) {
      case 0x0153: out += QLatin1String("oe"); break;  // œ
      case 0x00E6: out += QLatin1String("ae"); break;  // æ
      case 0x00DF: out += QLatin1String("ss"); break;  // ß
      case 0x00F8: out += QLatin1Char('o'); break;      // ø
      default: out += c;
    }
  }
  return out;
}

QString frenchIrregularStem(const QString& foldedWord) {
  return irregularForms().value(foldedWord);
}

QString stem(const QString& lowerWord, Language language) {
  if (language == Language::French) {
    const QString irregular = frenchIrregularStem(fold(lowerWord));
    if (!irregular.isEmpty()) return irregular;
  }
  return fold(snowball(lowerWord, language));
}

QStringList stemVariants(const QString& lowerWord, Language language) {
  // Words repeat (Zipf): a per-thread cache spares the normalization and the stemmer.
  thread_local QHash<QString, QStringList> cache[2];
  QHash<QString, QStringList>& known = cache[language == Language::French ? 0 : 1];
  if (const auto it = known.constFind(lowerWord); it != known.constEnd()) return *it;
  if (known.size() > 200000) known.clear();
  const QString first = stem(lowerWord, language);
  const QString folded = fold(lowerWord);
  QStringList out{first};
  if (folded != lowerWord) {
    const QString second = stem(folded, language);
    if (second != first) out << second;
  }
  known.insert(lowerWord, out);
  return out;
}

bool isStopWord(const QString& foldedWord) { return stopWords().contains(foldedWord); }

Language detectLanguage(const QString& text, Language fallback, int minEvidence) {
  static const QSet<QString> french = {
      QStringLiteral("le"),   QStringLiteral("la"),   QStringLiteral("les"),  QStringLiteral("des"),
      QStringLiteral("du"),   QStringLiteral("et"),   QStringLiteral("est"),  QStringLiteral("une"),
      QStringLiteral("pour"), QStringLiteral("dans"), QStringLiteral("que"),  QStringLiteral("qui"),
      QStringLiteral("sur"),  QStringLiteral("pas"),  QStringLiteral("avec"), QStringLiteral("vous")};
  static const QSet<QString> english = {
      QStringLiteral("the"),  QStringLiteral("and"),  QStringLiteral("is"),   QStringLiteral("of"),
      QStringLiteral("to"),   QStringLiteral("in"),   QStringLiteral("for"),  QStringLiteral("that"),
      QStringLiteral("with"), QStringLiteral("on"),   QStringLiteral("are"),  QStringLiteral("this"),
      QStringLiteral("be"),   QStringLiteral("it"),   QStringLiteral("you"),  QStringLiteral("not")};
  int fr = 0, en = 0;
  for (const Word& w : splitWords(text.left(200000))) {
    if (french.contains(w.lower)) ++fr;
    if (english.contains(w.lower)) ++en;
  }
  if (fr + en < minEvidence || fr == en) return fallback;
  return en > fr ? Language::English : Language::French;
}

QString foldedText(const QString& text) {
  thread_local QHash<QString, QString> cache;
  if (cache.size() > 200000) cache.clear();
  QStringList out;
  for (const Word& w : splitWords(text)) {
    auto it = cache.constFind(w.lower);
    if (it == cache.constEnd()) it = cache.insert(w.lower, fold(w.lower));
    out << *it;
  }
  return out.join(QLatin1Char(' '));
}

QString stemmedText(const QString& text, Language language) {
  QStringList out;
  for (const Word& w : splitWords(text)) out << stemVariants(w.lower, language);
  return out.join(QLatin1Char(' '));
}

const char* languageCode(Language language) { return language == Language::French ? "fr" : "en"; }

Language languageFromCode(const QString& code) {
  return code == QLatin1String("en") ? Language::English : Language::French;
}

}  // namespace causerie::docs
