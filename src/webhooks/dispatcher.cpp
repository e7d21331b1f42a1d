#include "webhooks/dispatcher.h"

#include <pthread.h>

#include <map>

#include "base/log.h"
#include "webhooks/payload.h"
#include "webhooks/signature.h"

namespace gazette::webhooks {

using base::Error;

namespace {

constexpr std::size_t kMaxHeld = 10000;
// The shortest time between two rounds that events started.
constexpr auto kCoalesce = std::chrono::milliseconds(20);

std::string Name(const Delivery& d) {
  return "delivery " + std::to_string(d.id) + " (" + d.event + " " + std::to_string(d.subject_id) + ") to webhook " +
         std::to_string(d.webhook_id);
}

}  // namespace

Dispatcher::Dispatcher(WebhookService& service, WebhookStore& store, core::ContentReader& content,
                       comments::CommentReader& comments, SiteSettingsFn site, const base::Clock& clock,
                       DispatcherOptions options, std::unique_ptr<Transport> transport)
    : service_(service),
      store_(store),
      content_(content),
      comments_(comments),
      site_(std::move(site)),
      clock_(clock),
      options_(options),
      transport_(transport ? std::move(transport) : CurlTransport()) {
  service_.OnQueued([this] { Wake(); });
}

Dispatcher::~Dispatcher() {
  service_.OnQueued(nullptr);
  Stop();
}

void Dispatcher::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "webhooks");
    Run();
  });
}

void Dispatcher::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
    thread = std::move(thread_);
  }
  wake_.notify_all();
  thread.join();
  // What was heard but not yet stored is kept, to be sent after a restart.
  Result<int> stored = StoreQueued();
  if (!stored.ok()) base::LogError("webhooks: " + stored.error().message + " " + stored.error().detail);
}

void Dispatcher::Wake() {
  {
    std::lock_guard lock(mutex_);
    if (woken_) return;  // already told, and not yet looked
    woken_ = true;
  }
  wake_.notify_all();
}

std::vector<std::pair<std::string, std::string>> Dispatcher::Headers(const Delivery& d, std::string_view secret,
                                                                     std::int64_t timestamp) {
  return {{"Content-Type", "application/json"},
          {"User-Agent", "Gazette-Webhooks"},
          {"X-Gazette-Event", d.event},
          {"X-Gazette-Delivery", std::to_string(d.id)},
          {"X-Gazette-Timestamp", std::to_string(timestamp)},
          {"X-Gazette-Signature", Sign(secret, timestamp, d.payload)}};
}

Result<int> Dispatcher::StoreQueued() {
  std::vector<QueuedEvent> events = std::move(held_);
  held_.clear();
  for (QueuedEvent& e : service_.TakeQueued()) events.push_back(std::move(e));
  if (events.empty()) return 0;
  if (events.size() > kMaxHeld) {  // the store has been failing for long: keep the newest
    base::LogError("webhooks: the store keeps failing; dropped " + std::to_string(events.size() - kMaxHeld) +
                   " event(s)");
    events.erase(events.begin(), events.end() - static_cast<std::ptrdiff_t>(kMaxHeld));
  }
  Result<std::vector<Webhook>> webhooks = store_.ListWebhooks();
  if (!webhooks.ok()) {
    held_ = std::move(events);
    return std::move(webhooks).error();
  }
  web::SiteSettings site = site_();
  Timestamp now = clock_.Now();
  int stored = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const QueuedEvent& e = events[i];
    std::vector<Delivery> deliveries;
    for (const Webhook& w : *webhooks) {
      if (!Subscribed(w, e.event.type)) continue;
      Delivery d;
      d.webhook_id = w.id;
      d.event = e.event.type;
      d.subject_id = e.event.id;
      d.created_at = d.next_attempt_at = now;
      deliveries.push_back(std::move(d));
    }
    if (deliveries.empty()) continue;
    Result<std::string> payload = BuildPayload(e, content_, comments_, site);
    if (!payload.ok() && payload.error().code == base::ErrorCode::kNotFound) {
      base::LogWarning("webhooks: " + e.event.type + " " + std::to_string(e.event.id) + " is gone; nothing to send");
      continue;
    }
    if (!payload.ok()) {
      held_.assign(events.begin() + static_cast<std::ptrdiff_t>(i), events.end());
      return std::move(payload).error();
    }
    for (Delivery& d : deliveries) d.payload = *payload;
    Result<std::vector<Id>> ids = store_.InsertDeliveries(deliveries);
    if (!ids.ok()) {
      // Kept for the next round, which reads the webhooks again (one may
      // have been removed meanwhile: kNotFound).
      held_.assign(events.begin() + static_cast<std::ptrdiff_t>(i), events.end());
      if (ids.error().code == base::ErrorCode::kNotFound) return stored;
      return std::move(ids).error();
    }
    stored += static_cast<int>(ids->size());
  }
  return stored;
}

Attempt Dispatcher::Outcome(const Delivery& d, const HttpOutcome& http, Timestamp now) const {
  Attempt a;
  a.delivery_id = d.id;
  a.attempts = d.attempts + 1;
  a.status = http.status;
  a.response_excerpt = http.excerpt;
  a.duration = http.duration;
  a.next_attempt_at = d.next_attempt_at;
  if (http.error.empty() && http.status >= 200 && http.status <= 299) {
    a.state = DeliveryState::kDelivered;
    a.delivered_at = now;
    return a;
  }
  if (!http.error.empty()) {
    a.error = http.error;
  } else {
    a.error = "The receiver answered HTTP " + std::to_string(http.status);
    if (http.status >= 300 && http.status <= 399) a.error += " (redirects are not followed)";
  }
  std::optional<std::chrono::seconds> wait = NextRetry(a.attempts, options_.retry);
  if (wait) {
    a.state = DeliveryState::kPending;
    a.next_attempt_at = now + *wait;
  } else {
    a.state = DeliveryState::kFailed;
  }
  return a;
}

Result<int> Dispatcher::SendDue() {
  Result<std::vector<Delivery>> due = store_.DueDeliveries(clock_.Now(), options_.batch);
  if (!due.ok()) return std::move(due).error();
  std::map<Id, std::optional<Webhook>> webhooks;
  int attempted = 0;
  for (const Delivery& d : *due) {
    if (Stopping()) break;
    auto known = webhooks.find(d.webhook_id);
    if (known == webhooks.end()) {
      Result<Webhook> w = store_.FindWebhook(d.webhook_id);
      if (!w.ok() && w.error().code != base::ErrorCode::kNotFound) return std::move(w).error();
      known = webhooks.emplace(d.webhook_id, w.ok() ? std::optional<Webhook>(*w) : std::nullopt).first;
    }
    if (!known->second) continue;  // removed meanwhile, with its deliveries
    const Webhook& webhook = *known->second;
    if (!webhook.active) {
      Attempt a;
      a.delivery_id = d.id;
      a.state = DeliveryState::kFailed;
      a.attempts = d.attempts;
      a.next_attempt_at = d.next_attempt_at;
      a.status = d.last_status;
      a.error = "Not sent: the webhook is disabled.";
      GZ_TRY(store_.RecordAttempt(a));
      continue;
    }
    Timestamp now = clock_.Now();
    HttpPost post{webhook.url, Headers(d, webhook.secret, base::ToUnixSeconds(now)), d.payload, options_.timeout};
    HttpOutcome http = transport_->Post(post, [this] { return Stopping(); });
    if (http.interrupted) break;  // not counted: sent again after the restart
    Attempt a = Outcome(d, http, clock_.Now());
    ++attempted;
    if (a.state == DeliveryState::kDelivered) {
      base::LogInfo("webhooks: delivered " + Name(d) + ": HTTP " + std::to_string(http.status));
    } else {
      base::LogWarning("webhooks: attempt " + std::to_string(a.attempts) + " of " + Name(d) + " failed: " + a.error +
                       (a.state == DeliveryState::kFailed ? "; giving up" : "; trying again later"));
    }
    GZ_TRY(store_.RecordAttempt(a));
  }
  return attempted;
}

void Dispatcher::Run() {
  while (!Stopping()) {
    const auto round = std::chrono::steady_clock::now();
    bool trouble = false;  // the store failed: look again in a second, not at once
    Result<int> stored = StoreQueued();
    if (!stored.ok()) {
      trouble = true;
      base::LogError("webhooks: " + stored.error().message + " " + stored.error().detail);
    }
    for (;;) {
      Result<int> sent = SendDue();
      if (!sent.ok()) {
        trouble = true;
        base::LogError("webhooks: " + sent.error().message + " " + sent.error().detail);
      }
      if (!sent.ok() || *sent < options_.batch || Stopping()) break;
    }
    auto until = std::chrono::system_clock::now() + options_.poll;
    Result<std::optional<Timestamp>> next = store_.NextDeliveryAt();
    if (next.ok() && *next && **next < until) until = **next;
    if (trouble || !held_.empty()) until = std::chrono::system_clock::now() + std::chrono::seconds(1);
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, until, [this] { return Stopping() || woken_; });
    // Events that arrive in a stream (comments on a busy day) are taken a
    // few at a time, not one round of queries each.
    wake_.wait_until(lock, round + kCoalesce, [this] { return Stopping(); });
    woken_ = false;
  }
}

}  // namespace gazette::webhooks
