// `gazette webhook ...`: the webhooks a site sends, and their deliveries.
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "cli/parsed.h"
#include "webhooks/webhook_store.h"

namespace gazette::cli {
namespace {

std::optional<std::int64_t> PositiveId(const std::string& text) {
  char* end = nullptr;
  long long id = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || id <= 0) return std::nullopt;
  return id;
}

std::string Joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string DeliveryDetail(const webhooks::Delivery& d, const base::TimeZone& zone) {
  switch (d.state) {
    case webhooks::DeliveryState::kDelivered:
      return "delivered " + (d.delivered_at ? base::FormatIso8601(*d.delivered_at, zone) : std::string("?")) + " in " +
             std::to_string(d.duration.count()) + " ms";
    case webhooks::DeliveryState::kPending:
      return (d.last_error.empty() ? std::string() : d.last_error + "; ") + "next attempt " +
             base::FormatIso8601(d.next_attempt_at, zone);
    case webhooks::DeliveryState::kFailed:
      return d.last_error;
  }
  return {};
}

}  // namespace

int WebhookCommand(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err) {
  const std::string& what = p.positional[0];
  if (what == "add") {
    base::Result<webhooks::Webhook> made =
        app.AddWebhook(p.positional[1], Flag(p, "--events").value_or(""), Flag(p, "--description").value_or(""));
    if (!made.ok()) return Fail(err, made.error().message);
    out << "Webhook " << made->id << " is ready: it POSTs " << Joined(made->events, ", ") << " to " << made->url
        << ".\nIts signing secret (for X-Gazette-Signature, see docs/webhooks.md) is shown only now:\n";
    out << made->secret << "\n";
    return kExitOk;
  }
  if (what == "list") {
    base::Result<std::vector<webhooks::Webhook>> all = app.Webhooks();
    if (!all.ok()) return Fail(err, all.error().message);
    if (all->empty()) out << "No webhooks.\n";
    for (const webhooks::Webhook& w : *all) {
      out << w.id << "\t" << (w.active ? "active" : "disabled") << "\t" << Joined(w.events, ",") << "\t" << w.url
          << "\t" << w.description << "\n";
    }
    return kExitOk;
  }
  std::optional<std::int64_t> id = PositiveId(p.positional[1]);
  if (!id) {
    err << "gazette: webhook " << what << " needs " << (what == "send-again" ? "a delivery's" : "a webhook's")
        << " id (see gazette webhook " << (what == "send-again" ? "deliveries ID" : "list") << "), not \""
        << p.positional[1] << "\"\n";
    return kExitUsage;
  }
  if (what == "remove") {
    base::Status removed = app.RemoveWebhook(*id);
    if (!removed.ok()) return Fail(err, removed.error().message);
    out << "Webhook " << *id << " is removed, with its delivery log.\n";
    return kExitOk;
  }
  if (what == "send-again") {
    base::Result<webhooks::Delivery> again = app.SendDeliveryAgain(*id);
    if (!again.ok()) return Fail(err, again.error().message);
    out << "Delivery " << *id << " is queued again as delivery " << again->id
        << "; the running server sends it within seconds.\n";
    return kExitOk;
  }
  int limit = 50;
  if (std::optional<std::string> l = Flag(p, "--limit")) {
    std::optional<std::int64_t> n = PositiveId(*l);
    if (!n || *n > 200) {
      err << "gazette: --limit must be a number from 1 to 200, not \"" << *l << "\"\n";
      return kExitUsage;
    }
    limit = static_cast<int>(*n);
  }
  base::Result<std::vector<webhooks::Delivery>> log = app.WebhookDeliveries(*id, limit);
  if (!log.ok()) return Fail(err, log.error().message);
  if (log->empty()) {
    out << "No deliveries yet.\n";
    return kExitOk;
  }
  base::TimeZone zone = app.SiteZone();
  out << "DELIVERY\tTIME\tEVENT\tSUBJECT\tSTATE\tATTEMPTS\tLAST STATUS\tDETAIL\n";
  for (const webhooks::Delivery& d : *log) {
    out << d.id << "\t" << base::FormatIso8601(d.created_at, zone) << "\t" << d.event << "\t" << d.subject_id << "\t"
        << webhooks::DeliveryStateName(d.state) << "\t" << d.attempts << "\t"
        << (d.last_status > 0 ? std::to_string(d.last_status) : std::string("-")) << "\t" << DeliveryDetail(d, zone)
        << "\n";
  }
  return kExitOk;
}

}  // namespace gazette::cli
