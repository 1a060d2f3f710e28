# Writes OUT, a C file that holds every *.yaml file of SRC_DIR as a byte
# array, so that the library carries its default policy. Plain CMake keeps
# the build free of xxd and other tools a fresh machine may lack.
file(GLOB files RELATIVE ${SRC_DIR} ${SRC_DIR}/*.yaml)
list(SORT files)
set(body "")
set(table "")
set(i 0)
foreach(f ${files})
  file(READ ${SRC_DIR}/${f} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR n "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  string(APPEND body "static const unsigned char file${i}[] = {\n${bytes}0x00};\n")
  string(APPEND table "\t{\"default/${f}\", (const char *)file${i}, ${n}},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE ${OUT}.tmp
"/* Generated from rules/default by cmake/embed_policy.cmake: do not edit. */
#include \"embedded.h\"

${body}
const lp_embedded_file lp_default_policy_files[] = {
${table}\t{0, 0, 0}
};
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
