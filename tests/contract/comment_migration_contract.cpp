// A site made before repeat keys (schema 6) keeps refusing repeated texts
// after the migration: its recent comments get their keys; its threads are
// counted.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "comments/checks.h"
#include "storage/sqlite/sqlite_store.h"
#include "old_site.h"

namespace gazette {
namespace {

TEST(CommentMigration, RecentCommentsOfTheVersionBeforeGetRepeatKeys) {
  std::string path = OldSite("comment", 6);
  ASSERT_FALSE(path.empty());
  auto dir = std::filesystem::path(path).parent_path();
  const long now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::string sql =
      "INSERT INTO articles (id, slug, status, published_at, created_at, updated_at, headline, lead, body, body_html) "
      "VALUES (10, 'bridge', 'published', 1760000000, 1760000000, 1760000000, 'Bridge reopens', '', '', '');"
      "INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES (3, 'a@example.org', 'A', 'x', 1);"
      "INSERT INTO comments (id, article_id, root_id, account_id, status, created_at, body, body_html) VALUES "
      "(1, 10, 1, 3, 'visible', " + std::to_string(now - 600) + ", 'The ferries stop!', ''),"
      "(2, 10, 2, 3, 'visible', " + std::to_string(now - 90 * 86400) + ", 'Long ago.', '');";
  ASSERT_TRUE(OnOldSite(path, sql));
  auto store = storage::sqlite::SqliteStore::Open({path});
  ASSERT_TRUE(store.ok());
  auto report = (*store)->Migrate();
  ASSERT_TRUE(report.ok()) << report.error().message << " " << report.error().detail;
  bool repeated = false;
  ASSERT_TRUE((*store)
                  ->WriteComments([&](comments::CommentWriter& w) -> base::Status {
                    auto r = w.PostedSince(3, comments::RepeatKey("the ferries stop"), base::FromUnixSeconds(now - 3600));
                    if (!r.ok()) return r.error();
                    repeated = *r;
                    return {};
                  })
                  .ok());
  EXPECT_TRUE(repeated);
  // Its threads are counted by the migration that keeps their number (0010).
  auto page = (*store)->Threads(10, comments::Sort::kOldest, 0, 20);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total_threads, 2);
  store->reset();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id FROM comments WHERE repeat_key IS NULL", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int64(st, 0), 2);  // older than any repeat window: left alone
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gazette
