#include "site/metadata.h"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "web/urls.h"

namespace gazette::site {
namespace json = boost::json;

namespace {

constexpr const char* kContext = "https://schema.org";

json::object Publisher(const SiteInfo& site) {
  json::object org{{"@type", "Organization"}, {"name", site.name}, {"url", site.base_url + "/"}};
  if (!site.icon_url.empty()) org["logo"] = json::object{{"@type", "ImageObject"}, {"url", site.icon_url}};
  return org;
}

std::string Iso(base::Timestamp t, const SiteInfo& site) { return base::FormatIso8601(t, site.zone); }

base::Timestamp Modified(const core::Article& a) {
  base::Timestamp published = a.published_at.value_or(a.created_at);
  return std::max({published, a.updated_at, a.corrected_at.value_or(published)});
}

void Property(web::PageFrame& frame, std::string key, std::string content) {
  frame.meta.push_back({web::MetaTag::Kind::kProperty, std::move(key), std::move(content)});
}

void Name(web::PageFrame& frame, std::string key, std::string content) {
  frame.meta.push_back({web::MetaTag::Kind::kName, std::move(key), std::move(content)});
}

// OpenGraph and Twitter tags every described page has.
void SocialTags(web::PageFrame& frame, const std::string& type, const std::string& title, const SiteInfo& site) {
  std::string url = site.base_url + frame.path;
  Property(frame, "og:type", type);
  Property(frame, "og:title", title);
  if (!frame.description.empty()) Property(frame, "og:description", frame.description);
  Property(frame, "og:url", url);
  Property(frame, "og:site_name", site.name);
  Property(frame, "og:locale", OgLocale(site.language));
  Name(frame, "twitter:card", "summary");
  Name(frame, "twitter:title", title);
  if (!frame.description.empty()) Name(frame, "twitter:description", frame.description);
}

void AddFeeds(web::PageFrame& frame, const std::string& title, const std::string& rss, const std::string& atom) {
  frame.feeds.push_back({"application/rss+xml", title + " (RSS)", rss});
  frame.feeds.push_back({"application/atom+xml", title + " (Atom)", atom});
}

}  // namespace

SiteInfo SiteInfoOf(const web::Pages& pages) {
  SiteInfo site;
  site.name = pages.settings().name;
  site.base_url = pages.settings().base_url;
  site.language = pages.locale().code();
  site.zone = pages.settings().zone;
  if (const render::Asset* icon = pages.theme().assets().Find("icon.svg")) site.icon_url = site.base_url + icon->url;
  return site;
}

std::string OgLocale(std::string_view language) {
  std::string lang(language.substr(0, language.find_first_of("-_")));
  if (lang == "en") return "en_US";
  if (lang == "ru") return "ru_RU";
  std::string region = lang;
  for (char& c : region) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return lang + "_" + region;  // "de" -> "de_DE", "fr" -> "fr_FR"
}

json::value BreadcrumbList(const std::vector<Crumb>& crumbs) {
  json::array items;
  for (std::size_t i = 0; i < crumbs.size(); ++i) {
    items.push_back(json::object{{"@type", "ListItem"},
                                 {"position", static_cast<std::int64_t>(i + 1)},
                                 {"name", crumbs[i].name},
                                 {"item", crumbs[i].url}});
  }
  return json::object{{"@context", kContext}, {"@type", "BreadcrumbList"}, {"itemListElement", std::move(items)}};
}

json::value NewsArticle(const core::Article& a, const std::string& description, const SiteInfo& site) {
  std::string url = site.base_url + web::ArticlePath(a.id, a.slug);
  json::object o{{"@context", kContext},
                 {"@type", "NewsArticle"},
                 {"headline", a.headline},
                 {"url", url},
                 {"mainEntityOfPage", json::object{{"@type", "WebPage"}, {"@id", url}}},
                 {"datePublished", Iso(a.published_at.value_or(a.created_at), site)},
                 {"dateModified", Iso(Modified(a), site)},
                 {"inLanguage", site.language},
                 {"publisher", Publisher(site)}};
  if (!description.empty()) o["description"] = description;
  json::array authors;
  for (const core::Author& author : a.authors) {
    authors.push_back(json::object{{"@type", "Person"}, {"name", author.name}, {"url", site.base_url + web::AuthorPath(author.slug)}});
  }
  // Without a byline the article is the newsroom's own.
  if (authors.empty()) authors.push_back(Publisher(site));
  o["author"] = std::move(authors);
  if (a.section) o["articleSection"] = a.section->name;
  if (!a.tags.empty()) {
    std::string keywords;
    for (const core::Tag& tag : a.tags) keywords += (keywords.empty() ? "" : ", ") + tag.name;
    o["keywords"] = keywords;
  }
  return o;
}

json::value CollectionPage(const std::string& name, const std::string& url, const SiteInfo& site) {
  return json::object{{"@context", kContext},
                      {"@type", "CollectionPage"},
                      {"name", name},
                      {"url", url},
                      {"inLanguage", site.language},
                      {"isPartOf", json::object{{"@type", "WebSite"}, {"name", site.name}, {"url", site.base_url + "/"}}}};
}

json::value WebSite(const std::string& description, const SiteInfo& site) {
  json::object o{{"@context", kContext},
                 {"@type", "WebSite"},
                 {"name", site.name},
                 {"url", site.base_url + "/"},
                 {"inLanguage", site.language},
                 {"publisher", Publisher(site)}};
  if (!description.empty()) o["description"] = description;
  return o;
}

json::value Organization(const SiteInfo& site) {
  json::object o = Publisher(site);
  o["@context"] = kContext;
  return o;
}

void DescribeArticle(web::PageFrame& frame, const core::Article& a, const SiteInfo& site,
                     const render::Locale& locale) {
  std::string comments_title = locale.Text("feed_comments_title");
  if (std::size_t at = comments_title.find("{headline}"); at != std::string::npos) {
    comments_title.replace(at, 10, a.headline);
  }
  SocialTags(frame, "article", frame.title, site);
  Property(frame, "article:published_time", Iso(a.published_at.value_or(a.created_at), site));
  Property(frame, "article:modified_time", Iso(Modified(a), site));
  if (a.section) Property(frame, "article:section", a.section->name);
  for (const core::Tag& tag : a.tags) Property(frame, "article:tag", tag.name);
  AddFeeds(frame, comments_title, web::CommentsRssPath(a.id), web::CommentsAtomPath(a.id));

  std::vector<Crumb> crumbs = {{site.name, site.base_url + "/"}};
  if (a.section) crumbs.push_back({a.section->name, site.base_url + web::SectionPath(a.section->slug)});
  crumbs.push_back({a.headline, site.base_url + web::ArticlePath(a.id, a.slug)});
  frame.json_ld.push_back(json::serialize(NewsArticle(a, frame.description, site)));
  frame.json_ld.push_back(json::serialize(BreadcrumbList(crumbs)));
}

void DescribeListing(web::PageFrame& frame, const std::string& name, const std::string& page_path, bool own_feed,
                     const SiteInfo& site) {
  SocialTags(frame, "website", name, site);
  if (own_feed) AddFeeds(frame, site.name + ": " + name, web::RssPath(page_path), web::AtomPath(page_path));
  std::string url = site.base_url + frame.path;
  json::value page = CollectionPage(name, url, site);
  page.as_object()["breadcrumb"] = BreadcrumbList({{site.name, site.base_url + "/"}, {name, site.base_url + page_path}});
  page.as_object()["breadcrumb"].as_object().erase("@context");
  frame.json_ld.push_back(json::serialize(page));
}

void DescribeFront(web::PageFrame& frame, const SiteInfo& site) {
  SocialTags(frame, "website", site.name, site);
  frame.json_ld.push_back(json::serialize(WebSite(frame.description, site)));
  frame.json_ld.push_back(json::serialize(Organization(site)));
}

}  // namespace gazette::site
