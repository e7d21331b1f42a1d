// Article lists on a real SQLite file at depth: counting articles (the
// public API's "total", the admin's lists) reads the index of published
// articles and nothing else, and a page far down a list passes the articles
// it skips in that index (through each article's row, both took a second
// and more per request on a site of a million articles). Cost is counted in
// SQLite's virtual machine steps, which do not depend on the machine's
// speed, against the same work asked of the index directly.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/sqlite/content_sql.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/test_store.h"
#include "storage/sqlite/test_steps.h"

namespace gazette::storage::sqlite {
namespace {

using base::Status;

class ArticleListsTest : public StoreTest {
 protected:
  ArticleListsTest() : StoreTest("counts") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenStore("a.db"));
    ASSERT_TRUE(store_->Write([&](core::ContentWriter& w) -> Status {
      auto section = w.InsertSection({0, "world", "World", 1});
      if (!section.ok()) return section.error();
      auto tag = w.InsertTag({0, "harbour", "Harbour"});
      if (!tag.ok()) return tag.error();
      auto author = w.InsertAuthor({0, "anna", "Anna"});
      if (!author.ok()) return author.error();
      tag_ = *tag;
      author_ = *author;
      for (int i = 0; i < kArticles; ++i) {
        core::Article a;
        a.slug = "story-" + std::to_string(i);
        a.headline = "Story number " + std::to_string(i);
        a.body = "body";
        a.body_html = "<p>" + std::string(600, 'x') + "</p>";
        a.status = i % 10 == 0 ? core::ArticleStatus::kDraft : core::ArticleStatus::kPublished;
        a.created_at = a.updated_at = base::FromUnixSeconds(1'760'000'000 + i * 60);
        if (a.status == core::ArticleStatus::kPublished) a.published_at = a.created_at;
        a.section = *section;
        if (i % 2 == 0) a.tags = {tag_};
        a.authors = {author_};
        auto id = w.InsertArticle(a);
        if (!id.ok()) return id.error();
      }
      return {};
    }).ok());
    ASSERT_NO_FATAL_FAILURE(OpenConnection());
  }

  // The steps of reading one article's row by its id: the unit of the bounds below.
  long OneRowSteps() {
    return Steps(*c_, [&] {
      auto st = c_->Prepare("SELECT slug FROM articles WHERE id = 1502");
      ASSERT_TRUE(st.ok());
      ASSERT_TRUE(*st->Step());
    });
  }

  // Pages of 20 of `all` at each offset are the very pages of `whole`, the
  // list read at once.
  void ExpectPagesOf(const core::ArticleQuery& all, const std::vector<core::ArticleSummary>& whole,
                     std::initializer_list<int> offsets) {
    for (int offset : offsets) {
      core::ArticleQuery q = all;
      q.limit = 20;
      q.offset = offset;
      auto page = content_sql::ListArticles(*c_, q);
      ASSERT_TRUE(page.ok());
      std::size_t expected = std::min<std::size_t>(20, whole.size() - std::min<std::size_t>(whole.size(), offset));
      ASSERT_EQ(page->size(), expected) << offset;
      for (std::size_t i = 0; i < page->size(); ++i) {
        EXPECT_EQ((*page)[i].id, whole[offset + i].id) << offset;
        EXPECT_EQ((*page)[i].headline, whole[offset + i].headline);
        ASSERT_TRUE((*page)[i].section);
        EXPECT_EQ((*page)[i].section->slug, "world");
      }
    }
  }

  static constexpr int kArticles = 3000;
  core::Tag tag_;
  core::Author author_;
};

TEST_F(ArticleListsTest, PublishedArticlesAreCountedFromTheirIndex) {
  core::ArticleQuery q;
  q.status = core::ArticleStatus::kPublished;
  base::Result<std::int64_t> counted = 0;
  long steps = Steps(*c_, [&] { counted = content_sql::CountArticles(*c_, q); });
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(*counted, kArticles - kArticles / 10);

  long from_index = Steps(*c_, [&] {
    auto st = c_->Prepare("SELECT count(*) FROM articles INDEXED BY articles_by_time WHERE status = 'published'");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->Step());
    EXPECT_EQ(st->Int(0), kArticles - kArticles / 10);
  });
  EXPECT_LT(steps, from_index + from_index / 5) << "the count reads more than the index";
}

// Pages far down the list (found by ids first) are the very pages a walk of
// the whole list gives, on both sides of the depth where that starts.
TEST_F(ArticleListsTest, DeepPagesAreTheListsOwnAndSkipThroughTheIndex) {
  core::ArticleQuery all;
  all.status = core::ArticleStatus::kPublished;
  all.limit = kArticles;
  auto whole = content_sql::ListArticles(*c_, all);
  ASSERT_TRUE(whole.ok());
  ASSERT_EQ(whole->size(), static_cast<std::size_t>(kArticles - kArticles / 10));
  ExpectPagesOf(all, *whole, {0, 990, 999, 1000, 1001, 1500, 2690, 2700});
  core::ArticleQuery deep = all;
  deep.limit = 20;
  deep.offset = 2600;
  long steps = Steps(*c_, [&] { ASSERT_TRUE(content_sql::ListArticles(*c_, deep).ok()); });
  long from_index = Steps(*c_, [&] {
    auto st = c_->Prepare("SELECT count(*) FROM articles INDEXED BY articles_by_time WHERE status = 'published'");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->Step());
  });
  EXPECT_LT(steps, from_index * 2) << "the skipped articles were read beyond the index";
}

// The sitemaps page through the published articles by id: a page of a
// few reads as many rows as it lists (plus the drafts among them), not the
// whole site.
TEST_F(ArticleListsTest, PublishedRefsReadTheirPageOnly) {
  base::Result<std::vector<core::ArticleRef>> page = std::vector<core::ArticleRef>{};
  long steps = Steps(*c_, [&] { page = content_sql::ListPublishedRefs(*c_, 1500, 3); });
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ(page->front().id, 1502);  // 1501 is a draft (every tenth)
  EXPECT_EQ(page->back().id, 1504);
  long one_row = OneRowSteps();
  EXPECT_LT(steps, one_row * 20) << "a page of three read beyond its rows";
}

// Whether anything matches stops at the first match.
TEST_F(ArticleListsTest, AnyArticlesStopsAtTheFirst) {
  core::ArticleQuery q;
  q.status = core::ArticleStatus::kPublished;
  base::Result<bool> any = false;
  long steps = Steps(*c_, [&] { any = content_sql::AnyArticles(*c_, q); });
  ASSERT_TRUE(any.ok());
  EXPECT_TRUE(*any);
  long one_row = OneRowSteps();
  EXPECT_LT(steps, one_row * 20) << "it read beyond the first published article";
}

// A tag's or an author's page walks the newest of its links and reads the
// rows it shows (each page read every row the tag ever had, to check its
// status and sort by time: 15 to 30 ms on a site of a million articles),
// and their count comes from the links' index alone; pages far down are
// the list's own.
TEST_F(ArticleListsTest, TagAndAuthorPagesReadTheirOwnRowsAndCountFromTheLinks) {
  core::ArticleQuery by_tag;
  by_tag.tag_id = tag_.id;
  by_tag.limit = 20;
  long steps = Steps(*c_, [&] {
    auto page = content_sql::ListArticles(*c_, by_tag);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 20u);
    EXPECT_EQ(page->front().slug, "story-2998");
  });
  EXPECT_LT(steps, OneRowSteps() * 100) << "a page of 20 read beyond its rows";

  base::Result<std::int64_t> counted = 0;
  long count_steps = Steps(*c_, [&] { counted = content_sql::CountArticles(*c_, by_tag); });
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(*counted, 1200);  // every second article, less the drafts (every tenth)
  long from_index = Steps(*c_, [&] {
    auto st = c_->Prepare("SELECT count(*) FROM article_tags INDEXED BY article_tags_listed "
                          "WHERE tag_id = " + std::to_string(tag_.id) + " AND listed_at IS NOT NULL");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->Step());
    EXPECT_EQ(st->Int(0), 1200);
  });
  EXPECT_LT(count_steps, from_index + from_index / 5) << "the count reads more than the links' index";

  for (bool tagged : {true, false}) {
    core::ArticleQuery all;
    if (tagged) all.tag_id = tag_.id;
    else all.author_id = author_.id;
    all.limit = kArticles;
    auto whole = content_sql::ListArticles(*c_, all);
    ASSERT_TRUE(whole.ok());
    ASSERT_EQ(whole->size(), tagged ? 1200u : 2700u);
    ExpectPagesOf(all, *whole, {0, 999, 1000, 1001, 1190, 2690});
  }
}

// Counts are kept between article writes (a million-article list is counted
// once, not at every render); a change to the file by another process is
// seen once the store has looked for one (the server looks every 100 ms).
TEST_F(ArticleListsTest, CountsAreKeptUntilTheFileChanges) {
  core::ArticleQuery q;
  q.status = core::ArticleStatus::kPublished;
  auto before = store_->CountArticles(q);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, kArticles - kArticles / 10);
  (void)store_->ChangedElsewhere();  // where it starts from
  ASSERT_TRUE(c_->Exec("UPDATE articles SET status = 'unpublished' WHERE id = 2").ok());  // another connection
  EXPECT_EQ(*store_->CountArticles(q), *before) << "the count was not kept";
  EXPECT_TRUE(store_->ChangedElsewhere());
  EXPECT_EQ(*store_->CountArticles(q), *before - 1);
}

}  // namespace
}  // namespace gazette::storage::sqlite
