#include "webhooks/webhook_service.h"

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>

#include "accounts/permissions.h"
#include "base/log.h"
#include "base/text.h"
#include "webhooks/signature.h"

namespace gazette::webhooks {

using base::Error;

namespace {

constexpr std::array<std::string_view, 4> kEvents = {"article.published", "article.updated", "article.unpublished",
                                                     "comment.created"};
constexpr std::size_t kMaxUrl = 2000;
constexpr std::size_t kMaxDescription = 200;
constexpr int kMaxPage = 200;

std::string EventList() {
  std::string out;
  for (std::size_t i = 0; i < kEvents.size(); ++i) {
    out += i == 0 ? "" : i + 1 == kEvents.size() ? " and " : ", ";
    out += kEvents[i];
  }
  return out;
}

Result<std::string> CheckDescription(std::string_view text) {
  std::string description(base::Trim(text));
  if (!base::IsValidUtf8(description) || base::HasControlCharacters(description)) {
    return Error::Invalid("The description must be plain text on one line.", "description");
  }
  if (base::CountCodePoints(description) > kMaxDescription) {
    return Error::Invalid("The description may be at most " + std::to_string(kMaxDescription) + " characters long.",
                          "description");
  }
  return description;
}

Result<Webhook> Checked(Webhook webhook, const WebhookInput& input) {
  Result<std::string> url = CheckUrl(input.url);
  if (!url.ok()) return std::move(url).error();
  Result<std::vector<std::string>> events = CheckEvents(input.events);
  if (!events.ok()) return std::move(events).error();
  Result<std::string> description = CheckDescription(input.description);
  if (!description.ok()) return std::move(description).error();
  webhook.url = std::move(*url);
  webhook.events = std::move(*events);
  webhook.description = std::move(*description);
  webhook.active = input.active;
  return webhook;
}

Webhook Masked(Webhook webhook) {
  webhook.secret.clear();
  return webhook;
}

}  // namespace

std::span<const std::string_view> KnownEvents() { return kEvents; }

bool IsKnownEvent(std::string_view event) { return std::find(kEvents.begin(), kEvents.end(), event) != kEvents.end(); }

bool Subscribed(const Webhook& webhook, std::string_view event) {
  return webhook.active && std::find(webhook.events.begin(), webhook.events.end(), event) != webhook.events.end();
}

std::vector<std::string> SplitEvents(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = base::Trim(text.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

Result<std::string> CheckUrl(std::string_view text) {
  std::string url(base::Trim(text));
  auto invalid = [](std::string message) { return Error::Invalid(std::move(message), "url"); };
  if (url.empty()) return invalid("The URL is required: the address to POST the events to.");
  if (url.size() > kMaxUrl) return invalid("The URL may be at most " + std::to_string(kMaxUrl) + " characters long.");
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return invalid("The URL must be a full address like https://example.org/hooks/gazette.");
  boost::urls::url_view u = *parsed;
  if (u.scheme_id() != boost::urls::scheme::http && u.scheme_id() != boost::urls::scheme::https) {
    return invalid("The URL must start with http:// or https://.");
  }
  if (!u.has_authority() || u.encoded_host().empty()) return invalid("The URL must name a host.");
  if (u.has_port()) {
    std::string_view port = u.port();
    long number = 0;
    bool digits = !port.empty() && port.size() <= 5 &&
                  std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) number = std::stol(std::string(port));
    if (!digits || number < 1 || number > 65535) return invalid("The URL's port must be a number from 1 to 65535.");
  }
  return url;
}

Result<std::vector<std::string>> CheckEvents(const std::vector<std::string>& events) {
  if (events.empty()) return Error::Invalid("Choose at least one event: " + EventList() + ".", "events");
  for (const std::string& e : events) {
    if (!IsKnownEvent(e)) {
      return Error::Invalid("Unknown event \"" + e + "\": the events are " + EventList() + ".", "events");
    }
  }
  std::vector<std::string> out;
  for (std::string_view known : kEvents) {
    if (std::find(events.begin(), events.end(), known) != events.end()) out.emplace_back(known);
  }
  return out;
}

WebhookService::WebhookService(WebhookStore& store, const base::Clock& clock, std::size_t queue_limit)
    : store_(store), clock_(clock), queue_limit_(queue_limit) {}

Result<Webhook> WebhookService::Create(const accounts::Account& actor, const WebhookInput& input) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  Webhook fresh;
  fresh.secret = NewSecret();
  fresh.created_at = clock_.Now();
  Result<Webhook> webhook = Checked(std::move(fresh), input);
  if (!webhook.ok()) return webhook;
  Result<Id> id = store_.InsertWebhook(*webhook);
  if (!id.ok()) return std::move(id).error();
  webhook->id = *id;
  base::LogInfo("webhooks: " + actor.display_name + " added webhook " + std::to_string(*id) + " for " + webhook->url);
  return webhook;
}

Result<Webhook> WebhookService::Update(const accounts::Account& actor, Id id, const WebhookInput& input) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  Result<Webhook> current = store_.FindWebhook(id);
  if (!current.ok()) return current;
  Result<Webhook> webhook = Checked(std::move(*current), input);
  if (!webhook.ok()) return webhook;
  GZ_TRY(store_.UpdateWebhook(*webhook));
  return Masked(std::move(*webhook));
}

Result<Webhook> WebhookService::RotateSecret(const accounts::Account& actor, Id id) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  Result<Webhook> webhook = store_.FindWebhook(id);
  if (!webhook.ok()) return webhook;
  webhook->secret = NewSecret();
  GZ_TRY(store_.UpdateWebhook(*webhook));
  base::LogInfo("webhooks: " + actor.display_name + " rotated the secret of webhook " + std::to_string(id));
  return webhook;
}

Status WebhookService::Remove(const accounts::Account& actor, Id id) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  GZ_TRY(store_.DeleteWebhook(id));
  base::LogInfo("webhooks: " + actor.display_name + " removed webhook " + std::to_string(id));
  return {};
}

Result<std::vector<Webhook>> WebhookService::List(const accounts::Account& actor) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  Result<std::vector<Webhook>> all = store_.ListWebhooks();
  if (!all.ok()) return all;
  for (Webhook& w : *all) w.secret.clear();
  return all;
}

Result<Webhook> WebhookService::Find(const accounts::Account& actor, Id id) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  Result<Webhook> webhook = store_.FindWebhook(id);
  if (!webhook.ok()) return webhook;
  return Masked(std::move(*webhook));
}

Result<std::vector<Delivery>> WebhookService::Deliveries(const accounts::Account& actor, Id webhook_id, int offset,
                                                         int limit) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  GZ_TRY(store_.FindWebhook(webhook_id));
  return store_.Deliveries(webhook_id, std::max(0, offset), std::clamp(limit, 1, kMaxPage));
}

Result<Delivery> WebhookService::FindDelivery(const accounts::Account& actor, Id delivery_id) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  return store_.FindDelivery(delivery_id);
}

Result<Delivery> WebhookService::SendAgain(const accounts::Account& actor, Id delivery_id) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageWebhooks));
  Result<Delivery> failed = store_.FindDelivery(delivery_id);
  if (!failed.ok()) return failed;
  if (failed->state != DeliveryState::kFailed) {
    return Error::Conflict(std::string("Only a failed delivery can be sent again; this one is ") +
                           DeliveryStateName(failed->state) + ".");
  }
  Result<Webhook> webhook = store_.FindWebhook(failed->webhook_id);
  if (!webhook.ok()) return std::move(webhook).error();
  if (!webhook->active) return Error::Conflict("The webhook is disabled: enable it before sending again.", "active");
  Delivery again;
  again.webhook_id = failed->webhook_id;
  again.event = failed->event;
  again.subject_id = failed->subject_id;
  again.payload = failed->payload;
  again.created_at = again.next_attempt_at = clock_.Now();
  Result<std::vector<Id>> ids = store_.InsertDeliveries({again});
  if (!ids.ok()) return std::move(ids).error();
  again.id = ids->front();
  WakeDispatcher();
  return again;
}

void WebhookService::Listen(base::EventBus& bus) {
  bus.Subscribe([this](const base::Event& event) { Queue(event); });
}

bool WebhookService::Queue(const base::Event& event) {
  if (!IsKnownEvent(event.type)) return false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= queue_limit_) {
      base::LogError("webhooks: the queue is full; dropped " + event.type + " " + std::to_string(event.id));
      return false;
    }
    queue_.push_back({event, clock_.Now()});
  }
  WakeDispatcher();
  return true;
}

std::vector<QueuedEvent> WebhookService::TakeQueued() {
  std::lock_guard lock(mutex_);
  std::vector<QueuedEvent> out(queue_.begin(), queue_.end());
  queue_.clear();
  return out;
}

void WebhookService::OnQueued(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void WebhookService::WakeDispatcher() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    wake = wake_;
  }
  if (wake) wake();
}

}  // namespace gazette::webhooks
