// "Read next": the latest news blended with articles related to the one shown.
#include <gtest/gtest.h>

#include "core/publishing.h"
#include "core/reading.h"
#include "storage/memory/memory_store.h"

namespace gazette::core {
namespace {

class PlainBodies final : public BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override { return "<p>" + std::string(markdown) + "</p>"; }
};

struct Story {
  std::string headline;
  int hours_ago = 0;
  std::string section;
  std::vector<std::string> tags;
  std::string lead;
  ArticleStatus status = ArticleStatus::kPublished;
};

class ReadNextTest : public ::testing::Test {
 protected:
  Id Add(const Story& story) {
    ArticleDraft d;
    d.headline = story.headline;
    d.lead = story.lead;
    d.section = story.section;
    d.tags = story.tags;
    d.status = story.status;
    if (story.status != ArticleStatus::kDraft) d.published_at = clock_.Now() - std::chrono::hours(story.hours_ago);
    Id id = 0;
    EXPECT_TRUE(store_.Write([&](ContentWriter& w) -> base::Status {
      auto r = publisher_.Create(w, d);
      if (!r.ok()) return r.error();
      id = *r;
      return {};
    }).ok());
    return id;
  }

  std::vector<std::string> Next(Id id, ReadNextOptions options, int count = 5) {
    ReadingService reading(store_, &store_, options);
    auto article = store_.FindArticle(id);
    EXPECT_TRUE(article.ok());
    auto next = reading.ReadNext(*article, count);
    EXPECT_TRUE(next.ok());
    std::vector<std::string> out;
    for (const auto& s : *next) out.push_back(s.headline);
    return out;
  }

  // Five newer articles that have nothing to do with anything.
  void AddUnrelatedNews() {
    for (int i = 1; i <= 5; ++i) Add({"Unrelated news " + std::to_string(i), i, "", {}});
  }

  storage::MemoryStore store_;
  PlainBodies bodies_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  Publisher publisher_{bodies_, clock_};
};

using Headlines = std::vector<std::string>;

TEST_F(ReadNextTest, AnArticleSharingATagTakesAPlaceAmongTheLatest) {
  Add({"Harbour dredging begins", 48, "", {"Harbour"}});
  Id shown = Add({"New cranes arrive at the port", 24, "", {"Harbour"}});
  AddUnrelatedNews();
  EXPECT_EQ(Next(shown, {}), (Headlines{"Unrelated news 1", "Unrelated news 2", "Unrelated news 3",
                                         "Unrelated news 4", "Harbour dredging begins"}));
  ReadNextOptions latest;
  latest.mode = ReadNextOptions::Mode::kLatest;
  EXPECT_EQ(Next(shown, latest), (Headlines{"Unrelated news 1", "Unrelated news 2", "Unrelated news 3",
                                             "Unrelated news 4", "Unrelated news 5"}));
}

TEST_F(ReadNextTest, NeverTheArticleItselfNorAnythingUnpublished) {
  Id shown = Add({"Tram line opens", 10, "City", {"Transport"}});
  Add({"Tram line draft follow-up", 5, "City", {"Transport"}, "", ArticleStatus::kDraft});
  Add({"Tram fares scheduled", 0, "City", {"Transport"}, "", ArticleStatus::kScheduled});
  Add({"Tram depot expands", 20, "City", {"Transport"}});
  Headlines next = Next(shown, {});
  EXPECT_EQ(next, Headlines{"Tram depot expands"});
}

TEST_F(ReadNextTest, RelatedArticlesComeFromTheWindowAroundTheArticle) {
  Add({"Old harbour story", 24 * 60, "", {"Harbour"}});
  Add({"Recent harbour story", 24 * 20, "", {"Harbour"}});
  Id shown = Add({"Harbour today", 1, "", {"Harbour"}});
  AddUnrelatedNews();
  ReadNextOptions options;
  options.window_days = 30;
  Headlines next = Next(shown, options);
  EXPECT_NE(std::find(next.begin(), next.end(), "Recent harbour story"), next.end());
  EXPECT_EQ(std::find(next.begin(), next.end(), "Old harbour story"), next.end());
}

TEST_F(ReadNextTest, TagsWeighMoreThanTheSectionAndTheSectionMoreThanWords) {
  Add({"Ferry timetable changes", 30, "", {"Ferries"}});
  Add({"Council budget debate", 29, "City", {}});
  Add({"Harbour ferry strike continues", 28, "", {}});
  Id shown = Add({"Harbour ferry strike", 27, "City", {"Ferries"}});
  AddUnrelatedNews();
  ReadNextOptions one;
  one.related = 1;
  EXPECT_EQ(Next(shown, one).back(), "Ferry timetable changes");
  one.related = 2;
  Headlines two = Next(shown, one);
  EXPECT_EQ(Headlines(two.end() - 2, two.end()), (Headlines{"Council budget debate", "Ferry timetable changes"}));
  one.related = 3;
  Headlines three = Next(shown, one);
  EXPECT_EQ(Headlines(three.end() - 3, three.end()),
            (Headlines{"Harbour ferry strike continues", "Council budget debate", "Ferry timetable changes"}));
}

TEST_F(ReadNextTest, SimilarWordsFindRelatedArticlesWithoutTagsOrSections) {
  Add({"Выборы мэра назначены на сентябрь", 40, "", {}});
  Add({"Погода на выходные", 39, "", {}});
  Id shown = Add({"Кандидаты в мэры подают документы на выборы", 38, "", {}});
  AddUnrelatedNews();
  ReadNextOptions one;
  one.related = 1;
  Headlines next = Next(shown, one);
  ASSERT_EQ(next.size(), 5u);
  EXPECT_EQ(next.back(), "Выборы мэра назначены на сентябрь");
  // Without a search index there is no text similarity: only the latest.
  ReadingService plain(store_, nullptr, one);
  auto article = store_.FindArticle(shown);
  auto latest = plain.ReadNext(*article, 5);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->back().headline, "Unrelated news 5");
}

TEST_F(ReadNextTest, TheChoiceIsStableAndTiesGoToTheHigherId) {
  Id first = Add({"Bridge repairs, part one", 50, "", {"Bridges"}});
  Id second = Add({"Bridge repairs, part two", 50, "", {"Bridges"}});
  Id shown = Add({"Bridge reopens", 49, "", {"Bridges"}});
  AddUnrelatedNews();
  ASSERT_GT(second, first);
  ReadNextOptions one;
  one.related = 1;
  Headlines a = Next(shown, one);
  EXPECT_EQ(a.back(), "Bridge repairs, part two");
  EXPECT_EQ(Next(shown, one), a);
  EXPECT_EQ(Next(shown, {}, 0), Headlines{});
}

}  // namespace
}  // namespace gazette::core

namespace gazette::core {
namespace {

// The related articles are kept per article (choosing them asks the
// full-text index) until told that articles changed; a new article is among
// the latest at once.
TEST_F(ReadNextTest, RelatedArticlesAreKeptUntilArticlesChange) {
  Id dredging = Add({"Harbour dredging begins", 48, "", {"Harbour"}});
  Id shown = Add({"New cranes arrive at the port", 24, "", {"Harbour"}});
  AddUnrelatedNews();
  ReadingService reading(store_, &store_, {});
  auto headlines = [&] {
    auto article = store_.FindArticle(shown);
    EXPECT_TRUE(article.ok());
    auto next = reading.ReadNext(*article, 2);
    EXPECT_TRUE(next.ok());
    Headlines out;
    for (const auto& s : *next) out.push_back(s.headline);
    return out;
  };
  EXPECT_EQ(headlines(), (Headlines{"Unrelated news 1", "Harbour dredging begins"}));
  Add({"Bulletin", 0, "", {}});
  EXPECT_EQ(headlines(), (Headlines{"Bulletin", "Harbour dredging begins"}));  // the latest, at once
  ASSERT_TRUE(store_.Write([&](ContentWriter& w) -> base::Status {
    auto a = w.FindArticle(dredging);
    if (!a.ok()) return a.error();
    a->status = ArticleStatus::kDraft;
    a->published_at.reset();
    return w.UpdateArticle(*a);
  }).ok());
  EXPECT_EQ(headlines(), (Headlines{"Bulletin", "Harbour dredging begins"}));  // kept: nobody said
  reading.ForgetRelated();  // what the server does when it hears "article.unpublished"
  EXPECT_EQ(headlines(), (Headlines{"Bulletin", "Unrelated news 1"}));
}

}  // namespace
}  // namespace gazette::core
