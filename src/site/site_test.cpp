// The reader site in process: the memory store, the default theme, and
// requests through the router (no sockets).
#include "site/site.h"

#include <gtest/gtest.h>

#include "comments/comment_service.h"
#include "core/publishing.h"
#include "web/test_pages.h"
#include "web/urls.h"
#include "storage/memory/memory_store.h"

namespace gazette::site {
namespace {

class EchoBodies final : public core::BodyRenderer, public comments::CommentRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override { return "<p>" + std::string(markdown) + "</p>"; }
  std::string ToHtml(std::string_view text) const override { return MarkdownToHtml(text); }
};

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web_ = web::MakeTestPages(reading_, clock_);
    ASSERT_NE(web_.pages, nullptr);
    pages_ = web_.pages.get();
    comments_ = std::make_unique<comments::CommentService>(store_, bodies_, clock_, comments::CommentSettings{},
                                                           comments::Pipeline::Default());
    site_ = std::make_unique<Site>(reading_, *comments_, *pages_);
    site_->AddRoutes(router_);
  }

  core::Id Add(core::ArticleDraft d) {
    if (d.status == core::ArticleStatus::kDraft && !d.published_at) d.status = core::ArticleStatus::kPublished;
    core::Id id = 0;
    EXPECT_TRUE(store_.Write([&](core::ContentWriter& w) -> base::Status {
      auto r = publisher_.Create(w, d);
      if (!r.ok()) return r.error();
      id = *r;
      return {};
    }).ok());
    return id;
  }

  http::Response Get(const std::string& target, std::vector<std::pair<std::string_view, std::string_view>> headers = {}) {
    http::Request r;
    r.method = http::Method::kGet;
    r.method_name = "GET";
    r.target = target;
    EXPECT_TRUE(http::SplitTarget(target, r.path, r.query));
    r.headers = std::move(headers);
    return router_.Dispatch(r);
  }

  storage::MemoryStore store_;
  EchoBodies bodies_;
  base::FixedClock clock_{base::TimeZone::Utc().FromLocal({2026, 11, 25}, {20, 0, 0})};
  core::Publisher publisher_{bodies_, clock_};
  core::ReadingService reading_{store_};
  web::TestPages web_;
  web::Pages* pages_ = nullptr;
  std::unique_ptr<comments::CommentService> comments_;
  std::unique_ptr<Site> site_;
  http::Router router_;
};

TEST_F(SiteTest, ArticlePageShowsTheStoryReadNextAndThePrompt) {
  core::ArticleDraft brief;
  brief.headline = "Briefly <noted> & more";
  brief.section = "Russia";
  brief.published_at = clock_.Now() - std::chrono::hours(30);
  brief.status = core::ArticleStatus::kPublished;
  Add(brief);
  core::ArticleDraft story;
  story.headline = "The story";
  story.body = "Body text";
  story.source = {"Kommersant", ""};
  story.authors = {"Anna Reyes"};
  story.tags = {"Diplomacy"};
  core::Id id = Add(story);

  http::Response r = Get(web::ArticlePath(id, "the-story"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Get("Content-Type"), "text/html; charset=utf-8");
  const std::string& html = r.body;
  EXPECT_NE(html.find("<h1 id=\"headline\">The story</h1>"), std::string::npos);
  EXPECT_NE(html.find("<p>Body text</p>"), std::string::npos);
  EXPECT_NE(html.find("<time datetime=\"2026-11-25T20:00:00Z\">20:00</time>"), std::string::npos);
  EXPECT_NE(html.find("Source: <span>Kommersant</span>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/author/anna-reyes\" rel=\"author\">Anna Reyes</a>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/tag/diplomacy\" rel=\"tag\">Diplomacy</a>"), std::string::npos);
  // Read next: yesterday's brief with its date, rubric, and escaped text.
  EXPECT_NE(html.find("<time datetime=\"2026-11-24T14:00:00Z\">24 Nov 14:00</time> <a class=\"rubric\" href=\"/section/russia\">"
                      "Russia</a> <a class=\"headline\" href=\"/news/"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("Briefly &lt;noted&gt; &amp; more"), std::string::npos);
  EXPECT_NE(html.find("What is your opinion on this topic?"), std::string::npos);
  EXPECT_NE(html.find("Leave the first comment"), std::string::npos);
  EXPECT_NE(html.find("<link rel=\"canonical\" href=\"https://news.example.org/news/"), std::string::npos);
  EXPECT_NE(html.find("<title>The story — The Halden Gazette</title>"), std::string::npos);
}

TEST_F(SiteTest, ReadNextItemsShowTheirOwnRubricNotTheArticles) {
  core::ArticleDraft brief;
  brief.headline = "A brief without a rubric";
  brief.published_at = clock_.Now() - std::chrono::minutes(5);
  brief.status = core::ArticleStatus::kPublished;
  Add(brief);
  core::ArticleDraft story;
  story.headline = "A story in World";
  story.section = "World";
  story.body = "Text";
  core::Id id = Add(story);
  http::Response r = Get(web::ArticlePath(id, "a-story-in-world"));
  std::size_t aside = r.body.find("<aside class=\"read-next\"");
  ASSERT_NE(aside, std::string::npos);
  std::string read_next = r.body.substr(aside, r.body.find("</aside>", aside) - aside);
  EXPECT_NE(read_next.find("A brief without a rubric"), std::string::npos);
  EXPECT_EQ(read_next.find("class=\"rubric\""), std::string::npos) << read_next;
  EXPECT_NE(r.body.find("<p class=\"kicker\"><a class=\"rubric\" href=\"/section/world\">World</a></p>"), std::string::npos);
}

TEST_F(SiteTest, OtherFormsOfAnArticleAddressRedirectToTheCanonicalOne) {
  core::ArticleDraft story;
  story.headline = "Tram line extended";
  core::Id id = Add(story);
  std::string canonical = web::ArticlePath(id, "tram-line-extended");
  for (std::string form : {"/news/" + std::to_string(id), "/news/" + std::to_string(id) + "-old-headline"}) {
    http::Response r = Get(form + "?utm=x");
    EXPECT_EQ(r.status, 301) << form;
    EXPECT_EQ(r.Get("Location"), canonical + "?utm=x");
  }
  EXPECT_EQ(Get(canonical).status, 200);
}

TEST_F(SiteTest, MissingAndUnpublishedArticlesAreThe404Page) {
  core::ArticleDraft draft;
  draft.headline = "Not yet";
  draft.status = core::ArticleStatus::kDraft;
  draft.published_at = std::nullopt;
  core::Id id = 0;
  ASSERT_TRUE(store_.Write([&](core::ContentWriter& w) -> base::Status {
    id = *publisher_.Create(w, draft);
    return {};
  }).ok());
  for (std::string path : {"/news/" + std::to_string(id), std::string("/news/999"), std::string("/news/abc"),
                           std::string("/news/0"), std::string("/section/none"), std::string("/tag/none"),
                           std::string("/author/none"), std::string("/nowhere")}) {
    http::Response r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body.find("Page not found"), std::string::npos) << path;
    EXPECT_NE(r.body.find("href=\"/latest\""), std::string::npos);
  }
}

TEST_F(SiteTest, ListingsPageAndRefuseBadPageNumbers) {
  for (int i = 0; i < 35; ++i) {
    core::ArticleDraft d;
    d.headline = "Item " + std::to_string(i);
    d.section = "World";
    d.published_at = clock_.Now() - std::chrono::minutes(i);
    d.status = core::ArticleStatus::kPublished;
    Add(d);
  }
  http::Response first = Get("/section/world");
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("Page 1 of 2"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"/section/world?page=2\" rel=\"next\""), std::string::npos);
  EXPECT_NE(first.body.find("aria-current=\"page\""), std::string::npos);
  http::Response second = Get("/latest?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("Item 34"), std::string::npos);
  EXPECT_EQ(second.body.find("Item 0<"), std::string::npos);
  EXPECT_EQ(Get("/latest?page=3").status, 404);
  EXPECT_EQ(Get("/latest?page=0").status, 400);
  EXPECT_EQ(Get("/latest?page=two").status, 400);
  EXPECT_NE(Get("/latest?page=two").body.find("whole number"), std::string::npos);
}

TEST_F(SiteTest, FrontPageLeadsWithTheTopStoryAndGroupsTheFeedByDay) {
  core::ArticleDraft old;
  old.headline = "Yesterday's brief";
  old.published_at = clock_.Now() - std::chrono::hours(22);
  old.status = core::ArticleStatus::kPublished;
  Add(old);
  core::ArticleDraft story;
  story.headline = "Lead story";
  story.body = "First paragraph.";
  Add(story);
  http::Response r = Get("/");
  ASSERT_EQ(r.status, 200);
  std::size_t top = r.body.find("top-story-headline\"><a href=\"/news/");
  std::size_t yesterday = r.body.find(">Yesterday</h3>");
  EXPECT_NE(top, std::string::npos);
  EXPECT_NE(yesterday, std::string::npos);
  EXPECT_LT(top, yesterday);
  EXPECT_NE(r.body.find("<p class=\"lead\">First paragraph.</p>"), std::string::npos);
}

TEST_F(SiteTest, AnEmptySiteSaysSo) {
  http::Response r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("No news has been published yet."), std::string::npos);
}

TEST_F(SiteTest, AssetsAreFingerprintedAndCachedForAYear) {
  http::Response page = Get("/");
  std::size_t at = page.body.find("/assets/site.");
  ASSERT_NE(at, std::string::npos);
  std::string url = page.body.substr(at, page.body.find('"', at) - at);
  http::Response css = Get(url);
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Get("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.Get("Cache-Control"), "public, max-age=31536000, immutable");
  std::string etag(css.Get("ETag"));
  http::Response again = Get(url, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get("/assets/site.css").Get("Cache-Control"), "public, no-cache");
  EXPECT_EQ(Get("/assets/site.0000000000.css").status, 404);
}

TEST_F(SiteTest, HealthCheck) {
  http::Response r = Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST(Site, EveryAnswerCarriesTheSecurityHeaders) {
  http::HeaderList headers = Site::CommonHeaders();
  auto value = [&](std::string_view name) {
    for (const auto& [n, v] : headers) {
      if (n == name) return v;
    }
    return std::string();
  };
  std::string csp = value("Content-Security-Policy");
  for (const char* part : {"script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'"}) {
    EXPECT_NE(csp.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(value("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(value("Referrer-Policy").empty());
}

TEST(Urls, ArticleReferences) {
  EXPECT_EQ(web::ArticlePath(42, "a-b"), "/news/42-a-b");
  EXPECT_EQ(web::ParseArticleRef("42-a-b"), 42);
  EXPECT_EQ(web::ParseArticleRef("42"), 42);
  EXPECT_FALSE(web::ParseArticleRef("42x").has_value());
  EXPECT_FALSE(web::ParseArticleRef("-42").has_value());
  EXPECT_FALSE(web::ParseArticleRef("042").has_value());
  EXPECT_FALSE(web::ParseArticleRef("99999999999999999999").has_value());
}

}  // namespace
}  // namespace gazette::site
