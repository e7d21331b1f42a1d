// Webhooks as admins manage them: create, change, disable, remove, rotate
// the secret, read the delivery log, send a failed delivery again; and the
// listener that queues the site's events for the dispatcher. Every action
// needs accounts::Action::kManageWebhooks (admins only), so the admin UI,
// the admin API and the command line refuse the same things alike.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <span>

#include "accounts/account.h"
#include "base/events.h"
#include "webhooks/webhook_store.h"

namespace gazette::webhooks {

// The events a webhook may subscribe to, in this order: article.published,
// article.updated, article.unpublished, comment.created.
std::span<const std::string_view> KnownEvents();
bool IsKnownEvent(std::string_view event);
// Whether the webhook gets the event: it is active and subscribed to it.
bool Subscribed(const Webhook& webhook, std::string_view event);

// "a,b , c" -> {"a", "b", "c"} (blank items dropped).
std::vector<std::string> SplitEvents(std::string_view comma_separated);
// The URL trimmed; kInvalid (field "url") unless it is http:// or
// https:// with a host (and a port from 1 to 65535 when it names one).
Result<std::string> CheckUrl(std::string_view url);
// The events in KnownEvents() order without repeats; kInvalid (field
// "events") when there are none or one is unknown.
Result<std::vector<std::string>> CheckEvents(const std::vector<std::string>& events);

struct WebhookInput {
  std::string url;
  std::vector<std::string> events;
  std::string description;  // up to 200 characters
  bool active = true;
};

// An event heard, waiting for the dispatcher to store its deliveries.
struct QueuedEvent {
  base::Event event;
  Timestamp occurred_at{};
};

// Thread-safe.
class WebhookService {
 public:
  // `queue_limit`: events kept waiting for the dispatcher; more are
  // dropped (and logged) rather than let memory grow without end.
  WebhookService(WebhookStore& store, const base::Clock& clock, std::size_t queue_limit = 10000);

  // A new webhook with a generated secret; the result carries the secret,
  // the only time it is shown. kInvalid names the field: "url", "events",
  // "description".
  Result<Webhook> Create(const accounts::Account& actor, const WebhookInput& input);
  // Replaces url, events, description and active. kNotFound, kInvalid.
  Result<Webhook> Update(const accounts::Account& actor, Id id, const WebhookInput& input);
  // A new secret, returned once; deliveries sent from now on use it.
  Result<Webhook> RotateSecret(const accounts::Account& actor, Id id);
  // Removes the webhook and its delivery log. kNotFound.
  Status Remove(const accounts::Account& actor, Id id);
  // Webhooks as lists show them: without their secret.
  Result<std::vector<Webhook>> List(const accounts::Account& actor);
  Result<Webhook> Find(const accounts::Account& actor, Id id);
  // The delivery log of a webhook, newest first (`limit` at most 200).
  Result<std::vector<Delivery>> Deliveries(const accounts::Account& actor, Id webhook_id, int offset, int limit);
  Result<Delivery> FindDelivery(const accounts::Account& actor, Id delivery_id);
  // Queues a failed delivery's payload again, as a new delivery due now,
  // which is returned. kConflict unless it failed, or when its webhook is
  // disabled; kNotFound.
  Result<Delivery> SendAgain(const accounts::Account& actor, Id delivery_id);

  // Subscribes to the bus: the events in KnownEvents() are queued (with
  // the time they were heard) and the dispatcher woken; nothing else is
  // done on the publisher's thread.
  void Listen(base::EventBus& bus);
  // Queues one event; false when it is not a webhook event or the queue is full.
  bool Queue(const base::Event& event);
  // Takes everything queued, oldest first.
  std::vector<QueuedEvent> TakeQueued();
  // Called (on the publisher's thread) after each event queued, and after
  // SendAgain: the dispatcher's wake-up.
  void OnQueued(std::function<void()> wake);

 private:
  void WakeDispatcher();

  WebhookStore& store_;
  const base::Clock& clock_;
  std::size_t queue_limit_;
  std::mutex mutex_;  // guards queue_, wake_
  std::deque<QueuedEvent> queue_;
  std::function<void()> wake_;
};

}  // namespace gazette::webhooks
