#include "storage/sqlite/group_commit.h"

#include <pthread.h>

#include <algorithm>
#include <future>

#include "base/hand_offs.h"

namespace gazette::storage::sqlite {

using base::Status;

GroupCommit::GroupCommit(Connection& connection, std::mutex& lead_mutex, std::size_t max_batch, std::size_t max_queue)
    : c_(connection), lead_mutex_(lead_mutex), max_batch_(std::max<std::size_t>(1, max_batch)), max_queue_(max_queue) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "commits");
    Loop();
  });
}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status GroupCommit::Run(const Work& work) {
  if (std::this_thread::get_id() == thread_.get_id()) return RunAlone(work);
  std::promise<Status> committed;
  std::future<Status> answer = committed.get_future();
  auto job = std::make_unique<Job>();
  job->work = [&work](Connection& c) { return work(c); };
  job->finish = [&committed](Status s, std::exception_ptr e) {
    if (e) {
      committed.set_exception(e);
    } else {
      committed.set_value(std::move(s));
    }
  };
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return answer.get();  // rethrows the work's exception
}

bool GroupCommit::Submit(Work work, Done done) {
  auto job = std::make_unique<Job>();
  job->work = std::move(work);
  job->finish = [done = std::move(done)](Status s, std::exception_ptr) { done(std::move(s)); };
  job->submitted = true;
  {
    std::lock_guard lock(mutex_);
    if (submitted_ >= max_queue_) {
      ++stats_.refused;
      return false;
    }
    ++submitted_;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void GroupCommit::Loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to do
    std::size_t n = std::min(queue_.size(), max_batch_);
    std::vector<std::unique_ptr<Job>> batch;
    batch.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (queue_.front()->submitted) --submitted_;
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    running_ = true;
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    ++stats_.batches;  // counted before anyone hears: a caller may read them at once
    stats_.jobs += batch.size();
    stats_.largest = std::max(stats_.largest, batch.size());
    lock.unlock();
    {
      base::HandOffs::Batch together;  // one wake-up for the server's thread, not one per caller
      for (const auto& j : batch) j->finish(j->status, j->error);
    }
    lock.lock();
    running_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

void GroupCommit::Drain() {
  if (std::this_thread::get_id() == thread_.get_id()) return;
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !running_; });
}

// The committing thread's own write, from a Done: no batch is open then.
Status GroupCommit::RunAlone(const Work& work) {
  std::lock_guard lead(lead_mutex_);
  GZ_TRY(c_.Run("BEGIN IMMEDIATE"));
  Status status;
  try {
    status = work(c_);
  } catch (...) {
    (void)c_.Run("ROLLBACK");
    throw;
  }
  if (sqlite3_get_autocommit(c_.raw()) != 0) {
    return status.ok() ? Status(base::Error::Internal("the transaction was rolled back by SQLite")) : status;
  }
  Status end = status.ok() ? c_.Run("COMMIT") : c_.Run("ROLLBACK");
  if (!end.ok()) {
    (void)c_.Run("ROLLBACK");
    if (status.ok()) return end;
  }
  std::lock_guard lock(mutex_);  // a commit of its own, counted as one
  ++stats_.batches;
  ++stats_.jobs;
  return status;
}

void GroupCommit::RunBatch(const std::vector<std::unique_ptr<Job>>& batch) {
  std::lock_guard lead(lead_mutex_);
  bool submitted = std::all_of(batch.begin(), batch.end(), [](const auto& j) { return j->submitted; });
  if (batch.size() > 1 && submitted) {
    if (RunStraight(batch)) return;
    std::lock_guard lock(mutex_);
    ++stats_.reruns;
  }
  RunWithSavepoints(batch);
}

bool GroupCommit::Begin(const std::vector<std::unique_ptr<Job>>& batch) {
  Status begin = c_.Run("BEGIN IMMEDIATE");
  if (begin.ok()) return true;
  for (const auto& j : batch) j->status = begin;
  return false;
}

void GroupCommit::End(const std::vector<std::unique_ptr<Job>>& batch, bool any_ok) {
  Status end = any_ok ? c_.Run("COMMIT") : c_.Run("ROLLBACK");
  if (end.ok()) return;
  (void)c_.Run("ROLLBACK");
  for (const auto& j : batch) {
    if (j->status.ok()) j->status = end;
  }
}

bool GroupCommit::RunStraight(const std::vector<std::unique_ptr<Job>>& batch) {
  if (!Begin(batch)) return true;
  for (const auto& j : batch) {
    try {
      j->status = j->work(c_);
    } catch (...) {
      j->error = std::current_exception();
    }
    bool open = sqlite3_get_autocommit(c_.raw()) == 0;
    if (j->status.ok() && !j->error && open) continue;
    // One failed: nothing of this run is kept; the batch runs again, each
    // job in a savepoint, where this one fails alone.
    if (open) (void)c_.Run("ROLLBACK");
    for (const auto& k : batch) {
      k->status = Status();
      k->error = nullptr;
    }
    return false;
  }
  End(batch, true);
  return true;
}

void GroupCommit::RunWithSavepoints(const std::vector<std::unique_ptr<Job>>& batch) {
  // Alone, a job needs no savepoint: its failure rolls back the transaction.
  bool alone = batch.size() == 1;
  // Each job's savepoint keeps the pages the job changes in a statement
  // journal, emptied when the job's savepoint is released: a job's pages at
  // most. SQLite puts a journal over 64 KiB in a temporary file, which for
  // twenty comments meant about 1 MB and 500 write calls a batch (a fifth of
  // the CPU a comment took); with temp_store = MEMORY it stays in memory.
  // Set for batches only (a write alone, migrations and rebuilds may change
  // far more), and outside the transaction, where SQLite takes it.
  if (!alone) (void)c_.Exec("PRAGMA temp_store = MEMORY");
  struct TempStore {
    Connection& c;
    bool set;
    ~TempStore() {
      if (set) (void)c.Exec("PRAGMA temp_store = DEFAULT");
    }
  } restore{c_, !alone};
  if (!Begin(batch)) return;
  bool any_ok = false;
  for (const auto& owned : batch) {
    Job* j = owned.get();
    if (!alone) {
      if (Status s = c_.Run("SAVEPOINT job"); !s.ok()) {
        j->status = s;
        continue;
      }
    }
    try {
      j->status = j->work(c_);
    } catch (...) {
      j->error = std::current_exception();
      j->status = base::Error::Internal("the write failed");
    }
    if (sqlite3_get_autocommit(c_.raw()) != 0) {
      // Some errors (a full disk, I/O) make SQLite roll the whole
      // transaction back: nothing of this batch so far will be committed.
      base::Status lost = base::Error::Internal("the transaction was rolled back by SQLite");
      for (const auto& done : batch) {
        if (done.get() == j) break;
        if (done->status.ok()) done->status = lost;
      }
      if (j->status.ok()) j->status = lost;
      any_ok = false;
      if (Status again = c_.Run("BEGIN IMMEDIATE"); !again.ok()) {
        for (const auto& rest : batch) {
          if (rest->status.ok() && !rest->error) rest->status = again;
        }
        return;
      }
      continue;
    }
    if (j->status.ok()) {
      any_ok = true;
      if (!alone) j->status = c_.Run("RELEASE job");
    } else if (!alone) {
      (void)c_.Run("ROLLBACK TO job");
      (void)c_.Run("RELEASE job");
    }
  }
  End(batch, any_ok);
}

GroupCommit::Stats GroupCommit::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace gazette::storage::sqlite
