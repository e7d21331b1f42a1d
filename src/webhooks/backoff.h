// When a failed delivery is tried again: after base * 4^(n-1) following its
// n-th failed attempt (with the default base of 30 s: 30 s, 2 min, 8 min,
// 32 min, about 2 h 8 min), never more than a day; after max_attempts
// attempts it fails for good.
#pragma once

#include <chrono>
#include <optional>

namespace gazette::webhooks {

struct RetryPolicy {
  std::chrono::seconds base{30};
  int max_attempts = 6;
};

inline constexpr std::chrono::seconds kLongestRetryDelay = std::chrono::hours(24);

// The wait after the `failed_attempts`-th failed attempt (1 for the first).
std::chrono::seconds RetryDelay(int failed_attempts, std::chrono::seconds base);

// The wait before trying again after `attempts` attempts that all failed,
// or nothing when the delivery should give up.
std::optional<std::chrono::seconds> NextRetry(int attempts, const RetryPolicy& policy);

}  // namespace gazette::webhooks
