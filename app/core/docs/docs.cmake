# Documents (issue 17): text extraction (text, Markdown, HTML, PDF, ODT, DOCX), chunking, the
# documents index (its own SQLite file: collections, files, chunks, FTS5, vectors) and lexical
# search with diacritics folded and French/English stemming. Included from app/core/CMakeLists.txt;
# a library of its own (causerie_docs) since it needs Poppler (Qt 6 Gui), libzip and libstemmer.
find_package(PkgConfig REQUIRED)
pkg_check_modules(POPPLER_QT6 REQUIRED IMPORTED_TARGET GLOBAL poppler-qt6)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET GLOBAL libzip)
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
file(GLOB docs_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp ${CMAKE_CURRENT_LIST_DIR}/*.h)
add_library(causerie_docs STATIC ${docs_sources})
target_include_directories(causerie_docs PRIVATE ${STEMMER_INCLUDE_DIR})
target_link_libraries(causerie_docs PUBLIC causerie_core Qt6::Core Qt6::Gui Qt6::Sql
  PRIVATE PkgConfig::POPPLER_QT6 PkgConfig::LIBZIP ${STEMMER_LIBRARY})
causerie_warnings(causerie_docs)
