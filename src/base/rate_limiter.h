// Counting events per key over a sliding time window, in memory: failed
// sign-ins per address and per account, comments per reader and per IP.
// One process's view; several nodes each count their own.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/time.h"

namespace gazette::base {

class RateLimiter {
 public:
  // At most `limit` events per key within `window`.
  RateLimiter(std::size_t limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  void set_limit(std::size_t limit, std::chrono::seconds window);

  // How long until `key` may have another event; zero when it may now.
  // Does not record anything. Thread-safe.
  std::chrono::seconds RetryAfter(std::string_view key, Timestamp now);

  // Records an event for `key`.
  void Record(std::string_view key, Timestamp now);

  // RetryAfter, and when it is zero, Record, as one step.
  std::chrono::seconds Acquire(std::string_view key, Timestamp now);

  // Forgets `key` (after a successful sign-in, say).
  void Clear(std::string_view key);

 private:
  std::chrono::seconds RetryAfterLocked(std::deque<Timestamp>& events, Timestamp now);
  void Sweep(Timestamp now);

  std::size_t limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Timestamp>> events_;
  Timestamp last_sweep_{};
};

}  // namespace gazette::base
