# Turns SQL_DIR/NNNN_name.sql into OUT (migrations.inc): one raw string per
# file, in order, as kMigrations[] in namespace NAMESPACE (one store adapter
# each: sqlite, postgres).
file(GLOB files "${SQL_DIR}/*.sql")
list(SORT files)
set(out "// Generated from sql/*.sql by embed_migrations.cmake. Do not edit.\n#include <cstdint>\nnamespace ${NAMESPACE} {\nstruct Migration { std::int64_t version; const char* name; const char* sql; };\ninline constexpr Migration kMigrations[] = {\n")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME_WE)
  string(REGEX MATCH "^[0-9]+" num "${name}")
  math(EXPR version "${num}")
  file(READ "${f}" body)
  string(APPEND out "  {${version}, \"${name}\", R\"warroom_sql(${body})warroom_sql\"},\n")
endforeach()
string(APPEND out "};\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUT}.tmp" "${out}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
