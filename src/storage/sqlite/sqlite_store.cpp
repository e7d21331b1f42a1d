#include "storage/sqlite/sqlite_store.h"

#include <filesystem>

#include "storage/sqlite/bulk_load.h"
#include "storage/sqlite/comment_sql.h"
#include "storage/sqlite/content_sql.h"
#include "storage/sqlite/newsroom_sql.h"
#include "storage/sqlite/search_sql.h"
#include "storage/sqlite/store_reads.h"
#include "storage/sqlite/writers.h"

namespace gazette::storage::sqlite {

using writers::SqliteWriter;
using writers::MigrationConnection;
using writers::SqliteCommentWriter;
using writers::SqliteNewsroomWriter;

using base::Error;
using base::Result;
using base::Status;

namespace {
// The migration that gave comments their repeat key (0007_comment_allowances.sql).
constexpr int kRepeatKeyVersion = 7;
constexpr int kWriteCacheMib = 64;
// WAL pages between checkpoints (SQLite's default is 1,000). A page that
// every commit changes (the newest leaf of an index, a reader's allowance)
// is copied into the database once per checkpoint: at 1,000 pages that was
// every 30 or so batches of comments, and checkpoints took a seventh of the
// committing thread's time. The WAL file grows to about 80 MB.
constexpr int kCheckpointPages = 20000;

// PRAGMA cache_size's value for so many MiB (negative: KiB rather than pages).
std::string CacheSize(int mib) { return std::to_string(-std::int64_t{mib} * 1024); }
}  // namespace

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
  // The writer keeps more of the indexes in memory than SQLite's default
  // 2 MiB: inserts into large indexes (slugs, comments by article) then
  // rarely wait for the disk.
  Status wal = (*writer)->Exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = " +
                                std::to_string(kCheckpointPages) + "; PRAGMA cache_size = " + CacheSize(kWriteCacheMib));
  if (!wal.ok()) {
    Error error = std::move(wal).error();
    error.message = "Cannot use " + options.path + " as a database: " + error.detail + ".";
    return error;
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(options, std::move(*writer)));
}

SqliteStore::SqliteStore(SqliteOptions options, std::unique_ptr<Connection> writer)
    : options_(std::move(options)), writer_(std::move(writer)), group_(*writer_, write_mutex_, options_.max_batch) {}

SqliteStore::~SqliteStore() = default;

Status SqliteStore::SetWriteCache(int mib) {
  std::lock_guard lock(write_mutex_);
  return writer_->Exec("PRAGMA cache_size = " + CacheSize(mib));
}

Result<bool> SqliteStore::BeginBulkLoad() {
  std::lock_guard lock(write_mutex_);
  {
    std::lock_guard pool(pool_mutex_);
    idle_.clear();  // this process's own readers would keep the file shared
  }
  Result<bool> begun = bulk_load::Begin(*writer_);
  if (!begun.ok() || !*begun) return begun;
  Result<std::unique_ptr<SearchLoad>> search = SearchLoad::Start(*writer_, options_.path);
  if (!search.ok()) {
    (void)bulk_load::End(*writer_);
    return std::move(search).error();
  }
  search_load_ = std::move(*search);
  return true;
}

Status SqliteStore::EndBulkLoad() {
  std::unique_ptr<SearchLoad> search;
  Status ended;
  {
    std::lock_guard lock(write_mutex_);
    search = std::move(search_load_);
    ended = bulk_load::End(*writer_);
  }
  // Copied in by a connection of its own once the writer let the file go.
  Status searched = search ? search->Finish(options_.path) : Status();
  article_writes_.fetch_add(1);  // the index now holds the load's articles
  GZ_TRY(ended);
  return searched;
}

Result<sql::MigrationReport> SqliteStore::Migrate(std::optional<int> up_to) {
  std::lock_guard lock(write_mutex_);
  MigrationConnection target(*writer_);
  std::span<const sql::Migration> all = Migrations();
  if (up_to && *up_to >= 0 && static_cast<std::size_t>(*up_to) < all.size()) all = all.first(*up_to);
  Result<sql::MigrationReport> report = sql::Migrate(target, all);
  if (!report.ok()) return report;
  // Comments stored before repeat keys existed get theirs, as far back as
  // the longest repeat window a site may set.
  if (report->from_version > 0 && report->from_version < kRepeatKeyVersion && report->to_version >= kRepeatKeyVersion) {
    base::Timestamp since = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) -
                            std::chrono::days(30);
    GZ_TRY(writer_->InTransaction([&] { return comment_sql::KeyRecentComments(*writer_, since); }));
  }
  // After a bulk load that stopped midway; no other is running (it would hold the file).
  GZ_TRY(bulk_load::RestoreIndexes(*writer_));
  SearchLoad::RemoveLeftover(options_.path);
  return report;
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

Result<core::Article> SqliteStore::FindArticle(core::Id id) {
  return WithReader([&](Connection& c) { return content_sql::FindArticle(c, id); });
}
Result<core::Article> SqliteStore::FindArticleBySlug(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::FindArticleBySlug(c, slug); });
}
content_sql::SpanLookup SqliteStore::Spans() {
  return [this](Connection& c, base::Timestamp from, base::Timestamp before) { return RememberedSpan(c, from, before); };
}

Result<std::vector<core::ArticleSummary>> SqliteStore::ListArticles(const core::ArticleQuery& q) {
  return WithReader([&](Connection& c) { return content_sql::ListArticles(c, q); });
}
Result<std::int64_t> SqliteStore::CountArticles(const core::ArticleQuery& q) {
  return WithReader([&](Connection& c) {
    return content_sql::CountArticles(c, q, [this](const std::string& key, const auto& count) {
      return counts_.Get(key, ArticleWrites(), count);
    });
  });
}

Result<bool> SqliteStore::AnyArticles(const core::ArticleQuery& q) {
  return WithReader([&](Connection& c) { return content_sql::AnyArticles(c, q); });
}
Result<bool> SqliteStore::ArticleSlugTaken(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::ArticleSlugTaken(c, slug); });
}
Result<std::vector<core::ArticleRef>> SqliteStore::ListPublishedRefs(core::Id after, int limit) {
  return WithReader([&](Connection& c) { return content_sql::ListPublishedRefs(c, after, limit); });
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
Result<std::vector<core::Tag>> SqliteStore::ListTags() {
  return WithReader([&](Connection& c) { return content_sql::ListTags(c); });
}
Result<std::vector<core::Author>> SqliteStore::ListAuthors() {
  return WithReader([&](Connection& c) { return content_sql::ListAuthors(c); });
}
Result<std::optional<std::string>> SqliteStore::RenamedSection(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::RenamedSection(c, slug); });
}
Result<std::optional<std::string>> SqliteStore::RenamedTag(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::RenamedTag(c, slug); });
}
Result<std::optional<core::Id>> SqliteStore::RenamedArticle(std::string_view slug) {
  return WithReader([&](Connection& c) { return content_sql::RenamedArticle(c, slug); });
}

Status SqliteStore::Transact(const std::function<Status(Connection&)>& work) { return group_.Run(work); }

bool SqliteStore::ChangedElsewhere() {
  std::unique_lock lock(write_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return false;
  // On the write connection, data_version moves only when another
  // connection commits; this process's readers never write.
  Result<Statement> st = writer_->Prepare("PRAGMA data_version");
  if (!st.ok()) return false;
  Result<bool> row = st->Step();
  if (!row.ok() || !*row) return false;
  std::int64_t version = st->Int(0);
  (void)st->Step();
  bool changed = data_version_ >= 0 && version != data_version_;
  data_version_ = version;
  if (changed) changed_elsewhere_.fetch_add(1);
  return changed;
}

Result<content_sql::IdSpan> SqliteStore::RememberedSpan(Connection& c, base::Timestamp from, base::Timestamp before) {
  // Read before the span: a commit in between makes it older than it is, not newer.
  std::uint64_t writes = group_.stats().batches + changed_elsewhere_.load();
  {
    std::lock_guard lock(span_mutex_);
    if (span_ && span_->from == from && span_->before == before && span_->writes == writes) return span_->ids;
  }
  Result<content_sql::IdSpan> ids = content_sql::PublishedIdSpan(c, from, before);
  if (ids.ok()) {
    std::lock_guard lock(span_mutex_);
    span_ = Span{from, before, writes, *ids};
  }
  return ids;
}

std::uint64_t SqliteStore::ArticleWrites() const { return article_writes_.load() + changed_elsewhere_.load(); }

template <class Writer, class Work>
Status SqliteStore::WriteArticles(const Work& work) {
  SearchLoad* search = nullptr;
  std::vector<SearchEntry> loaded;
  Status written = Transact([&](Connection& c) -> Status {
    search = search_load_.get();
    Writer writer(c, search ? &loaded : nullptr);
    GZ_TRY(work(writer));
    return writer.Finish();
  });
  article_writes_.fetch_add(1);  // after the commit: what was kept from before it is forgotten
  GZ_TRY(std::move(written));
  if (search) search->Add(std::move(loaded));  // committed: now for the load's index
  return {};
}

Status SqliteStore::Write(const std::function<Status(core::ContentWriter&)>& work) {
  return WriteArticles<SqliteWriter>(work);
}

Status SqliteStore::WriteComments(const std::function<Status(comments::CommentWriter&)>& work) {
  return Transact([&](Connection& c) {
    SqliteCommentWriter writer(c);
    return work(writer);
  });
}

bool SqliteStore::WriteCommentsLater(std::function<Status(comments::CommentWriter&)> work,
                                     std::function<void(Status)> done) {
  return group_.Submit(
      [work = std::move(work)](Connection& c) {
        SqliteCommentWriter writer(c);
        return work(writer);
      },
      std::move(done));
}

// Search: reads from the pool; a rebuild is one transaction.
Result<core::SearchResults> SqliteStore::Search(const core::SearchQuery& q) {
  auto search = [&] { return WithReader([&](Connection& c) { return search_sql::Search(c, q, Spans()); }); };
  // Readers' searches are kept; "Read next" asks about each article once
  // (and keeps its choice), so its questions would only push them out.
  if (q.newest_matches) return search();
  return searches_.Get(search_sql::QueryKey(q), ArticleWrites(), search);
}
Result<std::int64_t> SqliteStore::Reindex() {
  Result<std::int64_t> n = TransactValue<std::int64_t>([](Connection& c) { return search_sql::Reindex(c); });
  article_writes_.fetch_add(1);
  return n;
}

// Newsroom: reads from the pool, writes in one transaction with content.
Result<std::vector<newsroom::Revision>> SqliteStore::Revisions(core::Id a) {
  return WithReader([&](Connection& c) { return newsroom_sql::Revisions(c, a); });
}
Result<newsroom::Revision> SqliteStore::FindRevision(core::Id r) {
  return WithReader([&](Connection& c) { return newsroom_sql::FindRevision(c, r); });
}
Result<std::optional<newsroom::PendingEdit>> SqliteStore::Pending(core::Id a) {
  return WithReader([&](Connection& c) { return newsroom_sql::Pending(c, a); });
}
Result<std::vector<core::Id>> SqliteStore::DueArticles(base::Timestamp t) {
  return WithReader([&](Connection& c) { return newsroom_sql::DueArticles(c, t); });
}
Result<std::vector<core::Id>> SqliteStore::DuePending(base::Timestamp t) {
  return WithReader([&](Connection& c) { return newsroom_sql::DuePending(c, t); });
}
Result<std::optional<base::Timestamp>> SqliteStore::NextDue() {
  return WithReader([&](Connection& c) { return newsroom_sql::NextDue(c); });
}
Result<std::vector<newsroom::AuditEntry>> SqliteStore::Audit(int offset, int limit) {
  return WithReader([&](Connection& c) { return newsroom_sql::Audit(c, offset, limit); });
}
Result<std::map<std::string, std::string>> SqliteStore::LoadSettings() {
  return WithReader([&](Connection& c) { return newsroom_sql::LoadSettings(c); });
}
Status SqliteStore::WriteNewsroom(const std::function<Status(newsroom::NewsroomWriter&)>& work) {
  return WriteArticles<SqliteNewsroomWriter>(work);
}

}  // namespace gazette::storage::sqlite
