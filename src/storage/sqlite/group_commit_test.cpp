// Group commit on a real SQLite file.
#include "storage/sqlite/group_commit.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <future>
#include <thread>

#include "base/hand_offs.h"
#include "storage/sqlite/test_folder.h"

namespace gazette::storage::sqlite {
namespace {

namespace fs = std::filesystem;
using base::Status;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = folder_.File("g.db");
    auto c = Connection::Open(path_, true, "FULL");
    ASSERT_TRUE(c.ok());
    c_ = std::move(*c);
    ASSERT_TRUE(c_->Exec("PRAGMA journal_mode=WAL; CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
  }
  void TearDown() override {
    c_.reset();
  }
  static Status Insert(Connection& c, int k) {
    auto st = c.Prepare("INSERT INTO t (k, v) VALUES (?1, 'x')");
    if (!st.ok()) return std::move(st).error();
    return st->Bind(1, std::int64_t{k}).Run();
  }
  // Rows as another connection sees them: only what was committed.
  std::int64_t CommittedRows(std::string_view where = "1") {
    auto other = Connection::Open(path_, false, "FULL");
    EXPECT_TRUE(other.ok());
    auto st = (*other)->Prepare("SELECT count(*) FROM t WHERE " + std::string(where));
    EXPECT_TRUE(st.ok());
    EXPECT_TRUE(*st->Step());
    return st->Int(0);
  }

  // Submits an insert of `k` that waits, once running, until Release(): a
  // batch of its own, while what is submitted next queues behind it.
  void SubmitHeld(GroupCommit& group, int k) {
    hold_.lock();
    auto running = std::make_shared<std::promise<void>>();
    std::future<void> started = running->get_future();
    ASSERT_TRUE(group.Submit(
        [this, k, running](Connection& c) {
          running->set_value();
          std::lock_guard wait(hold_);
          return Insert(c, k);
        },
        [](Status) {}));
    started.wait();
  }
  void Release() { hold_.unlock(); }

  TestFolder folder_{"group"};  // first: removed after the connections close
  std::string path_;
  std::unique_ptr<Connection> c_;
  std::mutex lead_;
  std::mutex hold_;
};

TEST_F(GroupCommitTest, ConcurrentWritersShareCommitsAndAllReturnDurable) {
  GroupCommit group(*c_, lead_, 64);
  constexpr int kThreads = 16, kEach = 40;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!group.Run([&](Connection& c) { return Insert(c, t * 1000 + i); }).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CommittedRows(), kThreads * kEach);
  GroupCommit::Stats stats = group.stats();
  EXPECT_EQ(stats.jobs, static_cast<std::size_t>(kThreads * kEach));
  EXPECT_LT(stats.batches, stats.jobs);  // some commits carried several writes
  EXPECT_GT(stats.largest, 1u);
  EXPECT_LE(stats.largest, 64u);
}

TEST_F(GroupCommitTest, AFailingWriteIsRolledBackAloneAndOthersInItsBatchCommit) {
  GroupCommit group(*c_, lead_, 64);
  ASSERT_TRUE(group.Run([](Connection& c) { return Insert(c, 1); }).ok());
  std::vector<std::thread> threads;
  std::atomic<int> conflicts{0}, thrown{0}, ok{0};
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        int kind = (t + i) % 3;
        try {
          Status s = group.Run([&](Connection& c) -> Status {
            // Each kind writes a row first, so a failure must undo it.
            Status first = Insert(c, 100000 + t * 100 + i);
            if (!first.ok()) return first;
            if (kind == 0) return Insert(c, 1);  // duplicate key: refused
            if (kind == 1) throw std::runtime_error("broken work");
            return Insert(c, 200000 + t * 100 + i);
          });
          if (s.ok()) ++ok;
          else if (s.error().code == base::ErrorCode::kConflict) ++conflicts;
        } catch (const std::runtime_error&) {
          ++thrown;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok + conflicts + thrown, 240);
  EXPECT_EQ(ok.load(), 80);
  EXPECT_EQ(conflicts.load(), 80);
  EXPECT_EQ(thrown.load(), 80);
  // Exactly the successful writes are there, both of their rows.
  EXPECT_EQ(CommittedRows("k >= 200000"), 80);
  EXPECT_EQ(CommittedRows("k >= 100000 AND k < 200000"), 80);
  EXPECT_EQ(CommittedRows("k = 1"), 1);
}

TEST_F(GroupCommitTest, AWriteAloneThatFailsLeavesNothing) {
  GroupCommit group(*c_, lead_, 64);
  Status s = group.Run([](Connection& c) -> Status {
    Status first = Insert(c, 5);
    if (!first.ok()) return first;
    return base::Error::Invalid("refused after writing");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(CommittedRows(), 0);
  EXPECT_TRUE(group.Run([](Connection& c) { return Insert(c, 5); }).ok());
  EXPECT_EQ(CommittedRows(), 1);
}

// A server thread queues writes and goes on: each is told once its batch is
// durable, which another connection can then read.
TEST_F(GroupCommitTest, SubmittedWritesAreToldOnceDurable) {
  std::mutex m;
  std::condition_variable cv;
  int told = 0, failed = 0;
  std::int64_t seen_when_told = 0;
  {
    GroupCommit group(*c_, lead_, 16);
    for (int i = 0; i < 100; ++i) {
      ASSERT_TRUE(group.Submit([i](Connection& c) { return Insert(c, i); }, [&, i](Status s) {
        std::int64_t seen = i == 99 ? CommittedRows("k = 99") : 1;
        std::lock_guard lock(m);
        if (!s.ok()) ++failed;
        if (i == 99) seen_when_told = seen;
        ++told;
        cv.notify_all();
      }));
    }
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return told == 100; });
  }
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(seen_when_told, 1);
  EXPECT_EQ(CommittedRows(), 100);
}

// The callers of one batch hand their answers to the server's thread
// together: one wake-up for the batch, not one per caller.
TEST_F(GroupCommitTest, ABatchsCallersHandOffTogether) {
  std::mutex m;
  std::vector<std::vector<int>> posts;  // what each wake-up of the "server" carried
  std::vector<int> carried;
  std::promise<void> all_told;
  int told = 0;
  auto post = [&](std::function<void()> fn) {
    std::lock_guard lock(m);
    carried.clear();
    fn();
    posts.push_back(carried);
  };
  {
    GroupCommit group(*c_, lead_, 16);
    SubmitHeld(group, 0);
    for (int i = 1; i <= 5; ++i) {
      ASSERT_TRUE(group.Submit([i](Connection& c) { return Insert(c, i); }, [&, i](Status s) {
        EXPECT_TRUE(s.ok());
        base::HandOffs::HandOff(&posts, post, [&, i] {
          carried.push_back(i);
          if (++told == 5) all_told.set_value();
        });
      }));
    }
    Release();
    all_told.get_future().wait();
  }
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0], (std::vector<int>{1, 2, 3, 4, 5}));
}

// Writes that change megabytes of stored pages: SQLite journals the pages
// each statement and each job's savepoint changes (in memory in a batch, in
// a temporary file past 64 KiB otherwise). A failing job next to a large one
// is still rolled back alone.
TEST_F(GroupCommitTest, LargeWritesCommitAloneAndInBatches) {
  ASSERT_TRUE(c_->Exec("BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                       "INSERT INTO t (k, v) SELECT i, printf('%.1000c', 'a') FROM n; COMMIT")
                  .ok());
  auto grow = [](Connection& c) -> Status { return c.Exec("UPDATE t SET v = v || 'b' WHERE k <= 3000"); };
  std::promise<Status> large, failing, small;
  {
    GroupCommit group(*c_, lead_, 16);
    // Alone: a statement after another in one transaction, journalled to a file.
    ASSERT_TRUE(group.Run([&](Connection& c) -> Status {
                       GZ_TRY(Insert(c, 5000));
                       return grow(c);
                     }).ok());
    SubmitHeld(group, 5001);  // the next three queue behind it and commit together
    ASSERT_TRUE(group.Submit(grow, [&](Status s) { large.set_value(s); }));
    ASSERT_TRUE(group.Submit([](Connection& c) { return Insert(c, 1); }, [&](Status s) { failing.set_value(s); }));
    ASSERT_TRUE(group.Submit([](Connection& c) { return Insert(c, 5002); }, [&](Status s) { small.set_value(s); }));
    Release();
    EXPECT_TRUE(large.get_future().get().ok());
    EXPECT_FALSE(failing.get_future().get().ok());  // key 1 is taken
    EXPECT_TRUE(small.get_future().get().ok());
    EXPECT_EQ(group.stats().largest, 3u);
  }
  EXPECT_EQ(CommittedRows(), 3003);
  EXPECT_EQ(CommittedRows("k <= 3000 AND length(v) = 1002"), 3000);  // both growths, once each
}

// A full queue refuses at once instead of growing; what it took still commits.
TEST_F(GroupCommitTest, AFullQueueRefusesSubmissions) {
  std::mutex hold;
  hold.lock();  // the first write waits here, so the queue fills behind it
  std::atomic<int> told{0};
  int accepted = 0, refused = 0;
  {
    GroupCommit group(*c_, lead_, 1, 3);
    for (int i = 0; i < 10; ++i) {
      bool queued = group.Submit(
          [&, i](Connection& c) {
            if (i == 0) std::lock_guard wait(hold);
            return Insert(c, i);
          },
          [&](Status s) { told += s.ok() ? 1 : 0; });
      (queued ? accepted : refused)++;
    }
    EXPECT_GE(refused, 6);
    EXPECT_EQ(group.stats().refused, static_cast<std::size_t>(refused));
    hold.unlock();
  }  // stopping commits what was taken
  EXPECT_EQ(told.load(), accepted);
  EXPECT_EQ(CommittedRows(), accepted);
}

// Before what the jobs use goes away, the server drains the queue: every
// submitted job is committed and its caller told.
TEST_F(GroupCommitTest, DrainReturnsOnceEveryQueuedJobIsTold) {
  GroupCommit group(*c_, lead_, 4);
  std::atomic<int> told{0};
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(group.Submit(
        [i](Connection& c) {
          if (i == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
          return Insert(c, i);
        },
        [&](Status s) { told += s.ok() ? 1 : 0; }));
  }
  group.Drain();
  EXPECT_EQ(told.load(), 50);
  EXPECT_EQ(CommittedRows(), 50);
}

// A batch of submitted writes runs straight through, each job once. When
// one fails, the batch is rolled back and run again with a savepoint per
// job: the failing one leaves nothing, the others commit, and the first
// run's rows are not there twice.
TEST_F(GroupCommitTest, SubmittedWritesRunOnceUnlessOneOfTheirBatchFails) {
  std::atomic<int> calls{0}, told_ok{0}, told_failed{0};
  auto submit = [&](GroupCommit& group, int k, bool fails) {
    ASSERT_TRUE(group.Submit(
        [&calls, k, fails](Connection& c) -> Status {
          ++calls;
          GZ_TRY(Insert(c, k));
          GZ_TRY(Insert(c, k + 1000));
          if (fails) return Insert(c, 1);  // duplicate key: refused after writing
          return {};
        },
        [&](Status s) { ++(s.ok() ? told_ok : told_failed); }));
  };
  GroupCommit group(*c_, lead_, 64);
  ASSERT_TRUE(group.Run([](Connection& c) { return Insert(c, 1); }).ok());

  SubmitHeld(group, 2);
  for (int k = 10; k < 30; ++k) submit(group, k, false);
  Release();
  group.Drain();
  EXPECT_EQ(calls.load(), 20);
  EXPECT_EQ(group.stats().reruns, 0u);
  EXPECT_EQ(group.stats().largest, 20u);

  calls = 0;
  SubmitHeld(group, 3);
  for (int k = 100; k < 120; ++k) submit(group, k, k == 105 || k == 117);
  Release();
  group.Drain();
  EXPECT_EQ(group.stats().reruns, 1u);
  EXPECT_EQ(calls.load(), 6 + 20);  // the straight run stopped at the first failure (the 6th)
  EXPECT_EQ(told_ok.load(), 20 + 18);
  EXPECT_EQ(told_failed.load(), 2);
  EXPECT_EQ(CommittedRows("k >= 100 AND k < 120"), 18);
  EXPECT_EQ(CommittedRows("k >= 1100 AND k < 1120"), 18);
  EXPECT_EQ(CommittedRows("k IN (105, 117, 1105, 1117)"), 0);
  EXPECT_EQ(CommittedRows(), 1 + 2 + 40 + 36);
}

// What a Done does may write again (a listener that stores something): it
// runs at once, in a transaction of its own, instead of waiting for itself.
TEST_F(GroupCommitTest, AWriteFromADoneRunsAtOnce) {
  std::promise<Status> inner;
  {
    GroupCommit group(*c_, lead_, 8);
    ASSERT_TRUE(group.Submit([](Connection& c) { return Insert(c, 1); },
                             [&](Status) { inner.set_value(group.Run([](Connection& c) { return Insert(c, 2); })); }));
    EXPECT_TRUE(inner.get_future().get().ok());
  }
  EXPECT_EQ(CommittedRows(), 2);
}

}  // namespace
}  // namespace gazette::storage::sqlite
