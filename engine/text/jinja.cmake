# JSON, the Jinja interpreter and chat templates (part of causerie_text).
target_sources(causerie_text PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/chat_template.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/utf8.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/lexer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/parser_expressions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/interpreter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/expressions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/filters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/methods.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jinja/formatting.cpp
)
# The reasoning / answer split of a streamed reply (<think>...</think>).
target_sources(causerie_text PRIVATE ${CMAKE_CURRENT_LIST_DIR}/reasoning_split.cpp)
