// Sitemaps (sitemaps.org 0.9), the Google News sitemap and robots.txt as
// documents. Addresses are absolute.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace gazette::feeds {

inline constexpr const char* kSitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
inline constexpr const char* kNewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";
inline constexpr const char* kXmlContentType = "application/xml; charset=utf-8";

// The most URLs one sitemap may list (sitemaps.org), and the most a News
// sitemap may (Google).
inline constexpr int kMaxSitemapUrls = 50000;
inline constexpr int kMaxNewsUrls = 1000;
// How far back the News sitemap reaches.
inline constexpr std::chrono::hours kNewsWindow{48};

struct SitemapUrl {
  std::string loc;
  std::optional<base::Timestamp> lastmod;
};

struct NewsUrl {
  std::string loc;
  std::string title;
  base::Timestamp published{};
};

std::string SitemapIndexXml(const std::vector<SitemapUrl>& sitemaps);
std::string UrlSetXml(const std::vector<SitemapUrl>& urls);
// `publication` is the site's name, `language` its ISO 639 code.
std::string NewsSitemapXml(const std::vector<NewsUrl>& urls, std::string_view publication, std::string_view language);

// robots.txt for every crawler: `disallow` paths, then the sitemaps.
std::string RobotsTxt(const std::vector<std::string>& disallow, const std::vector<std::string>& sitemaps);

// Article sitemaps are pages of id ranges: page N lists the published
// articles with ids in ((N-1) * page_size, N * page_size], so a page never
// holds more than `page_size` URLs and an article never moves to another page.
inline int SitemapPageOf(std::int64_t id, int page_size) {
  return static_cast<int>((id - 1) / page_size) + 1;
}
inline std::int64_t SitemapPageStart(int page, int page_size) {  // the id before the page's first
  return static_cast<std::int64_t>(page - 1) * page_size;
}

}  // namespace gazette::feeds
