#include "storage/sqlite/sqlite_store.h"

#include <filesystem>

#include "storage/sqlite/content_sql.h"

namespace gazette::storage::sqlite {

using base::Error;
using base::Result;
using base::Status;

namespace {

// The writer handed to a write: the write connection, inside BEGIN IMMEDIATE.
class SqliteWriter final : public core::ContentWriter {
 public:
  explicit SqliteWriter(Connection& c) : c_(c) {}

  Result<core::Article> FindArticle(core::Id id) override { return content_sql::FindArticle(c_, id); }
  Result<core::Article> FindArticleBySlug(std::string_view slug) override {
    return content_sql::FindArticleBySlug(c_, slug);
  }
  Result<std::vector<core::ArticleSummary>> ListArticles(const core::ArticleQuery& q) override {
    return content_sql::ListArticles(c_, q);
  }
  Result<std::int64_t> CountArticles(const core::ArticleQuery& q) override { return content_sql::CountArticles(c_, q); }
  Result<bool> ArticleSlugTaken(std::string_view slug) override { return content_sql::ArticleSlugTaken(c_, slug); }
  Result<std::vector<core::Section>> ListSections() override { return content_sql::ListSections(c_); }
  Result<core::Section> FindSection(std::string_view slug) override { return content_sql::FindSection(c_, slug); }
  Result<core::Tag> FindTag(std::string_view slug) override { return content_sql::FindTag(c_, slug); }
  Result<core::Author> FindAuthor(std::string_view slug) override { return content_sql::FindAuthor(c_, slug); }

  Result<core::Id> InsertArticle(const core::Article& a) override { return content_sql::InsertArticle(c_, a); }
  Status UpdateArticle(const core::Article& a) override { return content_sql::UpdateArticle(c_, a); }
  Result<core::Section> InsertSection(const core::Section& s) override { return content_sql::InsertSection(c_, s); }
  Result<core::Tag> InsertTag(const core::Tag& t) override { return content_sql::InsertTag(c_, t); }
  Result<core::Author> InsertAuthor(const core::Author& a) override { return content_sql::InsertAuthor(c_, a); }

 private:
  Connection& c_;
};

class MigrationConnection final : public sql::MigrationTarget {
 public:
  explicit MigrationConnection(Connection& c) : c_(c) {}

  Result<int> CurrentVersion() override {
    GZ_TRY(c_.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL DEFAULT (unixepoch()))"));
    Result<Statement> st = c_.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (!st.ok()) return std::move(st).error();
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    return static_cast<int>(st->Int(0));
  }

  Status Apply(const sql::Migration& m) override {
    GZ_TRY(c_.Exec("BEGIN IMMEDIATE"));
    Status status = c_.Exec(m.sql);
    if (status.ok()) {
      Result<Statement> st = c_.Prepare("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
      status = st.ok() ? st->Bind(1, std::int64_t{m.version}).Bind(2, m.name).Run() : Status(std::move(st).error());
    }
    if (status.ok()) status = c_.Exec("COMMIT");
    if (!status.ok()) (void)c_.Exec("ROLLBACK");
    return status;
  }

 private:
  Connection& c_;
};

}  // namespace

// A read connection borrowed from the pool, returned when the lease ends.
class SqliteStore::Lease {
 public:
  Lease(SqliteStore* store, std::unique_ptr<Connection> c) : store_(store), c_(std::move(c)) {}
  Lease(Lease&& other) noexcept = default;
  ~Lease() {
    if (c_) store_->Release(std::move(c_));
  }
  Connection& operator*() { return *c_; }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> c_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options) {
  std::filesystem::path path(options.path);
  std::error_code ec;
  if (path.has_parent_path() && !std::filesystem::exists(path.parent_path(), ec)) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      Error error = Error::Internal("create_directories: " + ec.message());
      error.message = "Cannot create the folder " + path.parent_path().string() + " for the database: " + ec.message() + ".";
      return error;
    }
  }
  Result<std::unique_ptr<Connection>> writer = Connection::Open(options.path, true, options.synchronous);
  if (!writer.ok()) return std::move(writer).error();
  Status wal = (*writer)->Exec("PRAGMA journal_mode = WAL");
  if (!wal.ok()) {
    Error error = std::move(wal).error();
    error.message = "Cannot use " + options.path + " as a database: " + error.detail + ".";
    return error;
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(options, std::move(*writer)));
}

SqliteStore::SqliteStore(SqliteOptions options, std::unique_ptr<Connection> writer)
    : options_(std::move(options)), writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() = default;

Result<sql::MigrationReport> SqliteStore::Migrate() {
  std::lock_guard lock(write_mutex_);
  MigrationConnection target(*writer_);
  return sql::Migrate(target, Migrations());
}

Result<int> SqliteStore::SchemaVersion() {
  std::lock_guard lock(write_mutex_);
  MigrationConnection target(*writer_);
  return target.CurrentVersion();
}

Result<SqliteStore::Lease> SqliteStore::Acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
  }
  Result<std::unique_ptr<Connection>> c = Connection::Open(options_.path, false, options_.synchronous);
  if (!c.ok()) return std::move(c).error();
  GZ_TRY((*c)->Exec("PRAGMA query_only = ON"));
  return Lease(this, std::move(*c));
}

void SqliteStore::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(pool_mutex_);
  idle_.push_back(std::move(connection));
}

template <class F>
auto SqliteStore::WithReader(F&& f) -> decltype(f(std::declval<Connection&>())) {
  Result<Lease> lease = Acquire();
  if (!lease.ok()) return std::move(lease).error();
  return f(**lease);
}

Result<core::Article> SqliteStore::FindArticle(core::Id id) {
  return WithReader([&](Connection& c) { return content_sql::FindArticle(c, id); });
}
Result<core::Article> SqliteStore::FindArticleBySlug(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::FindArticleBySlug(c, slug); });
}
Result<std::vector<core::ArticleSummary>> SqliteStore::ListArticles(const core::ArticleQuery& q) {
  return WithReader([&](Connection& c) { return content_sql::ListArticles(c, q); });
}
Result<std::int64_t> SqliteStore::CountArticles(const core::ArticleQuery& q) {
  return WithReader([&](Connection& c) { return content_sql::CountArticles(c, q); });
}
Result<bool> SqliteStore::ArticleSlugTaken(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::ArticleSlugTaken(c, slug); });
}
Result<std::vector<core::Section>> SqliteStore::ListSections() {
  return WithReader([&](Connection& c) { return content_sql::ListSections(c); });
}
Result<core::Section> SqliteStore::FindSection(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::FindSection(c, slug); });
}
Result<core::Tag> SqliteStore::FindTag(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::FindTag(c, slug); });
}
Result<core::Author> SqliteStore::FindAuthor(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::FindAuthor(c, slug); });
}

Status SqliteStore::Write(const std::function<Status(core::ContentWriter&)>& work) {
  std::lock_guard lock(write_mutex_);
  GZ_TRY(writer_->Exec("BEGIN IMMEDIATE"));
  SqliteWriter writer(*writer_);
  Status status;
  try {
    status = work(writer);
  } catch (...) {
    (void)writer_->Exec("ROLLBACK");
    throw;
  }
  if (status.ok()) status = writer_->Exec("COMMIT");
  if (!status.ok()) (void)writer_->Exec("ROLLBACK");
  return status;
}

}  // namespace gazette::storage::sqlite
