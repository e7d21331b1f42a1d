// The port webhooks need from storage: the webhooks admins configured and
// the log of their deliveries. Implemented by storage/sqlite and
// storage/memory; tests/contract/webhook_contract.cpp holds them to the
// same behaviour. Each write is its own transaction. Header-only (the
// storage libraries link the port, gazette_webhooks_port, not the service).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"

namespace gazette::webhooks {

using Id = std::int64_t;
using base::Result;
using base::Status;
using base::Timestamp;

// Where to POST which events, signed with which secret.
struct Webhook {
  Id id = 0;
  std::string url;                  // http:// or https://, with a host
  std::string secret;               // "whsec_..."; signs every delivery
  std::vector<std::string> events;  // a subset of KnownEvents(), in that order
  std::string description;          // for people: what receives it
  bool active = true;               // inactive webhooks get no new deliveries
  Timestamp created_at{};
  bool operator==(const Webhook&) const = default;
};

enum class DeliveryState { kPending, kDelivered, kFailed };

// "pending", "delivered", "failed".
inline const char* DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kFailed:
      return "failed";
    case DeliveryState::kPending:
      break;
  }
  return "pending";
}

inline std::optional<DeliveryState> ParseDeliveryState(std::string_view name) {
  for (DeliveryState s : {DeliveryState::kPending, DeliveryState::kDelivered, DeliveryState::kFailed}) {
    if (name == DeliveryStateName(s)) return s;
  }
  return std::nullopt;
}

// One event for one webhook: stored before it is sent, so that a restart
// loses nothing; then updated after every attempt.
struct Delivery {
  Id id = 0;
  Id webhook_id = 0;
  std::string event;    // "article.published"...
  Id subject_id = 0;    // the article's or the comment's id
  std::string payload;  // the exact JSON body sent
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  Timestamp next_attempt_at{};            // when a pending delivery is due
  int last_status = 0;                    // the last attempt's HTTP status; 0: no answer
  std::string last_error;                 // the last attempt's failure, for people
  std::string response_excerpt;           // the start of the last answer's body, at most kMaxExcerpt bytes
  std::chrono::milliseconds duration{0};  // of the last attempt
  Timestamp created_at{};
  std::optional<Timestamp> delivered_at;
  bool operator==(const Delivery&) const = default;
};

inline constexpr std::size_t kMaxExcerpt = 1024;

// What one attempt to send a delivery came to.
struct Attempt {
  Id delivery_id = 0;
  DeliveryState state = DeliveryState::kPending;  // after the attempt
  int attempts = 0;                               // counting this one
  Timestamp next_attempt_at{};                    // when still pending
  int status = 0;
  std::string error;
  std::string response_excerpt;
  std::chrono::milliseconds duration{0};
  std::optional<Timestamp> delivered_at;
};

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  // Every webhook, oldest first.
  virtual Result<std::vector<Webhook>> ListWebhooks() = 0;
  // kNotFound when there is no such webhook.
  virtual Result<Webhook> FindWebhook(Id id) = 0;
  // kNotFound when there is no such delivery.
  virtual Result<Delivery> FindDelivery(Id id) = 0;
  // Pending deliveries with next_attempt_at <= now, the longest due first
  // (ties by id), at most `limit`.
  virtual Result<std::vector<Delivery>> DueDeliveries(Timestamp now, int limit) = 0;
  // The earliest next_attempt_at of the pending deliveries, if any.
  virtual Result<std::optional<Timestamp>> NextDeliveryAt() = 0;
  // A webhook's deliveries, newest first, paged.
  virtual Result<std::vector<Delivery>> Deliveries(Id webhook_id, int offset, int limit) = 0;

  // Stores a new webhook (its id is ignored) and returns its id.
  virtual Result<Id> InsertWebhook(const Webhook& webhook) = 0;
  // Replaces url, secret, events, description and active; kNotFound.
  virtual Status UpdateWebhook(const Webhook& webhook) = 0;
  // Removes the webhook and its deliveries; kNotFound.
  virtual Status DeleteWebhook(Id id) = 0;
  // Stores new deliveries (ids ignored) in one transaction and returns
  // their ids in order; kNotFound (storing none) when a webhook is missing.
  virtual Result<std::vector<Id>> InsertDeliveries(const std::vector<Delivery>& deliveries) = 0;
  // Records the outcome of an attempt; kNotFound.
  virtual Status RecordAttempt(const Attempt& attempt) = 0;
};

}  // namespace gazette::webhooks
