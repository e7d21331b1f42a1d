#include "importer/importer.h"

#include <gtest/gtest.h>

#include "storage/memory/memory_store.h"

namespace gazette::importer {
namespace {

using base::LocalDate;
using base::LocalTime;
using base::TimeZone;

class PlainBodies final : public core::BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override { return std::string(markdown); }
};

std::vector<BriefEntry> Entries(std::initializer_list<std::pair<int, int>> times) {
  std::vector<BriefEntry> out;
  int line = 1;
  for (auto [h, m] : times) out.push_back({line++, {h, m, 0}, "", "text " + std::to_string(line)});
  return out;
}

std::string Local(base::Timestamp t, const TimeZone& zone) { return base::FormatIso8601(t, zone); }

TEST(PlaceEntries, TodayWhenAllTimesArePast) {
  TimeZone utc = TimeZone::Utc();
  base::Timestamp now = utc.FromLocal({2026, 11, 25}, {20, 0, 0});
  auto placed = PlaceEntries(Entries({{19, 29}, {18, 32}, {3, 53}}), now, utc, std::nullopt);
  EXPECT_EQ(Local(placed[0], utc), "2026-11-25T19:29:00Z");
  EXPECT_EQ(Local(placed[2], utc), "2026-11-25T03:53:00Z");
}

TEST(PlaceEntries, YesterdayWhenAnyTimeIsStillAhead) {
  TimeZone utc = TimeZone::Utc();
  base::Timestamp now = utc.FromLocal({2026, 11, 25}, {13, 0, 0});
  auto placed = PlaceEntries(Entries({{19, 29}, {3, 53}}), now, utc, std::nullopt);
  EXPECT_EQ(Local(placed[0], utc), "2026-11-24T19:29:00Z");
  EXPECT_EQ(Local(placed[1], utc), "2026-11-24T03:53:00Z");
}

TEST(PlaceEntries, ATimeLaterThanTheOneBeforeItIsThePreviousDay) {
  TimeZone utc = TimeZone::Utc();
  base::Timestamp now = utc.FromLocal({2026, 11, 25}, {9, 0, 0});
  auto placed = PlaceEntries(Entries({{0, 40}, {23, 10}, {18, 0}}), now, utc, std::nullopt);
  EXPECT_EQ(Local(placed[0], utc), "2026-11-25T00:40:00Z");
  EXPECT_EQ(Local(placed[1], utc), "2026-11-24T23:10:00Z");
  EXPECT_EQ(Local(placed[2], utc), "2026-11-24T18:00:00Z");
}

TEST(PlaceEntries, InTheSitesTimeZoneAndOnAGivenDate) {
  TimeZone moscow = *TimeZone::Load("Europe/Moscow");
  base::Timestamp now = TimeZone::Utc().FromLocal({2026, 11, 25}, {17, 0, 0});  // 20:00 in Moscow
  auto placed = PlaceEntries(Entries({{19, 29}}), now, moscow, std::nullopt);
  EXPECT_EQ(Local(placed[0], moscow), "2026-11-25T19:29:00+03:00");
  auto dated = PlaceEntries(Entries({{19, 29}}), now, moscow, LocalDate{2025, 3, 13});
  EXPECT_EQ(Local(dated[0], moscow), "2025-03-13T19:29:00+03:00");
}

class ImporterTest : public ::testing::Test {
 protected:
  TextPage Page() {
    TextPage page;
    page.headline = "Main story";
    page.paragraphs = {"One.", "Two."};
    page.read_next = Entries({{19, 29}, {13, 27}});
    page.read_next[1].rubric = "Russia";
    return page;
  }

  storage::MemoryStore store_;
  PlainBodies bodies_;
  TimeZone zone_ = TimeZone::Utc();
  base::FixedClock clock_{zone_.FromLocal({2026, 11, 25}, {20, 0, 0})};
  core::Publisher publisher_{bodies_, clock_};
  Importer importer_{store_, publisher_, clock_, zone_};
};

TEST_F(ImporterTest, StoresTheArticleNowAndTheBriefsAtTheirTimes) {
  auto report = importer_.Import(Page(), {});
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->briefs_created, 2);
  core::Article main = *store_.FindArticle(report->article_id);
  EXPECT_EQ(main.body, "One.\n\nTwo.");
  EXPECT_EQ(main.published_at, clock_.Now());
  core::ArticleQuery q;
  auto all = *store_.ListArticles(q);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].headline, "Main story");
  EXPECT_EQ(all[2].section->name, "Russia");
  EXPECT_FALSE(all[1].has_body);
}

TEST_F(ImporterTest, ImportingAgainAddsNothing) {
  ASSERT_TRUE(importer_.Import(Page(), {}).ok());
  clock_.Advance(std::chrono::minutes(5));
  auto again = importer_.Import(Page(), {});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->article_existed);
  EXPECT_EQ(again->briefs_existing, 2);
  EXPECT_EQ(again->briefs_created, 0);
  core::ArticleQuery any;
  any.status.reset();
  EXPECT_EQ(*store_.CountArticles(any), 3);
}

TEST_F(ImporterTest, AFailureStoresNothingOfTheFile) {
  TextPage page = Page();
  page.read_next.push_back({9, {1, 0, 0}, "", std::string(400, 'x')});  // a headline too long
  auto report = importer_.Import(page, {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().message.rfind("line 9: ", 0), 0u) << report.error().message;
  core::ArticleQuery any;
  any.status.reset();
  EXPECT_EQ(*store_.CountArticles(any), 0);
  EXPECT_TRUE(store_.ListSections()->empty());
}

TEST_F(ImporterTest, WithADateTheArticleIsPublishedAtTheEndOfThatDay) {
  auto report = importer_.Import(Page(), {LocalDate{2025, 3, 13}});
  ASSERT_TRUE(report.ok());
  core::Article main = *store_.FindArticle(report->article_id);
  EXPECT_EQ(base::FormatIso8601(*main.published_at, zone_), "2025-03-13T23:59:59Z");
  // A date that has not ended yet publishes now, not in the future.
  TextPage other = Page();
  other.headline = "Another";
  auto today = importer_.Import(other, {LocalDate{2026, 11, 25}});
  EXPECT_EQ(store_.FindArticle(today->article_id)->published_at, clock_.Now());
}

}  // namespace
}  // namespace gazette::importer
