#include "base/rate_limiter.h"

#include <algorithm>

namespace gazette::base {

void RateLimiter::set_limit(std::size_t limit, std::chrono::seconds window) {
  std::lock_guard lock(mutex_);
  limit_ = limit;
  window_ = window;
}

std::chrono::seconds RateLimiter::RetryAfterLocked(std::deque<Timestamp>& events, Timestamp now) {
  while (!events.empty() && events.front() <= now - window_) events.pop_front();
  if (events.size() < limit_) return std::chrono::seconds(0);
  auto wait = events.front() + window_ - now;
  return std::max(std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::seconds>(wait));
}

std::chrono::seconds RateLimiter::RetryAfter(std::string_view key, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = events_.find(std::string(key));
  if (it == events_.end()) return limit_ == 0 ? window_ : std::chrono::seconds(0);
  return RetryAfterLocked(it->second, now);
}

void RateLimiter::Record(std::string_view key, Timestamp now) {
  std::lock_guard lock(mutex_);
  Sweep(now);
  events_[std::string(key)].push_back(now);
}

std::chrono::seconds RateLimiter::Acquire(std::string_view key, Timestamp now) {
  std::lock_guard lock(mutex_);
  Sweep(now);
  std::deque<Timestamp>& events = events_[std::string(key)];
  std::chrono::seconds wait = RetryAfterLocked(events, now);
  if (wait.count() == 0) events.push_back(now);
  return wait;
}

void RateLimiter::Clear(std::string_view key) {
  std::lock_guard lock(mutex_);
  events_.erase(std::string(key));
}

// Drops keys whose events all left the window, at most once a window, so
// memory follows the active keys only.
void RateLimiter::Sweep(Timestamp now) {
  if (now - last_sweep_ < window_) return;
  last_sweep_ = now;
  for (auto it = events_.begin(); it != events_.end();) {
    if (it->second.empty() || it->second.back() <= now - window_) {
      it = events_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace gazette::base
