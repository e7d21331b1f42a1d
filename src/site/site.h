// The reader site: front page, articles, sections, tags, authors, the
// latest news, the 404 page, theme assets and the health check.
#pragma once

#include "base/time.h"
#include "core/reading.h"
#include "http/router.h"
#include "render/theme.h"
#include "site/views.h"

namespace gazette::site {

// How many items the front page and listing pages show.
inline constexpr int kFrontItems = 30;
inline constexpr int kPageItems = 30;
inline constexpr int kReadNextItems = 5;

// Thread-safe: handlers only read.
class Site {
 public:
  Site(core::ReadingService& reading, const render::Theme& theme, SiteSettings settings, const base::Clock& clock)
      : reading_(reading), theme_(theme), settings_(std::move(settings)), clock_(clock) {}

  // Adds the reader routes and the 404 page to `router`.
  void AddRoutes(http::Router& router);

  // Dispatches a request through `router`.
  http::Response Handle(const http::Router& router, const http::Request& request) const;

  // The headers every answer of the site carries, the server's own refusals
  // included (give them to http::ServerOptions::common_headers):
  // Content-Security-Policy, nosniff, Referrer-Policy.
  static http::HeaderList CommonHeaders();

 private:
  http::Response Front(const http::Request& request) const;
  http::Response Article(const http::Request& request, std::string_view ref) const;
  http::Response SectionPage(const http::Request& request, std::string_view slug) const;
  http::Response TagPage(const http::Request& request, std::string_view slug) const;
  http::Response AuthorPage(const http::Request& request, std::string_view slug) const;
  http::Response Latest(const http::Request& request) const;
  http::Response Asset(const http::Request& request, std::string_view file) const;
  http::Response Health() const;

  // A listing page: `title` over page N of the query's articles.
  http::Response Listing(const http::Request& request, core::ArticleQuery query, const std::string& title,
                         const std::string& path, const std::string& current_section) const;
  http::Response NotFound() const;
  // The page for an error from a service (404 page, 400, or 500).
  http::Response ErrorPage(const base::Error& error) const;
  http::Response Page(int status, std::string_view content_template, const PageFrame& frame,
                      const std::function<void(render::Dict&)>& fill) const;

  ViewContext View() const { return {settings_, theme_.locale(), clock_.Now()}; }

  core::ReadingService& reading_;
  const render::Theme& theme_;
  SiteSettings settings_;
  const base::Clock& clock_;
};

}  // namespace gazette::site
