// A SQLite site left at an older schema version, for the migration tests:
// a fresh folder of its own with the database "old.db" in it.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/sqlite/sqlite_store.h"

namespace gazette {

// The database's path ("" after a failure the test has been told of).
inline std::string OldSite(const std::string& name, int version) {
  auto dir = std::filesystem::temp_directory_path() / ("gazette-" + name + "-migration-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "old.db").string();
  auto store = storage::sqlite::SqliteStore::Open({path});
  if (!store.ok() || !(*store)->Migrate(version).ok()) {
    ADD_FAILURE() << "cannot make a site of schema " << version << " in " << dir;
    return "";
  }
  EXPECT_EQ(*(*store)->SchemaVersion(), version);
  return path;
}

// Writes `sql` into the old site with SQLite alone, as its version would have.
inline ::testing::AssertionResult OnOldSite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return ::testing::AssertionFailure() << "cannot open " << path;
  }
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) return ::testing::AssertionFailure() << message;
  return ::testing::AssertionSuccess();
}

}  // namespace gazette
