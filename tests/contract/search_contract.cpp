// The search contract: every backend's SearchIndex finds the same published
// articles for the same query, by word keys (case, 'ё' and inflections do
// not matter), ranks headline matches first, and follows every write at once.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>

#include <sqlite3.h>
#include <unistd.h>

#include "content_writes.h"
#include "core/content_store.h"
#include "core/search.h"
#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "old_site.h"
#include "temp_dir.h"

namespace gazette {
namespace {

using core::Article;
using core::ArticleStatus;
using core::ContentWriter;
using core::SearchQuery;
using core::SearchTerm;

// A backend's store, seen as both ports.
struct Stores {
  std::shared_ptr<void> owner;
  core::ContentStore* content = nullptr;
  core::SearchIndex* search = nullptr;
};

template <class T>
Stores Hold(std::unique_ptr<T> store) {
  Stores s;
  s.content = store.get();
  s.search = store.get();
  s.owner = std::shared_ptr<T>(std::move(store));
  return s;
}

struct Backend {
  std::string name;
  std::function<Stores(const std::filesystem::path& dir)> open;
};

std::ostream& operator<<(std::ostream& out, const Backend& b) { return out << b.name; }

class SearchContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    stores_ = GetParam().open(dir_.path());
    ASSERT_NE(stores_.content, nullptr);
  }
  void TearDown() override {
    stores_ = {};
  }

  core::ContentStore& content() { return *stores_.content; }
  core::SearchIndex& index() { return *stores_.search; }

  base::Timestamp At(int hours) { return base::FromUnixSeconds(1'760'000'000 + hours * 3600); }

  core::Section AddSection(const std::string& slug) {
    core::Section out;
    EXPECT_TRUE(content().Write([&](ContentWriter& w) -> base::Status {
      auto s = w.InsertSection({0, slug, slug, 0});
      if (!s.ok()) return s.error();
      out = *s;
      return {};
    }).ok());
    return out;
  }

  core::Id Add(const std::string& slug, const std::string& headline, const std::string& lead,
               const std::string& body_html, int hours, ArticleStatus status = ArticleStatus::kPublished,
               std::optional<core::Section> section = std::nullopt) {
    Article a;
    a.slug = slug;
    a.headline = headline;
    a.lead = lead;
    a.body = body_html.empty() ? "" : "body";
    a.body_html = body_html;
    a.status = status;
    a.section = section;
    if (status != ArticleStatus::kDraft) a.published_at = At(hours);
    a.created_at = At(hours);
    a.updated_at = At(hours);
    return contract::InsertArticle(content(), a);
  }

  void Change(core::Id id, const std::function<void(Article&)>& change) { contract::ChangeArticle(content(), id, change); }

  static SearchQuery Words(std::vector<std::vector<std::string>> terms, bool prefix_last = false) {
    SearchQuery q;
    for (auto& words : terms) q.terms.push_back(SearchTerm{std::move(words), false});
    if (prefix_last && !q.terms.empty()) q.terms.back().prefix = true;
    return q;
  }

  // The answer, the test failed when there is none.
  core::SearchResults Results(const SearchQuery& q) {
    auto r = index().Search(q);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message + " " + r.error().detail);
    return r.ok() ? std::move(*r) : core::SearchResults{};
  }

  std::vector<std::string> Found(const SearchQuery& q) {
    auto r = index().Search(q);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message + " " + r.error().detail);
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& hit : r->hits) out.push_back(hit.article.slug);
    }
    return out;
  }

  contract::TempDir dir_{"search"};  // removed after the stores close (TearDown)
  Stores stores_;
};

using Slugs = std::vector<std::string>;

TEST_P(SearchContract, InflectedRussianAndEnglishWordsFindTheirArticles) {
  Add("vybory", "Выборы мэра назначены на сентябрь", "Горсовет утвердил дату.", "<p>Кандидаты подают документы.</p>", 1);
  Add("election", "The election of a new harbour master", "Candidates were running all week.", "", 2);
  Add("other", "Трамвай пошёл по новому маршруту", "", "<p>Nothing about votes.</p>", 3);
  EXPECT_EQ(Found(Words({{"выборов"}})), Slugs{"vybory"});
  EXPECT_EQ(Found(Words({{"ВЫБОРАХ"}})), Slugs{"vybory"});
  EXPECT_EQ(Found(Words({{"elected"}})), Slugs{"election"});
  EXPECT_EQ(Found(Words({{"runs"}})), Slugs{"election"});
  EXPECT_EQ(Found(Words({{"пошел"}})), Slugs{"other"});  // ё typed as е
  EXPECT_EQ(Found(Words({{"маршрутов"}, {"трамваи"}})), Slugs{"other"});
  EXPECT_TRUE(Found(Words({{"маршрутов"}, {"выборы"}})).empty());  // every word must match
}

// Related articles are looked for among the newest matches only, so the
// cost stays the same on a site of a million articles.
TEST_P(SearchContract, TheNewestMatchesCanBeAskedForInsteadOfTheBest) {
  Add("best", "Ferry strike ferry strike", "Ferry strike.", "", 9);
  Add("newer", "A ferry", "", "", 2);
  Add("newest", "Ferry strike talks", "", "", 1);
  SearchQuery q = Words({{"ferry"}, {"strike"}});
  q.match_any = true;
  q.limit = 2;
  EXPECT_EQ(Found(q), (Slugs{"best", "newest"}));
  q.newest_matches = true;  // the two added last, newest first
  EXPECT_EQ(Found(q), (Slugs{"newest", "newer"}));
}

// A common word matches most of a large site: the best matches are chosen
// among the newest `ranked`, and the older ones follow, newest first.
TEST_P(SearchContract, WhenManyMatchTheBestAreChosenAmongTheNewest) {
  core::Section city = AddSection("city");
  Add("oldest-best", "Storm storm storm", "", "", 0, ArticleStatus::kPublished, city);
  Add("old", "Weather", "", "<p>A storm.</p>", 1, ArticleStatus::kPublished, city);
  Add("headline", "Storm warning", "", "", 2, ArticleStatus::kPublished, city);
  Add("body", "Coast", "", "<p>The storm came.</p>", 3, ArticleStatus::kPublished, city);
  Add("lead", "Bay", "A storm passed.", "", 4, ArticleStatus::kPublished, city);
  SearchQuery q = Words({{"storm"}});
  q.ranked = 3;
  EXPECT_EQ(Found(q), (Slugs{"headline", "lead", "body", "old", "oldest-best"}));
  q.section_id = city.id;  // the same through a filter on the articles
  EXPECT_EQ(Found(q), (Slugs{"headline", "lead", "body", "old", "oldest-best"}));
  q.section_id.reset();
  q.limit = 2;
  q.offset = 2;  // a page across the two parts
  core::SearchResults across = Results(q);
  EXPECT_EQ(across.total, 5);
  ASSERT_EQ(across.hits.size(), 2u);
  EXPECT_EQ(across.hits[0].article.slug, "body");
  EXPECT_GT(across.hits[0].score, 0);
  EXPECT_EQ(across.hits[1].article.slug, "old");
  EXPECT_EQ(across.hits[1].score, 0);  // not ranked
  q.offset = 4;
  EXPECT_EQ(Found(q), Slugs{"oldest-best"});
  q.limit = 20;
  q.offset = 0;
  q.ranked = 5;  // all of them ranked
  EXPECT_EQ(Found(q).front(), "oldest-best");
  q.ranked = 0;
  EXPECT_EQ(Found(q).front(), "oldest-best");
  q.counted = false;
  q.ranked = 1;
  EXPECT_EQ(Found(q), (Slugs{"lead", "body", "headline", "old", "oldest-best"}));
  SearchQuery typed = Words({{"stor"}}, true);  // as search as you type asks: the word's start
  typed.ranked = 3;
  EXPECT_EQ(Found(typed), (Slugs{"headline", "lead", "body", "old", "oldest-best"}));
  typed.limit = 2;
  typed.offset = 2;
  core::SearchResults typed_across = Results(typed);
  EXPECT_EQ(typed_across.total, 5);
  EXPECT_EQ(typed_across.hits.size() == 2 ? typed_across.hits[1].article.slug : "", "old");
}

TEST_P(SearchContract, HeadlineMatchesRankAboveLeadAndBody) {
  Add("body", "Quiet day in the port", "Ships came and went.", "<p>A ferry strike was discussed at length.</p>", 5);
  Add("head", "Ferry strike ends", "Crews return.", "<p>Boats sail again.</p>", 1);
  Add("lead", "Port news", "The ferry strike is over.", "", 3);
  EXPECT_EQ(Found(Words({{"ferry"}, {"strike"}})), (Slugs{"head", "lead", "body"}));
}

TEST_P(SearchContract, PhrasesMatchWordsNextToEachOtherInOrder) {
  Add("together", "Red bridge closes", "", "", 1);
  Add("apart", "Bridge painted red", "", "", 2);
  EXPECT_EQ(Found(Words({{"red", "bridge"}})), Slugs{"together"});
  EXPECT_EQ(Found(Words({{"red"}, {"bridge"}})).size(), 2u);
  EXPECT_EQ(Found(Words({{"красный", "мост"}})), Slugs{});
}

TEST_P(SearchContract, TheLastWordMatchesAsAPrefixWhenAsked) {
  Add("vybory", "Выборы в городской совет", "", "", 1);
  Add("harbour", "Harbour cranes replaced", "", "", 2);
  EXPECT_EQ(Found(Words({{"выбо"}}, true)), Slugs{"vybory"});
  EXPECT_EQ(Found(Words({{"harb"}}, true)), Slugs{"harbour"});
  EXPECT_TRUE(Found(Words({{"harb"}})).empty());
  EXPECT_EQ(Found(Words({{"cranes"}, {"repl"}}, true)), Slugs{"harbour"});
  EXPECT_EQ(Found(Words({{"выборы"}}, true)), Slugs{"vybory"});  // a whole word still matches by its stem
}

TEST_P(SearchContract, OnlyPublishedArticlesAreFoundAndWritesShowAtOnce) {
  core::Id live = Add("live", "Lighthouse reopens", "", "", 1);
  Add("draft", "Lighthouse draft", "", "", 2, ArticleStatus::kDraft);
  Add("scheduled", "Lighthouse scheduled", "", "", 3, ArticleStatus::kScheduled);
  EXPECT_EQ(Found(Words({{"lighthouse"}})), Slugs{"live"});

  Change(live, [](Article& a) { a.headline = "Beacon reopens"; a.slug = "beacon"; });
  EXPECT_TRUE(Found(Words({{"lighthouse"}})).empty());
  EXPECT_EQ(Found(Words({{"beacon"}})), Slugs{"beacon"});

  Change(live, [](Article& a) { a.status = ArticleStatus::kUnpublished; });
  EXPECT_TRUE(Found(Words({{"beacon"}})).empty());
  Change(live, [](Article& a) { a.status = ArticleStatus::kPublished; });
  EXPECT_EQ(Found(Words({{"beacon"}})), Slugs{"beacon"});

  auto count = index().Reindex();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 1);
  EXPECT_EQ(Found(Words({{"beacon"}})), Slugs{"beacon"});
}

TEST_P(SearchContract, AWriteOfManyArticlesIndexesEachAsItIsAtTheEnd) {
  core::Id kept = Add("kept", "Ferry timetable", "", "", 1);
  ASSERT_TRUE(content().Write([&](ContentWriter& w) -> base::Status {
    for (int i = 0; i < 300; ++i) {
      Article a;
      a.slug = "bulk-" + std::to_string(i);
      a.headline = i % 2 ? "Harbour crane " + std::to_string(i) : "Tram depot " + std::to_string(i);
      a.status = ArticleStatus::kPublished;
      a.published_at = At(2 + i);
      a.created_at = a.updated_at = At(2 + i);
      auto id = w.InsertArticle(a);
      if (!id.ok()) return id.error();
      if (i == 7) {  // inserted, then changed in the same write
        a.id = *id;
        a.headline = "Lighthouse keeper";
        GZ_TRY(w.UpdateArticle(a));
      }
    }
    auto ferry = w.FindArticle(kept);
    if (!ferry.ok()) return ferry.error();
    ferry->status = ArticleStatus::kUnpublished;
    return w.UpdateArticle(*ferry);
  }).ok());
  auto cranes = index().Search(Words({{"crane"}}));
  ASSERT_TRUE(cranes.ok());
  EXPECT_EQ(cranes->total, 149);  // bulk-7 is the lighthouse now
  auto depots = index().Search(Words({{"depot"}}));
  ASSERT_TRUE(depots.ok());
  EXPECT_EQ(depots->total, 150);
  EXPECT_EQ(Found(Words({{"lighthouse"}})), Slugs{"bulk-7"});
  EXPECT_TRUE(Found(Words({{"ferry"}})).empty());

  // A write that fails leaves the index as it was.
  base::Status failed = content().Write([&](ContentWriter& w) -> base::Status {
    Article a;
    a.slug = "lost";
    a.headline = "Observatory opens";
    a.status = ArticleStatus::kPublished;
    a.published_at = a.created_at = a.updated_at = At(400);
    auto id = w.InsertArticle(a);
    if (!id.ok()) return id.error();
    return base::Error::Invalid("changed my mind");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(Found(Words({{"observatory"}})).empty());
  auto count = index().Reindex();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 300);
}

TEST_P(SearchContract, FiltersBySectionTimeAndExclusion) {
  core::Section city = AddSection("city");
  core::Section world = AddSection("world");
  core::Id a = Add("a", "Floods in the city", "", "", 10, ArticleStatus::kPublished, city);
  Add("b", "Floods abroad", "", "", 20, ArticleStatus::kPublished, world);
  Add("c", "Floods again", "", "", 30, ArticleStatus::kPublished, city);
  SearchQuery q = Words({{"flood"}});
  q.section_id = city.id;
  EXPECT_EQ(Found(q), (Slugs{"c", "a"}));  // the same score: newest first
  q.section_id.reset();
  q.published_from = At(15);
  q.published_before = At(30);
  EXPECT_EQ(Found(q), Slugs{"b"});
  q.published_before.reset();
  q.exclude_id = a;
  q.published_from.reset();
  EXPECT_EQ(Found(q), (Slugs{"c", "b"}));
}

TEST_P(SearchContract, PagesCountAllHits) {
  for (int i = 0; i < 5; ++i) Add("s" + std::to_string(i), "Storm warning " + std::to_string(i), "", "", i);
  SearchQuery q = Words({{"storm"}});
  q.limit = 2;
  q.offset = 2;
  auto r = index().Search(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 5);
  ASSERT_EQ(r->hits.size(), 2u);
  EXPECT_EQ(r->hits[0].article.slug, "s2");
  EXPECT_EQ(r->hits[1].article.slug, "s1");
  q.offset = 10;
  r = index().Search(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 5);
  EXPECT_TRUE(r->hits.empty());
}

TEST_P(SearchContract, AnyOfTheTermsWhenAsked) {
  Add("a", "Tram fares rise", "", "", 1);
  Add("b", "Bus lanes open", "", "", 2);
  Add("c", "Weather", "", "", 3);
  SearchQuery q = Words({{"tram"}, {"bus"}, {"ferry"}});
  EXPECT_TRUE(Found(q).empty());
  q.match_any = true;
  Slugs found = Found(q);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (Slugs{"a", "b"}));
}

TEST_P(SearchContract, MarksMatchesInTheHeadlineAndSnippet) {
  Add("a", "«Ёлки» на площади", "Главную ёлку города привезли ночью.",
      "<p>Ёлку <strong>установят</strong> к пятнице &amp; украсят.</p>", 1);
  auto r = index().Search(Words({{"елка"}}));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  const core::SearchHit& hit = r->hits[0];
  EXPECT_EQ(hit.headline, "«\x02Ёлки\x03» на площади");
  EXPECT_EQ(hit.snippet, "Главную \x02ёлку\x03 города привезли ночью.");
  EXPECT_GT(hit.score, 0);
  EXPECT_EQ(hit.article.headline, "«Ёлки» на площади");
  SearchQuery plain = Words({{"елка"}});
  plain.marked = false;
  r = index().Search(plain);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].headline, "");
  EXPECT_EQ(r->hits[0].snippet, "");
  EXPECT_EQ(r->hits[0].article.headline, "«Ёлки» на площади");

  r = index().Search(Words({{"украсят"}}));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].headline, "«Ёлки» на площади");
  EXPECT_EQ(r->hits[0].snippet, "Ёлку установят к пятнице & \x02украсят\x03.");  // the body's text, not its HTML
}

TEST_P(SearchContract, WordsThatLookLikeQuerySyntaxAreJustWords) {
  Add("a", "NEAR the harbour AND the \"docks\"", "", "", 1);
  for (std::string hostile : {"\"", "\"unbalanced", "AND", "OR", "NOT", "*", "NEAR(", "a:b", "(", "-", "^x", "'",
                              "\x01", "\xff\xfe"}) {
    auto r = index().Search(Words({{hostile}}));
    EXPECT_TRUE(r.ok()) << hostile << ": " << (r.ok() ? "" : r.error().detail);
    r = index().Search(Words({{hostile}}, true));
    EXPECT_TRUE(r.ok()) << hostile;
  }
  EXPECT_EQ(Found(Words({{"and"}})), Slugs{"a"});
  EXPECT_EQ(Found(Words({{"near("}})), Slugs{"a"});
  EXPECT_EQ(Found(Words({{"\"docks"}})), Slugs{"a"});
  EXPECT_TRUE(Found(Words({{"*"}})).empty());
  EXPECT_TRUE(Found(SearchQuery{}).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchContract,
                         ::testing::Values(Backend{"memory",
                                                   [](const std::filesystem::path&) {
                                                     return Hold(std::make_unique<storage::MemoryStore>());
                                                   }},
                                           Backend{"sqlite",
                                                   [](const std::filesystem::path& dir) {
                                                     storage::sqlite::SqliteOptions options;
                                                     options.path = (dir / "gazette.db").string();
                                                     auto store = storage::sqlite::SqliteStore::Open(options);
                                                     if (!store.ok() || !(*store)->Migrate().ok()) return Stores{};
                                                     return Hold(std::move(*store));
                                                   }}),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

// A site made before search (schema 5) is searchable after the migration:
// its published articles, not its drafts, with the text of their bodies.
TEST(SearchMigration, ASiteOfTheVersionBeforeIsIndexed) {
  std::string path = OldSite("search", 5);
  ASSERT_FALSE(path.empty());
  auto dir = std::filesystem::path(path).parent_path();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const char* sql =
        "INSERT INTO articles (id, slug, status, published_at, created_at, updated_at, headline, lead, body, body_html) "
        "VALUES (10, 'bridge', 'published', 1760000000, 1760000000, 1760000000, 'Bridge reopens', 'Lead', "
        "  'The **ferries** stop.', '<p>The <strong>ferries</strong> stop.</p>'),"
        "       (11, 'draft', 'draft', NULL, 1760000000, 1760000000, 'Bridge draft', '', '', '');";
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_close(db);
  }
  auto store = storage::sqlite::SqliteStore::Open({path});
  ASSERT_TRUE(store.ok());
  auto report = (*store)->Migrate();
  ASSERT_TRUE(report.ok()) << report.error().message << " " << report.error().detail;
  SearchQuery q;
  q.terms = {SearchTerm{{"bridges"}, false}};
  auto found = (*store)->Search(q);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->hits[0].article.id, 10);
  q.terms = {SearchTerm{{"ferry"}, false}};
  found = (*store)->Search(q);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->hits[0].snippet, "The \x02" "ferries\x03 stop.");
  EXPECT_EQ(*(*store)->Reindex(), 1);
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gazette
