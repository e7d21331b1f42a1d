// The search index on a real SQLite file stays what FTS5 would build from
// the published articles, through every kind of article write: it keeps no
// copy of the text, so an article's words are removed by reading the text
// it has when they are, and one removal too many or too few corrupts it.
// FTS5's integrity check with rank 1 compares the index with the text.
#include <gtest/gtest.h>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/test_store.h"

namespace gazette::storage::sqlite {
namespace {

using base::Status;
using core::Article;
using core::ArticleStatus;
using core::ContentWriter;

class SearchIndexTest : public StoreTest {
 protected:
  SearchIndexTest() : StoreTest("search-index") {}
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(OpenStore("s.db")); }

  static Article Make(const std::string& slug, const std::string& headline, const std::string& body_html,
                      ArticleStatus status = ArticleStatus::kPublished) {
    Article a;
    a.slug = slug;
    a.headline = headline;
    a.lead = "Lead of " + headline;
    a.body = body_html.empty() ? "" : "body";
    a.body_html = body_html;
    a.status = status;
    a.created_at = a.updated_at = base::FromUnixSeconds(1'760'000'000);
    if (status != ArticleStatus::kDraft) a.published_at = a.created_at;
    return a;
  }

  core::Id Add(const Article& a) {
    core::Id id = 0;
    EXPECT_TRUE(store_->Write([&](ContentWriter& w) -> Status {
      auto r = w.InsertArticle(a);
      if (!r.ok()) return r.error();
      id = *r;
      return {};
    }).ok());
    return id;
  }

  Status Change(core::Id id, const std::function<void(Article&)>& change) {
    return store_->Write([&](ContentWriter& w) -> Status {
      auto a = w.FindArticle(id);
      if (!a.ok()) return a.error();
      change(*a);
      return w.UpdateArticle(*a);
    });
  }

  // FTS5's check of the index against the text it reads from the articles.
  Status Check() {
    auto c = Connection::Open(path_, false, "FULL");
    if (!c.ok()) return std::move(c).error();
    return (*c)->Exec("INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)");
  }

  std::int64_t Matches(const std::string& word) {
    core::SearchQuery q;
    q.terms = {core::SearchTerm{{word}, false}};
    auto r = store_->Search(q);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->total : -1;
  }
};

TEST_F(SearchIndexTest, EveryKindOfArticleWriteKeepsTheIndexWhole) {
  core::Id bridge = Add(Make("bridge", "Bridge reopens", "<p>The <em>ferries</em> stop.</p>"));
  core::Id draft = Add(Make("draft", "Harbour draft", "<p>Cranes idle.</p>", ArticleStatus::kDraft));
  ASSERT_TRUE(Check().ok());

  // Edited twice in one write: its words go once, before the first change.
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) -> Status {
    auto a = w.FindArticle(bridge);
    if (!a.ok()) return a.error();
    a->headline = "Bridge closes";
    GZ_TRY(w.UpdateArticle(*a));
    a->body_html = "<p>The trams stop.</p>";
    return w.UpdateArticle(*a);
  }).ok());
  EXPECT_TRUE(Check().ok());
  EXPECT_EQ(Matches("ferries"), 0);
  EXPECT_EQ(Matches("trams"), 1);

  // Published, unpublished, published again; a draft edited while unindexed.
  ASSERT_TRUE(Change(draft, [](Article& a) { a.status = ArticleStatus::kPublished; a.published_at = a.created_at; }).ok());
  ASSERT_TRUE(Change(bridge, [](Article& a) { a.status = ArticleStatus::kUnpublished; }).ok());
  ASSERT_TRUE(Change(bridge, [](Article& a) { a.headline = "Bridge quietly renamed"; }).ok());
  EXPECT_TRUE(Check().ok());
  EXPECT_EQ(Matches("renamed"), 0);
  ASSERT_TRUE(Change(bridge, [](Article& a) { a.status = ArticleStatus::kPublished; }).ok());
  EXPECT_EQ(Matches("renamed"), 1);
  EXPECT_EQ(Matches("cranes"), 1);

  // Inserted and changed in the same write, beside others.
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) -> Status {
    for (int i = 0; i < 50; ++i) {
      Article a = Make("bulk-" + std::to_string(i), "Depot " + std::to_string(i), "<p>Night shift.</p>");
      auto id = w.InsertArticle(a);
      if (!id.ok()) return id.error();
      if (i % 10 == 0) {
        a.id = *id;
        a.body_html = "<p>Day shift.</p>";
        GZ_TRY(w.UpdateArticle(a));
      }
    }
    return {};
  }).ok());
  EXPECT_TRUE(Check().ok());
  EXPECT_EQ(Matches("night"), 45);

  // A write that fails after changing an article leaves index and text as they were.
  EXPECT_FALSE(store_->Write([&](ContentWriter& w) -> Status {
    auto a = w.FindArticle(bridge);
    if (!a.ok()) return a.error();
    a->headline = "Observatory";
    GZ_TRY(w.UpdateArticle(*a));
    return base::Error::Invalid("changed my mind");
  }).ok());
  EXPECT_TRUE(Check().ok());
  EXPECT_EQ(Matches("observatory"), 0);
  EXPECT_EQ(Matches("renamed"), 1);
}

TEST_F(SearchIndexTest, TheCheckFindsTextChangedBehindTheIndexAndReindexMendsIt) {
  core::Id bridge = Add(Make("bridge", "Bridge reopens", "<p>The ferries stop.</p>"));
  {
    auto c = Connection::Open(path_, false, "FULL");
    ASSERT_TRUE(c.ok());
    auto st = (*c)->Prepare("UPDATE articles SET headline = 'Lighthouse', lead = '' WHERE id = ?1");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(st->Bind(1, bridge).Run().ok());
  }
  EXPECT_FALSE(Check().ok());
  auto count = store_->Reindex();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 1);
  EXPECT_TRUE(Check().ok());
  EXPECT_EQ(Matches("lighthouse"), 1);
  EXPECT_EQ(Matches("reopens"), 0);
}

}  // namespace
}  // namespace gazette::storage::sqlite
