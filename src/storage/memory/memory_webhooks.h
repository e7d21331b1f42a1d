// Webhooks over a MemoryState: the in-memory side of the WebhookStore
// contract.
#pragma once

#include "storage/memory/memory_state.h"

namespace gazette::storage::memory_webhooks {

using base::Result;
using base::Status;
using webhooks::Attempt;
using webhooks::Delivery;
using webhooks::Id;
using webhooks::Webhook;

Result<std::vector<Webhook>> ListWebhooks(const MemoryState& s);
Result<Webhook> FindWebhook(const MemoryState& s, Id id);
Result<Delivery> FindDelivery(const MemoryState& s, Id id);
Result<std::vector<Delivery>> DueDeliveries(const MemoryState& s, base::Timestamp now, int limit);
Result<std::optional<base::Timestamp>> NextDeliveryAt(const MemoryState& s);
Result<std::vector<Delivery>> Deliveries(const MemoryState& s, Id webhook_id, int offset, int limit);

Result<Id> InsertWebhook(MemoryState& s, const Webhook& webhook);
Status UpdateWebhook(MemoryState& s, const Webhook& webhook);
Status DeleteWebhook(MemoryState& s, Id id);
Result<std::vector<Id>> InsertDeliveries(MemoryState& s, const std::vector<Delivery>& deliveries);
Status RecordAttempt(MemoryState& s, const Attempt& attempt);

}  // namespace gazette::storage::memory_webhooks
