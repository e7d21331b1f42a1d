// The WAL-gathering VFS on real SQLite files: what a commit returns is in the
// file (another connection reads it, a process that dies after its commits
// loses none), big and rolled-back transactions stay whole, and a commit's
// frames take a few write calls instead of two per page.
#include "storage/sqlite/wal_writes.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/test_folder.h"

namespace gazette::storage::sqlite {
namespace {

class WalWritesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = folder_.File("w.db");
    writer_ = Open("FULL");
    ASSERT_TRUE(writer_->Exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; "
                              "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)")
                    .ok());
  }
  void TearDown() override {
    writer_.reset();
  }

  std::unique_ptr<Connection> Open(std::string_view synchronous) {
    auto c = Connection::Open(path_, true, synchronous);
    EXPECT_TRUE(c.ok());
    return c.ok() ? std::move(*c) : nullptr;
  }
  static std::string VfsOf(Connection& c) {
    sqlite3_vfs* vfs = nullptr;
    if (sqlite3_file_control(c.raw(), "main", SQLITE_FCNTL_VFS_POINTER, &vfs) != SQLITE_OK || !vfs) return "";
    return vfs->zName;
  }
  static std::int64_t Scalar(Connection& c, std::string_view sql) {
    auto st = c.Prepare(sql);
    if (!st.ok()) return -1;
    auto row = st->Step();
    std::int64_t v = row.ok() && *row ? st->Int(0) : -1;
    (void)st->Step();
    return v;
  }
  // Rows k in [from, to) with `bytes` bytes each, in one transaction.
  static bool Insert(Connection& c, int from, int to, int bytes) {
    return c.Exec("BEGIN; WITH RECURSIVE n(i) AS (SELECT " + std::to_string(from) + " UNION ALL SELECT i + 1 FROM n WHERE i < " +
                  std::to_string(to - 1) + ") INSERT INTO t (k, v) SELECT i, printf('%." + std::to_string(bytes) +
                  "c', 'a') FROM n; COMMIT")
        .ok();
  }

  TestFolder folder_{"wal"};  // first: removed after the connections close
  std::string path_;
  std::unique_ptr<Connection> writer_;
};

TEST_F(WalWritesTest, OnlyConnectionsThatSyncEveryCommitGatherTheirWrites) {
  EXPECT_EQ(VfsOf(*writer_), "gazette-wal");
  EXPECT_EQ(VfsOf(*Open("EXTRA")), "gazette-wal");
  EXPECT_NE(VfsOf(*Open("NORMAL")), "gazette-wal");
}

TEST_F(WalWritesTest, ACommitOfFiftyPagesTakesAFewWriteCalls) {
  ASSERT_TRUE(Insert(*writer_, 1, 2, 10));  // the WAL's header and first frames
  std::uint64_t before = WalWriteCalls();
  ASSERT_TRUE(Insert(*writer_, 100, 150, 3000));  // a page each
  std::uint64_t calls = WalWriteCalls() - before;
  EXPECT_GE(calls, 1u);
  EXPECT_LE(calls, 4u);  // 50 pages and more: 100 calls and more, ungathered
}

TEST_F(WalWritesTest, EveryCommitIsReadableAtOnceAndTheFileStaysWhole) {
  auto reader = Open("FULL");
  ASSERT_TRUE(reader->Exec("PRAGMA query_only = ON").ok());
  int next = 1;
  std::int64_t bytes = 0;
  for (int round = 0; round < 40; ++round) {
    int rows = round % 10 == 9 ? 3000 : 1 + round * 3;  // now and then more than the 4 MiB gathered at most
    int size = 200 + round * 50;
    ASSERT_TRUE(Insert(*writer_, next, next + rows, size));
    next += rows;
    bytes += static_cast<std::int64_t>(rows) * size;
    ASSERT_EQ(Scalar(*reader, "SELECT count(*) FROM t"), next - 1) << "round " << round;
    ASSERT_EQ(Scalar(*reader, "SELECT sum(length(v)) FROM t"), bytes) << "round " << round;
    if (round % 8 == 7) {
      ASSERT_TRUE(writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    }
  }
  // Rolled back after its frames were written (a small cache spills them
  // into the WAL, and pages written twice are rewritten in place).
  ASSERT_TRUE(writer_->Exec("PRAGMA cache_size = 20").ok());
  ASSERT_TRUE(writer_->Exec("BEGIN; UPDATE t SET v = v || 'x'; UPDATE t SET v = v || 'y' WHERE k % 2 = 0; ROLLBACK").ok());
  EXPECT_EQ(Scalar(*reader, "SELECT sum(length(v)) FROM t"), bytes);
  // Committed after spilling and rewriting in place.
  ASSERT_TRUE(writer_->Exec("BEGIN; UPDATE t SET v = v || 'x'; UPDATE t SET v = v || 'y' WHERE k % 2 = 0; COMMIT").ok());
  std::int64_t rows = next - 1;
  bytes += rows + rows / 2;
  EXPECT_EQ(Scalar(*reader, "SELECT sum(length(v)) FROM t"), bytes);
  reader.reset();
  writer_.reset();

  auto fresh = Open("NORMAL");  // the default VFS reads what the gathering one wrote
  EXPECT_EQ(Scalar(*fresh, "SELECT sum(length(v)) FROM t"), bytes);
  auto check = fresh->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(*check->Step());
  EXPECT_EQ(check->Text(0), "ok");
}

TEST_F(WalWritesTest, AProcessThatDiesAfterItsCommitsLosesNone) {
  writer_.reset();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto c = Connection::Open(path_, false, "FULL");
    if (!c.ok()) ::_exit(2);
    for (int i = 1; i <= 100; ++i) {
      if (!Insert(**c, i, i + 1, 100 + i)) ::_exit(3);
    }
    ::_exit(0);  // no close, no checkpoint: as if killed
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto after = Open("FULL");
  EXPECT_EQ(Scalar(*after, "SELECT count(*) FROM t"), 100);
  EXPECT_EQ(Scalar(*after, "SELECT sum(length(v)) FROM t"), 100 * 100 + 5050);
}

}  // namespace
}  // namespace gazette::storage::sqlite
