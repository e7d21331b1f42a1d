// The admin API: bearer tokens, and articles through the newsroom's
// workflow (create, list, read, edit with optimistic locking, the steps).
#include <boost/json/array.hpp>

#include "api/api.h"
#include "api/article_fields.h"
#include "base/log.h"
#include "base/text.h"
#include "web/offload.h"

namespace gazette::api {

namespace {

base::Error NoSuchArticle() { return base::Error::NotFound("There is no such article."); }

base::Error Stale(std::int64_t sent, std::int64_t now) {
  return base::Error::Conflict("The article is at version " + std::to_string(now) + ", not " + std::to_string(sent) +
                                   ": someone saved it after you read it. GET it again, apply your changes to it and "
                                   "send them with version " +
                                   std::to_string(now) + ".",
                               "version");
}

// A query parameter that is present and not empty.
std::optional<std::string> Param(const http::Request& request, std::string_view name) {
  std::optional<std::string> value = request.QueryParam(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

}  // namespace

std::variant<Api::Actor, http::Response> Api::Authenticate(const http::Request& request) const {
  std::string_view header = base::Trim(request.Header("Authorization"));
  if (header.empty()) {
    return Unauthorized(
        "Send an API token: \"Authorization: Bearer gzt_...\" (an admin creates one with "
        "gazette token create).",
        false);
  }
  if (header.size() < 7 || base::AsciiLower(header.substr(0, 7)) != "bearer ") {
    return Unauthorized("Send the token with the Bearer scheme: \"Authorization: Bearer gzt_...\".", false);
  }
  Result<Actor> actor = s_.accounts.AuthenticateToken(base::Trim(header.substr(7)));
  if (!actor.ok()) {
    if (actor.error().code != base::ErrorCode::kNotFound) return ApiError(actor.error());
    return Unauthorized("This token is unknown or was revoked.", true);
  }
  if (actor->deleted) return Unauthorized("This token's account was deleted.", true);
  return std::move(*actor);
}

http::Response Api::Read(const http::Request& request, const std::function<http::Response(const Actor&)>& work) const {
  auto who = Authenticate(request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  return work(std::get<Actor>(who));
}

http::Response Api::Write(const http::Request& request, bool empty_ok,
                          std::function<http::Response(const Actor&, const json::object&)> work) const {
  auto who = Authenticate(request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  std::string problem;
  std::optional<json::object> body = ParseBody(request.body, empty_ok, problem);
  if (!body) return BadRequest(problem);
  http::Response r = web::Offload(
      s_.writes, [actor = std::get<Actor>(std::move(who)), body = std::move(*body), work = std::move(work)] {
        try {
          return work(actor, body);
        } catch (const std::exception& e) {
          base::LogError(std::string("api: ") + e.what());
          return ApiError(base::Error::Internal(e.what()));
        }
      });
  if (!r.deferred && r.status == 503) {
    base::Error busy{base::ErrorCode::kUnavailable, "The server is busy. Try again in a moment.", {}, {}};
    busy.retry_after = 2;
    return ApiError(busy);
  }
  return r;
}

Result<json::object> Api::StoryJson(const newsroom::Story& story) const {
  Result<comments::ArticleInfo> info = s_.comments.Article(story.article.id);
  if (!info.ok()) return std::move(info).error();
  return AdminArticleJson(story, info->article_policy, s_.site, s_.content);
}

Status Api::MayChangePolicy(const Actor& actor) const {
  if (comments::RequireModerator(actor).ok()) return {};
  return base::Error::Forbidden(std::string("Changing an article's comment policy needs a moderator's, editor's or "
                                            "admin's token; this one is an ") +
                                accounts::RoleName(actor.role) + "'s.");
}

http::Response Api::ListArticles(const http::Request& request) const {
  return Read(request, [&](const Actor& actor) {
    if (Status may = accounts::Require(actor, accounts::Action::kWriteArticles); !may.ok())
      return ApiError(may.error());
    Result<Paging> paging = PagingParams(request);
    if (!paging.ok()) return ApiError(paging.error());
    core::ArticleQuery query;
    query.status.reset();
    query.order = core::ArticleQuery::Order::kRecentlyUpdated;
    query.limit = paging->limit;
    query.offset = paging->offset;
    if (std::optional<std::string> status = Param(request, "status")) {
      query.status = core::ParseStatus(*status);
      if (!query.status) {
        return ApiError(base::Error::Invalid(
            "status must be draft, review, scheduled, published or unpublished, not \"" + *status + "\".", "status"));
      }
    }
    if (std::optional<std::string> slug = Param(request, "section")) {
      Result<core::Section> section = s_.content.FindSection(*slug);
      if (!section.ok()) {
        base::Error e = section.error();
        if (e.code == base::ErrorCode::kNotFound) e = base::Error::NotFound("There is no section \"" + *slug + "\".");
        e.field = "section";
        return ApiError(e);
      }
      query.section_id = section->id;
    }
    if (std::optional<std::string> slug = Param(request, "author")) {
      Result<core::Author> author = s_.content.FindAuthor(*slug);
      if (!author.ok()) {
        base::Error e = author.error();
        if (e.code == base::ErrorCode::kNotFound) e = base::Error::NotFound("There is no author \"" + *slug + "\".");
        e.field = "author";
        return ApiError(e);
      }
      query.author_id = author->id;
    }
    if (std::optional<std::string> text = Param(request, "q")) {
      if (!base::IsValidUtf8(*text) || base::HasControlCharacters(*text)) {
        return ApiError(base::Error::Invalid("q must be text.", "q"));
      }
      query.text = std::string(base::Trim(*text));
    }
    Result<newsroom::ArticleList> list = s_.newsroom.List(actor, query);
    if (!list.ok()) return ApiError(list.error());
    json::array out;
    for (const core::ArticleSummary& summary : list->articles) {
      Result<newsroom::Story> story = s_.newsroom.Open(actor, summary.id);
      if (!story.ok()) {
        if (story.error().code == base::ErrorCode::kNotFound) continue;
        return ApiError(story.error());
      }
      Result<json::object> item = StoryJson(*story);
      if (!item.ok()) return ApiError(item.error());
      out.push_back(std::move(*item));
    }
    return Json(200, json::object{{"articles", std::move(out)},
                                  {"total", list->total},
                                  {"limit", paging->limit},
                                  {"offset", paging->offset}});
  });
}

http::Response Api::CreateArticle(const http::Request& request) const {
  return Write(request, false, [this](const Actor& actor, const json::object& body) {
    if (Status may = accounts::Require(actor, accounts::Action::kWriteArticles); !may.ok())
      return ApiError(may.error());
    Result<ArticleRequest> wanted = ParseCreate(body, s_.content);
    if (!wanted.ok()) return ApiError(wanted.error());
    bool set_policy = wanted->set_policy && wanted->policy.has_value();  // null: inherit, as a new article does
    if (set_policy) {
      if (Status may = MayChangePolicy(actor); !may.ok()) return ApiError(may.error());
    }
    newsroom::ArticleEdit edit;
    edit.content = std::move(wanted->content);
    Result<newsroom::Story> made = s_.newsroom.Create(actor, edit);
    if (!made.ok()) return ApiError(made.error());
    core::Id id = made->article.id;
    if (set_policy) {
      if (Status set = s_.moderation.SetArticlePolicy(&actor, id, wanted->policy); !set.ok())
        return ApiError(set.error());
    }
    Result<json::object> out = StoryJson(*made);
    if (!out.ok()) return ApiError(out.error());
    http::Response r = Json(201, *out);
    r.Set("Location", "/api/v1/admin/articles/" + std::to_string(id));
    return r;
  });
}

http::Response Api::GetArticle(const http::Request& request, std::string_view id_text) const {
  return Read(request, [&](const Actor& actor) {
    std::optional<std::int64_t> id = web::ParseId(id_text);
    if (!id) return ApiError(NoSuchArticle());
    Result<newsroom::Story> story = s_.newsroom.Open(actor, *id);
    if (!story.ok()) return ApiError(story.error());
    Result<json::object> out = StoryJson(*story);
    if (!out.ok()) return ApiError(out.error());
    return Json(200, *out);
  });
}

http::Response Api::UpdateArticle(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  return Write(request, false, [this, id](const Actor& actor, const json::object& body) {
    if (!id) return ApiError(NoSuchArticle());
    Result<newsroom::Story> story = s_.newsroom.Open(actor, *id);
    if (!story.ok()) return ApiError(story.error());
    Result<std::optional<std::int64_t>> version = VersionField(body, true);
    if (!version.ok()) return ApiError(version.error());
    if (**version != story->article.version) return ApiError(Stale(**version, story->article.version));
    Result<comments::ArticleInfo> info = s_.comments.Article(*id);
    if (!info.ok()) return ApiError(info.error());
    json::object current = AdminArticleJson(*story, info->article_policy, s_.site, s_.content);
    if (Status unchanged = CheckReadOnly(body, current); !unchanged.ok()) return ApiError(unchanged.error());
    bool to_pending = s_.newsroom.Can(actor, *story).edit_pending;
    Result<ArticleRequest> wanted = ParseUpdate(body, BaseDraft(*story, to_pending), s_.content);
    if (!wanted.ok()) return ApiError(wanted.error());
    if (to_pending && !wanted->correction_note.empty()) {
      // The service would keep the edit for review and drop the note.
      return ApiError(base::Error::Invalid(
          "Only an editor's change to a published article can be a correction; your edit will wait for review.",
          "correction_note"));
    }
    bool set_policy = wanted->set_policy && wanted->policy != info->article_policy;
    if (set_policy) {
      if (Status may = MayChangePolicy(actor); !may.ok()) return ApiError(may.error());
    }
    newsroom::ArticleEdit edit;
    edit.content = std::move(wanted->content);
    edit.version = **version;
    edit.correction = !wanted->correction_note.empty();
    edit.correction_note = wanted->correction_note;
    Result<newsroom::Story> saved = s_.newsroom.Save(actor, *id, edit);
    if (!saved.ok()) {
      base::Error e = saved.error();
      if (e.field == "correction") e.field = "correction_note";
      return ApiError(e);
    }
    if (set_policy) {
      if (Status set = s_.moderation.SetArticlePolicy(&actor, *id, wanted->policy); !set.ok())
        return ApiError(set.error());
    }
    Result<json::object> out = StoryJson(*saved);
    if (!out.ok()) return ApiError(out.error());
    return Json(200, *out);
  });
}

http::Response Api::ArticleAction(const http::Request& request, std::string_view id_text,
                                  std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  std::optional<newsroom::Step> step = newsroom::ParseStep(action);
  if (step == newsroom::Step::kSave) step.reset();  // saving is a PUT
  std::string name(action);
  return Write(request, true, [this, id, step, name](const Actor& actor, const json::object& body) {
    if (!step) {
      return ApiError(base::Error::NotFound("There is no action \"" + name +
                                            "\" on articles: use submit, publish, schedule, unpublish, send_back or "
                                            "discard_pending."));
    }
    if (!id) return ApiError(NoSuchArticle());
    // Who may see the article comes before what the body says.
    Result<newsroom::Story> story = s_.newsroom.Open(actor, *id);
    if (!story.ok()) return ApiError(story.error());
    Status known = *step == newsroom::Step::kSchedule   ? OnlyFields(body, {"version", "at"}, "a schedule's body")
                   : *step == newsroom::Step::kSendBack ? OnlyFields(body, {"version", "note"}, "a send_back's body")
                                                        : OnlyFields(body, {"version"}, "this action's body");
    if (!known.ok()) return ApiError(known.error());
    Result<std::optional<std::int64_t>> version = VersionField(body, false);
    if (!version.ok()) return ApiError(version.error());
    std::optional<base::Timestamp> at;
    if (*step == newsroom::Step::kSchedule) {
      Result<std::optional<std::string>> text = StringField(body, "at", true);
      if (!text.ok()) return ApiError(text.error());
      if (*text && !(*text)->empty()) {
        Result<base::Timestamp> when = ParsePublishTime(**text, s_.site.zone);
        if (!when.ok()) return ApiError(when.error());
        at = *when;
      }
    }
    Result<std::optional<std::string>> note = StringField(body, "note", true);
    if (!note.ok()) return ApiError(note.error());
    // The step is meant for this version of the article: the service
    // refuses it when someone changed the article since it was read.
    Result<newsroom::Story> done = s_.newsroom.Act(actor, *id, nullptr, *step, at, note->value_or(""), *version);
    if (!done.ok()) return ApiError(done.error());
    Result<json::object> out = StoryJson(*done);
    if (!out.ok()) return ApiError(out.error());
    return Json(200, *out);
  });
}

}  // namespace gazette::api
