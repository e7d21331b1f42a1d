// What search engines, social networks and feed readers read in a page's
// head: schema.org JSON-LD (NewsArticle, CollectionPage, BreadcrumbList,
// WebSite, Organization), OpenGraph and Twitter card tags, and the page's
// own feeds. The builders return JSON values (Boost.JSON); the layout
// embeds them escaped (web::ScriptSafeJson).
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/article.h"
#include "web/pages.h"

namespace gazette::site {

// The site as structured data sees it. Addresses are absolute.
struct SiteInfo {
  std::string name;
  std::string base_url;  // no trailing slash
  std::string language;  // "en", "ru"
  std::string icon_url;  // the site's icon, the publisher's logo
  base::TimeZone zone = base::TimeZone::Utc();
};

// The site's details from its pages' settings and theme.
SiteInfo SiteInfoOf(const web::Pages& pages);

struct Crumb {
  std::string name;
  std::string url;  // absolute
};

// OpenGraph's locale for a language code: "en" -> "en_US", "ru" -> "ru_RU".
std::string OgLocale(std::string_view language);

boost::json::value BreadcrumbList(const std::vector<Crumb>& crumbs);
// The article as schema.org NewsArticle; `description` is what the page's
// meta description says.
boost::json::value NewsArticle(const core::Article& article, const std::string& description, const SiteInfo& site);
boost::json::value CollectionPage(const std::string& name, const std::string& url, const SiteInfo& site);
boost::json::value WebSite(const std::string& description, const SiteInfo& site);
boost::json::value Organization(const SiteInfo& site);

// Fill a page frame (its title, description and path already set).
void DescribeArticle(web::PageFrame& frame, const core::Article& article, const SiteInfo& site,
                     const render::Locale& locale);
// A section's, tag's or author's page (or another listing): `name` is its
// heading, `page_path` its first page; `own_feed` when it has feeds of its own.
// The breadcrumb starts at the front page, named after the site.
void DescribeListing(web::PageFrame& frame, const std::string& name, const std::string& page_path, bool own_feed,
                     const SiteInfo& site);
void DescribeFront(web::PageFrame& frame, const SiteInfo& site);

}  // namespace gazette::site
