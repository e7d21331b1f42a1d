// What every web feature (the reader site, reader accounts, moderation)
// shares to answer with a page: the site's settings, the page frame
// (layout, navigation), error pages, and messages in the site's language.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/reading.h"
#include "http/response.h"
#include "render/theme.h"

namespace gazette::web {

struct SiteSettings {
  std::string name = "Gazette";
  std::string base_url = "http://127.0.0.1:8080";  // no trailing slash
  base::TimeZone zone = base::TimeZone::Utc();
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For is believed
  bool live = false;                         // pages follow the /live/ streams

  bool https() const { return base_url.rfind("https://", 0) == 0; }
};

// What every view needs to turn values into text.
struct ViewContext {
  const SiteSettings& settings;
  const render::Locale& locale;
  base::Timestamp now;
};

// A feed that follows a page: <link rel="alternate" type=... title=... href=...>.
struct FeedLink {
  std::string type;   // "application/rss+xml", "application/atom+xml"
  std::string title;
  std::string path;   // "/section/world/feed.xml"
};

// A <meta> for social networks: property="og:title" (OpenGraph and
// article:*) or name="twitter:card" (Twitter cards).
struct MetaTag {
  enum class Kind { kProperty, kName };
  Kind kind = Kind::kProperty;
  std::string key;
  std::string content;
};

// The page frame: <title>, description, canonical URL, navigation.
struct PageFrame {
  std::string title;        // without the site's name
  std::string description;
  std::string path;         // canonical path, with the query that matters
  std::string current_section;  // slug, to mark the navigation
  bool noindex = false;     // error pages, personal pages
  bool personal = false;    // for one visitor only: never stored by caches
  std::vector<std::string> scripts;  // asset names ("comments.js") the page loads
  std::vector<FeedLink> feeds;       // the page's own feeds; every page also names the site's
  std::vector<MetaTag> meta;
  // schema.org JSON-LD documents, serialized JSON; the layout escapes < > &
  // (as \u003c...) before it puts each in <script type="application/ld+json">.
  std::vector<std::string> json_ld;
};

// Renders pages in the layout. Thread-safe.
class Pages {
 public:
  Pages(const render::Theme& theme, SiteSettings settings, core::ReadingService& reading, const base::Clock& clock)
      : theme_(theme), settings_(std::move(settings)), reading_(reading), clock_(clock) {}

  const SiteSettings& settings() const { return settings_; }
  const render::Theme& theme() const { return theme_; }
  const render::Locale& locale() const { return theme_.locale(); }
  ViewContext View() const { return {settings_, theme_.locale(), clock_.Now()}; }
  base::Timestamp Now() const { return clock_.Now(); }

  // layout.tpl around `content_template`, filled by `fill`.
  http::Response Render(int status, std::string_view content_template, const PageFrame& frame,
                        const std::function<void(render::Dict&)>& fill) const;
  // The 404 page.
  http::Response NotFound() const;
  // The page for a service's error: the 404 page, or an error page with the
  // (translated) message and the right status (429 and 503 with Retry-After).
  http::Response Error(const base::Error& error) const;
  // The error's message in the site's language: the locale's "err_<key>"
  // text (with {n} filled) when there is one, else the message.
  std::string Message(const base::Error& error) const;

 private:
  const render::Theme& theme_;
  SiteSettings settings_;
  core::ReadingService& reading_;
  const base::Clock& clock_;
};

// A positive id from a path segment or form field ("42"); nothing otherwise.
std::optional<std::int64_t> ParseId(std::string_view text);

// 303 See Other to `location`, never stored by caches.
http::Response SeeOther(const std::string& location);

// An article's address from its id and slug: "/news/42-slug".
std::string ArticleAddress(std::int64_t id, std::string_view slug);

// `path` with "?page=N" (or "&page=N" when it has a query) for pages after the first.
std::string PagedPath(std::string_view path, int page);

// {{#PAGINATION}} with newer/older links when there is more than one page.
void FillPagination(render::Dict& dict, const ViewContext& view, int page, int pages, const std::string& path);

}  // namespace gazette::web
