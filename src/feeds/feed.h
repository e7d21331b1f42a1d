// Feeds as values, and their RSS 2.0 and Atom 1.0 documents. Every address
// is absolute; HTML fields hold safe HTML (the site's own rendering), which
// the documents carry escaped.
#pragma once

#include <string>
#include <vector>

#include "base/time.h"

namespace gazette::feeds {

struct Person {
  std::string name;
  std::string url;  // may be empty
};

struct Category {
  std::string name;
  std::string url;  // the section's or tag's page (RSS: the domain attribute)
};

struct FeedEntry {
  std::string title;
  std::string url;  // the page
  std::string id;   // stable: survives a change of headline and slug
  base::Timestamp published{};
  base::Timestamp updated{};
  std::vector<Person> authors;
  std::vector<Category> categories;
  std::string summary_html;  // the lead or an excerpt; may be empty
  std::string content_html;  // the full text; empty in summary feeds
};

struct Feed {
  std::string title;
  std::string description;
  std::string page_url;  // the HTML page the feed follows
  std::string rss_url;   // this feed's own addresses
  std::string atom_url;
  std::string language;  // "en", "ru"
  std::string icon_url;
  Person publisher;      // the site: Atom's author for entries without one
  base::Timestamp updated{};  // the newest entry's change, or now
  std::vector<FeedEntry> entries;
};

inline constexpr const char* kAtomNamespace = "http://www.w3.org/2005/Atom";
inline constexpr const char* kRssContentType = "application/rss+xml; charset=utf-8";
inline constexpr const char* kAtomContentType = "application/atom+xml; charset=utf-8";

// RSS 2.0 with atom:link rel="self", content:encoded for the full text and
// dc:creator for authors (RSS's own <author> wants an email address).
std::string RssXml(const Feed& feed);
// Atom 1.0 (RFC 4287).
std::string AtomXml(const Feed& feed);

}  // namespace gazette::feeds
