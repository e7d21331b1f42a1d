// A site made before the links carried their articles' publication time
// (schema 12) lists the same articles under each tag and author after the
// migration: the published ones, newest first; drafts, scheduled and taken
// down articles stay off the lists, as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_store.h"
#include "old_site.h"

namespace gazette {
namespace {

TEST(LinkMigration, TagAndAuthorListsOfTheVersionBeforeStayTheSame) {
  std::string path = OldSite("links", 12);
  ASSERT_FALSE(path.empty());
  auto dir = std::filesystem::path(path).parent_path();
  std::string sql =
      "INSERT INTO tags (id, slug, name) VALUES (1, 'ports', 'Ports');"
      "INSERT INTO authors (id, slug, name) VALUES (1, 'oleg', 'Oleg');"
      "INSERT INTO articles (id, slug, status, published_at, created_at, updated_at, headline) VALUES "
      "(1, 'older', 'published', 1760000100, 1760000000, 1760000000, 'Older'),"
      "(2, 'newer', 'published', 1760000300, 1760000000, 1760000000, 'Newer'),"
      "(3, 'backdated', 'published', 1760000200, 1760000000, 1760000000, 'Backdated'),"
      "(4, 'draft', 'draft', NULL, 1760000000, 1760000000, 'Draft'),"
      "(5, 'scheduled', 'scheduled', 1790000000, 1760000000, 1760000000, 'Scheduled'),"
      "(6, 'taken-down', 'unpublished', 1760000400, 1760000000, 1760000000, 'Taken down');"
      "INSERT INTO article_tags (article_id, tag_id, position) VALUES (1, 1, 0), (2, 1, 0), (3, 1, 0), (4, 1, 0), "
      "(5, 1, 0), (6, 1, 0);"
      "INSERT INTO article_authors (article_id, author_id, position) VALUES (1, 1, 0), (3, 1, 0), (4, 1, 0), "
      "(6, 1, 0);";
  ASSERT_TRUE(OnOldSite(path, sql));
  auto store = storage::sqlite::SqliteStore::Open({path});
  ASSERT_TRUE(store.ok());
  auto report = (*store)->Migrate();
  ASSERT_TRUE(report.ok()) << report.error().message << " " << report.error().detail;
  auto slugs = [&](const core::ArticleQuery& q) {
    std::vector<std::string> out;
    auto list = (*store)->ListArticles(q);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const auto& a : *list) out.push_back(a.slug);
    }
    return out;
  };
  core::ArticleQuery by_tag;
  by_tag.tag_id = 1;
  EXPECT_EQ(slugs(by_tag), (std::vector<std::string>{"newer", "backdated", "older"}));
  EXPECT_EQ(*(*store)->CountArticles(by_tag), 3);
  core::ArticleQuery by_author;
  by_author.author_id = 1;
  EXPECT_EQ(slugs(by_author), (std::vector<std::string>{"backdated", "older"}));
  EXPECT_EQ(*(*store)->CountArticles(by_author), 2);
  core::ArticleQuery drafts = by_tag;
  drafts.status = core::ArticleStatus::kDraft;
  EXPECT_EQ(slugs(drafts), std::vector<std::string>{"draft"});
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gazette
