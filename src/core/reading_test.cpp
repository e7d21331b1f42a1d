#include "core/reading.h"

#include <gtest/gtest.h>

#include "core/publishing.h"
#include "storage/memory/memory_store.h"

namespace gazette::core {
namespace {

class NoBodies final : public BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override { return std::string(markdown); }
};

class ReadingTest : public ::testing::Test {
 protected:
  Id Add(const std::string& headline, int minutes_ago, bool body = false, bool top = false,
         ArticleStatus status = ArticleStatus::kPublished) {
    ArticleDraft d;
    d.headline = headline;
    d.body = body ? "Text." : "";
    d.top = top;
    d.status = status;
    if (status != ArticleStatus::kDraft) d.published_at = clock_.Now() - std::chrono::minutes(minutes_ago);
    Id id = 0;
    EXPECT_TRUE(store_.Write([&](ContentWriter& w) -> base::Status {
      auto r = publisher_.Create(w, d);
      if (!r.ok()) return r.error();
      id = *r;
      return {};
    }).ok());
    return id;
  }

  std::vector<std::string> Headlines(const std::vector<ArticleSummary>& items) {
    std::vector<std::string> out;
    for (const auto& s : items) out.push_back(s.headline);
    return out;
  }

  storage::MemoryStore store_;
  NoBodies bodies_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  Publisher publisher_{bodies_, clock_};
  ReadingService reading_{store_};
};

TEST_F(ReadingTest, TopStoryIsTheNewestEditorsPick) {
  Add("old pick", 100, true, true);
  Add("newer pick", 50, true, true);
  Add("newest article", 10, true);
  Add("brief", 5);
  auto front = reading_.Front(10);
  ASSERT_TRUE(front.ok());
  ASSERT_TRUE(front->top_story.has_value());
  EXPECT_EQ(front->top_story->headline, "newer pick");
  EXPECT_EQ(Headlines(front->latest), (std::vector<std::string>{"brief", "newest article", "old pick"}));
}

TEST_F(ReadingTest, WithoutAPickTheNewestArticleWithABodyLeads) {
  Add("article", 30, true);
  Add("brief", 5);
  Add("draft with body", 1, true, true, ArticleStatus::kDraft);
  auto front = reading_.Front(10);
  EXPECT_EQ(front->top_story->headline, "article");
  EXPECT_EQ(Headlines(front->latest), std::vector<std::string>{"brief"});
}

TEST_F(ReadingTest, AnEmptySiteHasAnEmptyFront) {
  auto front = reading_.Front(10);
  ASSERT_TRUE(front.ok());
  EXPECT_FALSE(front->top_story.has_value());
  EXPECT_TRUE(front->latest.empty());
}

TEST_F(ReadingTest, ReadNextIsTheLatestOthersNewestFirst) {
  Id main = Add("main", 0, true);
  for (int i = 1; i <= 7; ++i) Add("brief " + std::to_string(i), i * 10);
  Add("a draft", 1, false, false, ArticleStatus::kDraft);
  Article article = *reading_.PublishedArticle(main);
  auto next = reading_.ReadNext(article, 5);
  EXPECT_EQ(Headlines(*next), (std::vector<std::string>{"brief 1", "brief 2", "brief 3", "brief 4", "brief 5"}));
}

TEST_F(ReadingTest, DraftsAreNotFoundByReaders) {
  Id draft = Add("draft", 1, true, false, ArticleStatus::kDraft);
  EXPECT_EQ(reading_.PublishedArticle(draft).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(reading_.PublishedArticle(424242).error().code, base::ErrorCode::kNotFound);
}

TEST_F(ReadingTest, ListingsPageAndRefuseImpossiblePages) {
  for (int i = 0; i < 5; ++i) Add("item " + std::to_string(i), i);
  auto page1 = reading_.List({}, 1, 2);
  ASSERT_TRUE(page1.ok());
  EXPECT_EQ(page1->total, 5);
  EXPECT_EQ(page1->pages, 3);
  EXPECT_EQ(Headlines(page1->items), (std::vector<std::string>{"item 0", "item 1"}));
  EXPECT_EQ(Headlines(reading_.List({}, 3, 2)->items), std::vector<std::string>{"item 4"});
  EXPECT_EQ(reading_.List({}, 4, 2).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(reading_.List({}, 0, 2).error().code, base::ErrorCode::kInvalid);
}

TEST_F(ReadingTest, AnEmptyListingHasOnePage) {
  auto empty = reading_.List({}, 1, 30);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->pages, 1);
  EXPECT_TRUE(empty->items.empty());
}

}  // namespace
}  // namespace gazette::core
