// A SQLite site left at an older schema version, for the migration tests:
// a fresh folder of its own with the database "old.db" in it.
#pragma once

#include <gtest/gtest.h>
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

}  // namespace gazette
