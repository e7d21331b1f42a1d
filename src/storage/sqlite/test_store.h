// For the tests of this folder only: the store on a database file, opened
// (created when new) and migrated to the newest schema; null, with the
// test failed, when either step fails.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/test_folder.h"

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

// A fixture of a migrated store on a file in the test's own folder, and a
// connection of the test's own to the same file (for SQL it runs itself).
class StoreTest : public ::testing::Test {
 protected:
  explicit StoreTest(std::string_view folder) : folder_(folder) {}
  void TearDown() override {
    c_.reset();
    store_.reset();
  }

  // Fails the test when the store cannot be opened and migrated.
  void OpenStore(std::string_view file) {
    path_ = folder_.File(file);
    store_ = MigratedStore(path_);
    ASSERT_NE(store_, nullptr);
  }
  // The test's own connection, in c_.
  void OpenConnection() {
    auto c = Connection::Open(path_, false, "FULL");
    ASSERT_TRUE(c.ok());
    c_ = std::move(*c);
  }

  TestFolder folder_;  // first: removed after the connections close
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<Connection> c_;
};

}  // namespace gazette::storage::sqlite
