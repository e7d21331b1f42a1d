// The SQLite backend: one file in WAL mode, one write connection, a pool of
// read connections (one per thread that reads at once).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/content_store.h"
#include "storage/sql/migrations.h"
#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite {

struct SqliteOptions {
  std::string path;                  // the database file; created with its folder when missing
  std::string synchronous = "FULL";  // FULL: a commit survives power loss
};

// Thread-safe.
class SqliteStore final : public core::ContentStore {
 public:
  // Opens or creates the file (and its parent folders) and switches it to
  // WAL. Fails with a message naming the file.
  static base::Result<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options);
  ~SqliteStore() override;

  // Brings the schema up to date (see storage/sql/migrations.h).
  base::Result<sql::MigrationReport> Migrate();
  // The schema version the file is at.
  base::Result<int> SchemaVersion();

  base::Result<core::Article> FindArticle(core::Id id) override;
  base::Result<core::Article> FindArticleBySlug(std::string_view slug) override;
  base::Result<std::vector<core::ArticleSummary>> ListArticles(const core::ArticleQuery& query) override;
  base::Result<std::int64_t> CountArticles(const core::ArticleQuery& query) override;
  base::Result<bool> ArticleSlugTaken(std::string_view slug) override;
  base::Result<std::vector<core::Section>> ListSections() override;
  base::Result<core::Section> FindSection(std::string_view slug) override;
  base::Result<core::Tag> FindTag(std::string_view slug) override;
  base::Result<core::Author> FindAuthor(std::string_view slug) override;

  base::Status Write(const std::function<base::Status(core::ContentWriter&)>& work) override;

 private:
  class Lease;
  explicit SqliteStore(SqliteOptions options, std::unique_ptr<Connection> writer);
  base::Result<Lease> Acquire();
  void Release(std::unique_ptr<Connection> connection);
  template <class F>
  auto WithReader(F&& f) -> decltype(f(std::declval<Connection&>()));

  SqliteOptions options_;
  std::mutex write_mutex_;  // guards writer_
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;   // guards idle_
  std::vector<std::unique_ptr<Connection>> idle_;
};

// The SQLite schema migrations, in order (embedded from migrations/*.sql).
std::span<const sql::Migration> Migrations();

}  // namespace gazette::storage::sqlite
