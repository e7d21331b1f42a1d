// The reader site: front page, articles with their comment threads,
// sections, tags, authors, the latest news, the 404 page, theme assets and
// the health check. Every page here is the same for every reader (cacheable);
// what differs per reader comes from the reader module's JSON and script.
#pragma once

#include "comments/comment_service.h"
#include "core/reading.h"
#include "http/router.h"
#include "site/views.h"
#include "web/pages.h"

namespace gazette::site {

// How many items the front page and listing pages show.
inline constexpr int kFrontItems = 30;
inline constexpr int kPageItems = 30;
inline constexpr int kReadNextItems = 5;

// Thread-safe: handlers only read.
class Site {
 public:
  Site(core::ReadingService& reading, comments::CommentService& comments, const web::Pages& pages)
      : reading_(reading), comments_(comments), pages_(pages) {}

  // Adds the reader routes and the 404 page to `router`.
  void AddRoutes(http::Router& router);

  // The headers every answer of the site carries, the server's own refusals
  // included (give them to http::ServerOptions::common_headers):
  // Content-Security-Policy, nosniff, Referrer-Policy.
  static http::HeaderList CommonHeaders();

 private:
  http::Response Front(const http::Request& request) const;
  http::Response Article(const http::Request& request, std::string_view ref) const;
  http::Response Moved(const http::Request& request, std::string location) const;
  http::Response SectionPage(const http::Request& request, std::string_view slug) const;
  http::Response TagPage(const http::Request& request, std::string_view slug) const;
  http::Response AuthorPage(const http::Request& request, std::string_view slug) const;
  http::Response Latest(const http::Request& request) const;
  http::Response Asset(const http::Request& request, std::string_view file) const;
  http::Response Health() const;

  // A listing page: `title` over page N of the query's articles; `own_feed`
  // when the listing has feeds of its own (sections, tags, authors).
  // `list_tag` names the list for the page cache (web/cache_tags.h).
  http::Response Listing(const http::Request& request, core::ArticleQuery query, const std::string& title,
                         const std::string& path, const std::string& current_section, std::string list_tag,
                         bool own_feed = false) const;
  // The comment block of an article page.
  void FillComments(render::Dict& content, const core::Article& article, const comments::ThreadView& thread,
                    const std::string& canonical) const;

  core::ReadingService& reading_;
  comments::CommentService& comments_;
  const web::Pages& pages_;
};

// The page number asked for in `?page=`: 1 when absent, nothing when it is
// not a whole number.
std::optional<int> PageNumber(const http::Request& request);

}  // namespace gazette::site
