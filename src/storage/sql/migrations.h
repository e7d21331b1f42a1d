// Numbered schema migrations, shared by the SQL backends. Each backend keeps
// its own numbered .sql files (embedded in the binary at build time) and
// applies them through this runner.
#pragma once

#include <span>
#include <string_view>

#include "base/result.h"

namespace gazette::storage::sql {

struct Migration {
  int version = 0;         // 1, 2, 3... with no gaps
  std::string_view name;   // the file's name, for messages
  std::string_view sql;
};

// What a backend offers the runner.
class MigrationTarget {
 public:
  virtual ~MigrationTarget() = default;
  // The highest applied version, 0 for an empty database (creating the
  // bookkeeping table when missing).
  virtual base::Result<int> CurrentVersion() = 0;
  // Runs the migration and records its version, in one transaction.
  virtual base::Status Apply(const Migration& migration) = 0;
};

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  int applied = 0;
};

// Applies, in order, every migration newer than the database. Fails, and
// changes nothing, when the database is newer than the known migrations
// (it was used by a later Gazette) or the list has gaps; a migration that
// fails leaves the database at the last one that succeeded.
base::Result<MigrationReport> Migrate(MigrationTarget& target, std::span<const Migration> migrations);

}  // namespace gazette::storage::sql
