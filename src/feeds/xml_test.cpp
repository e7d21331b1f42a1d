#include "feeds/xml.h"

#include <gtest/gtest.h>

#include "feeds/feed.h"
#include "feeds/sitemap.h"

namespace gazette::feeds {
namespace {

base::Timestamp At(int year, int month, int day, int hour, int minute) {
  return base::TimeZone::Utc().FromLocal({year, month, day}, {hour, minute, 0});
}

TEST(XmlEscape, EscapesMarkupAndTheEndOfCdata) {
  EXPECT_EQ(XmlEscape("a < b && c > d \"q\" 'a'"), "a &lt; b &amp;&amp; c &gt; d &quot;q&quot; &apos;a&apos;");
  EXPECT_EQ(XmlEscape("x]]>y"), "x]]&gt;y");
  EXPECT_EQ(XmlEscape("</title><script>"), "&lt;/title&gt;&lt;script&gt;");
}

TEST(XmlEscape, DropsWhatXmlCannotHoldAndKeepsUnicode) {
  EXPECT_EQ(XmlEscape(std::string("a\x01" "b\x0B" "c\x1F" "d\x7F", 8)), "abcd\x7F");
  EXPECT_EQ(XmlEscape(std::string("nul\0here", 8)), "nulhere");
  EXPECT_EQ(XmlEscape("tab\tline\nok"), "tab\tline\nok");
  EXPECT_EQ(XmlEscape("cr\r"), "cr&#13;");
  EXPECT_EQ(XmlEscape("Путин встретится с Уиткоффом — ёлка"), "Путин встретится с Уиткоффом — ёлка");
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBE\xEF\xBF\xBF"), "");  // U+FFFE, U+FFFF
  EXPECT_EQ(XmlEscape("bad \xC3( byte"), "bad \xEF\xBF\xBD( byte");
  EXPECT_EQ(XmlEscape("surrogate \xED\xA0\x80."), "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.");
  EXPECT_EQ(XmlEscape("cut \xE2\x82"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("emoji 😀"), "emoji 😀");
}

TEST(Dates, AreRfc822AndRfc3339InUtc) {
  base::Timestamp t = At(2026, 11, 25, 16, 29);
  EXPECT_EQ(Rfc822(t), "Wed, 25 Nov 2026 16:29:00 +0000");
  EXPECT_EQ(Rfc3339(t), "2026-11-25T16:29:00Z");
  EXPECT_EQ(Rfc822(At(2027, 1, 3, 0, 5)), "Sun, 03 Jan 2027 00:05:00 +0000");
}

TEST(XmlWriter, NestsAndEscapesAttributes) {
  XmlWriter xml;
  xml.Open("root", {{"xmlns", "urn:x"}}).Element("a", "1 < 2", {{"href", "http://x/?a=1&b=\"2\""}});
  xml.Empty("b", {{"v", "<>"}});
  std::string out = std::move(xml).Finish();
  EXPECT_EQ(out,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root xmlns=\"urn:x\">\n"
            "<a href=\"http://x/?a=1&amp;b=&quot;2&quot;\">1 &lt; 2</a>\n<b v=\"&lt;&gt;\"/>\n</root>\n");
}

Feed Sample() {
  Feed feed;
  feed.title = "Газета & Co";
  feed.page_url = "https://news.example.org/";
  feed.rss_url = "https://news.example.org/feed.xml";
  feed.atom_url = "https://news.example.org/atom.xml";
  feed.language = "ru";
  feed.publisher = {"Газета & Co", "https://news.example.org/"};
  feed.updated = At(2026, 11, 25, 16, 29);
  FeedEntry e;
  e.title = "A </title> ]]> headline\x01";
  e.url = "https://news.example.org/news/1-a";
  e.id = "https://news.example.org/news/1";
  e.published = At(2026, 11, 25, 16, 0);
  e.updated = At(2026, 11, 25, 16, 29);
  e.authors = {{"Анна", "https://news.example.org/author/anna"}};
  e.categories = {{"Мир", "https://news.example.org/section/world"}};
  e.summary_html = "Lead &amp; more";
  e.content_html = "<p>Body ]]> text</p>";
  feed.entries.push_back(e);
  return feed;
}

TEST(Feeds, RssCarriesEveryFieldEscaped) {
  std::string rss = RssXml(Sample());
  EXPECT_NE(rss.find("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""), std::string::npos);
  EXPECT_NE(rss.find("<atom:link href=\"https://news.example.org/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>"),
            std::string::npos);
  EXPECT_NE(rss.find("<title>Газета &amp; Co</title>"), std::string::npos);
  EXPECT_NE(rss.find("<title>A &lt;/title&gt; ]]&gt; headline</title>"), std::string::npos);
  EXPECT_NE(rss.find("<guid isPermaLink=\"true\">https://news.example.org/news/1</guid>"), std::string::npos);
  EXPECT_NE(rss.find("<pubDate>Wed, 25 Nov 2026 16:00:00 +0000</pubDate>"), std::string::npos);
  EXPECT_NE(rss.find("<dc:creator>Анна</dc:creator>"), std::string::npos);
  EXPECT_NE(rss.find("<category domain=\"https://news.example.org/section/world\">Мир</category>"), std::string::npos);
  EXPECT_NE(rss.find("<description>Lead &amp;amp; more</description>"), std::string::npos);
  EXPECT_NE(rss.find("<content:encoded>&lt;p&gt;Body ]]&gt; text&lt;/p&gt;</content:encoded>"), std::string::npos);
  EXPECT_EQ(rss.find('\x01'), std::string::npos);
}

TEST(Feeds, AtomCarriesEveryFieldEscaped) {
  std::string atom = AtomXml(Sample());
  EXPECT_NE(atom.find("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">"), std::string::npos);
  EXPECT_NE(atom.find("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://news.example.org/atom.xml\"/>"),
            std::string::npos);
  EXPECT_NE(atom.find("<id>https://news.example.org/news/1</id>"), std::string::npos);
  EXPECT_NE(atom.find("<published>2026-11-25T16:00:00Z</published>"), std::string::npos);
  EXPECT_NE(atom.find("<updated>2026-11-25T16:29:00Z</updated>"), std::string::npos);
  EXPECT_NE(atom.find("<author>\n<name>Анна</name>\n<uri>https://news.example.org/author/anna</uri>\n</author>"),
            std::string::npos);
  EXPECT_NE(atom.find("<category term=\"Мир\"/>"), std::string::npos);
  EXPECT_NE(atom.find("<content type=\"html\">&lt;p&gt;Body ]]&gt; text&lt;/p&gt;</content>"), std::string::npos);
}

TEST(Sitemaps, PagesAreIdRangesOfAtMostThePageSize) {
  EXPECT_EQ(SitemapPageOf(1, 50000), 1);
  EXPECT_EQ(SitemapPageOf(50000, 50000), 1);
  EXPECT_EQ(SitemapPageOf(50001, 50000), 2);
  EXPECT_EQ(SitemapPageOf(3, 2), 2);
  EXPECT_EQ(SitemapPageStart(1, 50000), 0);
  EXPECT_EQ(SitemapPageStart(3, 50000), 100000);
  EXPECT_EQ(kMaxSitemapUrls, 50000);
  // Every id of a page falls in (start(page), start(page + 1)].
  for (std::int64_t id = 1; id <= 20; ++id) {
    int page = SitemapPageOf(id, 3);
    EXPECT_GT(id, SitemapPageStart(page, 3));
    EXPECT_LE(id, SitemapPageStart(page + 1, 3));
  }
}

TEST(Sitemaps, DocumentsHaveTheirNamespacesAndFields) {
  std::string index = SitemapIndexXml({{"https://x/sitemaps/articles-1.xml", std::nullopt}});
  EXPECT_NE(index.find("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), std::string::npos);
  EXPECT_NE(index.find("<sitemap>\n<loc>https://x/sitemaps/articles-1.xml</loc>\n</sitemap>"), std::string::npos);
  std::string set = UrlSetXml({{"https://x/news/1-a?b=1&c=2", At(2026, 11, 25, 16, 29)}});
  EXPECT_NE(set.find("<loc>https://x/news/1-a?b=1&amp;c=2</loc>\n<lastmod>2026-11-25T16:29:00Z</lastmod>"),
            std::string::npos);
  std::string news = NewsSitemapXml({{"https://x/news/1-a", "Title <b> & «кавычки»", At(2026, 11, 25, 16, 29)}},
                                    "Газета", "ru");
  EXPECT_NE(news.find("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""), std::string::npos);
  EXPECT_NE(news.find("<news:publication>\n<news:name>Газета</news:name>\n<news:language>ru</news:language>\n"
                      "</news:publication>\n<news:publication_date>2026-11-25T16:29:00Z</news:publication_date>\n"
                      "<news:title>Title &lt;b&gt; &amp; «кавычки»</news:title>"),
            std::string::npos);
}

TEST(Robots, NamesDisallowedPathsAndSitemaps) {
  EXPECT_EQ(RobotsTxt({"/admin", "/account"}, {"https://x/sitemap.xml"}),
            "User-agent: *\nDisallow: /admin\nDisallow: /account\n\nSitemap: https://x/sitemap.xml\n");
}

}  // namespace
}  // namespace gazette::feeds
