// A bulk load on a real SQLite file: the indexes it sets aside come back
// as they were, at its end or at the next open after it stopped midway; the
// file is the load's alone while it runs and a WAL database again after;
// another connection to the file keeps the load on the usual path.
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/test_folder.h"
#include "storage/sqlite/test_store.h"

namespace gazette::storage::sqlite {
namespace {

using base::Status;
using core::Article;
using core::ContentWriter;

constexpr std::string_view kSetAside =
    "SELECT group_concat(name || ': ' || sql, '; ') FROM "
    "(SELECT name, sql FROM sqlite_schema WHERE name IN "
    "('articles_by_headline', 'article_tags_by_tag', 'article_authors_by_author') ORDER BY name)";

class BulkLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = folder_.File("b.db");
    Reopen();
    indexes_ = Text(kSetAside);
    ASSERT_NE(indexes_.find("articles_by_headline: CREATE INDEX"), std::string::npos) << indexes_;
    ASSERT_NE(indexes_.find("article_tags_by_tag"), std::string::npos) << indexes_;
    ASSERT_NE(indexes_.find("article_authors_by_author"), std::string::npos) << indexes_;
  }

  void Reopen() {
    store_.reset();
    store_ = MigratedStore(path_);
    ASSERT_NE(store_, nullptr);
  }

  // A connection of its own, as another process would have.
  std::unique_ptr<Connection> Other() {
    auto c = Connection::Open(path_, false, "FULL");
    EXPECT_TRUE(c.ok());
    EXPECT_TRUE((*c)->Exec("PRAGMA busy_timeout = 0").ok());
    return std::move(*c);
  }

  std::string Text(std::string_view sql) {
    auto c = Other();
    auto st = c->Prepare(sql);
    EXPECT_TRUE(st.ok());
    auto row = st->Step();
    EXPECT_TRUE(row.ok()) << row.error().detail;
    return row.ok() && *row ? st->Text(0) : "";
  }

  // Articles with a tag and an author each, in one write.
  Status Add(int n, int from, const std::string& word = "Story") {
    return store_->Write([&](ContentWriter& w) -> Status {
      core::Tag tag;
      tag.slug = "tag-" + std::to_string(from);
      tag.name = "Tag " + std::to_string(from);
      auto t = w.InsertTag(tag);
      if (!t.ok()) return t.error();
      core::Author author;
      author.slug = "author-" + std::to_string(from);
      author.name = "Author " + std::to_string(from);
      auto a = w.InsertAuthor(author);
      if (!a.ok()) return a.error();
      for (int i = from; i < from + n; ++i) {
        Article article;
        article.slug = "story-" + std::to_string(i);
        article.headline = word + " " + std::to_string(i);
        article.lead = "The lead of " + word + " " + std::to_string(i);
        article.body_html = "<p>The <b>body</b> of " + word + " " + std::to_string(i) + ".</p>";
        article.status = core::ArticleStatus::kPublished;
        article.created_at = article.updated_at = base::FromUnixSeconds(1'760'000'000 + i);
        article.published_at = article.created_at;
        article.tags.push_back(*t);
        article.authors.push_back(*a);
        auto id = w.InsertArticle(article);
        if (!id.ok()) return id.error();
      }
      return {};
    });
  }

  // FTS5's own check of the index against the published articles' text.
  void ExpectSearchIndexSound() {
    auto c = Other();
    Status checked = c->Exec("INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)");
    EXPECT_TRUE(checked.ok()) << checked.error().detail;
  }
  std::string Found(const std::string& word) {
    return Text("SELECT count(*) FROM article_search WHERE article_search MATCH '" + word + "'");
  }

  TestFolder folder_{"bulk"};
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
  std::string indexes_;  // the set-aside indexes' definitions before any load
};

TEST_F(BulkLoadTest, TheLoadHasTheFileAloneAndLeavesItAsItWas) {
  ASSERT_TRUE(Add(10, 0).ok());
  auto begun = store_->BeginBulkLoad();
  ASSERT_TRUE(begun.ok()) << begun.error().message << " " << begun.error().detail;
  ASSERT_TRUE(*begun);
  ASSERT_TRUE(Add(500, 10).ok());

  // Nobody else reads meanwhile (nor writes).
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &other, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(other, "SELECT count(*) FROM articles", nullptr, nullptr, nullptr), SQLITE_BUSY);
  sqlite3_close(other);
  // A server started meanwhile is told why, after the busy timeout (5 s).
  auto server = SqliteStore::Open({path_});
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.error().code, base::ErrorCode::kUnavailable);
  EXPECT_NE(server.error().message.find("held by another process"), std::string::npos) << server.error().message;

  Status ended = store_->EndBulkLoad();
  ASSERT_TRUE(ended.ok()) << ended.error().detail;
  EXPECT_EQ(Text(kSetAside), indexes_);
  EXPECT_EQ(Text("SELECT count(*) FROM deferred_indexes"), "0");
  EXPECT_EQ(Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Text("SELECT count(*) FROM articles"), "510");
  EXPECT_EQ(Text("SELECT count(*) FROM article_tags INDEXED BY article_tags_by_tag WHERE tag_id > 0"), "510");
  EXPECT_EQ(Text("PRAGMA integrity_check"), "ok");
  // And writes go on as before, read by others as they commit.
  ASSERT_TRUE(Add(5, 600).ok());
  EXPECT_EQ(Text("SELECT count(*) FROM articles"), "515");
}

TEST_F(BulkLoadTest, ALoadStoppedMidwayHasItsIndexesBackAtTheNextOpen) {
  auto begun = store_->BeginBulkLoad();
  ASSERT_TRUE(begun.ok() && *begun);
  ASSERT_TRUE(Add(200, 0).ok());
  // A failed batch is rolled back from the journal.
  Status failed = store_->Write([&](ContentWriter& w) -> Status {
    Article article;
    article.slug = "never";
    article.headline = "Never";
    article.created_at = article.updated_at = base::FromUnixSeconds(1'760'000'000);
    if (auto id = w.InsertArticle(article); !id.ok()) return id.error();
    return base::Error::Invalid("stopped");
  });
  EXPECT_FALSE(failed.ok());
  Reopen();  // without EndBulkLoad, as after a kill
  EXPECT_EQ(Text(kSetAside), indexes_);
  EXPECT_EQ(Text("SELECT count(*) FROM deferred_indexes"), "0");
  EXPECT_EQ(Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Text("SELECT count(*) FROM articles"), "200");
  EXPECT_EQ(Text("PRAGMA integrity_check"), "ok");
}

TEST_F(BulkLoadTest, AnotherConnectionKeepsTheLoadOnTheUsualPath) {
  auto other = Other();
  ASSERT_EQ(Text("SELECT count(*) FROM articles"), "0");
  auto st = other->Prepare("SELECT count(*) FROM articles");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Step().ok());  // the file is open there, in WAL mode
  (void)st->Step();
  auto begun = store_->BeginBulkLoad();
  ASSERT_TRUE(begun.ok()) << begun.error().detail;
  EXPECT_FALSE(*begun);
  EXPECT_EQ(Text(kSetAside), indexes_);
  EXPECT_EQ(Text("PRAGMA journal_mode"), "wal");
  // Writes go on, and the other connection reads them.
  ASSERT_TRUE(Add(3, 0).ok());
  auto again = other->Prepare("SELECT count(*) FROM articles");
  ASSERT_TRUE(again.ok());
  auto row = again->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(again->Int(0), 3);
}

TEST_F(BulkLoadTest, TheLoadsSearchIndexFindsTheSitesArticlesAndItsOwn) {
  ASSERT_TRUE(Add(10, 0, "Harbour").ok());
  auto begun = store_->BeginBulkLoad();
  ASSERT_TRUE(begun.ok() && *begun);
  ASSERT_TRUE(Add(300, 100, "Lighthouse").ok());
  ASSERT_TRUE(Add(200, 400, "Orchestra").ok());
  // An article changed meanwhile would have to leave an index it is not in yet.
  Status changed = store_->Write([&](ContentWriter& w) -> Status {
    auto a = w.FindArticleBySlug("story-100");
    if (!a.ok()) return a.error();
    a->headline = "Quarry";
    return w.UpdateArticle(*a);
  });
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().code, base::ErrorCode::kUnavailable);
  ASSERT_TRUE(store_->EndBulkLoad().ok());
  EXPECT_FALSE(std::filesystem::exists(path_ + "-search-load"));
  EXPECT_EQ(Text("SELECT count(*) FROM deferred_indexes"), "0");
  ExpectSearchIndexSound();
  EXPECT_EQ(Found("harbour"), "10");
  EXPECT_EQ(Found("lighthouse"), "300");
  EXPECT_EQ(Found("orchestra"), "200");
  EXPECT_EQ(Found("body"), "510");

  // The same store's writes find the index they did not write.
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) -> Status {
    auto a = w.FindArticleBySlug("story-100");
    if (!a.ok()) return a.error();
    a->headline = "Quarry";
    return w.UpdateArticle(*a);
  }).ok());
  ASSERT_TRUE(Add(5, 700, "Canal").ok());
  ExpectSearchIndexSound();
  EXPECT_EQ(Found("quarry"), "1");
  EXPECT_EQ(Found("canal"), "5");
  EXPECT_EQ(Found("body"), "515");
}

TEST_F(BulkLoadTest, ALoadStoppedMidwayHasItsSearchIndexBuiltAgain) {
  ASSERT_TRUE(Add(10, 0, "Harbour").ok());
  auto begun = store_->BeginBulkLoad();
  ASSERT_TRUE(begun.ok() && *begun);
  ASSERT_TRUE(Add(300, 100, "Lighthouse").ok());
  // As a kill would leave it: the scratch file too.
  std::string scratch = path_ + "-search-load";
  ASSERT_TRUE(std::filesystem::copy_file(scratch, scratch + ".kept"));
  store_.reset();
  std::filesystem::rename(scratch + ".kept", scratch);
  Reopen();
  EXPECT_EQ(Text("SELECT count(*) FROM deferred_indexes"), "0");
  ExpectSearchIndexSound();
  EXPECT_EQ(Found("harbour"), "10");
  EXPECT_EQ(Found("lighthouse"), "300");
  EXPECT_FALSE(std::filesystem::exists(path_ + "-search-load"));
}

}  // namespace
}  // namespace gazette::storage::sqlite
