#include "moderation/moderation_pages.h"

#include "render/time_labels.h"
#include "web/comment_view.h"
#include "web/offload.h"

namespace gazette::moderation {
namespace {

// Back to the page the action came from, when it is a moderation page.
std::string ReturnTo(const http::Form& form) {
  std::string back = form.Get("return");
  if (back.rfind("/moderation", 0) != 0 || back.find_first_of("\r\n") != std::string::npos) return "/moderation";
  return back;
}

const char* kBanLengths[] = {"1", "7", "30", "forever"};

}  // namespace

void ModerationPages::AddRoutes(http::Router& router) {
  using R = const http::Request&;
  using P = const http::PathParams&;
  router.Get("/moderation", [this](R r, P) { return Queue(r, comments::QueueKind::kPending); });
  router.Get("/moderation/reported", [this](R r, P) { return Queue(r, comments::QueueKind::kReported); });
  router.Get("/moderation/log", [this](R r, P) { return Log(r); });
  router.Get("/moderation/comments/{id}", [this](R r, P p) { return CommentPage(r, p.Get("id")); });
  router.Post("/moderation/comments/{id}/{action}",
              [this](R r, P p) { return CommentAction(r, p.Get("id"), p.Get("action")); });
  router.Post("/moderation/accounts/{id}/{action}",
              [this](R r, P p) { return AccountAction(r, p.Get("id"), p.Get("action")); });
  router.Post("/moderation/articles/{id}/policy", [this](R r, P p) { return ArticlePolicy(r, p.Get("id")); });
}

std::variant<accounts::Visitor, http::Response> ModerationPages::Moderator(const http::Request& request) const {
  std::optional<accounts::Visitor> visitor = identity_.Visitor(request);
  if (!visitor) return web::SeeOther("/account/signin?next=" + http::QueryEncode(std::string(request.path)));
  base::Status allowed = comments::RequireModerator(visitor->account);
  if (!allowed.ok()) return pages_.Error(allowed.error());
  return std::move(*visitor);
}

std::variant<std::pair<accounts::Visitor, http::Form>, http::Response> ModerationPages::ModeratorForm(
    const http::Request& request) const {
  std::optional<http::Form> form =
      http::HasContentType(request, "application/x-www-form-urlencoded") ? http::Form::Parse(request.body) : std::nullopt;
  if (!form) return pages_.Error(base::Error::Invalid("The form could not be read.").Keyed("form_bad"));
  base::Status csrf = identity_.CheckCsrf(request, form->Get("csrf"));
  if (!csrf.ok()) return pages_.Error(csrf.error());
  auto moderator = Moderator(request);
  if (auto* refused = std::get_if<http::Response>(&moderator)) return std::move(*refused);
  return std::make_pair(std::get<accounts::Visitor>(std::move(moderator)), std::move(*form));
}

http::Response ModerationPages::Page(const http::Request& request, std::string_view tpl, web::PageFrame frame,
                                     const std::function<void(render::Dict&)>& fill) const {
  web::Identity::Csrf csrf = identity_.CsrfToken(request);
  frame.personal = true;
  frame.noindex = true;
  http::Response response = pages_.Render(200, tpl, frame, [&](render::Dict& content) {
    content.SetGlobal("csrf", csrf.token);
    content.SetGlobal("return_to", std::string(request.target));
    fill(content);
  });
  if (csrf.set_cookie) response.Add("Set-Cookie", *csrf.set_cookie);
  return response;
}

http::Response ModerationPages::Queue(const http::Request& request, comments::QueueKind kind) const {
  auto moderator = Moderator(request);
  if (auto* refused = std::get_if<http::Response>(&moderator)) return std::move(*refused);
  const accounts::Account& mod = std::get<accounts::Visitor>(moderator).account;
  int page = 1;
  if (std::optional<std::string> p = request.QueryParam("page")) {
    std::optional<std::int64_t> n = web::ParseId(*p);
    if (!n || *n > 100000) return pages_.Error(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
    page = static_cast<int>(*n);
  }
  base::Result<std::int64_t> pending = moderation_.QueueSize(mod, comments::QueueKind::kPending);
  base::Result<std::int64_t> reported = moderation_.QueueSize(mod, comments::QueueKind::kReported);
  base::Result<std::vector<comments::QueueItem>> items =
      moderation_.Queue(mod, kind, (page - 1) * kQueuePageSize, kQueuePageSize);
  if (!pending.ok() || !reported.ok() || !items.ok()) {
    return pages_.Error(!items.ok() ? items.error() : base::Error::Internal("queue size"));
  }
  std::int64_t total = kind == comments::QueueKind::kPending ? *pending : *reported;
  int pages = static_cast<int>(std::max<std::int64_t>(1, (total + kQueuePageSize - 1) / kQueuePageSize));
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = pages_.locale().Text(kind == comments::QueueKind::kPending ? "queue_pending" : "queue_reported");
  frame.path = std::string(request.path);
  return Page(request, "moderation.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    content.Set("pending_count", static_cast<long>(*pending)).Set("reported_count", static_cast<long>(*reported));
    content.Show(kind == comments::QueueKind::kPending ? "TAB_PENDING" : "TAB_REPORTED");
    if (items->empty()) content.Show("QUEUE_EMPTY");
    for (const comments::QueueItem& item : *items) {
      render::Dict entry = content.Add("ENTRY");
      const comments::Comment& c = item.comment;
      entry.Set("comment_id", static_cast<long>(c.id));
      entry.Set("author_id", static_cast<long>(c.account_id));
      entry.Set("article_headline", item.article.headline);
      entry.Set("article_url", web::ArticleAddress(item.article.id, item.article.slug));
      entry.Set("author", item.author.deleted ? pages_.locale().Text("deleted_account") : item.author.display_name);
      entry.Set("approved", static_cast<long>(item.author.approved_comments));
      entry.Set("iso", base::FormatIso8601(c.created_at, pages_.settings().zone));
      entry.Set("time_label", render::TimeLabel(c.created_at, view.now, pages_.settings().zone, view.locale));
      entry.Set("body_html", c.body_html);
      if (!c.moderation_note.empty()) entry.Add("NOTE").Set("note", c.moderation_note);
      if (item.parent) entry.Add("CONTEXT").Set("parent_author", item.parent->author_name).Set("parent_html", item.parent->body_html);
      for (const comments::Report& r : item.reports) {
        render::Dict report = entry.Add("REPORT");
        report.Set("reason", pages_.locale().Text("report_" + r.reason)).Set("reporter", r.reporter_name);
        if (!r.text.empty()) report.Add("REPORT_TEXT").Set("text", r.text);
      }
      if (c.status == comments::CommentStatus::kVisible && !c.featured) entry.Show("CAN_FEATURE");
      if (item.author.BannedAt(view.now)) entry.Show("AUTHOR_BANNED");
      else if (!accounts::CanModerate(item.author.role) && !item.author.deleted) entry.Show("CAN_BAN");
      for (const char* length : kBanLengths) {
        entry.Add("BAN_LENGTH").Set("value", length).Set("label", pages_.locale().Text(std::string("ban_") + length));
      }
    }
    web::FillPagination(content, view, page, pages, std::string(request.path));
  });
}

http::Response ModerationPages::CommentPage(const http::Request& request, std::string_view id_text) const {
  auto moderator = Moderator(request);
  if (auto* refused = std::get_if<http::Response>(&moderator)) return std::move(*refused);
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  base::Result<comments::Comment> comment = comments_.Find(*id);
  if (!comment.ok()) return pages_.NotFound();
  base::Result<comments::ArticleInfo> article = comments_.Article(comment->article_id);
  if (!article.ok()) return pages_.NotFound();
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = pages_.locale().Text("moderate_comment");
  frame.path = std::string(request.path);
  return Page(request, "moderate_comment.tpl", frame, [&](render::Dict& content) {
    const comments::Comment& c = *comment;
    content.Set("comment_id", static_cast<long>(c.id)).Set("author_id", static_cast<long>(c.account_id));
    content.Set("article_id", static_cast<long>(article->id));
    content.Set("article_headline", article->headline).Set("article_url", web::ArticleAddress(article->id, article->slug));
    content.Set("status", pages_.locale().Text(std::string("status_") + comments::StatusName(c.status)));
    content.Set("author", c.author_deleted ? pages_.locale().Text("deleted_account") : c.author_name);
    content.Set("body_html", c.body_html);
    content.Set("iso", base::FormatIso8601(c.created_at, pages_.settings().zone));
    content.Set("time_label", render::TimeLabel(c.created_at, view.now, pages_.settings().zone, view.locale));
    if (!c.moderation_note.empty()) content.Add("NOTE").Set("note", c.moderation_note);
    bool removed = c.status == comments::CommentStatus::kDeleted || c.status == comments::CommentStatus::kRejected;
    if (!removed && !c.Counted()) content.Show("CAN_APPROVE");
    if (!removed) content.Show("CAN_REJECT");
    if (c.Counted()) content.Show(c.featured ? "CAN_UNFEATURE" : "CAN_FEATURE");
    for (const char* length : kBanLengths) {
      content.Add("BAN_LENGTH").Set("value", length).Set("label", pages_.locale().Text(std::string("ban_") + length));
    }
    for (const char* policy : {"inherit", "open", "premoderated", "closed"}) {
      render::Dict option = content.Add("POLICY");
      option.Set("value", policy).Set("label", pages_.locale().Text(std::string("policy_") + policy));
      std::string current = article->article_policy ? comments::PolicyName(*article->article_policy) : "inherit";
      if (current == policy) option.Show("SELECTED");
    }
  });
}

http::Response ModerationPages::CommentAction(const http::Request& request, std::string_view id_text,
                                              std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id || (action != "approve" && action != "reject" && action != "feature" && action != "unfeature")) {
    return pages_.NotFound();
  }
  auto checked = ModeratorForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  std::string what(action);
  return web::Offload(writes_, [this, visitor = std::move(visitor), form = std::move(form), id, what] {
    const accounts::Account& mod = visitor.account;
    base::Status done = what == "approve"  ? moderation_.Approve(mod, *id)
                        : what == "reject" ? moderation_.Reject(mod, *id, form.Get("reason"))
                                           : moderation_.Feature(mod, *id, what == "feature");
    if (!done.ok()) return pages_.Error(done.error());
    return web::SeeOther(ReturnTo(form));
  });
}

http::Response ModerationPages::AccountAction(const http::Request& request, std::string_view id_text,
                                              std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id || (action != "ban" && action != "unban")) return pages_.NotFound();
  auto checked = ModeratorForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  std::string what(action);
  return web::Offload(writes_, [this, visitor = std::move(visitor), form = std::move(form), id, what] {
    const accounts::Account& mod = visitor.account;
    base::Status done;
    if (what == "unban") {
      done = moderation_.Unban(mod, *id);
    } else {
      std::string length = form.Get("length");
      comments::BanLength ban;
      if (length == "1" || length == "7" || length == "30") {
        ban = std::chrono::hours(24 * std::stoi(length));
      } else if (length != "forever") {
        return pages_.Error(base::Error::Invalid("Choose how long the ban lasts.", "length").Keyed("ban_length"));
      }
      done = moderation_.Ban(mod, *id, ban, form.Get("reason"));
    }
    if (!done.ok()) return pages_.Error(done.error());
    return web::SeeOther(ReturnTo(form));
  });
}

http::Response ModerationPages::ArticlePolicy(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  auto checked = ModeratorForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  return web::Offload(writes_, [this, visitor = std::move(visitor), form = std::move(form), id] {
    std::string value = form.Get("policy");
    std::optional<comments::Policy> policy = comments::ParsePolicy(value);
    if (!policy && value != "inherit") {
      return pages_.Error(base::Error::Invalid("Choose a comment policy.", "policy").Keyed("policy_bad"));
    }
    base::Status done = moderation_.SetArticlePolicy(&visitor.account, *id, policy);
    if (!done.ok()) return pages_.Error(done.error());
    return web::SeeOther(ReturnTo(form));
  });
}

http::Response ModerationPages::Log(const http::Request& request) const {
  auto moderator = Moderator(request);
  if (auto* refused = std::get_if<http::Response>(&moderator)) return std::move(*refused);
  const accounts::Account& mod = std::get<accounts::Visitor>(moderator).account;
  int page = 1;
  if (std::optional<std::string> p = request.QueryParam("page")) {
    std::optional<std::int64_t> n = web::ParseId(*p);
    if (!n || *n > 100000) return pages_.Error(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
    page = static_cast<int>(*n);
  }
  base::Result<std::vector<comments::LogEntry>> entries = moderation_.Log(mod, (page - 1) * kLogPageSize, kLogPageSize + 1);
  if (!entries.ok()) return pages_.Error(entries.error());
  bool more = static_cast<int>(entries->size()) > kLogPageSize;
  if (more) entries->pop_back();
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = pages_.locale().Text("moderation_log");
  frame.path = "/moderation/log";
  return Page(request, "moderation_log.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    if (entries->empty()) content.Show("LOG_EMPTY");
    for (const comments::LogEntry& e : *entries) {
      render::Dict row = content.Add("ROW");
      row.Set("iso", base::FormatIso8601(e.created_at, pages_.settings().zone));
      row.Set("time_label", render::TimeLabel(e.created_at, view.now, pages_.settings().zone, view.locale));
      row.Set("actor", e.actor_name);
      row.Set("action", pages_.locale().Text("action_" + e.action));
      row.Set("detail", e.detail);
      if (e.comment_id) row.Add("COMMENT_LINK").Set("url", "/moderation/comments/" + std::to_string(*e.comment_id)).Set("id", static_cast<long>(*e.comment_id));
      if (e.account_id) row.Add("ACCOUNT").Set("id", static_cast<long>(*e.account_id));
      if (e.article_id) row.Add("ARTICLE_LINK").Set("url", "/news/" + std::to_string(*e.article_id)).Set("id", static_cast<long>(*e.article_id));
    }
    if (page > 1) content.Add("NEWER").Set("url", web::PagedPath("/moderation/log", page - 1));
    if (more) content.Add("OLDER").Set("url", web::PagedPath("/moderation/log", page + 1));
  });
}

}  // namespace gazette::moderation
