# Model manager (issue 6): catalog, Hugging Face search, downloads, installed models, fit estimate.
# Included from app/core/CMakeLists.txt; adds its sources to causerie_core.
file(GLOB models_sources CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/*.cpp ${CMAKE_CURRENT_LIST_DIR}/*.h)
target_sources(causerie_core PRIVATE ${models_sources})
set_target_properties(causerie_core PROPERTIES AUTOMOC ON)
target_link_libraries(causerie_core PUBLIC Qt6::Network causerie_base)
# The built-in catalog, read as :/catalog/catalog.json.
qt_add_resources(causerie_core causerie_catalog
  PREFIX /catalog
  BASE ${PROJECT_SOURCE_DIR}/resources/catalog
  FILES ${PROJECT_SOURCE_DIR}/resources/catalog/catalog.json)
