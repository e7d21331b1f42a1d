#include "storage/memory/memory_webhooks.h"

#include <algorithm>
#include <tuple>

namespace gazette::storage::memory_webhooks {

using base::Error;

Result<std::vector<Webhook>> ListWebhooks(const MemoryState& s) {
  std::vector<Webhook> out;
  for (const auto& [id, w] : s.webhooks) out.push_back(w);
  return out;
}

Result<Webhook> FindWebhook(const MemoryState& s, Id id) {
  auto it = s.webhooks.find(id);
  if (it == s.webhooks.end()) return Error::NotFound("There is no such webhook.");
  return it->second;
}

Result<Delivery> FindDelivery(const MemoryState& s, Id id) {
  auto it = s.deliveries.find(id);
  if (it == s.deliveries.end()) return Error::NotFound("There is no such delivery.");
  return it->second;
}

Result<std::vector<Delivery>> DueDeliveries(const MemoryState& s, base::Timestamp now, int limit) {
  std::vector<const Delivery*> due;
  for (const auto& [id, d] : s.deliveries) {
    if (d.state == webhooks::DeliveryState::kPending && d.next_attempt_at <= now) due.push_back(&d);
  }
  std::sort(due.begin(), due.end(), [](const Delivery* a, const Delivery* b) {
    return std::tie(a->next_attempt_at, a->id) < std::tie(b->next_attempt_at, b->id);
  });
  std::vector<Delivery> out;
  for (const Delivery* d : due) {
    if (static_cast<int>(out.size()) >= limit) break;
    out.push_back(*d);
  }
  return out;
}

Result<std::optional<base::Timestamp>> NextDeliveryAt(const MemoryState& s) {
  std::optional<base::Timestamp> next;
  for (const auto& [id, d] : s.deliveries) {
    if (d.state == webhooks::DeliveryState::kPending && (!next || d.next_attempt_at < *next)) next = d.next_attempt_at;
  }
  return next;
}

Result<std::vector<Delivery>> Deliveries(const MemoryState& s, Id webhook_id, int offset, int limit) {
  std::vector<Delivery> out;
  int skipped = 0;
  for (auto it = s.deliveries.rbegin(); it != s.deliveries.rend() && static_cast<int>(out.size()) < limit; ++it) {
    if (it->second.webhook_id != webhook_id) continue;
    if (skipped++ < offset) continue;
    out.push_back(it->second);
  }
  return out;
}

Result<Id> InsertWebhook(MemoryState& s, const Webhook& webhook) {
  Webhook stored = webhook;
  stored.id = ++s.last_id;
  s.webhooks[stored.id] = stored;
  return stored.id;
}

Status UpdateWebhook(MemoryState& s, const Webhook& webhook) {
  auto it = s.webhooks.find(webhook.id);
  if (it == s.webhooks.end()) return Error::NotFound("There is no such webhook.");
  Webhook updated = webhook;
  updated.created_at = it->second.created_at;
  it->second = updated;
  return {};
}

Status DeleteWebhook(MemoryState& s, Id id) {
  if (s.webhooks.erase(id) == 0) return Error::NotFound("There is no such webhook.");
  std::erase_if(s.deliveries, [&](const auto& entry) { return entry.second.webhook_id == id; });
  return {};
}

Result<std::vector<Id>> InsertDeliveries(MemoryState& s, const std::vector<Delivery>& deliveries) {
  for (const Delivery& d : deliveries) {
    if (!s.webhooks.contains(d.webhook_id)) return Error::NotFound("There is no such webhook.");
  }
  std::vector<Id> ids;
  for (const Delivery& d : deliveries) {
    Delivery stored = d;
    stored.id = ++s.last_id;
    s.deliveries[stored.id] = stored;
    ids.push_back(stored.id);
  }
  return ids;
}

Status RecordAttempt(MemoryState& s, const Attempt& a) {
  auto it = s.deliveries.find(a.delivery_id);
  if (it == s.deliveries.end()) return Error::NotFound("There is no such delivery.");
  Delivery& d = it->second;
  d.state = a.state;
  d.attempts = a.attempts;
  d.next_attempt_at = a.next_attempt_at;
  d.last_status = a.status;
  d.last_error = a.error;
  d.response_excerpt = a.response_excerpt;
  d.duration = a.duration;
  d.delivered_at = a.delivered_at;
  return {};
}

}  // namespace gazette::storage::memory_webhooks
