// The newsroom's article list (/admin): filters by state, section, author
// (the staff member who created it) and text in the headline, and pages.
// Authors see only their own articles: the service sees to it.
#include <map>

#include "admin/admin_pages.h"
#include "base/text.h"
#include "web/urls.h"

namespace gazette::admin {
namespace {

constexpr core::ArticleStatus kStates[] = {core::ArticleStatus::kDraft, core::ArticleStatus::kReview,
                                           core::ArticleStatus::kScheduled, core::ArticleStatus::kPublished,
                                           core::ArticleStatus::kUnpublished};

}  // namespace

http::Response AdminPages::ArticleList(const http::Request& request) const {
  auto staff = Staff(request);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  const accounts::Account& actor = std::get<accounts::Visitor>(staff).account;
  web::PageFrame frame;
  frame.path = "/admin";
  if (!accounts::Allowed(actor.role, accounts::Action::kWriteArticles)) {
    // Moderators: the newsroom has only the moderation desk for them.
    frame.title = Text("admin_newsroom");
    return Page(request, &actor, 200, "admin_welcome.tpl", frame, [&](render::Dict& content) {
      if (accounts::CanModerate(actor.role)) content.Show("WELCOME_MODERATE");
    });
  }

  core::ArticleQuery query;
  query.status.reset();
  query.order = core::ArticleQuery::Order::kRecentlyUpdated;
  query.limit = kArticlesPerPage;
  std::string state = request.QueryParam("state").value_or("");
  std::string section = request.QueryParam("section").value_or("");
  std::string author = request.QueryParam("author").value_or("");
  std::string text = request.QueryParam("q").value_or("");
  if (!state.empty()) {
    query.status = core::ParseStatus(state);
    if (!query.status) return Refused(base::Error::Invalid("There is no such state.", "state"));
  }
  if (!section.empty()) {
    query.section_id = web::ParseId(section);
    if (!query.section_id) return Refused(base::Error::Invalid("There is no such section.", "section"));
  }
  bool editorial = accounts::Allowed(actor.role, accounts::Action::kEditAnyArticle);
  if (!author.empty() && editorial) {
    query.created_by = web::ParseId(author);
    if (!query.created_by) return Refused(base::Error::Invalid("There is no such author.", "author"));
  }
  query.text = std::string(base::Trim(text));
  int page = 1;
  if (std::optional<std::string> p = request.QueryParam("page")) {
    std::optional<std::int64_t> n = web::ParseId(*p);
    if (!n || *n > 100000) return Refused(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
    page = static_cast<int>(*n);
  }
  query.offset = (page - 1) * kArticlesPerPage;

  base::Result<newsroom::ArticleList> list = s_.newsroom.List(actor, query);
  if (!list.ok()) return Refused(list.error());
  base::Result<std::vector<core::Section>> sections = s_.content.ListSections();
  if (!sections.ok()) return Refused(sections.error());
  std::map<core::Id, std::string> names;
  base::Result<std::vector<accounts::Account>> people = s_.directory.ListStaff();
  if (people.ok()) {
    for (const accounts::Account& a : *people) names[a.id] = a.display_name;
  }
  auto name_of = [&](core::Id id) -> std::string {
    if (id == 0) return Text("admin_nobody");
    if (auto it = names.find(id); it != names.end()) return it->second;
    base::Result<accounts::Account> a = s_.directory.FindAccount(id);
    return a.ok() && !a->deleted ? a->display_name : pages_.locale().Text("deleted_account");
  };

  std::string filters;
  auto keep = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    filters += (filters.empty() ? "?" : "&") + std::string(name) + "=" + http::QueryEncode(value);
  };
  keep("state", state);
  keep("section", section);
  if (editorial) keep("author", author);
  keep("q", query.text);
  int pages = static_cast<int>(std::max<std::int64_t>(1, (list->total + kArticlesPerPage - 1) / kArticlesPerPage));
  frame.title = Text("admin_articles");
  frame.path = "/admin" + filters;
  return Page(request, &actor, 200, "admin_list.tpl", frame, [&](render::Dict& content) {
    if (std::optional<std::string> done = request.QueryParam("done"); done && *done == "discarded") {
      content.Add("LIST_NOTICE").Set("message", Text("admin_done_discarded"));
    }
    content.Set("q", query.text);
    content.Set("total", Text("admin_total", "n", std::to_string(list->total)));
    for (core::ArticleStatus s : kStates) {
      render::Dict option = content.Add("STATE_OPTION");
      option.Set("value", core::StatusName(s)).Set("label", Text(std::string("admin_state_") + core::StatusName(s)));
      if (query.status == s) option.Show("STATE_SELECTED");
    }
    for (const core::Section& sec : *sections) {
      render::Dict option = content.Add("SECTION_OPTION");
      option.Set("value", static_cast<long>(sec.id)).Set("label", sec.name);
      if (query.section_id == sec.id) option.Show("SECTION_SELECTED");
    }
    if (editorial) {
      render::Dict filter = content.Add("AUTHOR_FILTER");
      if (people.ok()) {
        for (const accounts::Account& a : *people) {
          if (!accounts::Allowed(a.role, accounts::Action::kWriteArticles)) continue;
          render::Dict option = filter.Add("AUTHOR_OPTION");
          option.Set("value", static_cast<long>(a.id)).Set("label", a.display_name);
          if (query.created_by == a.id) option.Show("AUTHOR_SELECTED");
        }
      }
    }
    if (list->articles.empty()) content.Show(filters.empty() ? "NO_ARTICLES" : "NO_MATCHES");
    std::optional<render::Dict> table;
    if (!list->articles.empty()) table = content.Add("ARTICLES_TABLE");
    for (const core::ArticleSummary& a : list->articles) {
      render::Dict row = table->Add("ARTICLE");
      row.Set("id", static_cast<long>(a.id)).Set("headline", a.headline);
      row.Set("url", "/admin/articles/" + std::to_string(a.id));
      row.Set("state", Text(std::string("admin_state_") + core::StatusName(a.status)));
      row.Set("state_class", core::StatusName(a.status));
      row.Set("section", a.section ? a.section->name : "");
      row.Set("creator", name_of(a.created_by));
      SetTime(row, "updated", a.updated_at);
      if (a.status == core::ArticleStatus::kPublished) {
        row.Add("LIVE_LINK").Set("url", web::ArticlePath(a.id, a.slug));
      }
      if (a.status == core::ArticleStatus::kScheduled) {
        render::Dict due = row.Add("DUE");
        SetTime(due, "due", a.published_at);
      }
      if (a.breaking) row.Show("ROW_BREAKING");
      if (a.status == core::ArticleStatus::kPublished) {
        base::Result<newsroom::Story> story = s_.newsroom.Open(actor, a.id);
        if (story.ok() && story->pending) {
          row.Add("ROW_PENDING").Set("label", Text(std::string("admin_pending_") +
                                                   newsroom::PendingStateName(story->pending->state)));
        }
      }
    }
    web::FillPagination(content, pages_.View(), page, pages, "/admin" + filters);
  });
}

}  // namespace gazette::admin
