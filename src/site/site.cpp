#include "site/site.h"

#include <algorithm>

#include "base/log.h"
#include "http/form.h"
#include "http/status.h"
#include "render/excerpt.h"
#include "render/time_labels.h"
#include "site/breaking.h"
#include "site/metadata.h"
#include "web/cache_tags.h"
#include "web/comment_view.h"
#include "web/json.h"
#include "web/urls.h"

namespace gazette::site {
namespace {

// Headlines longer than this (summary-style ones) get a smaller type size.
constexpr std::size_t kLongHeadlineBytes = 120;
constexpr std::size_t kExcerptChars = 280;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

}  // namespace

void Site::AddRoutes(http::Router& router) {
  router.Get("/", [this](const http::Request& r, const http::PathParams&) { return Front(r); });
  router.Get("/news/{ref}", [this](const http::Request& r, const http::PathParams& p) { return Article(r, p.Get("ref")); });
  router.Get("/section/{slug}",
             [this](const http::Request& r, const http::PathParams& p) { return SectionPage(r, p.Get("slug")); });
  router.Get("/tag/{slug}", [this](const http::Request& r, const http::PathParams& p) { return TagPage(r, p.Get("slug")); });
  router.Get("/author/{slug}",
             [this](const http::Request& r, const http::PathParams& p) { return AuthorPage(r, p.Get("slug")); });
  router.Get("/latest", [this](const http::Request& r, const http::PathParams&) { return Latest(r); });
  router.Get("/assets/{file}", [this](const http::Request& r, const http::PathParams& p) { return Asset(r, p.Get("file")); });
  router.Get("/healthz", [this](const http::Request&, const http::PathParams&) { return Health(); });
  router.SetNotFound([this](const http::Request& r) {
    // API clients get their errors as JSON, unknown addresses included.
    if (r.path.starts_with("/api/")) {
      return web::JsonError(base::Error::NotFound("There is no API endpoint at " + r.path + "."));
    }
    return pages_.NotFound();
  });
}

std::optional<int> PageNumber(const http::Request& request) {
  std::optional<std::string> page = request.QueryParam("page");
  if (!page) return 1;
  if (page->empty() || page->size() > 6) return std::nullopt;
  int n = 0;
  for (char c : *page) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

http::HeaderList Site::CommonHeaders() {
  return {{"Content-Security-Policy", std::string(kContentSecurityPolicy)},
          {"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "strict-origin-when-cross-origin"}};
}

http::Response Site::Front(const http::Request&) const {
  base::Result<core::FrontPage> front = reading_.Front(kFrontItems);
  if (!front.ok()) return pages_.Error(front.error());
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.path = "/";
  frame.description = pages_.locale().Text("site_description");
  frame.scripts = {"live.js"};
  DescribeFront(frame, SiteInfoOf(pages_));
  http::Response response = pages_.Render(200, "front.tpl", frame, [&](render::Dict& content) {
    FillBreaking(content, view, *front);
    if (front->top_story) {
      const core::Article& top = *front->top_story;
      render::Dict d = content.Add("TOP");
      d.Set("url", web::ArticlePath(top.id, top.slug)).Set("headline", top.headline);
      if (!top.lead.empty()) {
        d.Add("LEAD").Set("lead", top.lead);
      } else if (std::string excerpt = render::HtmlExcerpt(top.body_html, kExcerptChars); !excerpt.empty()) {
        d.Add("EXCERPT").Set("excerpt_html", excerpt);
      }
      if (top.headline.size() > kLongHeadlineBytes) d.Show("LONG");
      base::Timestamp published = top.published_at.value_or(top.created_at);
      d.Set("iso", base::FormatIso8601(published, pages_.settings().zone));
      d.Set("time_label", render::TimeLabel(published, view.now, pages_.settings().zone, view.locale));
      d.Set("comments_label", view.locale.Plural("comments", static_cast<long>(top.comment_count)));
      FillRubric(d, top.section);
    }
    if (front->latest.empty() && !front->top_story) content.Show("EMPTY");
    if (!front->latest.empty()) {
      render::Dict latest = content.Add("LATEST");
      render::Dict feed = latest.Include("FEED", "feed.tpl");
      FillFeedByDay(feed, view, front->latest, 3);
      if (static_cast<int>(front->latest.size()) >= kFrontItems) latest.Show("MORE");
    }
  });
  std::vector<std::string> tags{std::string(web::cache::kAllLists)};
  if (front->top_story) {
    tags.push_back(web::cache::Shows(front->top_story->id));
    tags.push_back(web::cache::Comments(front->top_story->id));  // its comment count
  }
  for (const core::ArticleSummary& item : front->latest) tags.push_back(web::cache::Shows(item.id));
  // Today's labels turn into dates at midnight; a breaking article leaves the strip when it ages.
  base::Timestamp until = web::cache::NextMidnight(view.now, pages_.settings().zone);
  for (const core::ArticleSummary& b : RecentBreaking(*front, view.now)) {
    until = std::min(until, b.published_at + std::chrono::duration_cast<std::chrono::seconds>(kBreakingFor));
  }
  web::cache::Cacheable(response, std::move(tags), until);
  return response;
}

http::Response Site::Article(const http::Request& request, std::string_view ref) const {
  std::optional<core::Id> id = web::ParseArticleRef(ref);
  if (!id) return pages_.NotFound();
  base::Result<core::Article> article = reading_.PublishedArticle(*id);
  if (!article.ok()) {
    // Not there (yet): kept until the article is published.
    http::Response missing = pages_.Error(article.error());
    if (missing.status == 404) web::cache::Cacheable(missing, {web::cache::Article(*id)}, std::nullopt);
    return missing;
  }
  std::string canonical = web::ArticlePath(article->id, article->slug);
  if (request.path != canonical) {
    std::string location = canonical;
    if (!request.query.empty()) location.append("?").append(request.query);
    http::Response moved = http::Response::Redirect(301, location);
    web::cache::Cacheable(moved, {web::cache::Article(*id)}, std::nullopt);
    return moved;
  }
  base::Result<std::vector<core::ArticleSummary>> next = reading_.ReadNext(*article, kReadNextItems);
  if (!next.ok()) return pages_.Error(next.error());
  std::optional<int> comment_page = PageNumber(request);
  if (!comment_page) return pages_.Error(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
  std::optional<comments::Sort> sort = comments::Sort::kBest;
  if (std::optional<std::string> asked = request.QueryParam("sort")) sort = comments::ParseSort(*asked);
  if (!sort) return pages_.Error(base::Error::Invalid(pages_.locale().Text("bad_sort")));
  base::Result<comments::ThreadView> thread = comments_.Thread(article->id, *sort, *comment_page);
  if (!thread.ok()) return pages_.Error(thread.error());
  web::ViewContext view = pages_.View();
  const core::Article& a = *article;
  web::PageFrame frame;
  frame.title = a.seo_title.empty() ? a.headline : a.seo_title;
  frame.description = !a.seo_description.empty() ? a.seo_description : a.lead.empty() ? a.headline : a.lead;
  frame.path = canonical;
  frame.current_section = a.section ? a.section->slug : "";
  frame.scripts = {"comments.js", "live.js"};
  DescribeArticle(frame, a, SiteInfoOf(pages_), pages_.locale());
  http::Response response = pages_.Render(200, "article.tpl", frame, [&](render::Dict& content) {
    content.Set("headline", a.headline);
    if (a.headline.size() > kLongHeadlineBytes) content.Show("LONG");
    if (!a.lead.empty()) content.Add("LEAD").Set("lead", a.lead);
    if (!a.body_html.empty()) content.Add("BODY").Set("body_html", a.body_html);
    FillRubric(content, a.section);
    base::Timestamp published = a.published_at.value_or(a.created_at);
    content.Set("published_iso", base::FormatIso8601(published, pages_.settings().zone));
    content.Set("published_label", render::TimeLabel(published, view.now, pages_.settings().zone, view.locale));
    if (a.corrected_at) {  // a correction: readers see when, and what was corrected
      content.Add("UPDATED")
          .Set("iso", base::FormatIso8601(*a.corrected_at, pages_.settings().zone))
          .Set("label", render::TimeLabel(*a.corrected_at, view.now, pages_.settings().zone, view.locale));
      if (!a.correction_note.empty()) content.Add("CORRECTION").Set("note", a.correction_note);
    }
    if (a.breaking) content.Show("BREAKING");
    if (!a.authors.empty()) {
      render::Dict byline = content.Add("BYLINE");
      for (std::size_t i = 0; i < a.authors.size(); ++i) {
        render::Dict author = byline.Add("AUTHOR");
        author.Set("url", web::AuthorPath(a.authors[i].slug)).Set("name", a.authors[i].name);
        if (i + 1 < a.authors.size()) author.Show("SEPARATOR");
      }
    }
    if (!a.source.name.empty()) {
      render::Dict source = content.Add("SOURCE");
      if (a.source.url.empty()) {
        source.Add("PLAIN").Set("name", a.source.name);
      } else {
        source.Add("LINK").Set("name", a.source.name).Set("url", a.source.url);
      }
    }
    if (!a.tags.empty()) {
      render::Dict tags = content.Add("TAGS");
      for (const core::Tag& tag : a.tags) tags.Add("TAG").Set("url", web::TagPath(tag.slug)).Set("name", tag.name);
    }
    if (!next->empty()) {
      render::Dict block = content.Add("READ_NEXT");
      for (const core::ArticleSummary& s : *next) FillItem(block.Add("ITEM"), view, s);
    }
    FillComments(content, a, *thread, canonical);
  });
  std::vector<std::string> tags{web::cache::Article(a.id), web::cache::Comments(a.id),
                                std::string(web::cache::kAllLists)};  // "Read next" follows the latest news
  for (const core::ArticleSummary& item : *next) tags.push_back(web::cache::Shows(item.id));
  base::Timestamp until = web::cache::NextMidnight(view.now, pages_.settings().zone);
  // The comment form gives way to "closed" when the thread closes.
  if (int days = comments_.settings().close_after_days; days > 0 && thread->policy != comments::Policy::kClosed) {
    base::Timestamp closes = a.published_at.value_or(a.created_at) + std::chrono::days(days);
    if (closes > view.now) until = std::min(until, closes);
  }
  web::cache::Cacheable(response, std::move(tags), until);
  return response;
}

void Site::FillComments(render::Dict& content, const core::Article& a, const comments::ThreadView& thread,
                        const std::string& canonical) const {
  web::ViewContext view = pages_.View();
  content.Set("article_id", static_cast<long>(a.id));
  if (thread.article.comment_count == 0) {
    content.Show("NO_COMMENTS");
  } else {
    content.Add("HAS_COMMENTS")
        .Set("count_label", view.locale.Plural("comments", static_cast<long>(thread.article.comment_count)));
  }
  std::string next = http::QueryEncode(canonical + "#comments");
  if (thread.policy == comments::Policy::kClosed) {
    content.Show("COMPOSE_CLOSED");
  } else {
    render::Dict compose = content.Add("COMPOSE_OPEN");
    compose.Set("signin_url", "/account/signin?next=" + next);
    compose.Set("signup_url", "/account/signup?next=" + next);
    compose.Set("write_url", "/news/" + std::to_string(a.id) + "/comment");
    compose.Set("policy", comments::PolicyName(thread.policy));
    if (thread.policy == comments::Policy::kPremoderated) compose.Show("PREMODERATED");
  }
  if (thread.total_threads > 1) {
    render::Dict sorts = content.Add("SORTS");
    for (comments::Sort sort : {comments::Sort::kBest, comments::Sort::kNewest, comments::Sort::kOldest}) {
      render::Dict item = sorts.Add("SORT");
      item.Set("url", canonical + "?sort=" + comments::SortName(sort) + "#comments");
      item.Set("label", view.locale.Text(std::string("sort_") + comments::SortName(sort)));
      if (sort == thread.sort) item.Show("SORT_CURRENT");
    }
  }
  if (!thread.featured.empty()) {
    render::Dict featured = content.Add("FEATURED");
    for (const comments::Comment& c : thread.featured) {
      web::FillComment(featured.Add("F_ITEM").Include("COMMENT", "comment.tpl"), view, comments::ThreadItem{c, 0, {}},
                       "featured-");
    }
  }
  if (!thread.items.empty()) {
    render::Dict list = content.Add("THREAD");
    for (const comments::ThreadItem& item : thread.items) {
      web::FillComment(list.Add("C_ITEM").Include("COMMENT", "comment.tpl"), view, item);
    }
  }
  std::string sorted = canonical + "?sort=" + comments::SortName(thread.sort);
  if (thread.pages > 1) {
    render::Dict pages = content.Add("COMMENT_PAGES");
    web::FillPagination(pages, view, thread.page, thread.pages, sorted);
  }
}

http::Response Site::Listing(const http::Request& request, core::ArticleQuery query, const std::string& title,
                             const std::string& path, const std::string& current_section, std::string list_tag,
                             bool own_feed) const {
  std::optional<int> page = PageNumber(request);
  if (!page) return pages_.Error(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
  base::Result<core::Listing> listing = reading_.List(query, *page, kPageItems);
  if (!listing.ok()) {
    base::Error error = listing.error();
    if (error.code == base::ErrorCode::kInvalid) error.message = pages_.locale().Text("bad_page_number");
    return pages_.Error(error);
  }
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = title;
  frame.path = web::PagedPath(path, *page);
  frame.current_section = current_section;
  frame.scripts = {"live.js"};  // relabels times after midnight
  DescribeListing(frame, title, path, own_feed, SiteInfoOf(pages_));
  http::Response response = pages_.Render(200, "listing.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", title);
    if (listing->items.empty()) {
      content.Show("EMPTY");
    } else {
      render::Dict feed = content.Include("FEED", "feed.tpl");
      FillFeedByDay(feed, view, listing->items, 2);
    }
    web::FillPagination(content, view, listing->page, listing->pages, path);
  });
  std::vector<std::string> tags{std::move(list_tag)};
  for (const core::ArticleSummary& item : listing->items) tags.push_back(web::cache::Shows(item.id));
  web::cache::Cacheable(response, std::move(tags), web::cache::NextMidnight(view.now, pages_.settings().zone));
  return response;
}

// 301 to the new address of something renamed, keeping the query.
http::Response Site::Moved(const http::Request& request, std::string location) const {
  if (!request.query.empty()) location.append("?").append(request.query);
  return http::Response::Redirect(301, std::move(location));
}

http::Response Site::SectionPage(const http::Request& request, std::string_view slug) const {
  base::Result<core::Section> section = reading_.FindSection(slug);
  if (!section.ok()) {
    base::Result<std::optional<std::string>> renamed = reading_.RenamedSection(slug);
    if (renamed.ok() && *renamed) return Moved(request, web::SectionPath(**renamed));
    return pages_.Error(section.error());
  }
  core::ArticleQuery query;
  query.section_id = section->id;
  return Listing(request, query, section->name, web::SectionPath(section->slug), section->slug,
                 web::cache::SectionList(section->id), true);
}

http::Response Site::TagPage(const http::Request& request, std::string_view slug) const {
  base::Result<core::Tag> tag = reading_.FindTag(slug);
  if (!tag.ok()) {
    base::Result<std::optional<std::string>> renamed = reading_.RenamedTag(slug);
    if (renamed.ok() && *renamed) return Moved(request, web::TagPath(**renamed));
    return pages_.Error(tag.error());
  }
  core::ArticleQuery query;
  query.tag_id = tag->id;
  return Listing(request, query, tag->name, web::TagPath(tag->slug), "", web::cache::TagList(tag->id), true);
}

http::Response Site::AuthorPage(const http::Request& request, std::string_view slug) const {
  base::Result<core::Author> author = reading_.FindAuthor(slug);
  if (!author.ok()) return pages_.Error(author.error());
  core::ArticleQuery query;
  query.author_id = author->id;
  return Listing(request, query, author->name, web::AuthorPath(author->slug), "", web::cache::AuthorList(author->id),
                 true);
}

http::Response Site::Latest(const http::Request& request) const {
  return Listing(request, core::ArticleQuery{}, pages_.locale().Text("latest_news"), "/latest", "",
                 std::string(web::cache::kAllLists));
}

http::Response Site::Asset(const http::Request& request, std::string_view file) const {
  const render::Asset* asset = pages_.theme().assets().FindFingerprinted(file);
  bool fingerprinted = asset != nullptr;
  if (!asset) asset = pages_.theme().assets().Find(file);
  if (!asset) return pages_.NotFound();
  http::Response response;
  response.Set("Content-Type", asset->content_type);
  response.Set("ETag", asset->etag);
  // A fingerprinted name never changes its bytes; a plain one may.
  response.Set("Cache-Control", fingerprinted ? "public, max-age=31536000, immutable" : "public, no-cache");
  if (request.Header("If-None-Match") == asset->etag) {
    response.status = 304;
    return response;
  }
  response.body = *asset->bytes;
  return response;
}

http::Response Site::Health() const {
  base::Result<std::vector<core::Section>> sections = reading_.Sections();
  http::Response response = sections.ok() ? http::Response::Text(200, "ok\n")
                                          : http::Response::Text(503, "the database does not answer\n");
  response.Set("Cache-Control", "no-store");
  return response;
}

}  // namespace gazette::site
