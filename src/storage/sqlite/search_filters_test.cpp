// A search with a filter on the articles (a section, a time) on a real
// SQLite file: with few matches each match's row is checked; with many, the
// filter's own index lists its articles and the search index's matches are
// kept from them (a common word in one section of a million articles took
// a second the first way). Both ways must find the same articles in the
// same order, with the same total, on every page and across the ranked
// newest matches and the older ones after them.
#include <gtest/gtest.h>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/search_sql.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/test_store.h"

namespace gazette::storage::sqlite {
namespace {

using base::Status;

constexpr int kArticles = 90;

base::Timestamp Hour(int h) { return base::FromUnixSeconds(1'760'000'000 + h * 3600); }

class SearchFiltersTest : public StoreTest {
 protected:
  SearchFiltersTest() : StoreTest("search-filters") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenStore("s.db"));
    ASSERT_TRUE(store_->Write([&](core::ContentWriter& w) -> Status {
      for (const char* slug : {"city", "world", "sport"}) {
        auto s = w.InsertSection({0, slug, slug, 0});
        if (!s.ok()) return s.error();
        sections_.push_back(*s);
      }
      for (int i = 0; i < kArticles; ++i) {
        core::Article a;
        a.slug = "story-" + std::to_string(i);
        // Every article says "storm", some more often or in the headline, so scores differ and some tie.
        a.headline = i % 4 == 0 ? "Storm over the bay " + std::to_string(i) : "Weather " + std::to_string(i);
        a.lead = i % 3 == 0 ? "The storm and the storm again." : "A storm.";
        a.body = "body";
        a.body_html = i % 5 == 0 ? "<p>Harbour closed by the storm.</p>" : "<p>Calm seas.</p>";
        a.section = sections_[static_cast<std::size_t>(i % 3)];
        a.status = i % 11 == 0 ? core::ArticleStatus::kDraft : core::ArticleStatus::kPublished;
        // Ids mostly follow time; every seventh was written late for an earlier time.
        a.created_at = a.updated_at = Hour(i % 7 == 0 ? i - 30 : i);
        if (a.status == core::ArticleStatus::kPublished) a.published_at = a.created_at;
        if (auto r = w.InsertArticle(a); !r.ok()) return r.error();
      }
      return {};
    }).ok());
    ASSERT_NO_FATAL_FAILURE(OpenConnection());
  }

  // The ids, scores and total a search finds with each match's row checked
  // (`by_row`) or through the filter's own index.
  std::string Found(const core::SearchQuery& q, bool by_row) {
    auto r = search_sql::Search(*c_, q, content_sql::PublishedIdSpan, by_row ? kArticles * 10 : 0);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message + " " + r.error().detail);
    if (!r.ok()) return "";
    std::string out = "total " + std::to_string(r->total) + ":";
    for (const core::SearchHit& h : r->hits) out += " " + std::to_string(h.article.id) + "/" + std::to_string(h.score);
    return out;
  }

  std::vector<core::Section> sections_;
};

TEST_F(SearchFiltersTest, BothWaysOfApplyingAFilterFindTheSamePages) {
  int compared = 0;
  for (const std::vector<std::string>& words : {std::vector<std::string>{"storm"}, {"harbour"}, {"storm", "bay"}}) {
    for (int section = -1; section < 3; ++section) {
      for (int time = 0; time < 3; ++time) {
        for (int ranked : {0, 4, 10'000}) {
          for (bool counted : {true, false}) {
            for (int offset : {0, 3, 9, 60}) {
              core::SearchQuery q;
              for (const std::string& w : words) q.terms.push_back(core::SearchTerm{{w}, false});
              if (section >= 0) q.section_id = sections_[static_cast<std::size_t>(section)].id;
              if (time == 1) q.published_from = Hour(20);
              if (time == 2) {
                q.published_from = Hour(10);
                q.published_before = Hour(70);
              }
              q.ranked = ranked;
              q.counted = counted;
              q.limit = 7;
              q.offset = offset;
              q.marked = offset == 0;
              std::string by_row = Found(q, true);
              EXPECT_EQ(Found(q, false), by_row) << "words " << words.front() << " section " << section << " time "
                                                 << time << " ranked " << ranked << " counted " << counted
                                                 << " offset " << offset;
              ++compared;
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(compared, 3 * 4 * 3 * 3 * 2 * 4);
}

TEST_F(SearchFiltersTest, ASectionsMatchesAreItsPublishedArticlesThatSayTheWord) {
  core::SearchQuery q;
  q.terms.push_back(core::SearchTerm{{"harbour"}, false});
  q.section_id = sections_[0].id;  // i % 3 == 0; harbour: i % 5 == 0; drafts: i % 11 == 0
  q.limit = 100;
  int expected = 0;
  for (int i = 0; i < kArticles; ++i) expected += i % 3 == 0 && i % 5 == 0 && i % 11 != 0 ? 1 : 0;
  for (bool by_row : {true, false}) {
    auto r = search_sql::Search(*c_, q, content_sql::PublishedIdSpan, by_row ? kArticles * 10 : 0);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, expected);
    EXPECT_EQ(static_cast<int>(r->hits.size()), expected);
    for (const core::SearchHit& h : r->hits) EXPECT_EQ(h.article.section->id, sections_[0].id);
  }
}

// The store keeps a search's answer until articles change (a spike of
// readers asking the same): a change by another process is seen once the
// store has looked for one (the server looks every 100 ms).
TEST_F(SearchFiltersTest, AnswersAreKeptUntilTheFileChanges) {
  core::SearchQuery q;
  q.terms.push_back(core::SearchTerm{{"harbour"}, false});
  auto first = store_->Search(q);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->hits.empty());
  core::Id id = first->hits.front().article.id;
  (void)store_->ChangedElsewhere();  // where it starts from
  ASSERT_TRUE(c_->Exec("UPDATE articles SET headline = 'Renamed elsewhere' WHERE id = " + std::to_string(id)).ok());
  auto kept = store_->Search(q);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->hits.front().headline, first->hits.front().headline) << "the answer was not kept";
  EXPECT_TRUE(store_->ChangedElsewhere());
  auto fresh = store_->Search(q);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->hits.front().article.headline, "Renamed elsewhere");
}

}  // namespace
}  // namespace gazette::storage::sqlite
