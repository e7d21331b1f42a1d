#include "storage/sqlite/webhook_sql.h"

#include <set>

namespace gazette::storage::sqlite::webhook_sql {

using base::Error;
using base::Result;
using base::Status;
using webhooks::DeliveryState;

namespace {

constexpr std::string_view kWebhookColumns =
    "SELECT id, url, secret, events, description, active, created_at FROM webhooks ";
constexpr std::string_view kDeliveryColumns =
    "SELECT id, webhook_id, event, subject_id, state, attempts, next_attempt_at, last_status, last_error, "
    "response_excerpt, duration_ms, created_at, delivered_at, payload FROM webhook_deliveries ";
constexpr std::string_view kInsertWebhook =
    "INSERT INTO webhooks (url, secret, events, description, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kUpdateWebhook =
    "UPDATE webhooks SET url = ?2, secret = ?3, events = ?4, description = ?5, active = ?6 WHERE id = ?1";
constexpr std::string_view kDeleteWebhook = "DELETE FROM webhooks WHERE id = ?1";
constexpr std::string_view kWebhookExists = "SELECT 1 FROM webhooks WHERE id = ?1";
constexpr std::string_view kInsertDelivery =
    "INSERT INTO webhook_deliveries (webhook_id, event, subject_id, state, attempts, next_attempt_at, last_status, "
    "last_error, response_excerpt, duration_ms, created_at, delivered_at, payload) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
constexpr std::string_view kRecordAttempt =
    "UPDATE webhook_deliveries SET state = ?2, attempts = ?3, next_attempt_at = ?4, last_status = ?5, "
    "last_error = ?6, response_excerpt = ?7, duration_ms = ?8, delivered_at = ?9 WHERE id = ?1";
constexpr std::string_view kNextDeliveryAt =
    "SELECT min(next_attempt_at) FROM webhook_deliveries WHERE state = 'pending'";

std::string JoinEvents(const std::vector<std::string>& events) {
  std::string out;
  for (const std::string& e : events) out += (out.empty() ? "" : ",") + e;
  return out;
}

std::vector<std::string> SplitEvents(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    if (comma != 0) out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

Webhook WebhookAt(const Statement& st) {
  Webhook w;
  w.id = st.Int(0);
  w.url = st.Text(1);
  w.secret = st.Text(2);
  w.events = SplitEvents(st.Text(3));
  w.description = st.Text(4);
  w.active = st.Int(5) != 0;
  w.created_at = base::FromUnixSeconds(st.Int(6));
  return w;
}

Delivery DeliveryAt(const Statement& st) {
  Delivery d;
  d.id = st.Int(0);
  d.webhook_id = st.Int(1);
  d.event = st.Text(2);
  d.subject_id = st.Int(3);
  d.state = webhooks::ParseDeliveryState(st.Text(4)).value_or(DeliveryState::kPending);
  d.attempts = static_cast<int>(st.Int(5));
  d.next_attempt_at = base::FromUnixSeconds(st.Int(6));
  d.last_status = static_cast<int>(st.Int(7));
  d.last_error = st.Text(8);
  d.response_excerpt = st.Text(9);
  d.duration = std::chrono::milliseconds(st.Int(10));
  d.created_at = base::FromUnixSeconds(st.Int(11));
  if (!st.IsNull(12)) d.delivered_at = base::FromUnixSeconds(st.Int(12));
  d.payload = st.Text(13);
  return d;
}

Status ChangedOne(Connection& c, Statement& st, const char* what) {
  GZ_TRY(st.Run());
  if (sqlite3_changes(c.raw()) == 0) return Error::NotFound(std::string("There is no such ") + what + ".");
  return {};
}

std::optional<std::int64_t> Seconds(const std::optional<base::Timestamp>& t) {
  if (!t) return std::nullopt;
  return base::ToUnixSeconds(*t);
}

}  // namespace

Result<std::vector<Webhook>> ListWebhooks(Connection& c) {
  Result<Statement> st = c.Prepare(std::string(kWebhookColumns) + "ORDER BY id");
  if (!st.ok()) return std::move(st).error();
  return CollectRows(*st, WebhookAt);
}

Result<Webhook> FindWebhook(Connection& c, Id id) {
  Result<Statement> st = c.Prepare(std::string(kWebhookColumns) + "WHERE id = ?1");
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, id);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound("There is no such webhook.");
  return WebhookAt(*st);
}

Result<Delivery> FindDelivery(Connection& c, Id id) {
  Result<Statement> st = c.Prepare(std::string(kDeliveryColumns) + "WHERE id = ?1");
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, id);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound("There is no such delivery.");
  return DeliveryAt(*st);
}

Result<std::vector<Delivery>> DueDeliveries(Connection& c, base::Timestamp now, int limit) {
  Result<Statement> st = c.Prepare(std::string(kDeliveryColumns) +
                                   "WHERE state = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id "
                                   "LIMIT ?2");
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, base::ToUnixSeconds(now)).Bind(2, std::int64_t{limit});
  return CollectRows(*st, DeliveryAt);
}

Result<std::optional<base::Timestamp>> NextDeliveryAt(Connection& c) {
  Result<Statement> st = c.Prepare(kNextDeliveryAt);
  if (!st.ok()) return std::move(st).error();
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row || st->IsNull(0)) return std::optional<base::Timestamp>();
  return std::optional<base::Timestamp>(base::FromUnixSeconds(st->Int(0)));
}

Result<std::vector<Delivery>> Deliveries(Connection& c, Id webhook_id, int offset, int limit) {
  Result<Statement> st =
      c.Prepare(std::string(kDeliveryColumns) + "WHERE webhook_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3");
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, webhook_id).Bind(2, std::int64_t{limit}).Bind(3, std::int64_t{offset});
  return CollectRows(*st, DeliveryAt);
}

Result<Id> InsertWebhook(Connection& c, const Webhook& w) {
  Result<Statement> st = c.Prepare(kInsertWebhook);
  if (!st.ok()) return std::move(st).error();
  std::string events = JoinEvents(w.events);
  st->Bind(1, std::string_view(w.url))
      .Bind(2, std::string_view(w.secret))
      .Bind(3, std::string_view(events))
      .Bind(4, std::string_view(w.description))
      .Bind(5, std::int64_t{w.active ? 1 : 0})
      .Bind(6, base::ToUnixSeconds(w.created_at));
  GZ_TRY(st->Run());
  return c.LastInsertId();
}

Status UpdateWebhook(Connection& c, const Webhook& w) {
  Result<Statement> st = c.Prepare(kUpdateWebhook);
  if (!st.ok()) return std::move(st).error();
  std::string events = JoinEvents(w.events);
  st->Bind(1, w.id)
      .Bind(2, std::string_view(w.url))
      .Bind(3, std::string_view(w.secret))
      .Bind(4, std::string_view(events))
      .Bind(5, std::string_view(w.description))
      .Bind(6, std::int64_t{w.active ? 1 : 0});
  return ChangedOne(c, *st, "webhook");
}

Status DeleteWebhook(Connection& c, Id id) {
  Result<Statement> st = c.Prepare(kDeleteWebhook);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, id);
  return ChangedOne(c, *st, "webhook");
}

Result<std::vector<Id>> InsertDeliveries(Connection& c, const std::vector<Delivery>& deliveries) {
  std::set<Id> webhooks;
  for (const Delivery& d : deliveries) webhooks.insert(d.webhook_id);
  for (Id id : webhooks) {
    Result<Statement> exists = c.Prepare(kWebhookExists);
    if (!exists.ok()) return std::move(exists).error();
    exists->Bind(1, id);
    Result<bool> row = exists->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("There is no such webhook.");
  }
  std::vector<Id> ids;
  for (const Delivery& d : deliveries) {
    Result<Statement> st = c.Prepare(kInsertDelivery);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, d.webhook_id)
        .Bind(2, std::string_view(d.event))
        .Bind(3, d.subject_id)
        .Bind(4, std::string_view(webhooks::DeliveryStateName(d.state)))
        .Bind(5, std::int64_t{d.attempts})
        .Bind(6, base::ToUnixSeconds(d.next_attempt_at))
        .Bind(7, std::int64_t{d.last_status})
        .Bind(8, std::string_view(d.last_error))
        .Bind(9, std::string_view(d.response_excerpt))
        .Bind(10, std::int64_t{d.duration.count()})
        .Bind(11, base::ToUnixSeconds(d.created_at))
        .Bind(12, Seconds(d.delivered_at))
        .Bind(13, std::string_view(d.payload));
    GZ_TRY(st->Run());
    ids.push_back(c.LastInsertId());
  }
  return ids;
}

Status RecordAttempt(Connection& c, const Attempt& a) {
  Result<Statement> st = c.Prepare(kRecordAttempt);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, a.delivery_id)
      .Bind(2, std::string_view(webhooks::DeliveryStateName(a.state)))
      .Bind(3, std::int64_t{a.attempts})
      .Bind(4, base::ToUnixSeconds(a.next_attempt_at))
      .Bind(5, std::int64_t{a.status})
      .Bind(6, std::string_view(a.error))
      .Bind(7, std::string_view(a.response_excerpt))
      .Bind(8, std::int64_t{a.duration.count()})
      .Bind(9, Seconds(a.delivered_at));
  return ChangedOne(c, *st, "delivery");
}

}  // namespace gazette::storage::sqlite::webhook_sql
