#include "site/metadata.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "web/json.h"

namespace gazette::site {
namespace {
namespace json = boost::json;

SiteInfo Site() {
  SiteInfo site;
  site.name = "Газета";
  site.base_url = "https://news.example.org";
  site.language = "ru";
  site.icon_url = "https://news.example.org/assets/icon.abc.svg";
  site.zone = *base::TimeZone::Load("Europe/Moscow");
  return site;
}

core::Article Story() {
  core::Article a;
  a.id = 42;
  a.slug = "putin-witkoff";
  a.headline = "Путин </script><script>alert(1)</script> & «Уиткофф»";
  a.lead = "Лид";
  a.section = core::Section{1, "russia", "Россия", 1};
  a.tags = {{1, "diplomacy", "Дипломатия"}, {2, "usa", "США"}};
  a.authors = {{1, "anna", "Анна Петрова"}};
  a.status = core::ArticleStatus::kPublished;
  a.published_at = base::TimeZone::Utc().FromLocal({2026, 11, 25}, {16, 29, 0});
  a.created_at = *a.published_at;
  a.updated_at = *a.published_at + std::chrono::minutes(5);
  a.corrected_at = *a.published_at + std::chrono::hours(2);
  return a;
}

TEST(Metadata, NewsArticleCarriesTheArticle) {
  json::object o = NewsArticle(Story(), "Лид", Site()).as_object();
  EXPECT_EQ(o.at("@context"), "https://schema.org");
  EXPECT_EQ(o.at("@type"), "NewsArticle");
  EXPECT_EQ(o.at("headline"), "Путин </script><script>alert(1)</script> & «Уиткофф»");
  EXPECT_EQ(o.at("description"), "Лид");
  EXPECT_EQ(o.at("url"), "https://news.example.org/news/42-putin-witkoff");
  EXPECT_EQ(o.at("mainEntityOfPage").at("@id"), "https://news.example.org/news/42-putin-witkoff");
  EXPECT_EQ(o.at("datePublished"), "2026-11-25T19:29:00+03:00");
  EXPECT_EQ(o.at("dateModified"), "2026-11-25T21:29:00+03:00");  // the correction
  EXPECT_EQ(o.at("author").at(0).at("@type"), "Person");
  EXPECT_EQ(o.at("author").at(0).at("name"), "Анна Петрова");
  EXPECT_EQ(o.at("author").at(0).at("url"), "https://news.example.org/author/anna");
  EXPECT_EQ(o.at("publisher").at("name"), "Газета");
  EXPECT_EQ(o.at("publisher").at("logo").at("url"), "https://news.example.org/assets/icon.abc.svg");
  EXPECT_EQ(o.at("articleSection"), "Россия");
  EXPECT_EQ(o.at("keywords"), "Дипломатия, США");
  EXPECT_EQ(o.at("inLanguage"), "ru");
}

TEST(Metadata, WithoutABylineTheSiteIsTheAuthorAndWithoutCorrectionModifiedIsTheUpdate) {
  core::Article a = Story();
  a.authors.clear();
  a.corrected_at.reset();
  json::object o = NewsArticle(a, "", Site()).as_object();
  EXPECT_EQ(o.at("author").at(0).at("@type"), "Organization");
  EXPECT_EQ(o.at("dateModified"), "2026-11-25T19:34:00+03:00");
  EXPECT_FALSE(o.contains("description"));
}

TEST(Metadata, BreadcrumbsCountFromOne) {
  json::value list = BreadcrumbList({{"Home", "https://x/"}, {"World", "https://x/section/world"}});
  EXPECT_EQ(list.at("@type"), "BreadcrumbList");
  EXPECT_EQ(list.at("itemListElement").at(1).at("position"), 2);
  EXPECT_EQ(list.at("itemListElement").at(1).at("item"), "https://x/section/world");
}

TEST(Metadata, ScriptSafeJsonCannotCloseTheScriptAndReadsBackTheSame) {
  std::string raw = json::serialize(NewsArticle(Story(), "a <!-- b --> & c", Site()));
  std::string safe = web::ScriptSafeJson(raw);
  EXPECT_EQ(safe.find('<'), std::string::npos);
  EXPECT_EQ(safe.find('>'), std::string::npos);
  EXPECT_EQ(safe.find('&'), std::string::npos);
  EXPECT_NE(safe.find("\\u003c/script\\u003e"), std::string::npos);
  EXPECT_EQ(json::parse(safe), json::parse(raw));
}

TEST(Metadata, ArticlePagesGetSocialTagsFeedsAndTwoDocuments) {
  web::PageFrame frame;
  frame.title = "Путин";
  frame.description = "Лид";
  frame.path = "/news/42-putin-witkoff";
  auto theme = render::Theme::Load(std::string(GAZETTE_SOURCE_DIR) + "/themes/default", "ru");
  ASSERT_TRUE(theme.ok());
  DescribeArticle(frame, Story(), Site(), (*theme)->locale());
  std::map<std::string, std::vector<std::string>> meta;
  for (const web::MetaTag& m : frame.meta) meta[m.key].push_back(m.content);
  EXPECT_EQ(meta["og:type"], std::vector<std::string>{"article"});
  EXPECT_EQ(meta["og:url"], std::vector<std::string>{"https://news.example.org/news/42-putin-witkoff"});
  EXPECT_EQ(meta["og:locale"], std::vector<std::string>{"ru_RU"});
  EXPECT_EQ(meta["og:site_name"], std::vector<std::string>{"Газета"});
  EXPECT_EQ(meta["article:tag"], (std::vector<std::string>{"Дипломатия", "США"}));
  EXPECT_EQ(meta["article:section"], std::vector<std::string>{"Россия"});
  EXPECT_EQ(meta["article:published_time"], std::vector<std::string>{"2026-11-25T19:29:00+03:00"});
  EXPECT_EQ(meta["twitter:card"], std::vector<std::string>{"summary"});
  ASSERT_EQ(frame.feeds.size(), 2u);
  EXPECT_EQ(frame.feeds[0].path, "/news/42/comments/feed.xml");
  EXPECT_EQ(frame.feeds[1].path, "/news/42/comments/atom.xml");
  EXPECT_EQ(frame.feeds[0].title.rfind("Комментарии: Путин", 0), 0u);
  ASSERT_EQ(frame.json_ld.size(), 2u);
  json::value crumbs = json::parse(frame.json_ld[1]);
  EXPECT_EQ(crumbs.at("itemListElement").as_array().size(), 3u);
  EXPECT_EQ(crumbs.at("itemListElement").at(1).at("name"), "Россия");
}

TEST(Metadata, ListingsAreCollectionPagesWithTheirFeeds) {
  web::PageFrame frame;
  frame.title = "Мир";
  frame.path = "/section/world?page=2";
  DescribeListing(frame, "Мир", "/section/world", true, Site());
  ASSERT_EQ(frame.feeds.size(), 2u);
  EXPECT_EQ(frame.feeds[0].path, "/section/world/feed.xml");
  json::value page = json::parse(frame.json_ld.at(0));
  EXPECT_EQ(page.at("@type"), "CollectionPage");
  EXPECT_EQ(page.at("url"), "https://news.example.org/section/world?page=2");
  EXPECT_EQ(page.at("breadcrumb").at("itemListElement").at(1).at("item"), "https://news.example.org/section/world");

  web::PageFrame latest;
  latest.path = "/latest";
  DescribeListing(latest, "Latest", "/latest", false, Site());
  EXPECT_TRUE(latest.feeds.empty());
}

TEST(Metadata, TheFrontPageIsAWebSiteOfAnOrganization) {
  web::PageFrame frame;
  frame.path = "/";
  DescribeFront(frame, Site());
  ASSERT_EQ(frame.json_ld.size(), 2u);
  EXPECT_EQ(json::parse(frame.json_ld[0]).at("@type"), "WebSite");
  EXPECT_EQ(json::parse(frame.json_ld[1]).at("@type"), "Organization");
  EXPECT_EQ(OgLocale("en"), "en_US");
  EXPECT_EQ(OgLocale("de"), "de_DE");
}

}  // namespace
}  // namespace gazette::site
