// The webhooks' queries of the SQLite backend, over one connection.
#pragma once

#include "storage/sqlite/connection.h"
#include "webhooks/webhook_store.h"

namespace gazette::storage::sqlite::webhook_sql {

using webhooks::Attempt;
using webhooks::Delivery;
using webhooks::Id;
using webhooks::Webhook;

base::Result<std::vector<Webhook>> ListWebhooks(Connection& c);
base::Result<Webhook> FindWebhook(Connection& c, Id id);
base::Result<Delivery> FindDelivery(Connection& c, Id id);
base::Result<std::vector<Delivery>> DueDeliveries(Connection& c, base::Timestamp now, int limit);
base::Result<std::optional<base::Timestamp>> NextDeliveryAt(Connection& c);
base::Result<std::vector<Delivery>> Deliveries(Connection& c, Id webhook_id, int offset, int limit);

base::Result<Id> InsertWebhook(Connection& c, const Webhook& webhook);
base::Status UpdateWebhook(Connection& c, const Webhook& webhook);
base::Status DeleteWebhook(Connection& c, Id id);
base::Result<std::vector<Id>> InsertDeliveries(Connection& c, const std::vector<Delivery>& deliveries);
base::Status RecordAttempt(Connection& c, const Attempt& attempt);

}  // namespace gazette::storage::sqlite::webhook_sql
