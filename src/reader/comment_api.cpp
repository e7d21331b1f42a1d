// The JSON the article page's script uses: who is signed in (with the CSRF
// token and their votes), and the comment actions. The same services and
// rules as the HTML forms; errors as {"error": {...}}.
#include <boost/json.hpp>

#include "reader/reader.h"
#include "web/json.h"
#include "web/offload.h"

namespace gazette::reader {
namespace {

namespace json = boost::json;

json::object CommentJson(const comments::Comment& c, const web::Pages& pages) {
  const base::TimeZone& zone = pages.settings().zone;
  json::object o{{"id", c.id},
                 {"article_id", c.article_id},
                 {"status", comments::StatusName(c.status)},
                 {"author", c.author_deleted ? pages.locale().Text("deleted_account") : c.author_name},
                 {"body", c.body},
                 {"body_html", c.body_html},
                 {"upvotes", c.upvotes},
                 {"downvotes", c.downvotes},
                 {"created_at", base::FormatIso8601(c.created_at, zone)},
                 {"edited", c.edited_at.has_value()}};
  o["parent_id"] = c.parent_id ? json::value(*c.parent_id) : json::value(nullptr);
  return o;
}

}  // namespace

// Every JSON write: the CSRF header and Origin, a signed-in reader, a JSON body.
static std::variant<Reader::JsonWrite, http::Response> CheckJsonWrite(const http::Request& request,
                                                             const web::Identity& identity, const web::Pages& pages,
                                                             bool needs_body) {
  base::Status csrf = identity.CheckCsrf(request, request.Header("X-CSRF-Token"));
  if (!csrf.ok()) return web::JsonError(csrf.error(), pages.Message(csrf.error()));
  std::optional<accounts::Visitor> visitor = identity.Visitor(request);
  if (!visitor) {
    base::Error error = base::Error::Forbidden("Sign in first.").Keyed("sign_in_first");
    http::Response r = web::JsonError(error, pages.Message(error));
    r.status = 401;
    return r;
  }
  Reader::JsonWrite write{std::move(*visitor), {}};
  if (needs_body) {
    if (!http::HasContentType(request, "application/json")) {
      return web::JsonError(base::Error::Invalid("Send JSON (Content-Type: application/json).", "body"));
    }
    base::Result<json::object> body = web::JsonBody(request);
    if (!body.ok()) return web::JsonError(body.error());
    write.body = std::move(*body);
  }
  return write;
}

http::Response Reader::SessionJson(const http::Request& request) const {
  web::Identity::Csrf csrf = identity_.CsrfToken(request);
  std::optional<accounts::Visitor> visitor = identity_.Visitor(request);
  json::object out{{"signed_in", visitor.has_value()}, {"csrf", csrf.token}};
  std::optional<comments::Id> article_id;
  if (std::optional<std::string> a = request.QueryParam("article")) article_id = web::ParseId(*a);
  if (visitor) {
    const accounts::Account& a = visitor->account;
    out["account"] = json::object{{"id", a.id},
                                  {"name", a.display_name},
                                  {"role", accounts::RoleName(a.role)},
                                  {"can_moderate", accounts::CanModerate(a.role)},
                                  {"banned", a.BannedAt(pages_.Now())},
                                  {"email_confirmed", a.email_verified || !accounts_.settings().verify_email}};
    if (article_id) {
      json::object votes;
      if (auto all = comments_.VotesOf(a.id); all.ok()) {
        for (const comments::Vote& v : *all) {
          if (v.article_id == *article_id) votes[std::to_string(v.comment_id)] = v.value;
        }
      }
      json::object own;
      json::array pending;
      if (auto mine = comments_.CommentsOfSince(a.id, pages_.Now() - std::chrono::hours(24 * 30)); mine.ok()) {
        for (const comments::Comment& c : *mine) {
          if (c.article_id != *article_id) continue;
          json::object entry{{"status", comments::StatusName(c.status)}, {"body", c.body}};
          if (auto until = comments_.EditableUntil(a, c)) {
            entry["editable_until"] = base::FormatIso8601(*until, base::TimeZone::Utc());
          }
          own[std::to_string(c.id)] = std::move(entry);
          if (c.status == comments::CommentStatus::kPending) pending.push_back(CommentJson(c, pages_));
        }
      }
      out["votes"] = std::move(votes);
      out["own"] = std::move(own);
      out["pending"] = std::move(pending);
    }
  }
  if (article_id) {
    if (auto info = comments_.Article(*article_id); info.ok()) {
      out["policy"] = comments::PolicyName(comments::EffectivePolicy(*info, comments_.settings(), pages_.Now()));
    }
  }
  out["edit_minutes"] = comments_.settings().edit_minutes;
  out["max_chars"] = comments_.settings().max_chars;
  // The words the page's script shows, in the site's language.
  json::object texts;
  for (const char* key : {"your_comment", "send_comment", "reply", "write_reply", "edit", "save_changes", "cancel", "delete",
                          "delete_comment_confirm", "vote_up", "vote_down", "report", "report_reason_label", "report_note",
                          "report_spam", "report_abuse", "report_off_topic", "report_other", "report_thanks_text",
                          "comment_held_text", "pending_note", "signed_in_as", "markdown_hint", "error_text", "sending"}) {
    texts[key] = pages_.locale().Text(key);
  }
  out["texts"] = std::move(texts);
  http::Response r = web::Json(200, out);
  if (csrf.set_cookie) r.Add("Set-Cookie", *csrf.set_cookie);
  return r;
}

http::Response Reader::PostJson(const http::Request& request, std::string_view article) const {
  std::optional<comments::Id> article_id = web::ParseId(article);
  if (!article_id) return web::JsonError(base::Error::NotFound("There is no such article."));
  auto checked = CheckJsonWrite(request, identity_, pages_, true);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  JsonWrite write = std::get<JsonWrite>(std::move(checked));
  std::optional<comments::Id> parent;
  if (auto it = write.body.find("parent_id"); it != write.body.end() && !it->value().is_null()) {
    std::optional<std::int64_t> p = web::JsonInt(write.body, "parent_id");
    if (!p || *p <= 0) return web::JsonError(base::Error::Invalid("parent_id must be a comment's id.", "parent_id"));
    parent = *p;
  }
  // The checks' reads and the Markdown run here; the server thread goes on
  // serving others while the comment waits for its batch to be durable.
  auto deferred = std::make_shared<http::Deferred>();
  comments_.PostLater(write.visitor.account, *article_id, parent, web::JsonString(write.body, "body").value_or(""),
                      web::JsonString(write.body, "nonce").value_or(""), identity_.Client(request).ip,
                      [this, deferred](base::Result<comments::PostResult> posted) {
                        if (!posted.ok()) return deferred->Complete(Refused(posted.error()));
                        json::object out{{"comment", CommentJson(posted->comment, pages_)},
                                         {"held", posted->held},
                                         {"duplicate", posted->duplicate}};
                        if (posted->held) out["message"] = pages_.locale().Text("comment_held_text");
                        deferred->Complete(web::Json(posted->duplicate ? 200 : 201, out));
                      });
  return http::Response::Later(deferred);
}

// The steps every JSON action on a comment shares: the comment's id, the
// CSRF check, the signed-in reader, the body; then `act` on the writer thread.
http::Response Reader::CommentAction(const http::Request& request, std::string_view comment, bool needs_body,
                                     std::function<http::Response(const JsonWrite&, comments::Id)> act) const {
  std::optional<comments::Id> id = web::ParseId(comment);
  if (!id) return web::JsonError(base::Error::NotFound("There is no such comment."));
  auto checked = CheckJsonWrite(request, identity_, pages_, needs_body);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  return web::Offload(pools_.writes, [write = std::get<JsonWrite>(std::move(checked)), id = *id, act = std::move(act)] {
    return act(write, id);
  });
}

http::Response Reader::Refused(const base::Error& error) const { return web::JsonError(error, pages_.Message(error)); }

http::Response Reader::EditJson(const http::Request& request, std::string_view comment) const {
  return CommentAction(request, comment, true, [this](const JsonWrite& write, comments::Id id) {
    base::Result<comments::Comment> edited =
        comments_.Edit(write.visitor.account, id, web::JsonString(write.body, "body").value_or(""));
    if (!edited.ok()) return Refused(edited.error());
    return web::Json(200, json::object{{"comment", CommentJson(*edited, pages_)},
                                       {"held", edited->status == comments::CommentStatus::kPending}});
  });
}

http::Response Reader::DeleteJson(const http::Request& request, std::string_view comment) const {
  return CommentAction(request, comment, false, [this](const JsonWrite& write, comments::Id id) {
    base::Status deleted = comments_.Delete(write.visitor.account, id);
    if (!deleted.ok()) return Refused(deleted.error());
    return web::Json(200, json::object{{"deleted", true}});
  });
}

http::Response Reader::VoteJson(const http::Request& request, std::string_view comment) const {
  return CommentAction(request, comment, true, [this](const JsonWrite& write, comments::Id id) {
    std::optional<std::int64_t> value = web::JsonInt(write.body, "value");
    if (!value) return web::JsonError(base::Error::Invalid("value must be 1, -1 or 0.", "value"));
    base::Result<comments::Comment> voted = comments_.Vote(write.visitor.account, id, static_cast<int>(*value));
    if (!voted.ok()) return Refused(voted.error());
    return web::Json(200, json::object{{"upvotes", voted->upvotes}, {"downvotes", voted->downvotes}, {"value", *value}});
  });
}

http::Response Reader::ReportJson(const http::Request& request, std::string_view comment) const {
  return CommentAction(request, comment, true, [this](const JsonWrite& write, comments::Id id) {
    base::Status reported = comments_.Report(write.visitor.account, id, web::JsonString(write.body, "reason").value_or(""),
                                             web::JsonString(write.body, "text").value_or(""));
    if (!reported.ok()) return Refused(reported.error());
    return web::Json(200, json::object{{"reported", true}, {"message", pages_.locale().Text("report_thanks_text")}});
  });
}

base::Result<json::object> Reader::ExportActivity(accounts::Id account_id) const {
  base::Result<std::vector<comments::Comment>> mine = comments_.CommentsOf(account_id);
  if (!mine.ok()) return std::move(mine).error();
  base::Result<std::vector<comments::Vote>> votes = comments_.VotesOf(account_id);
  if (!votes.ok()) return std::move(votes).error();
  json::array comment_list;
  for (const comments::Comment& c : *mine) {
    json::object o = CommentJson(c, pages_);
    o.erase("author");
    comment_list.push_back(std::move(o));
  }
  json::array vote_list;
  for (const comments::Vote& v : *votes) {
    vote_list.push_back({{"comment_id", v.comment_id}, {"article_id", v.article_id}, {"value", v.value}});
  }
  return json::object{{"comments", std::move(comment_list)}, {"votes", std::move(vote_list)}};
}

}  // namespace gazette::reader
