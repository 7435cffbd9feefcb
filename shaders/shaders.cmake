# shader variants: causerie_shader(spv_headers NAME ... SOURCE ... DEFINES ...)
