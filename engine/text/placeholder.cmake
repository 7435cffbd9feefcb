target_sources(causerie_text PRIVATE ${CMAKE_CURRENT_LIST_DIR}/text_placeholder.cpp)
