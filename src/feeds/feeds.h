// Feeds, sitemaps and robots.txt: the addresses that feed readers, news
// aggregators and search engines read. Public and the same for everyone.
//
//   /feed.xml, /atom.xml                          the whole site
//   /section|tag|author/{slug}/feed.xml|atom.xml  one section, tag or author
//   /news/{id}/comments/feed.xml|atom.xml         an article's comments
//   /robots.txt, /sitemap.xml, /sitemaps/pages.xml, /sitemaps/articles-N.xml, /sitemap-news.xml
#pragma once

#include "comments/comment_service.h"
#include "core/content_store.h"
#include "core/reading.h"
#include "feeds/feed.h"
#include "feeds/sitemap.h"
#include "http/router.h"
#include "web/pages.h"

namespace gazette::feeds {

struct FeedSettings {
  int items = 30;          // entries in a feed
  bool full_text = true;   // the whole body in feeds; else the lead or an excerpt
  int sitemap_urls = kMaxSitemapUrls;  // URLs in one article sitemap (at most kMaxSitemapUrls)
};

// Paths robots.txt asks crawlers to keep out of: personal, staff and search pages.
inline constexpr const char* kDisallowed[] = {"/admin", "/account", "/api/v1/admin", "/moderation", "/search"};

// Thread-safe: handlers only read.
class Feeds {
 public:
  Feeds(core::ContentReader& content, core::ReadingService& reading, comments::CommentService& comments,
        const web::Pages& pages, FeedSettings settings)
      : content_(content), reading_(reading), comments_(comments), pages_(pages), settings_(settings) {}

  void AddRoutes(http::Router& router);

 private:
  enum class Format { kRss, kAtom };
  enum class Kind { kSection, kTag, kAuthor };

  http::Response SiteFeed(const http::Request& request, Format format) const;
  http::Response ListFeed(const http::Request& request, Kind kind, std::string_view slug, Format format) const;
  http::Response CommentFeed(const http::Request& request, std::string_view ref, Format format) const;
  http::Response Robots() const;
  http::Response SitemapIndex(const http::Request& request) const;
  http::Response Sitemap(const http::Request& request, std::string_view name) const;
  http::Response PagesSitemap(const http::Request& request) const;
  http::Response ArticleSitemap(const http::Request& request, int page) const;
  http::Response NewsSitemap(const http::Request& request) const;

  // A feed of the newest published articles the query matches.
  // `list_tag` names the list for the page cache (web/cache_tags.h).
  http::Response ArticleFeed(const http::Request& request, core::ArticleQuery query, Feed feed, Format format,
                             std::string list_tag) const;
  // A sitemap, for the page cache: changes with every publication, or at `until`.
  http::Response Sitemaps(http::Response response, std::optional<base::Timestamp> until) const;
  FeedEntry EntryFor(const core::Article& article) const;
  // `feed` with the site's details and the addresses of `page_path`'s feeds filled in.
  Feed Describe(std::string title, std::string description, const std::string& page_path, const std::string& rss,
                const std::string& atom) const;
  // The document with its type and Last-Modified (the page cache adds the
  // ETag and answers 304s).
  http::Response Answer(std::string body, const char* content_type,
                        std::optional<base::Timestamp> modified) const;
  std::string Absolute(std::string_view path) const { return pages_.settings().base_url + std::string(path); }

  core::ContentReader& content_;
  core::ReadingService& reading_;
  comments::CommentService& comments_;
  const web::Pages& pages_;
  FeedSettings settings_;
};

}  // namespace gazette::feeds
