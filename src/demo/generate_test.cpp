#include "demo/generate.h"

#include <gtest/gtest.h>

#include <set>

#include "core/reading.h"
#include "storage/memory/memory_store.h"

namespace gazette::demo {
namespace {

class GenerateTest : public ::testing::Test {
 protected:
  base::FixedClock clock_{base::Timestamp(std::chrono::seconds(1'800'000'000))};
  storage::MemoryStore store_;
};

TEST_F(GenerateTest, MakesPublishedArticlesWithCommentsThatAddUp) {
  GenerateOptions o;
  o.articles = 1200;
  o.comments = 9000;
  o.readers = 20;
  o.tags = 50;
  o.authors = 10;
  o.batch = 500;
  o.comment_batch = 10000;
  std::vector<std::pair<std::string, std::int64_t>> progress;
  base::Result<GenerateReport> report = Generate(store_, store_, store_, clock_, o, [&](std::string_view what, std::int64_t done, std::int64_t) {
    progress.emplace_back(std::string(what), done);
  });
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->articles, 1200);
  EXPECT_EQ(report->comments, 9000);
  EXPECT_EQ(progress.front(), (std::pair<std::string, std::int64_t>{"articles", 500}));
  EXPECT_EQ(progress.back(), (std::pair<std::string, std::int64_t>{"comments", 9000}));

  core::ArticleQuery all;
  all.limit = 2000;
  base::Result<std::vector<core::ArticleSummary>> listed = store_.ListArticles(all);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1200u);
  EXPECT_EQ(listed->front().published_at, clock_.Now());  // the newest is published now
  std::set<std::string> slugs;
  std::int64_t comments = 0;
  for (const core::ArticleSummary& a : *listed) {
    slugs.insert(a.slug);
    base::Result<core::Article> full = store_.FindArticle(a.id);
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->status, core::ArticleStatus::kPublished);
    EXPECT_TRUE(full->section.has_value());
    EXPECT_FALSE(full->tags.empty());
    EXPECT_EQ(full->authors.size(), 1u);
    EXPECT_NE(full->body_html.find("<p>"), std::string::npos);
    comments += full->comment_count;
  }
  EXPECT_EQ(slugs.size(), 1200u);
  EXPECT_EQ(comments, 9000);  // every comment counted on its article
  // Newer articles get more comments than old ones.
  base::Result<core::Article> newest = store_.FindArticle(listed->front().id);
  base::Result<core::Article> oldest = store_.FindArticle(listed->back().id);
  EXPECT_GT(newest->comment_count, oldest->comment_count);
}

// The same seed makes the same site; a second run numbers its articles
// after the first's; a run that fails at its first article (its slug
// taken) stops without hanging.
TEST_F(GenerateTest, TheSameSeedMakesTheSameSiteAndAFailedRunStops) {
  GenerateOptions o;
  o.articles = 6000;  // more than are made ahead of the writing
  o.comments = 3000;
  o.readers = 5;
  o.tags = 20;
  o.authors = 5;
  o.batch = 1000;
  storage::MemoryStore other;
  ASSERT_TRUE(Generate(store_, store_, store_, clock_, o, nullptr).ok());
  ASSERT_TRUE(Generate(other, other, other, clock_, o, nullptr).ok());
  core::ArticleQuery all;
  all.limit = 10000;
  base::Result<std::vector<core::ArticleSummary>> mine = store_.ListArticles(all);
  base::Result<std::vector<core::ArticleSummary>> theirs = other.ListArticles(all);
  ASSERT_TRUE(mine.ok() && theirs.ok());
  ASSERT_EQ(mine->size(), 6000u);
  ASSERT_EQ(theirs->size(), 6000u);
  for (std::size_t i = 0; i < mine->size(); i += 997) {
    base::Result<core::Article> a = store_.FindArticle((*mine)[i].id);
    base::Result<core::Article> b = other.FindArticle((*theirs)[i].id);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->slug, b->slug);
    EXPECT_EQ(a->body_html, b->body_html);
    EXPECT_EQ(a->tags.size(), b->tags.size());
    EXPECT_EQ(a->comment_count, b->comment_count);
  }

  // The oldest article is number 1. With one more article in the site, the
  // next run's first is the same headline (the same seed) numbered 6002:
  // taken beforehand, it fails the run.
  base::Result<core::Article> oldest = store_.FindArticle(mine->back().id);
  ASSERT_TRUE(oldest.ok());
  ASSERT_TRUE(oldest->slug.ends_with("-1")) << oldest->slug;
  core::Article taken = *oldest;
  taken.slug = oldest->slug.substr(0, oldest->slug.size() - 2) + "-6002";
  ASSERT_TRUE(store_.Write([&](core::ContentWriter& w) -> base::Status {
    base::Result<core::Id> id = w.InsertArticle(taken);
    if (!id.ok()) return id.error();
    return {};
  }).ok());
  base::Result<GenerateReport> failed = Generate(store_, store_, store_, clock_, o, nullptr);
  EXPECT_FALSE(failed.ok());
  base::Result<std::vector<core::ArticleSummary>> after = store_.ListArticles(all);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), 6001u);  // the failed transaction added nothing

  o.articles = 100;
  o.comments = 0;
  ASSERT_TRUE(Generate(other, other, other, clock_, o, nullptr).ok());  // numbered 6001 to 6100
  base::Result<std::vector<core::ArticleSummary>> more = other.ListArticles(all);
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(more->size(), 6100u);
}

TEST_F(GenerateTest, RefusesCommentsWithoutArticles) {
  GenerateOptions o;
  o.comments = 10;
  base::Result<GenerateReport> report = Generate(store_, store_, store_, clock_, o, nullptr);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, base::ErrorCode::kInvalid);
}

}  // namespace
}  // namespace gazette::demo
