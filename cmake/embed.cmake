# Files embedded in a library at build time: a generated C++ file that holds
# each file's bytes and a lookup by path, so the binary carries its page,
# style sheet and examples and reads nothing from disk or network for them.
#
#   samsvar_embed(TARGET target FUNCTION ns::name HEADER "engine/x/y.hpp"
#                 BASE dir FILES file...)
#
# adds to `target` the definitions of the functions HEADER declares:
#   std::string_view NAME(std::string_view path);  // the bytes; empty: none
#   std::vector<std::string_view> NAME_paths();     // every path, sorted
# Paths are relative to BASE, with `/`.
function(samsvar_embed)
  cmake_parse_arguments(E "" "TARGET;FUNCTION;HEADER;BASE" "FILES" ${ARGN})
  string(MAKE_C_IDENTIFIER "${E_FUNCTION}" id)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${id}.cpp")
  # A list cannot pass through a command line: `|` separates the files.
  string(REPLACE ";" "|" files "${E_FILES}")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DFUNCTION=${E_FUNCTION} -DHEADER=${E_HEADER} -DBASE=${E_BASE}
            -DFILES=${files} -P ${PROJECT_SOURCE_DIR}/cmake/embed_generate.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_generate.cmake
    COMMENT "Embedding ${E_FUNCTION}" VERBATIM)
  target_sources(${E_TARGET} PRIVATE "${out}")
endfunction()
