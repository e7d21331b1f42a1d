// A fixed set of threads running submitted jobs from a bounded queue: for
// work that must not run on the threads serving pages (password hashing,
// durable writes). A full queue refuses new jobs instead of growing.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gazette::base {

class WorkerPool {
 public:
  // `threads` >= 1; at most `queue_limit` jobs wait at once.
  WorkerPool(std::string name, int threads, std::size_t queue_limit);
  // Finishes the queued jobs, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; false (and the job is dropped) when the queue is full or
  // the pool is stopping. Thread-safe. A job that throws is logged.
  bool TrySubmit(std::function<void()> job);

  std::size_t queued() const;

 private:
  void Run();

  std::string name_;
  std::size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gazette::base
