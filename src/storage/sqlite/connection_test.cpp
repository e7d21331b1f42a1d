// Connections on a real SQLite file.
#include "storage/sqlite/connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/sqlite/test_folder.h"

namespace gazette::storage::sqlite {
namespace {

// SQLite's memory statistics take a lock shared by every connection at each
// allocation; they are off from the first connection on, which shows as no
// memory counted however much SQLite allocates.
TEST(ConnectionTest, SQLiteKeepsNoMemoryStatistics) {
  TestFolder folder("connection");
  auto c = Connection::Open(folder.File("c.db"), true, "FULL");
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE((*c)->Exec("CREATE TABLE t (v TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < 2000) INSERT INTO t SELECT printf('%.500c', 'x') FROM n")
                  .ok());
  EXPECT_EQ(sqlite3_memory_used(), 0);
  EXPECT_EQ(sqlite3_memory_highwater(0), 0);
}

}  // namespace
}  // namespace gazette::storage::sqlite
