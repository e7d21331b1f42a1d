#include "search/search_pages.h"

#include <boost/json/array.hpp>

#include "base/log.h"
#include "http/form.h"
#include "http/status.h"
#include "render/time_labels.h"
#include "search/highlight.h"
#include "web/article_json.h"
#include "web/json.h"
#include "web/offload.h"
#include "web/urls.h"

namespace gazette::search {
namespace {

namespace json = boost::json;

std::string Param(const http::Request& request, std::string_view name) {
  return request.QueryParam(name).value_or("");
}

// A whole number from 1 to `max` in ?name=; `fallback` when absent or
// empty; nothing when it is something else.
std::optional<int> Number(const http::Request& request, std::string_view name, int max, int fallback) {
  std::string text = Param(request, name);
  if (text.empty()) return fallback;
  if (text.size() > 7) return std::nullopt;
  int n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > max) return std::nullopt;
  return n;
}

// The search's own address, for paging: its filters kept, the page left out.
std::string SearchPath(const SearchRequest& r) {
  std::string path = "/search?q=" + http::QueryEncode(r.text);
  if (!r.section.empty()) path += "&section=" + http::QueryEncode(r.section);
  if (!r.from.empty()) path += "&from=" + http::QueryEncode(r.from);
  if (!r.to.empty()) path += "&to=" + http::QueryEncode(r.to);
  return path;
}

// A date field's value, only when it is one (an <input type="date"> holds
// a valid date or nothing).
std::string DateValue(const std::string& text) { return base::ParseLocalDate(text).ok() ? text : ""; }

}  // namespace

void SearchPages::AddRoutes(http::Router& router) {
  router.Get("/search", [this](const http::Request& r, const http::PathParams&) {
    return web::Offload(pool_, [this, &r] { return Page(r); });
  });
  router.Get("/api/v1/search", [this](const http::Request& r, const http::PathParams&) {
    return web::Offload(pool_, [this, &r] { return Suggestions(r); });
  });
}

http::Response SearchPages::Page(const http::Request& request) const {
  const render::Locale& locale = pages_.locale();
  SearchRequest asked;
  asked.text = Param(request, "q");
  asked.section = Param(request, "section");
  asked.from = Param(request, "from");
  asked.to = Param(request, "to");
  asked.per_page = kResultsPerPage;
  std::optional<int> page = Number(request, "page", 999999, 1);
  base::Result<SearchPage> found = base::Error::Invalid(locale.Text("bad_page_number"), "page");
  if (page) {
    asked.page = *page;
    found = service_.Search(asked);
  }
  if (!found.ok() && found.error().code != base::ErrorCode::kInvalid) return pages_.Error(found.error());
  int status = found.ok() ? 200 : 400;

  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = asked.text.empty() || !found.ok() ? locale.Text("search_title")
                                                  : locale.Text("search_title") + ": " + asked.text;
  frame.path = "/search";
  frame.noindex = true;  // result pages are not for search engines
  base::Result<std::vector<core::Section>> sections = reading_.Sections();
  if (!sections.ok()) return pages_.Error(sections.error());
  return pages_.Render(status, "search.tpl", frame, [&](render::Dict& content) {
    content.Set("q", asked.text);
    content.Set("from", DateValue(asked.from)).Set("to", DateValue(asked.to));
    for (const core::Section& s : *sections) {
      render::Dict option = content.Add("SECTION_OPTION");
      option.Set("slug", s.slug).Set("name", s.name);
      if (s.slug == asked.section) option.Show("SELECTED");
    }
    if (!found.ok()) {
      content.Add("ERROR").Set("message", pages_.Message(found.error()));
      return;
    }
    if (!found->asked) {
      content.Show("PROMPT");
      return;
    }
    if (found->total == 0) {
      content.Show("NONE");
      return;
    }
    render::Dict results = content.Add("RESULTS");
    results.Set("count_label", locale.Plural("search_results", static_cast<long>(found->total)));
    for (const core::SearchHit& hit : found->hits) {
      const core::ArticleSummary& a = hit.article;
      render::Dict item = results.Add("HIT");
      item.Set("url", web::ArticlePath(a.id, a.slug));
      item.Set("headline_html", MarkedHtml(hit.headline));
      if (!hit.snippet.empty()) item.Add("SNIPPET").Set("snippet_html", MarkedHtml(hit.snippet));
      item.Set("iso", base::FormatIso8601(a.published_at, pages_.settings().zone));
      item.Set("time_label", render::TimeLabel(a.published_at, view.now, pages_.settings().zone, view.locale));
      if (a.section) item.Add("HIT_RUBRIC").Set("url", web::SectionPath(a.section->slug)).Set("name", a.section->name);
    }
    web::FillPagination(results, view, found->page, found->pages, SearchPath(asked));
  });
}

http::Response SearchPages::Suggestions(const http::Request& request) const {
  auto refuse = [](const base::Error& error) {
    http::Response r = web::JsonError(error);
    if (error.code == base::ErrorCode::kInvalid) r.status = 422;  // as the content API answers
    r.Set("Access-Control-Allow-Origin", "*");
    return r;
  };
  SearchRequest asked;
  asked.text = Param(request, "q");
  asked.section = Param(request, "section");
  asked.from = Param(request, "from");
  asked.to = Param(request, "to");
  asked.prefix_last = true;
  std::optional<int> limit = Number(request, "limit", kMaxSuggestions, kDefaultSuggestions);
  if (!limit) {
    return refuse(base::Error::Invalid("limit must be a whole number from 1 to " + std::to_string(kMaxSuggestions) + ".",
                                       "limit"));
  }
  asked.per_page = *limit;
  base::Result<SearchPage> found = service_.Search(asked);
  if (!found.ok()) return refuse(found.error());
  json::array articles;
  for (const core::SearchHit& hit : found->hits) {
    const core::ArticleSummary& a = hit.article;
    json::object o;
    o["id"] = a.id;
    o["url"] = pages_.settings().base_url + web::ArticlePath(a.id, a.slug);
    o["headline"] = a.headline;
    o["headline_html"] = MarkedHtml(hit.headline);
    o["published_at"] = base::FormatIso8601(a.published_at, pages_.settings().zone);
    o["section"] = a.section ? json::value(web::SectionJson(*a.section, pages_.settings())) : json::value(nullptr);
    o["snippet"] = MarkedHtml(hit.snippet);
    articles.push_back(std::move(o));
  }
  http::Response r = web::Json(200, json::object{{"articles", std::move(articles)}, {"total", found->total}});
  // Always asked again (the index follows every publish at once), readable by any site.
  r.Set("Cache-Control", "no-cache");
  r.Set("Access-Control-Allow-Origin", "*");
  return r;
}

}  // namespace gazette::search
