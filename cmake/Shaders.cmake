# Compiles GLSL compute shaders to SPIR-V with glslangValidator and embeds them as C arrays.
find_program(GLSLANG_VALIDATOR glslangValidator REQUIRED)

# causerie_shader(<list-var> NAME <symbol> SOURCE <file.comp> [DEFINES A=1 B ...])
# Appends the generated header to <list-var> and records the symbol in CAUSERIE_SHADER_NAMES.
function(causerie_shader out_list)
  cmake_parse_arguments(S "" "NAME;SOURCE" "DEFINES" ${ARGN})
  set(src ${CMAKE_CURRENT_SOURCE_DIR}/${S_SOURCE})
  set(hdr ${CMAKE_CURRENT_BINARY_DIR}/spv/${S_NAME}.h)
  set(defs "")
  foreach(d ${S_DEFINES})
    list(APPEND defs "-D${d}")
  endforeach()
  file(GLOB deps CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.glsl ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  add_custom_command(
    OUTPUT ${hdr}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/spv
    COMMAND ${GLSLANG_VALIDATOR} -V --quiet --target-env vulkan1.2 -I${CMAKE_CURRENT_SOURCE_DIR}
            ${defs} --vn spv_${S_NAME} -o ${hdr} ${src}
    DEPENDS ${src} ${deps}
    COMMENT "glslang ${S_NAME}"
    VERBATIM)
  set(${out_list} ${${out_list}} ${hdr} PARENT_SCOPE)
  set_property(GLOBAL APPEND PROPERTY CAUSERIE_SHADER_NAMES ${S_NAME})
endfunction()
