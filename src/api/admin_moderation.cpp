// The admin API's moderation: the queues of held and reported comments, the
// actions on a comment, banning and unbanning its author. Moderators,
// editors and admins, through comments::ModerationService as the
// moderation desk (/moderation).
#include <boost/json/array.hpp>

#include "api/api.h"
#include "base/text.h"
#include "web/urls.h"

namespace gazette::api {

namespace {

constexpr int kMaxBanDays = 3650;

json::value Time(const std::optional<base::Timestamp>& t, const base::TimeZone& zone) {
  return t ? json::value(base::FormatIso8601(*t, zone)) : json::value(nullptr);
}

json::object CommentJson(const comments::Comment& c, const base::TimeZone& zone) {
  json::object o;
  o["id"] = c.id;
  o["article_id"] = c.article_id;
  o["parent_id"] = c.parent_id ? json::value(*c.parent_id) : json::value(nullptr);
  o["account_id"] = c.account_id;
  o["author"] = c.author_deleted ? json::value(nullptr) : json::value(c.author_name);
  o["body"] = c.body;
  o["body_html"] = c.body_html;
  o["status"] = comments::StatusName(c.status);
  o["hidden"] = c.hidden;
  o["featured"] = c.featured;
  o["upvotes"] = c.upvotes;
  o["downvotes"] = c.downvotes;
  o["reports"] = c.reports;
  o["created_at"] = base::FormatIso8601(c.created_at, zone);
  o["edited_at"] = Time(c.edited_at, zone);
  o["moderation_note"] = c.moderation_note;
  return o;
}

// When a ban ends: null while not banned and for a ban for good.
json::value BanEnd(const accounts::Account& a, base::Timestamp now, const base::TimeZone& zone) {
  if (!a.BannedAt(now) || base::ToUnixSeconds(*a.banned_until) >= accounts::kForeverUnixSeconds) return nullptr;
  return json::value(base::FormatIso8601(*a.banned_until, zone));
}

// A ban's "length": days (1 to 3650, a number or digits) or "forever".
Result<comments::BanLength> BanLengthOf(const json::object& body) {
  base::Error bad = base::Error::Invalid(
      "length must be a number of days from 1 to " + std::to_string(kMaxBanDays) + ", or \"forever\".", "length");
  auto it = body.find("length");
  if (it == body.end()) return bad;
  const json::value& v = it->value();
  std::int64_t days = 0;
  if (v.is_string()) {
    std::string_view text(v.as_string());
    if (text == "forever") return comments::BanLength();
    if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string_view::npos) return bad;
    days = std::stoll(std::string(text));
  } else if (v.is_int64() || v.is_uint64()) {
    boost::system::error_code ec;
    days = v.to_number<std::int64_t>(ec);
    if (ec) return bad;
  } else {
    return bad;
  }
  if (days < 1 || days > kMaxBanDays) return bad;
  return comments::BanLength(std::chrono::hours(24 * days));
}

}  // namespace

http::Response Api::CommentQueue(const http::Request& request) const {
  return Read(request, [&](const Actor& actor) {
    if (Status may = comments::RequireModerator(actor); !may.ok()) return ApiError(may.error());
    comments::QueueKind kind = comments::QueueKind::kPending;
    std::string queue = request.QueryParam("queue").value_or("pending");
    if (queue == "reported") {
      kind = comments::QueueKind::kReported;
    } else if (queue != "pending") {
      return ApiError(base::Error::Invalid("queue must be pending or reported.", "queue"));
    }
    Result<Paging> paging = PagingParams(request);
    if (!paging.ok()) return ApiError(paging.error());
    Result<std::int64_t> total = s_.moderation.QueueSize(actor, kind);
    if (!total.ok()) return ApiError(total.error());
    Result<std::vector<comments::QueueItem>> items = s_.moderation.Queue(actor, kind, paging->offset, paging->limit);
    if (!items.ok()) return ApiError(items.error());
    const base::TimeZone& zone = s_.site.zone;
    base::Timestamp now = s_.clock.Now();
    json::array out;
    for (const comments::QueueItem& item : *items) {
      json::object entry;
      entry["comment"] = CommentJson(item.comment, zone);
      entry["article"] = json::object{{"id", item.article.id},
                                      {"headline", item.article.headline},
                                      {"url", s_.site.base_url + web::ArticlePath(item.article.id, item.article.slug)}};
      entry["parent"] = item.parent ? json::value(CommentJson(*item.parent, zone)) : json::value(nullptr);
      const accounts::Account& a = item.author;
      entry["author"] = json::object{{"id", a.id},
                                     {"name", a.deleted ? json::value(nullptr) : json::value(a.display_name)},
                                     {"banned", a.BannedAt(now)},
                                     {"banned_until", BanEnd(a, now, zone)},
                                     {"approved_comments", a.approved_comments}};
      json::array reports;
      for (const comments::Report& r : item.reports) {
        reports.push_back(json::object{{"reason", r.reason},
                                       {"text", r.text},
                                       {"reporter", r.reporter_name},
                                       {"created_at", base::FormatIso8601(r.created_at, zone)}});
      }
      entry["reports"] = std::move(reports);
      out.push_back(std::move(entry));
    }
    return Json(200, json::object{{"comments", std::move(out)},
                                  {"queue", queue},
                                  {"total", *total},
                                  {"limit", paging->limit},
                                  {"offset", paging->offset}});
  });
}

http::Response Api::CommentAction(const http::Request& request, std::string_view id_text,
                                  std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  std::string what(action);
  return Write(request, true, [this, id, what](const Actor& actor, const json::object& body) {
    if (what != "approve" && what != "reject" && what != "feature" && what != "unfeature") {
      return ApiError(base::Error::NotFound("There is no action \"" + what +
                                            "\" on comments: use approve, reject, feature or unfeature."));
    }
    if (Status may = comments::RequireModerator(actor); !may.ok()) return ApiError(may.error());
    Status known = what == "reject" ? OnlyFields(body, {"reason"}, "a rejection's body")
                                    : OnlyFields(body, {}, "this action's body");
    if (!known.ok()) return ApiError(known.error());
    Result<std::optional<std::string>> reason = StringField(body, "reason", true);
    if (!reason.ok()) return ApiError(reason.error());
    if (!id) return ApiError(base::Error::NotFound("There is no such comment."));
    Status done = what == "approve"  ? s_.moderation.Approve(actor, *id)
                  : what == "reject" ? s_.moderation.Reject(actor, *id, reason->value_or(""))
                                     : s_.moderation.Feature(actor, *id, what == "feature");
    if (!done.ok()) return ApiError(done.error());
    Result<comments::Comment> comment = s_.comments.Find(*id);
    if (!comment.ok()) return ApiError(comment.error());
    return Json(200, CommentJson(*comment, s_.site.zone));
  });
}

http::Response Api::AccountAction(const http::Request& request, std::string_view id_text,
                                  std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  std::string what(action);
  return Write(request, true, [this, id, what](const Actor& actor, const json::object& body) {
    if (what != "ban" && what != "unban") {
      return ApiError(base::Error::NotFound("There is no action \"" + what + "\" on accounts: use ban or unban."));
    }
    if (Status may = comments::RequireModerator(actor); !may.ok()) return ApiError(may.error());
    if (what == "unban") {
      if (Status known = OnlyFields(body, {}, "an unban's body"); !known.ok()) return ApiError(known.error());
      if (!id) return ApiError(base::Error::NotFound("There is no such account."));
      if (Status done = s_.moderation.Unban(actor, *id); !done.ok()) return ApiError(done.error());
      return Json(200, json::object{{"account_id", *id}, {"banned", false}, {"banned_until", nullptr}, {"reason", ""}});
    }
    if (Status known = OnlyFields(body, {"length", "reason"}, "a ban's body"); !known.ok())
      return ApiError(known.error());
    Result<comments::BanLength> length = BanLengthOf(body);
    if (!length.ok()) return ApiError(length.error());
    Result<std::optional<std::string>> reason = StringField(body, "reason", true);
    if (!reason.ok()) return ApiError(reason.error());
    if (!id) return ApiError(base::Error::NotFound("There is no such account."));
    base::Timestamp now = s_.clock.Now();
    if (Status done = s_.moderation.Ban(actor, *id, *length, reason->value_or("")); !done.ok()) {
      return ApiError(done.error());
    }
    json::value until = *length ? json::value(base::FormatIso8601(now + **length, s_.site.zone)) : json::value(nullptr);
    return Json(200, json::object{{"account_id", *id},
                                  {"banned", true},
                                  {"banned_until", std::move(until)},
                                  {"reason", std::string(base::Trim(reason->value_or("")))}});
  });
}

}  // namespace gazette::api
