// Webhooks (/admin/webhooks, admins): the list, adding one (its secret is
// shown once, on the answer to the form), changing one, rotating its secret
// (the new one shown once), removing it; and a webhook's delivery log
// (/admin/webhooks/{id}), a page at a time, where a failed delivery can be
// sent again. The rules are webhooks::WebhookService's, as on the command
// line: a refused form changes nothing.
#include <string>

#include "admin/admin_pages.h"
#include "http/status.h"
#include "web/offload.h"

namespace gazette::admin {
namespace {

using accounts::Action;

// The form field of an event's checkbox: "event_article.published".
std::string EventField(std::string_view event) { return "event_" + std::string(event); }

// The locale key that says what an event is: "admin_webhook_event_article_published".
std::string EventKey(std::string_view event) {
  std::string key = "admin_webhook_event_";
  for (char c : event) key += c == '.' ? '_' : c;
  return key;
}

// What a webhook's form sent. Events come as one checkbox each, in
// KnownEvents() order; `active` is the edit form's checkbox.
webhooks::WebhookInput InputFrom(const http::Form& form, bool active) {
  webhooks::WebhookInput input;
  input.url = form.Get("url");
  for (std::string_view event : webhooks::KnownEvents()) {
    if (form.Has(EventField(event))) input.events.emplace_back(event);
  }
  input.description = form.Get("description");
  input.active = active;
  return input;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// A URL's scheme and host ("https://hooks.example.org"), without the user
// name and password, path and query, which often carry a token (chat
// services' webhook addresses do).
std::string Origin(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::size_t start = scheme + 3;
  std::string_view authority = url.substr(start, url.find_first_of("/?#", start) - start);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  return std::string(url.substr(0, start)) + std::string(authority);
}

// The audit log's words for a webhook: where it posts, what, and whether.
// Editors read the audit log but may not see webhooks: so the host only.
std::string Described(const webhooks::Webhook& webhook) {
  return Origin(webhook.url) + " (" + Joined(webhook.events) + (webhook.active ? ")" : "; disabled)");
}

bool Has(const std::vector<std::string>& items, std::string_view item) {
  for (const std::string& i : items) {
    if (i == item) return true;
  }
  return false;
}

}  // namespace

http::Response AdminPages::WebhookList(const http::Request& request) const {
  auto staff = Allowed(request, Action::kManageWebhooks);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  return WebhookPage(request, std::get<accounts::Visitor>(staff).account, 200, {});
}

http::Response AdminPages::WebhookPage(const http::Request& request, const accounts::Account& actor, int status,
                                       const WebhookView& view) const {
  base::Result<std::vector<webhooks::Webhook>> hooks = s_.webhooks.List(actor);
  if (!hooks.ok()) return Refused(hooks.error());
  web::PageFrame frame;
  frame.title = Text("admin_webhooks");
  frame.path = "/admin/webhooks";
  std::optional<std::string> done = request.QueryParam("done");
  bool refused = !view.message.empty();
  // Fills one webhook form (`prefix` makes its ids unique: "new", "edit-3")
  // with `shown`; a refused one gets its message, and the field it is about
  // is marked invalid and described by it.
  auto fill_form = [&](render::Dict& form, const std::string& prefix, const webhooks::WebhookInput& shown,
                       bool refused_here) {
    std::string field = refused_here ? (view.field.empty() ? std::string("url") : view.field) : "";
    form.Set("form_id", prefix).Set("url", shown.url).Set("description", shown.description);
    if (shown.active) form.Show("ACTIVE_CHOSEN");
    for (std::string_view event : webhooks::KnownEvents()) {
      render::Dict box = form.Add("EVENT_CHOICE");
      std::string id = prefix + "-event-" + std::string(event);
      for (char& c : id) c = c == '.' ? '-' : c;
      box.Set("id", id).Set("name", EventField(event)).Set("event", event).Set("about", Text(EventKey(event)));
      if (Has(shown.events, event)) box.Show("EVENT_CHOSEN");
      if (field == "events") box.Show("EVENTS_INVALID");
    }
    if (!refused_here) return;
    form.Add("FORM_ERROR").Set("message", view.message);
    if (field == "events") form.Show("EVENTS_INVALID");
    if (field == "description") form.Show("DESCRIPTION_INVALID");
    if (field != "events" && field != "description") form.Show("URL_INVALID");
  };
  return Page(request, &actor, status, "admin_webhooks.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    if (done && !refused) {
      std::string key = "admin_done_webhook_" + *done;
      const std::string& text = pages_.locale().Text(key);
      if (text != key) content.Add("WEBHOOK_NOTICE").Set("message", text);
    }
    if (!view.secret.empty()) {
      render::Dict secret = content.Add("NEW_SECRET");
      secret.Set("id", static_cast<long>(view.secret_of)).Set("secret", view.secret);
      secret.Set("message", Text(view.added ? "admin_webhook_added" : "admin_webhook_rotated", "id",
                                 std::to_string(view.secret_of)));
    }
    if (hooks->empty()) content.Show("NO_WEBHOOKS");
    for (const webhooks::Webhook& w : *hooks) {
      std::string id = std::to_string(w.id);
      render::Dict row = content.Add("WEBHOOK");
      row.Set("id", static_cast<long>(w.id)).Set("url", w.url);
      row.Set("state", Text(w.active ? "admin_webhook_active" : "admin_webhook_disabled"));
      row.Set("state_class", w.active ? "state-published" : "state-unpublished");
      if (!w.description.empty()) row.Add("DESCRIPTION").Set("description", w.description);
      for (const std::string& event : w.events) row.Add("EVENT").Set("event", event);
      SetTime(row, "created", w.created_at);
      bool here = refused && view.at == id;
      bool confirming = here && view.field == "confirm";
      // The edit form shows what was typed when it was refused, else the webhook.
      webhooks::WebhookInput current{w.url, w.events, w.description, w.active};
      render::Dict edit = row.Add("EDIT");
      fill_form(edit, "edit-" + id, here && !confirming ? view.typed : current, here && !confirming);
      if (here && !confirming) row.Show("EDIT_OPEN");
      render::Dict remove = row.Add("REMOVE");
      if (confirming) remove.Add("CONFIRM_INVALID").Set("message", view.message);
    }
    render::Dict fresh = content.Add("NEW_WEBHOOK");
    bool adding = refused && view.at == "new";
    fill_form(fresh, "new", adding ? view.typed : webhooks::WebhookInput{}, adding);
  });
}

http::Response AdminPages::CreateWebhook(const http::Request& request) const {
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  base::Status allowed = accounts::Require(visitor.account, Action::kManageWebhooks);
  if (!allowed.ok()) return Refused(allowed.error());
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), form = std::move(form)] {
    const accounts::Account& actor = visitor.account;
    webhooks::WebhookInput input = InputFrom(form, true);
    base::Result<webhooks::Webhook> made = s_.webhooks.Create(actor, input);
    if (!made.ok()) {
      const base::Error& e = made.error();
      if (e.code != base::ErrorCode::kInvalid) return Refused(e);
      WebhookView view;
      view.at = "new";
      view.message = pages_.Message(e);
      view.field = e.field;
      view.typed = std::move(input);
      return WebhookPage(request, actor, http::StatusFor(e.code), view);
    }
    (void)s_.newsroom.Record(actor, "webhook.create", "webhook", made->id, Described(*made));
    WebhookView view;
    view.secret_of = made->id;
    view.secret = made->secret;
    view.added = true;
    return WebhookPage(request, actor, 200, view);
  });
}

http::Response AdminPages::WebhookAction(const http::Request& request, std::string_view id_text,
                                         std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id || (action != "update" && action != "rotate" && action != "remove")) return pages_.NotFound();
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  base::Status allowed = accounts::Require(visitor.account, Action::kManageWebhooks);
  if (!allowed.ok()) return Refused(allowed.error());
  std::string what(action);
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), form = std::move(form), id, what] {
    const accounts::Account& actor = visitor.account;
    WebhookView view;
    view.at = std::to_string(*id);
    if (what == "update") {
      view.typed = InputFrom(form, form.Has("active"));
      base::Result<webhooks::Webhook> changed = s_.webhooks.Update(actor, *id, view.typed);
      if (!changed.ok()) {
        const base::Error& e = changed.error();
        if (e.code != base::ErrorCode::kInvalid) return Refused(e);
        view.message = pages_.Message(e);
        view.field = e.field;
        return WebhookPage(request, actor, http::StatusFor(e.code), view);
      }
      (void)s_.newsroom.Record(actor, "webhook.update", "webhook", *id, Described(*changed));
      return web::SeeOther("/admin/webhooks?done=updated#webhook-" + view.at);
    }
    if (what == "rotate") {
      base::Result<webhooks::Webhook> rotated = s_.webhooks.RotateSecret(actor, *id);
      if (!rotated.ok()) return Refused(rotated.error());
      (void)s_.newsroom.Record(actor, "webhook.rotate", "webhook", *id, Origin(rotated->url));
      view.at.clear();
      view.secret_of = *id;
      view.secret = rotated->secret;
      return WebhookPage(request, actor, 200, view);
    }
    base::Result<webhooks::Webhook> doomed = s_.webhooks.Find(actor, *id);
    if (!doomed.ok()) return Refused(doomed.error());
    if (!form.Has("confirm")) {
      view.message = Text("admin_webhook_confirm_needed");
      view.field = "confirm";
      return WebhookPage(request, actor, 400, view);
    }
    base::Status removed = s_.webhooks.Remove(actor, *id);
    if (!removed.ok()) return Refused(removed.error());
    (void)s_.newsroom.Record(actor, "webhook.remove", "webhook", *id, Described(*doomed));
    return web::SeeOther("/admin/webhooks?done=removed");
  });
}

http::Response AdminPages::DeliveryLog(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  auto staff = Allowed(request, Action::kManageWebhooks);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  int page = 1;
  if (std::optional<std::string> p = request.QueryParam("page")) {
    std::optional<std::int64_t> n = web::ParseId(*p);
    if (!n || *n > 100000) return Refused(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
    page = static_cast<int>(*n);
  }
  return DeliveryLogPage(request, std::get<accounts::Visitor>(staff).account, *id, page, 200, "", 0);
}

http::Response AdminPages::DeliveryLogPage(const http::Request& request, const accounts::Account& actor,
                                           webhooks::Id id, int page, int status, const std::string& error,
                                           webhooks::Id error_at) const {
  base::Result<webhooks::Webhook> webhook = s_.webhooks.Find(actor, id);
  if (!webhook.ok()) return Refused(webhook.error());
  base::Result<std::vector<webhooks::Delivery>> deliveries =
      s_.webhooks.Deliveries(actor, id, (page - 1) * kDeliveriesPerPage, kDeliveriesPerPage + 1);
  if (!deliveries.ok()) return Refused(deliveries.error());
  bool more = static_cast<int>(deliveries->size()) > kDeliveriesPerPage;
  if (more) deliveries->pop_back();
  std::string path = "/admin/webhooks/" + std::to_string(id);
  web::PageFrame frame;
  frame.title = Text("admin_webhook_log", "id", std::to_string(id));
  frame.path = web::PagedPath(path, page);
  std::optional<std::string> done = request.QueryParam("done");
  return Page(request, &actor, status, "admin_webhook.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title).Set("id", static_cast<long>(id)).Set("url", webhook->url);
    content.Set("events", Joined(webhook->events));
    content.Set("state", Text(webhook->active ? "admin_webhook_active" : "admin_webhook_disabled"));
    content.Set("times_hint", Text("admin_webhook_times_hint", "zone", pages_.settings().zone.name()));
    if (!webhook->description.empty()) content.Add("DESCRIPTION").Set("description", webhook->description);
    // A refused "send again" is told beside its delivery, or above the log when that is on another page.
    bool in_row = false;
    for (const webhooks::Delivery& d : *deliveries) in_row = in_row || d.id == error_at;
    if (!error.empty() && !in_row) {
      content.Add("LOG_ERROR").Set("message", error);
    } else if (error.empty() && done && *done == "sent") {
      content.Add("LOG_NOTICE").Set("message", Text("admin_done_webhook_sent"));
    }
    if (deliveries->empty()) content.Show(page == 1 ? "NO_DELIVERIES" : "NO_MORE_DELIVERIES");
    for (const webhooks::Delivery& d : *deliveries) {
      render::Dict row = content.Add("DELIVERY");
      row.Set("delivery", static_cast<long>(d.id)).Set("event", d.event);
      // What it is about: the article in the editor, the comment on the moderation desk.
      bool comment = d.event.starts_with("comment.");
      std::string subject = std::to_string(d.subject_id);
      row.Set("subject_url", (comment ? "/moderation/comments/" : "/admin/articles/") + subject);
      row.Set("subject", Text(comment ? "admin_delivery_comment" : "admin_delivery_article", "id", subject));
      SetTime(row, "when", d.created_at);
      const char* state = webhooks::DeliveryStateName(d.state);
      row.Set("state", Text(std::string("admin_delivery_") + state)).Set("state_name", state);
      row.Set("attempts", static_cast<long>(d.attempts));
      if (d.attempts == 0) {
        row.Show("NOT_TRIED");
      } else if (d.last_status == 0) {
        row.Show("NO_ANSWER");
      } else {
        row.Add("HTTP_STATUS").Set("status", static_cast<long>(d.last_status));
      }
      if (!d.last_error.empty()) row.Add("LAST_ERROR").Set("error", d.last_error);
      if (d.state == webhooks::DeliveryState::kDelivered && d.delivered_at) {
        SetTime(row.Add("DELIVERED"), "delivered", *d.delivered_at);
      }
      if (d.state == webhooks::DeliveryState::kPending) {
        SetTime(row.Add("NEXT"), "next", d.next_attempt_at);
      } else {
        row.Show("NO_NEXT");
      }
      if (d.state == webhooks::DeliveryState::kFailed) row.Show("CAN_SEND_AGAIN");
      if (error_at == d.id && !error.empty()) row.Add("ROW_ERROR").Set("message", error);
    }
    if (page > 1) content.Add("NEWER").Set("url", web::PagedPath(path, page - 1));
    if (more) content.Add("OLDER").Set("url", web::PagedPath(path, page + 1));
  });
}

http::Response AdminPages::SendAgain(const http::Request& request, std::string_view id_text,
                                     std::string_view delivery_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  std::optional<std::int64_t> delivery = web::ParseId(delivery_text);
  if (!id || !delivery) return pages_.NotFound();
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  base::Status allowed = accounts::Require(visitor.account, Action::kManageWebhooks);
  if (!allowed.ok()) return Refused(allowed.error());
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), id, delivery] {
    const accounts::Account& actor = visitor.account;
    base::Result<webhooks::Delivery> failed = s_.webhooks.FindDelivery(actor, *delivery);
    if (!failed.ok()) return Refused(failed.error());
    if (failed->webhook_id != *id) return pages_.NotFound();  // another webhook's delivery
    base::Result<webhooks::Delivery> again = s_.webhooks.SendAgain(actor, *delivery);
    if (!again.ok()) {
      const base::Error& e = again.error();
      if (e.code != base::ErrorCode::kConflict) return Refused(e);
      return DeliveryLogPage(request, actor, *id, 1, http::StatusFor(e.code), pages_.Message(e), *delivery);
    }
    (void)s_.newsroom.Record(actor, "webhook.send_again", "webhook", *id,
                             "delivery " + std::to_string(*delivery) + " as " + std::to_string(again->id));
    return web::SeeOther("/admin/webhooks/" + std::to_string(*id) + "?done=sent");
  });
}

}  // namespace gazette::admin
