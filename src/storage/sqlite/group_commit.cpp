#include "storage/sqlite/group_commit.h"

#include <algorithm>

namespace gazette::storage::sqlite {

using base::Status;

Status GroupCommit::Run(const std::function<Status(Connection&)>& work) {
  Job job{&work};
  std::unique_lock lock(mutex_);
  queue_.push_back(&job);
  while (!job.done) {
    if (leading_) {
      done_.wait(lock);
      continue;
    }
    // Lead a batch: everything queued so far, oldest first.
    leading_ = true;
    std::size_t n = std::min(queue_.size(), max_batch_);
    std::vector<Job*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (Job* j : batch) j->done = true;
    ++stats_.batches;
    stats_.jobs += batch.size();
    stats_.largest = std::max(stats_.largest, batch.size());
    leading_ = false;
    done_.notify_all();
  }
  if (job.error) std::rethrow_exception(job.error);
  return job.status;
}

void GroupCommit::RunBatch(const std::vector<Job*>& batch) {
  std::lock_guard lead(lead_mutex_);
  Status begin = c_.Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (Job* j : batch) j->status = begin;
    return;
  }
  // Alone, a job needs no savepoint: its failure rolls back the transaction.
  bool alone = batch.size() == 1;
  bool any_ok = false;
  for (Job* j : batch) {
    if (!alone) {
      if (Status s = c_.Exec("SAVEPOINT job"); !s.ok()) {
        j->status = s;
        continue;
      }
    }
    try {
      j->status = (*j->work)(c_);
    } catch (...) {
      j->error = std::current_exception();
      j->status = base::Error::Internal("the write failed");
    }
    if (sqlite3_get_autocommit(c_.raw()) != 0) {
      // Some errors (a full disk, I/O) make SQLite roll the whole
      // transaction back: nothing of this batch so far will be committed.
      base::Status lost = base::Error::Internal("the transaction was rolled back by SQLite");
      for (Job* done : batch) {
        if (done == j) break;
        if (done->status.ok()) done->status = lost;
      }
      if (j->status.ok()) j->status = lost;
      any_ok = false;
      if (Status again = c_.Exec("BEGIN IMMEDIATE"); !again.ok()) {
        for (Job* rest : batch) {
          if (rest->status.ok() && !rest->error) rest->status = again;
        }
        return;
      }
      continue;
    }
    if (j->status.ok()) {
      any_ok = true;
      if (!alone) j->status = c_.Exec("RELEASE job");
    } else if (!alone) {
      (void)c_.Exec("ROLLBACK TO job");
      (void)c_.Exec("RELEASE job");
    }
  }
  Status commit = any_ok ? c_.Exec("COMMIT") : c_.Exec("ROLLBACK");
  if (!commit.ok()) {
    (void)c_.Exec("ROLLBACK");
    for (Job* j : batch) {
      if (j->status.ok()) j->status = commit;
    }
  }
}

GroupCommit::Stats GroupCommit::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace gazette::storage::sqlite
