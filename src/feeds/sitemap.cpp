#include "feeds/sitemap.h"

#include "feeds/xml.h"

namespace gazette::feeds {

std::string SitemapIndexXml(const std::vector<SitemapUrl>& sitemaps) {
  XmlWriter xml;
  xml.Open("sitemapindex", {{"xmlns", kSitemapNamespace}});
  for (const SitemapUrl& sitemap : sitemaps) {
    xml.Open("sitemap").Element("loc", sitemap.loc);
    if (sitemap.lastmod) xml.Element("lastmod", Rfc3339(*sitemap.lastmod));
    xml.Close();
  }
  return std::move(xml).Finish();
}

std::string UrlSetXml(const std::vector<SitemapUrl>& urls) {
  XmlWriter xml;
  xml.Open("urlset", {{"xmlns", kSitemapNamespace}});
  for (const SitemapUrl& url : urls) {
    xml.Open("url").Element("loc", url.loc);
    if (url.lastmod) xml.Element("lastmod", Rfc3339(*url.lastmod));
    xml.Close();
  }
  return std::move(xml).Finish();
}

std::string NewsSitemapXml(const std::vector<NewsUrl>& urls, std::string_view publication, std::string_view language) {
  XmlWriter xml;
  xml.Open("urlset", {{"xmlns", kSitemapNamespace}, {"xmlns:news", kNewsNamespace}});
  for (const NewsUrl& url : urls) {
    xml.Open("url").Element("loc", url.loc);
    xml.Open("news:news");
    xml.Open("news:publication").Element("news:name", publication).Element("news:language", language).Close();
    xml.Element("news:publication_date", Rfc3339(url.published));
    xml.Element("news:title", url.title);
    xml.Close().Close();
  }
  return std::move(xml).Finish();
}

std::string RobotsTxt(const std::vector<std::string>& disallow, const std::vector<std::string>& sitemaps) {
  std::string out = "User-agent: *\n";
  for (const std::string& path : disallow) out += "Disallow: " + path + "\n";
  out += "\n";
  for (const std::string& sitemap : sitemaps) out += "Sitemap: " + sitemap + "\n";
  return out;
}

}  // namespace gazette::feeds
