#include "webhooks/backoff.h"

namespace gazette::webhooks {

std::chrono::seconds RetryDelay(int failed_attempts, std::chrono::seconds base) {
  if (base.count() <= 0) return std::chrono::seconds(0);
  std::chrono::seconds delay = base;
  for (int i = 1; i < failed_attempts; ++i) {
    if (delay >= kLongestRetryDelay / 4) return kLongestRetryDelay;
    delay *= 4;
  }
  return delay < kLongestRetryDelay ? delay : kLongestRetryDelay;
}

std::optional<std::chrono::seconds> NextRetry(int attempts, const RetryPolicy& policy) {
  if (attempts >= policy.max_attempts) return std::nullopt;
  return RetryDelay(attempts, policy.base);
}

}  // namespace gazette::webhooks
