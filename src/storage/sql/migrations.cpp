#include "storage/sql/migrations.h"

#include <string>

namespace gazette::storage::sql {

base::Result<MigrationReport> Migrate(MigrationTarget& target, std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return base::Error::Internal("migration " + std::string(migrations[i].name) + " is out of sequence");
    }
  }
  base::Result<int> current = target.CurrentVersion();
  if (!current.ok()) return std::move(current).error();
  MigrationReport report;
  report.from_version = report.to_version = *current;
  int known = static_cast<int>(migrations.size());
  if (*current > known) {
    base::Error error = base::Error::Invalid("The database is at schema version " + std::to_string(*current) +
                                             " but this Gazette knows versions up to " + std::to_string(known) +
                                             "; it was used by a newer Gazette. Upgrade Gazette to open it.");
    return error;
  }
  for (const Migration& migration : migrations.subspan(static_cast<std::size_t>(*current))) {
    base::Status applied = target.Apply(migration);
    if (!applied.ok()) {
      base::Error error = std::move(applied).error();
      error.message = "Migration " + std::string(migration.name) + " failed: " + error.detail;
      return error;
    }
    report.to_version = migration.version;
    ++report.applied;
  }
  return report;
}

}  // namespace gazette::storage::sql
