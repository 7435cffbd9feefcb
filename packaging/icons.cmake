# The application icon: packaging/icons/org.causerie.Causerie.svg, rendered at configure time into
# the usual hicolor PNG sizes under ${CAUSERIE_ICON_DIR}/<N>x<N>/apps/ (rsvg-convert, Debian's
# librsvg2-bin). The window icon (a resource of `causerie`) and the package use these files.
set(CAUSERIE_APP_ID org.causerie.Causerie)
set(CAUSERIE_ICON_SVG ${PROJECT_SOURCE_DIR}/packaging/icons/${CAUSERIE_APP_ID}.svg)
set(CAUSERIE_ICON_DIR ${PROJECT_BINARY_DIR}/icons)
set(CAUSERIE_ICON_SIZES 16 22 24 32 48 64 128 256 512)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CAUSERIE_ICON_SVG})

find_program(RSVG_CONVERT rsvg-convert)
if(NOT RSVG_CONVERT)
  message(FATAL_ERROR "rsvg-convert not found: install librsvg2-bin (scripts/setup does)")
endif()
foreach(size ${CAUSERIE_ICON_SIZES})
  set(png ${CAUSERIE_ICON_DIR}/${size}x${size}/apps/${CAUSERIE_APP_ID}.png)
  if(NOT EXISTS ${png} OR ${CAUSERIE_ICON_SVG} IS_NEWER_THAN ${png})
    file(MAKE_DIRECTORY ${CAUSERIE_ICON_DIR}/${size}x${size}/apps)
    execute_process(COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${CAUSERIE_ICON_SVG}
                    RESULT_VARIABLE rsvg_result)
    if(NOT rsvg_result EQUAL 0)
      message(FATAL_ERROR "rsvg-convert failed on ${CAUSERIE_ICON_SVG}")
    endif()
  endif()
endforeach()
