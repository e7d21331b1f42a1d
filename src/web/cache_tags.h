// What a cached page shows, as the tags the page cache invalidates
// (http::Response::cache_tags): the reader site and the feeds tag their
// answers with these, and the app turns events into the same tags.
//
//   article:ID       the article's page (its 404 before it is published too), its comment feeds
//   comments:ID      pages showing the article's comments or their count
//   shows:ID         a list that shows the article (headline, lead, time, rubric)
//   list:all         every list of the latest news: front, /latest, site feeds, sitemaps, "Read next"
//   list:section:ID, list:tag:ID, list:author:ID   the lists of one section, tag or author
//   sitemaps         the sitemaps (every publication, edit or unpublication changes one)
//   site             pages that change only with the site's settings (robots.txt)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/time.h"
#include "http/response.h"

namespace gazette::web::cache {

inline constexpr std::string_view kListPrefix = "list:";
inline constexpr std::string_view kAllLists = "list:all";
inline constexpr std::string_view kSitemaps = "sitemaps";
inline constexpr std::string_view kSite = "site";

inline std::string Article(std::int64_t id) { return "article:" + std::to_string(id); }
inline std::string Comments(std::int64_t id) { return "comments:" + std::to_string(id); }
inline std::string Shows(std::int64_t id) { return "shows:" + std::to_string(id); }
inline std::string SectionList(std::int64_t id) { return "list:section:" + std::to_string(id); }
inline std::string TagList(std::int64_t id) { return "list:tag:" + std::to_string(id); }
inline std::string AuthorList(std::int64_t id) { return "list:author:" + std::to_string(id); }

// The next midnight in `zone` after `now`: when "19:29" labels of today
// become "25 Nov 19:29".
base::Timestamp NextMidnight(base::Timestamp now, const base::TimeZone& zone);

// Marks `response` as the same for every visitor, showing `tags`, until
// `until` (when what it shows changes with the clock).
void Cacheable(http::Response& response, std::vector<std::string> tags, std::optional<base::Timestamp> until);

}  // namespace gazette::web::cache
