// Words for the lexical index: split with their offsets, diacritics folded, stemmed.
//
// A word is a run of letters, digits and combining marks ("l'été" gives "l" and "été"). Folding
// lower-cases, strips diacritics (é -> e) and expands ligatures (œ -> oe), as FTS5's unicode61
// tokenizer with remove_diacritics 2 does. Stemming uses Snowball (libstemmer) for French or
// English on the lower-cased word, then folds the stem, so that "éléphant" and "elephants" meet.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace causerie::docs {

enum class Language { French, English };

struct Word {
  qsizetype start = 0;  // offset in the text (UTF-16 units)
  qsizetype end = 0;
  QString lower;        // lower-cased, accents kept (what the stemmer reads)
};

// The words of `text`, in order.
QList<Word> splitWords(const QString& text);

// Approximate token count: words plus punctuation marks (what a subword tokenizer roughly gives
// for prose). Used to size chunks when no engine tokenizer is given.
int approximateTokens(const QString& text);

// Lower case, diacritics removed, ligatures expanded.
QString fold(const QString& word);

// The index form of a word in `language`: folded Snowball stem (French also maps the irregular
// forms of common verbs to their infinitive's stem: "mises" -> stem of "mettre").
QString stem(const QString& lowerWord, Language language);

// The index forms of a word: stem() of the word and, when it differs, of the word without its
// accents (users type "securite" for "sécurité", and Snowball stems the two differently).
QStringList stemVariants(const QString& lowerWord, Language language);

// The language of a text, by counting common French and English function words; `fallback`
// when undecided or when fewer than `minEvidence` of them are found.
Language detectLanguage(const QString& text, Language fallback = Language::French, int minEvidence = 1);

// French and English function words ("le", "à", "the", "of"), folded; left out of queries.
bool isStopWord(const QString& foldedWord);

// The space-separated index texts of `text`: folded words, and their stem variants.
QString foldedText(const QString& text);
QString stemmedText(const QString& text, Language language);

// French irregular verb forms (folded) to the folded stem of their infinitive; empty if none.
QString frenchIrregularStem(const QString& foldedWord);

const char* languageCode(Language language);  // "fr", "en"
Language languageFromCode(const QString& code);

}  // namespace causerie::docs
