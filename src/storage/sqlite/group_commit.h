// Group commit: the transactions of many callers run as one SQLite
// transaction, so that one fsync makes a whole batch durable. A failing
// caller's work is rolled back alone, and each caller hears of its work only
// after the COMMIT that made it durable (or with the error that kept it out).
//
// A batch of submitted jobs first runs straight through, with no savepoints:
// each savepoint copies every page its job changes into a statement journal
// (a tenth of a posted comment's CPU). Only when one of them fails is the
// batch rolled back and run again with a savepoint per job, so a submitted
// job's work may run twice and must start from its inputs each time (Submit).
// Jobs from Run always have savepoints, and run once.
//
// One thread commits: it takes whatever has queued (at most `max_batch`
// jobs), runs it, commits, and then tells each caller. A caller either waits
// (Run) or leaves a function to be called on the committing thread (Submit),
// which lets a server thread queue a write and go on serving others.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite {

class GroupCommit {
 public:
  using Work = std::function<base::Status(Connection&)>;
  using Done = std::function<void(base::Status)>;

  // `lead_mutex` is held while a batch runs on `connection` (others, such as
  // migrations, take it to use the connection alone). At most `max_queue`
  // submitted jobs wait; Run is never refused.
  GroupCommit(Connection& connection, std::mutex& lead_mutex, std::size_t max_batch, std::size_t max_queue = 4096);
  // Commits what has been queued, then stops.
  ~GroupCommit();

  // Runs `work` in a transaction (shared with others) and waits; what it
  // returns, or the COMMIT's error. An exception from `work` is rethrown
  // here, after its savepoint was rolled back. Called on the committing
  // thread (from a Done), the work runs at once in a transaction of its own.
  base::Status Run(const Work& work);

  // Queues `work` and returns at once; `done` is called on the committing
  // thread once the work is durable, or with the error that kept it out.
  // False, and `done` is never called, when max_queue jobs wait already.
  // `work` may be called twice, the first call's changes rolled back: it
  // must not keep anything from an earlier call.
  bool Submit(Work work, Done done);

  // Returns once every job queued so far is committed and its caller told
  // (before what the jobs' functions use goes away).
  void Drain();

  struct Stats {
    std::size_t batches = 0;  // commits (a write from a Done counts as one)
    std::size_t jobs = 0;
    std::size_t largest = 0;
    std::size_t refused = 0;  // Submit calls turned away by a full queue
    std::size_t reruns = 0;   // batches run again with savepoints after a failing job
  };
  Stats stats() const;

 private:
  struct Job {
    Work work;
    std::function<void(base::Status, std::exception_ptr)> finish;
    bool submitted = false;  // by Submit, and counted against max_queue
    base::Status status;
    std::exception_ptr error;
  };
  void Loop();
  void RunBatch(const std::vector<std::unique_ptr<Job>>& batch);
  // Runs a batch of submitted jobs without savepoints; false (and nothing
  // kept, statuses reset) when one failed and the batch must run again.
  bool RunStraight(const std::vector<std::unique_ptr<Job>>& batch);
  void RunWithSavepoints(const std::vector<std::unique_ptr<Job>>& batch);
  // Opens a batch's transaction; false, with every job told why, when it cannot.
  bool Begin(const std::vector<std::unique_ptr<Job>>& batch);
  // Commits (rolls back when no job succeeded); when that fails, the jobs
  // that had succeeded hear why.
  void End(const std::vector<std::unique_ptr<Job>>& batch, bool any_ok);
  base::Status RunAlone(const Work& work);

  Connection& c_;
  std::mutex& lead_mutex_;
  std::size_t max_batch_;
  std::size_t max_queue_;
  mutable std::mutex mutex_;  // guards what follows
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::unique_ptr<Job>> queue_;
  bool running_ = false;  // a batch is being committed or its callers told
  std::size_t submitted_ = 0;  // queued jobs that came from Submit
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace gazette::storage::sqlite
