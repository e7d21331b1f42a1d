// For the tests of this folder only: the store on a database file, opened
// (created when new) and migrated to the newest schema; null, with the
// test failed, when either step fails.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/sqlite/sqlite_store.h"

namespace gazette::storage::sqlite {

inline std::unique_ptr<SqliteStore> MigratedStore(const std::string& path) {
  auto store = SqliteStore::Open({path});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store.ok()) return nullptr;
  auto migrated = (*store)->Migrate();
  EXPECT_TRUE(migrated.ok()) << (migrated.ok() ? "" : migrated.error().message + " " + migrated.error().detail);
  if (!migrated.ok()) return nullptr;
  return std::move(*store);
}

}  // namespace gazette::storage::sqlite
