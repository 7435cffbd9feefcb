# Energy per reply (issue 11): RAPL, amdgpu hwmon and NVML readers and the meter. Plain C++ (no
# Qt), its own library; causerie_core and the GUI's engine worker link it.
add_library(causerie_energy STATIC
  ${CMAKE_CURRENT_LIST_DIR}/energy_source.h
  ${CMAKE_CURRENT_LIST_DIR}/sysfs_sources.cpp ${CMAKE_CURRENT_LIST_DIR}/sysfs_sources.h
  ${CMAKE_CURRENT_LIST_DIR}/nvml_sources.cpp ${CMAKE_CURRENT_LIST_DIR}/nvml_sources.h
  ${CMAKE_CURRENT_LIST_DIR}/energy_meter.cpp ${CMAKE_CURRENT_LIST_DIR}/energy_meter.h)
target_include_directories(causerie_energy PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(causerie_energy PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
causerie_warnings(causerie_energy)
target_link_libraries(causerie_core PUBLIC causerie_energy)
