# Tokenizers (SentencePiece and byte-level BPE with its pre-tokenizers), the streaming
# detokenizer, and the Unicode tables they need, generated at build time from the Unicode
# Character Database that Debian's unicode-data package installs.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(CAUSERIE_UNICODE_DIR "/usr/share/unicode" CACHE PATH "Unicode Character Database (UnicodeData.txt, PropList.txt)")

set(causerie_unicode_tables ${CMAKE_CURRENT_BINARY_DIR}/unicode_tables_gen.h)
set(causerie_unicode_script ${PROJECT_SOURCE_DIR}/scripts/gen_unicode_tables.py)
add_custom_command(
  OUTPUT ${causerie_unicode_tables}
  COMMAND Python3::Interpreter ${causerie_unicode_script}
          ${CAUSERIE_UNICODE_DIR}/UnicodeData.txt ${CAUSERIE_UNICODE_DIR}/PropList.txt ${causerie_unicode_tables}
  DEPENDS ${causerie_unicode_script} ${CAUSERIE_UNICODE_DIR}/UnicodeData.txt ${CAUSERIE_UNICODE_DIR}/PropList.txt
  COMMENT "Generating Unicode tables from ${CAUSERIE_UNICODE_DIR}"
  VERBATIM)
# causerie_text is created in engine/, so a target of this directory carries the rule.
add_custom_target(causerie_unicode_tables DEPENDS ${causerie_unicode_tables})
add_dependencies(causerie_text causerie_unicode_tables)

target_sources(causerie_text PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/unicode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pretokenize.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bpe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wpm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tokenizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detokenizer.cpp)
target_include_directories(causerie_text PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
