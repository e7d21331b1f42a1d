#include "feeds/feeds.h"

#include <algorithm>

#include "feeds/xml.h"
#include "render/excerpt.h"
#include "web/cache_tags.h"
#include "web/urls.h"

namespace gazette::feeds {
namespace {

constexpr std::size_t kExcerptChars = 280;

// `text` with "{key}" replaced by `value`.
std::string Fill(std::string text, std::string_view key, std::string_view value) {
  if (std::size_t at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

// "Wed, 25 Nov 2026 16:29:00 GMT", for Last-Modified.
std::string HttpDate(base::Timestamp t) {
  std::string date = Rfc822(t);
  return date.substr(0, date.size() - 5) + "GMT";
}

// The page of "articles-N.xml"; nothing for another name.
std::optional<int> ArticleSitemapPage(std::string_view name) {
  constexpr std::string_view kPrefix = "articles-", kSuffix = ".xml";
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return std::nullopt;
  std::string_view digits = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  if (digits.empty() || digits.size() > 9 || digits[0] == '0') return std::nullopt;
  int page = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    page = page * 10 + (c - '0');
  }
  return page;
}

}  // namespace

void Feeds::AddRoutes(http::Router& router) {
  for (Format format : {Format::kRss, Format::kAtom}) {
    std::string file = format == Format::kRss ? "/feed.xml" : "/atom.xml";
    router.Get(file, [this, format](const http::Request& r, const http::PathParams&) { return SiteFeed(r, format); });
    for (auto [prefix, kind] : {std::pair{"/section", Kind::kSection}, {"/tag", Kind::kTag}, {"/author", Kind::kAuthor}}) {
      router.Get(std::string(prefix) + "/{slug}" + file, [this, kind, format](const http::Request& r, const http::PathParams& p) {
        return ListFeed(r, kind, p.Get("slug"), format);
      });
    }
    router.Get("/news/{ref}/comments" + file, [this, format](const http::Request& r, const http::PathParams& p) {
      return CommentFeed(r, p.Get("ref"), format);
    });
  }
  router.Get("/robots.txt", [this](const http::Request&, const http::PathParams&) { return Robots(); });
  router.Get("/sitemap.xml", [this](const http::Request& r, const http::PathParams&) { return SitemapIndex(r); });
  router.Get("/sitemap-news.xml", [this](const http::Request& r, const http::PathParams&) { return NewsSitemap(r); });
  router.Get("/sitemaps/{name}", [this](const http::Request& r, const http::PathParams& p) { return Sitemap(r, p.Get("name")); });
}

http::Response Feeds::Answer(std::string body, const char* content_type,
                             std::optional<base::Timestamp> modified) const {
  // Validators and 304s come from the page cache, which keeps every feed;
  // a 304 made here could never be stored and would render the feed anew
  // for every feed reader asking whether it changed.
  http::Response response;
  response.Set("Content-Type", content_type);
  response.Set("Cache-Control", "no-cache");
  if (modified) response.Set("Last-Modified", HttpDate(*modified));
  response.body = std::move(body);
  return response;
}

Feed Feeds::Describe(std::string title, std::string description, const std::string& page_path, const std::string& rss,
                     const std::string& atom) const {
  const web::SiteSettings& site = pages_.settings();
  Feed feed;
  feed.title = std::move(title);
  feed.description = std::move(description);
  feed.page_url = Absolute(page_path);
  feed.rss_url = Absolute(rss);
  feed.atom_url = Absolute(atom);
  feed.language = pages_.locale().code();
  if (const render::Asset* icon = pages_.theme().assets().Find("icon.svg")) feed.icon_url = Absolute(icon->url);
  feed.publisher = {site.name, site.base_url + "/"};
  feed.updated = pages_.Now();
  return feed;
}

FeedEntry Feeds::EntryFor(const core::Article& a) const {
  FeedEntry entry;
  entry.title = a.headline;
  entry.url = Absolute(web::ArticlePath(a.id, a.slug));
  entry.id = Absolute("/news/" + std::to_string(a.id));  // redirects to the article whatever its slug becomes
  entry.published = a.published_at.value_or(a.created_at);
  entry.updated = std::max({entry.published, a.updated_at, a.corrected_at.value_or(entry.published)});
  for (const core::Author& author : a.authors) entry.authors.push_back({author.name, Absolute(web::AuthorPath(author.slug))});
  if (a.section) entry.categories.push_back({a.section->name, Absolute(web::SectionPath(a.section->slug))});
  for (const core::Tag& tag : a.tags) entry.categories.push_back({tag.name, Absolute(web::TagPath(tag.slug))});
  entry.summary_html = !a.lead.empty() ? HtmlEscape(a.lead) : render::HtmlExcerpt(a.body_html, kExcerptChars);
  if (settings_.full_text && !a.body_html.empty()) {
    entry.content_html = a.body_html;
    if (!a.source.name.empty()) {
      std::string name = HtmlEscape(a.source.name);
      std::string cited = a.source.url.empty() ? name : "<a href=\"" + HtmlEscape(a.source.url) + "\">" + name + "</a>";
      entry.content_html += "\n<p>" + HtmlEscape(pages_.locale().Text("source")) + ": " + cited + "</p>";
    }
  }
  return entry;
}

http::Response Feeds::ArticleFeed(const http::Request&, core::ArticleQuery query, Feed feed,
                                  Format format, std::string list_tag) const {
  query.status = core::ArticleStatus::kPublished;
  query.limit = settings_.items;
  query.offset = 0;
  base::Result<std::vector<core::ArticleSummary>> list = content_.ListArticles(query);
  if (!list.ok()) return pages_.Error(list.error());
  for (const core::ArticleSummary& summary : *list) {
    base::Result<core::Article> article = content_.FindArticle(summary.id);
    if (!article.ok()) return pages_.Error(article.error());
    feed.entries.push_back(EntryFor(*article));
  }
  if (!feed.entries.empty()) {
    feed.updated = std::max_element(feed.entries.begin(), feed.entries.end(), [](const auto& a, const auto& b) {
                     return a.updated < b.updated;
                   })->updated;
  }
  bool rss = format == Format::kRss;
  http::Response response =
      Answer(rss ? RssXml(feed) : AtomXml(feed), rss ? kRssContentType : kAtomContentType, feed.updated);
  std::vector<std::string> tags{std::move(list_tag)};
  for (const core::ArticleSummary& summary : *list) tags.push_back(web::cache::Shows(summary.id));
  web::cache::Cacheable(response, std::move(tags), std::nullopt);
  return response;
}

http::Response Feeds::SiteFeed(const http::Request& request, Format format) const {
  const web::SiteSettings& site = pages_.settings();
  Feed feed = Describe(site.name, pages_.locale().Text("site_description"), "/", web::RssPath(""), web::AtomPath(""));
  return ArticleFeed(request, core::ArticleQuery{}, std::move(feed), format, std::string(web::cache::kAllLists));
}

http::Response Feeds::ListFeed(const http::Request& request, Kind kind, std::string_view slug, Format format) const {
  std::string file = format == Format::kRss ? "/feed.xml" : "/atom.xml";
  core::ArticleQuery query;
  std::string name, page, list_tag;
  if (kind == Kind::kSection) {
    base::Result<core::Section> section = content_.FindSection(slug);
    if (!section.ok()) {
      base::Result<std::optional<std::string>> renamed = content_.RenamedSection(slug);
      if (renamed.ok() && *renamed) return http::Response::Redirect(301, web::SectionPath(**renamed) + file);
      return pages_.Error(section.error());
    }
    query.section_id = section->id;
    list_tag = web::cache::SectionList(section->id);
    name = section->name;
    page = web::SectionPath(section->slug);
  } else if (kind == Kind::kTag) {
    base::Result<core::Tag> tag = content_.FindTag(slug);
    if (!tag.ok()) {
      base::Result<std::optional<std::string>> renamed = content_.RenamedTag(slug);
      if (renamed.ok() && *renamed) return http::Response::Redirect(301, web::TagPath(**renamed) + file);
      return pages_.Error(tag.error());
    }
    query.tag_id = tag->id;
    list_tag = web::cache::TagList(tag->id);
    name = tag->name;
    page = web::TagPath(tag->slug);
  } else {
    base::Result<core::Author> author = content_.FindAuthor(slug);
    if (!author.ok()) return pages_.Error(author.error());
    query.author_id = author->id;
    list_tag = web::cache::AuthorList(author->id);
    name = author->name;
    page = web::AuthorPath(author->slug);
  }
  Feed feed = Describe(pages_.settings().name + ": " + name, "", page, web::RssPath(page), web::AtomPath(page));
  return ArticleFeed(request, query, std::move(feed), format, std::move(list_tag));
}

http::Response Feeds::CommentFeed(const http::Request&, std::string_view ref, Format format) const {
  std::optional<core::Id> id = web::ParseArticleRef(ref);
  if (!id) return pages_.NotFound();
  base::Result<core::Article> article = reading_.PublishedArticle(*id);
  if (!article.ok()) {
    http::Response missing = pages_.Error(article.error());
    if (missing.status == 404) web::cache::Cacheable(missing, {web::cache::Article(*id)}, std::nullopt);
    return missing;
  }
  base::Result<std::vector<comments::Comment>> recent = comments_.Recent(article->id, settings_.items);
  if (!recent.ok()) return pages_.Error(recent.error());
  const render::Locale& locale = pages_.locale();
  std::string page = web::ArticlePath(article->id, article->slug);
  Feed feed = Describe(Fill(locale.Text("feed_comments_title"), "{headline}", article->headline), "", page,
                       web::CommentsRssPath(article->id), web::CommentsAtomPath(article->id));
  feed.page_url += "#comments";
  feed.updated = article->published_at.value_or(article->created_at);
  for (const comments::Comment& c : *recent) {
    FeedEntry entry;
    std::string author = c.author_deleted || c.author_name.empty() ? locale.Text("deleted_account") : c.author_name;
    std::string anchor = "#comment-" + std::to_string(c.id);
    entry.title = Fill(locale.Text("feed_comment_title"), "{name}", author);
    entry.url = Absolute(page) + anchor;
    entry.id = Absolute("/news/" + std::to_string(article->id)) + anchor;
    entry.published = c.created_at;
    entry.updated = c.edited_at.value_or(c.created_at);
    entry.authors.push_back({author, ""});
    entry.summary_html = c.body_html;
    feed.updated = std::max(feed.updated, entry.updated);
    feed.entries.push_back(std::move(entry));
  }
  bool rss = format == Format::kRss;
  http::Response response =
      Answer(rss ? RssXml(feed) : AtomXml(feed), rss ? kRssContentType : kAtomContentType, feed.updated);
  web::cache::Cacheable(response, {web::cache::Article(article->id), web::cache::Comments(article->id)}, std::nullopt);
  return response;
}

http::Response Feeds::Robots() const {
  std::vector<std::string> disallow(std::begin(kDisallowed), std::end(kDisallowed));
  http::Response response =
      http::Response::Text(200, RobotsTxt(disallow, {Absolute("/sitemap.xml"), Absolute("/sitemap-news.xml")}));
  response.Set("Cache-Control", "no-cache");
  web::cache::Cacheable(response, {std::string(web::cache::kSite)}, std::nullopt);
  return response;
}

http::Response Feeds::SitemapIndex(const http::Request&) const {
  std::vector<SitemapUrl> sitemaps = {{Absolute("/sitemaps/pages.xml"), std::nullopt}};
  // One look-up per article sitemap: the first published id past each page
  // names the next page that has any.
  int size = std::clamp(settings_.sitemap_urls, 1, kMaxSitemapUrls);
  core::Id after = 0;
  for (;;) {
    base::Result<std::vector<core::ArticleRef>> first = content_.ListPublishedRefs(after, 1);
    if (!first.ok()) return pages_.Error(first.error());
    if (first->empty()) break;
    int page = SitemapPageOf(first->front().id, size);
    sitemaps.push_back({Absolute("/sitemaps/articles-" + std::to_string(page) + ".xml"), std::nullopt});
    after = SitemapPageStart(page + 1, size);
  }
  return Sitemaps(Answer(SitemapIndexXml(sitemaps), kXmlContentType, std::nullopt), std::nullopt);
}

http::Response Feeds::Sitemap(const http::Request& request, std::string_view name) const {
  if (name == "pages.xml") return PagesSitemap(request);
  std::optional<int> page = ArticleSitemapPage(name);
  if (!page) return pages_.NotFound();
  return ArticleSitemap(request, *page);
}

http::Response Feeds::PagesSitemap(const http::Request&) const {
  core::ArticleQuery newest;
  newest.limit = 1;
  base::Result<std::vector<core::ArticleSummary>> latest = content_.ListArticles(newest);
  if (!latest.ok()) return pages_.Error(latest.error());
  std::optional<base::Timestamp> changed;
  if (!latest->empty()) changed = latest->front().published_at;
  std::vector<SitemapUrl> urls = {{Absolute("/"), changed}, {Absolute("/latest"), changed}};
  base::Result<std::vector<core::Section>> sections = content_.ListSections();
  if (!sections.ok()) return pages_.Error(sections.error());
  for (const core::Section& s : *sections) urls.push_back({Absolute(web::SectionPath(s.slug)), std::nullopt});
  // Tags and authors with something published: the others' pages are empty.
  auto add_if_listed = [&](const core::ArticleQuery& query, const std::string& path) -> base::Status {
    base::Result<bool> any = content_.AnyArticles(query);
    if (!any.ok()) return std::move(any).error();
    if (*any) urls.push_back({Absolute(path), std::nullopt});
    return {};
  };
  base::Result<std::vector<core::Tag>> tags = content_.ListTags();
  if (!tags.ok()) return pages_.Error(tags.error());
  for (const core::Tag& t : *tags) {
    core::ArticleQuery query;
    query.tag_id = t.id;
    if (base::Status added = add_if_listed(query, web::TagPath(t.slug)); !added.ok()) return pages_.Error(added.error());
  }
  base::Result<std::vector<core::Author>> authors = content_.ListAuthors();
  if (!authors.ok()) return pages_.Error(authors.error());
  for (const core::Author& a : *authors) {
    core::ArticleQuery query;
    query.author_id = a.id;
    if (base::Status added = add_if_listed(query, web::AuthorPath(a.slug)); !added.ok()) return pages_.Error(added.error());
  }
  return Sitemaps(Answer(UrlSetXml(urls), kXmlContentType, std::nullopt), std::nullopt);
}

http::Response Feeds::ArticleSitemap(const http::Request&, int page) const {
  int size = std::clamp(settings_.sitemap_urls, 1, kMaxSitemapUrls);
  core::Id last = SitemapPageStart(page + 1, size);
  base::Result<std::vector<core::ArticleRef>> refs = content_.ListPublishedRefs(SitemapPageStart(page, size), size);
  if (!refs.ok()) return pages_.Error(refs.error());
  std::vector<SitemapUrl> urls;
  for (const core::ArticleRef& ref : *refs) {
    if (ref.id > last) break;
    urls.push_back({Absolute(web::ArticlePath(ref.id, ref.slug)), std::max(ref.published_at, ref.updated_at)});
  }
  if (urls.empty()) return pages_.NotFound();  // the index names only pages with articles
  return Sitemaps(Answer(UrlSetXml(urls), kXmlContentType, std::nullopt), std::nullopt);
}

http::Response Feeds::NewsSitemap(const http::Request&) const {
  core::ArticleQuery query;
  query.published_from = pages_.Now() - kNewsWindow;
  query.limit = kMaxNewsUrls;
  base::Result<std::vector<core::ArticleSummary>> list = content_.ListArticles(query);
  if (!list.ok()) return pages_.Error(list.error());
  std::vector<NewsUrl> urls;
  std::optional<base::Timestamp> until;  // when the oldest one leaves the window
  for (const core::ArticleSummary& s : *list) {
    urls.push_back({Absolute(web::ArticlePath(s.id, s.slug)), s.headline, s.published_at});
    base::Timestamp leaves = s.published_at + std::chrono::duration_cast<std::chrono::seconds>(kNewsWindow);
    until = until ? std::min(*until, leaves) : leaves;
  }
  return Sitemaps(Answer(NewsSitemapXml(urls, pages_.settings().name, pages_.locale().code()),
                         kXmlContentType, std::nullopt),
                  until);
}

http::Response Feeds::Sitemaps(http::Response response, std::optional<base::Timestamp> until) const {
  web::cache::Cacheable(response, {std::string(web::cache::kSitemaps)}, until);
  return response;
}

}  // namespace gazette::feeds
