# Remote endpoints (issue 15): the OpenAI-compatible client (SSE parsing, model list, streamed
# completions), headless. Included from app/core/CMakeLists.txt; adds its sources to causerie_core.
file(GLOB remote_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp ${CMAKE_CURRENT_LIST_DIR}/*.h)
target_sources(causerie_core PRIVATE ${remote_sources})
