// Group commit: the transactions of many callers run as one SQLite
// transaction, so that one fsync makes a whole batch durable. Each caller's
// work runs in a savepoint of its own (a failing one is rolled back alone),
// and every caller returns only after the COMMIT that made its work durable
// (or with the error that kept it out).
//
// No thread of its own: the first caller to find nobody committing leads a
// batch of what has queued (at most `max_batch` jobs); callers arriving
// meanwhile wait for the next batch, which one of them leads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite {

class GroupCommit {
 public:
  // `lead_mutex` is held while a batch runs on `connection` (others, such as
  // migrations, take it to use the connection alone).
  GroupCommit(Connection& connection, std::mutex& lead_mutex, std::size_t max_batch)
      : c_(connection), lead_mutex_(lead_mutex), max_batch_(max_batch) {}

  // Runs `work` in a transaction (shared with others); what it returns, or
  // the COMMIT's error. An exception from `work` is rethrown here, after its
  // savepoint was rolled back.
  base::Status Run(const std::function<base::Status(Connection&)>& work);

  struct Stats {
    std::size_t batches = 0;
    std::size_t jobs = 0;
    std::size_t largest = 0;
  };
  Stats stats() const;

 private:
  struct Job {
    const std::function<base::Status(Connection&)>* work;
    base::Status status;
    std::exception_ptr error;
    bool done = false;
  };
  void RunBatch(const std::vector<Job*>& batch);

  Connection& c_;
  std::mutex& lead_mutex_;
  std::size_t max_batch_;
  mutable std::mutex mutex_;  // guards what follows
  std::condition_variable done_;
  std::deque<Job*> queue_;
  bool leading_ = false;
  Stats stats_;
};

}  // namespace gazette::storage::sqlite
