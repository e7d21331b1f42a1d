#include "search/search_service.h"

#include <gtest/gtest.h>

#include "storage/memory/memory_store.h"

namespace gazette::search {
namespace {

class SearchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.Write([&](core::ContentWriter& w) -> base::Status {
      auto city = w.InsertSection({0, "city", "City", 0});
      if (!city.ok()) return city.error();
      // Moscow is UTC+3: 2025-03-12 23:30 there is 20:30 UTC.
      for (int i = 0; i < 25; ++i) {
        core::Article a;
        a.slug = "storm-" + std::to_string(i);
        a.headline = "Storm warning " + std::to_string(i);
        a.status = core::ArticleStatus::kPublished;
        a.section = *city;
        a.published_at = base::FromUnixSeconds(1'741'811'400 + i * 86400);  // 2025-03-12T20:30:00Z onwards
        a.created_at = a.updated_at = *a.published_at;
        if (auto r = w.InsertArticle(a); !r.ok()) return r.error();
      }
      return {};
    }).ok());
  }

  base::Result<SearchPage> Run(SearchRequest r) { return service_.Search(r); }

  storage::MemoryStore store_;
  SearchService service_{store_, store_, *base::TimeZone::Load("Europe/Moscow")};
};

TEST_F(SearchServiceTest, PagesResults) {
  SearchRequest r{.text = "storm", .per_page = 10};
  auto page = Run(r);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->asked);
  EXPECT_EQ(page->total, 25);
  EXPECT_EQ(page->pages, 3);
  EXPECT_EQ(page->hits.size(), 10u);
  r.page = 3;
  EXPECT_EQ(Run(r)->hits.size(), 5u);
  r.page = 4;
  EXPECT_EQ(Run(r).error().code, base::ErrorCode::kNotFound);
  r.page = 0;
  EXPECT_EQ(Run(r).error().field, "page");
}

TEST_F(SearchServiceTest, TextWithoutWordsAsksNothing) {
  auto page = Run({.text = " \"* ( "});
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->asked);
  EXPECT_EQ(page->total, 0);
  auto none = Run({.text = "hurricane"});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->asked);
  EXPECT_EQ(none->total, 0);
  EXPECT_EQ(none->pages, 1);
}

TEST_F(SearchServiceTest, DatesAreDaysInTheSitesTimeZone) {
  // The first storm is at 23:30 on 12 March in Moscow (20:30 UTC).
  auto page = Run({.text = "storm", .from = "2025-03-12", .to = "2025-03-12"});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->hits[0].article.slug, "storm-0");
  EXPECT_EQ(Run({.text = "storm", .to = "2025-03-11"})->total, 0);
  EXPECT_EQ(Run({.text = "storm", .from = "2025-03-13", .to = "2025-03-14"})->total, 2);
}

TEST_F(SearchServiceTest, RefusesWhatIsNotRightWithAFieldAndAKey) {
  struct Case {
    SearchRequest request;
    std::string field, key;
  };
  for (const Case& c : std::vector<Case>{
           {{.text = "storm", .section = "nope"}, "section", "search_bad_section"},
           {{.text = "storm", .from = "2025-02-30"}, "from", "search_bad_from"},
           {{.text = "storm", .to = "yesterday"}, "to", "search_bad_to"},
           {{.text = "storm", .from = "2025-03-14", .to = "2025-03-13"}, "to", "search_bad_range"},
           {{.text = std::string(301, 'x')}, "q", "search_too_long"},
           {{.text = "\xff"}, "q", "search_not_text"},
       }) {
    auto r = Run(c.request);
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.error().code, base::ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_EQ(r.error().key, c.key);
  }
  EXPECT_TRUE(Run({.text = std::string(300, 'x')}).ok());
}

TEST_F(SearchServiceTest, FiltersBySection) {
  auto page = Run({.text = "storm", .section = "city"});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 25);
  ASSERT_TRUE(page->section.has_value());
  EXPECT_EQ(page->section->name, "City");
}

}  // namespace
}  // namespace gazette::search
