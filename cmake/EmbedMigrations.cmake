# Writes a C++ source holding the given numbered .sql files as
# gazette::storage::sql::Migration values, returned by
# <NAMESPACE>::Migrations(). Run as: cmake -DOUTPUT=... -DNAMESPACE=...
# -DFILES="a.sql;b.sql" -P EmbedMigrations.cmake
set(body "")
list(SORT FILES)
foreach(file IN LISTS FILES)
  get_filename_component(name ${file} NAME)
  string(REGEX MATCH "^([0-9]+)_" _ ${name})
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "migration ${name} must start with its number, like 0001_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  file(READ ${file} sql)
  string(FIND "${sql}" ")gz_sql\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${name} contains the embedding delimiter")
  endif()
  string(APPEND body "    {${version}, \"${name}\", R\"gz_sql(${sql})gz_sql\"},\n")
endforeach()
file(WRITE ${OUTPUT} "// Generated from ${NAMESPACE}'s migrations/*.sql by cmake/EmbedMigrations.cmake.\n#include <span>\n\n#include \"storage/sql/migrations.h\"\n\nnamespace ${NAMESPACE} {\nnamespace {\nconstexpr gazette::storage::sql::Migration kMigrations[] = {\n${body}};\n}  // namespace\n\nstd::span<const gazette::storage::sql::Migration> Migrations() { return kMigrations; }\n\n}  // namespace ${NAMESPACE}\n")
