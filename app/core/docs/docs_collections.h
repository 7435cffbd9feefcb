// The collections at a glance, for the app's Documents page and the conversation drawer: each
// with its counts of files, chunks and unreadable files.
#pragma once

#include "docs/docs_database.h"
#include "docs/document.h"

namespace causerie::docs {

struct CollectionSummary {
  QString name;
  int files = 0;     // files indexed or tried
  int chunks = 0;
  int errors = 0;    // files that could not be read
  QStringList roots; // the folders and files added
};

// Every collection, by name.
Result<QList<CollectionSummary>> collectionSummaries(DocsDatabase& database);

}  // namespace causerie::docs
