#include "feeds/feed.h"

#include "feeds/xml.h"

namespace gazette::feeds {

std::string RssXml(const Feed& feed) {
  XmlWriter xml;
  xml.Open("rss", {{"version", "2.0"},
                   {"xmlns:atom", kAtomNamespace},
                   {"xmlns:content", "http://purl.org/rss/1.0/modules/content/"},
                   {"xmlns:dc", "http://purl.org/dc/elements/1.1/"}});
  xml.Open("channel");
  xml.Element("title", feed.title);
  xml.Element("link", feed.page_url);
  xml.Element("description", feed.description.empty() ? feed.title : feed.description);
  if (!feed.language.empty()) xml.Element("language", feed.language);
  xml.Element("lastBuildDate", Rfc822(feed.updated));
  xml.Element("generator", "Gazette");
  xml.Empty("atom:link", {{"href", feed.rss_url}, {"rel", "self"}, {"type", "application/rss+xml"}});
  for (const FeedEntry& entry : feed.entries) {
    xml.Open("item");
    xml.Element("title", entry.title);
    xml.Element("link", entry.url);
    xml.Element("guid", entry.id, {{"isPermaLink", entry.id.rfind("http", 0) == 0 ? "true" : "false"}});
    xml.Element("pubDate", Rfc822(entry.published));
    for (const Person& author : entry.authors) xml.Element("dc:creator", author.name);
    for (const Category& category : entry.categories) {
      if (category.url.empty()) {
        xml.Element("category", category.name);
      } else {
        xml.Element("category", category.name, {{"domain", category.url}});
      }
    }
    if (!entry.summary_html.empty()) xml.Element("description", entry.summary_html);
    if (!entry.content_html.empty()) xml.Element("content:encoded", entry.content_html);
    xml.Close();
  }
  return std::move(xml).Finish();
}

std::string AtomXml(const Feed& feed) {
  XmlWriter xml;
  Attributes root = {{"xmlns", kAtomNamespace}};
  if (!feed.language.empty()) root.emplace_back("xml:lang", feed.language);
  xml.Open("feed", root);
  xml.Element("title", feed.title, {{"type", "text"}});
  if (!feed.description.empty()) xml.Element("subtitle", feed.description, {{"type", "text"}});
  xml.Empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", feed.page_url}});
  xml.Empty("link", {{"rel", "self"}, {"type", "application/atom+xml"}, {"href", feed.atom_url}});
  xml.Element("id", feed.atom_url);
  xml.Element("updated", Rfc3339(feed.updated));
  xml.Open("author").Element("name", feed.publisher.name);
  if (!feed.publisher.url.empty()) xml.Element("uri", feed.publisher.url);
  xml.Close();
  xml.Element("generator", "Gazette");
  if (!feed.icon_url.empty()) xml.Element("icon", feed.icon_url);
  for (const FeedEntry& entry : feed.entries) {
    xml.Open("entry");
    xml.Element("title", entry.title, {{"type", "text"}});
    xml.Empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", entry.url}});
    xml.Element("id", entry.id);
    xml.Element("published", Rfc3339(entry.published));
    xml.Element("updated", Rfc3339(entry.updated));
    for (const Person& author : entry.authors) {
      xml.Open("author").Element("name", author.name);
      if (!author.url.empty()) xml.Element("uri", author.url);
      xml.Close();
    }
    for (const Category& category : entry.categories) xml.Empty("category", {{"term", category.name}});
    if (!entry.summary_html.empty()) xml.Element("summary", entry.summary_html, {{"type", "html"}});
    if (!entry.content_html.empty()) xml.Element("content", entry.content_html, {{"type", "html"}});
    xml.Close();
  }
  return std::move(xml).Finish();
}

}  // namespace gazette::feeds
