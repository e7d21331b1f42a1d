// The SQLite backend: one file in WAL mode, one write connection, a pool of
// read connections (one per thread that reads at once).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account_store.h"
#include "comments/comment_store.h"
#include "core/content_store.h"
#include "core/search.h"
#include "newsroom/newsroom_store.h"
#include "storage/sql/migrations.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/content_sql.h"
#include "storage/sqlite/group_commit.h"
#include "storage/sqlite/search_load.h"
#include "storage/sqlite/write_memo.h"
#include "webhooks/webhook_store.h"

namespace gazette::storage::sqlite {

struct SqliteOptions {
  std::string path;                  // the database file; created with its folder when missing
  std::string synchronous = "FULL";  // FULL: a commit survives power loss
  // Writes arriving while one commits are committed together, this many at
  // most in one transaction (group commit).
  std::size_t max_batch = 256;
};

// Thread-safe.
class SqliteStore final : public core::ContentStore,
                          public accounts::AccountStore,
                          public comments::CommentStore,
                          public newsroom::NewsroomStore,
                          public webhooks::WebhookStore,
                          public core::SearchIndex {
 public:
  // Opens or creates the file (and its parent folders) and switches it to
  // WAL. Fails with a message naming the file.
  static base::Result<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options);
  ~SqliteStore() override;

  // How writes were grouped so far.
  GroupCommit::Stats write_batches() const { return group_.stats(); }
  // Returns once the writes queued so far are committed and their callers told.
  void DrainWrites() { group_.Drain(); }
  // The write connection's page cache (64 MiB when opened). A bulk load
  // (`gazette demo --articles`) raises it so that indexes written at random
  // places (slugs, headlines) stay in memory; pages are taken as used.
  base::Status SetWriteCache(int mib);
  // A bulk load (bulk_load.h) of many articles by this process alone. True
  // when the file was switched for it; false when other connections have it
  // open, and writes go the usual way. EndBulkLoad undoes what Begin did.
  base::Result<bool> BeginBulkLoad();
  base::Status EndBulkLoad();

  // True when another process (the command line, say) committed to the
  // file since the last call that answered. Never waits: while this
  // process is writing, it answers false and looks again next time.
  bool ChangedElsewhere();

  // Brings the schema up to date (see storage/sql/migrations.h), or up to
  // version `up_to` (for tests of the migrations themselves).
  base::Result<sql::MigrationReport> Migrate(std::optional<int> up_to = std::nullopt);
  // The schema version the file is at.
  base::Result<int> SchemaVersion();

  base::Result<core::Article> FindArticle(core::Id id) override;
  base::Result<core::Article> FindArticleBySlug(std::string_view slug) override;
  base::Result<std::vector<core::ArticleSummary>> ListArticles(const core::ArticleQuery& query) override;
  base::Result<std::int64_t> CountArticles(const core::ArticleQuery& query) override;
  base::Result<bool> AnyArticles(const core::ArticleQuery& query) override;
  base::Result<bool> ArticleSlugTaken(std::string_view slug) override;
  base::Result<std::vector<core::ArticleRef>> ListPublishedRefs(core::Id after_id, int limit) override;
  base::Result<std::vector<core::Section>> ListSections() override;
  base::Result<core::Section> FindSection(std::string_view slug) override;
  base::Result<core::Tag> FindTag(std::string_view slug) override;
  base::Result<core::Author> FindAuthor(std::string_view slug) override;
  base::Result<std::vector<core::Tag>> ListTags() override;
  base::Result<std::vector<core::Author>> ListAuthors() override;
  base::Result<std::optional<std::string>> RenamedSection(std::string_view old_slug) override;
  base::Result<std::optional<std::string>> RenamedTag(std::string_view old_slug) override;
  base::Result<std::optional<core::Id>> RenamedArticle(std::string_view old_slug) override;

  base::Status Write(const std::function<base::Status(core::ContentWriter&)>& work) override;

  // core::SearchIndex (search_sql.h)
  base::Result<core::SearchResults> Search(const core::SearchQuery& query) override;
  base::Result<std::int64_t> Reindex() override;

  // accounts::AccountStore
  base::Result<accounts::Account> FindAccount(accounts::Id id) override;
  base::Result<accounts::Account> FindAccountByEmail(std::string_view email) override;
  base::Result<std::string> PasswordHash(accounts::Id id) override;
  base::Result<accounts::Id> CreateAccount(const accounts::NewAccount& account) override;
  base::Status SetPassword(accounts::Id id, std::string_view hash, std::optional<accounts::Id> keep) override;
  base::Status SetRole(accounts::Id id, accounts::Role role) override;
  base::Status SetEmailVerified(accounts::Id id) override;
  base::Status DeleteAccount(accounts::Id id, base::Timestamp at) override;
  base::Result<accounts::Id> CreateSession(const accounts::Session& session) override;
  base::Result<std::pair<accounts::Session, accounts::Account>> FindSession(std::string_view token_hash,
                                                                            base::Timestamp now) override;
  base::Status TouchSession(accounts::Id id, base::Timestamp last_seen, base::Timestamp expires_at) override;
  base::Result<std::vector<accounts::Session>> ListSessions(accounts::Id account_id, base::Timestamp now) override;
  base::Status EndSession(accounts::Id account_id, accounts::Id session_id) override;
  base::Status EndSessionByHash(std::string_view token_hash) override;
  base::Status StoreVerification(accounts::Id account_id, std::string_view token_hash, base::Timestamp expires) override;
  base::Result<accounts::Id> UseVerification(std::string_view token_hash, base::Timestamp now) override;
  base::Result<std::vector<accounts::Account>> ListStaff() override;
  base::Result<accounts::ApiToken> CreateToken(const accounts::ApiToken& token, std::string_view token_hash) override;
  base::Result<std::pair<accounts::ApiToken, accounts::Account>> FindToken(std::string_view token_hash) override;
  base::Status TouchToken(accounts::Id token_id, base::Timestamp at) override;
  base::Result<std::vector<accounts::ApiToken>> ListTokens() override;
  base::Status RevokeToken(accounts::Id token_id, base::Timestamp at) override;

  // comments::CommentStore
  base::Result<comments::Comment> FindComment(comments::Id id) override;
  base::Result<std::optional<comments::Comment>> FindByNonce(comments::Id account, std::string_view nonce) override;
  base::Result<comments::ThreadPage> Threads(comments::Id article, comments::Sort sort, int offset, int limit) override;
  base::Result<std::vector<comments::Comment>> Featured(comments::Id article) override;
  base::Result<std::vector<comments::Comment>> RecentVisible(comments::Id article, int limit) override;
  base::Result<std::vector<comments::Comment>> ByAccountSince(comments::Id account, base::Timestamp since) override;
  base::Result<std::vector<comments::Comment>> ByAccount(comments::Id account) override;
  base::Result<std::vector<comments::Vote>> VotesByAccount(comments::Id account) override;
  base::Result<std::vector<comments::Comment>> Queue(comments::QueueKind kind, int offset, int limit) override;
  base::Result<std::int64_t> QueueSize(comments::QueueKind kind) override;
  base::Result<std::vector<comments::Report>> Reports(comments::Id comment) override;
  base::Result<std::vector<comments::LogEntry>> Log(int offset, int limit) override;
  base::Result<comments::ArticleInfo> Article(comments::Id article) override;
  base::Result<accounts::Account> Author(comments::Id account) override;
  base::Status WriteComments(const std::function<base::Status(comments::CommentWriter&)>& work) override;
  bool WriteCommentsLater(std::function<base::Status(comments::CommentWriter&)> work,
                          std::function<void(base::Status)> done) override;

  // newsroom::NewsroomStore
  base::Result<std::vector<newsroom::Revision>> Revisions(core::Id article_id) override;
  base::Result<newsroom::Revision> FindRevision(core::Id revision_id) override;
  base::Result<std::optional<newsroom::PendingEdit>> Pending(core::Id article_id) override;
  base::Result<std::vector<core::Id>> DueArticles(base::Timestamp now) override;
  base::Result<std::vector<core::Id>> DuePending(base::Timestamp now) override;
  base::Result<std::optional<base::Timestamp>> NextDue() override;
  base::Result<std::vector<newsroom::AuditEntry>> Audit(int offset, int limit) override;
  base::Result<std::map<std::string, std::string>> LoadSettings() override;
  base::Status WriteNewsroom(const std::function<base::Status(newsroom::NewsroomWriter&)>& work) override;

  // webhooks::WebhookStore
  base::Result<std::vector<webhooks::Webhook>> ListWebhooks() override;
  base::Result<webhooks::Webhook> FindWebhook(webhooks::Id id) override;
  base::Result<webhooks::Delivery> FindDelivery(webhooks::Id id) override;
  base::Result<std::vector<webhooks::Delivery>> DueDeliveries(base::Timestamp now, int limit) override;
  base::Result<std::optional<base::Timestamp>> NextDeliveryAt() override;
  base::Result<std::vector<webhooks::Delivery>> Deliveries(webhooks::Id webhook_id, int offset, int limit) override;
  base::Result<webhooks::Id> InsertWebhook(const webhooks::Webhook& webhook) override;
  base::Status UpdateWebhook(const webhooks::Webhook& webhook) override;
  base::Status DeleteWebhook(webhooks::Id id) override;
  base::Result<std::vector<webhooks::Id>> InsertDeliveries(const std::vector<webhooks::Delivery>& deliveries) override;
  base::Status RecordAttempt(const webhooks::Attempt& attempt) override;

 private:
  class Lease;
  explicit SqliteStore(SqliteOptions options, std::unique_ptr<Connection> writer);
  base::Result<Lease> Acquire();
  void Release(std::unique_ptr<Connection> connection);
  template <class F>
  auto WithReader(F&& f) -> decltype(f(std::declval<Connection&>()));
  // Runs `work` on the write connection in one transaction (shared with
  // concurrent writers: see GroupCommit).
  base::Status Transact(const std::function<base::Status(Connection&)>& work);
  template <class T>
  base::Result<T> TransactValue(const std::function<base::Result<T>(Connection&)>& work);
  // A content or newsroom write; during a bulk load, its articles go to the load's index.
  template <class Writer, class Work>
  base::Status WriteArticles(const Work& work);
  // content_sql::PublishedIdSpan, remembering the last one until anything
  // is written: "Read next" searches the time around its article, and the
  // articles readers open one after another are mostly of the same days.
  base::Result<content_sql::IdSpan> RememberedSpan(Connection& c, base::Timestamp from, base::Timestamp before);
  content_sql::SpanLookup Spans();
  // What may change article counts and searches: the content and newsroom
  // transactions here (committed or tried) and the changes by other
  // processes found so far.
  std::uint64_t ArticleWrites() const;

  SqliteOptions options_;
  std::mutex write_mutex_;  // guards writer_
  std::unique_ptr<Connection> writer_;
  GroupCommit group_;
  std::int64_t data_version_ = -1;  // the writer's view of other connections' commits; guarded by write_mutex_
  std::mutex pool_mutex_;   // guards idle_
  std::vector<std::unique_ptr<Connection>> idle_;
  // During a bulk load: its search index, built aside. Set and reset under
  // write_mutex_, read by the writes (which hold it).
  std::unique_ptr<SearchLoad> search_load_;
  std::atomic<std::uint64_t> changed_elsewhere_{0};  // times ChangedElsewhere said so
  struct Span {
    base::Timestamp from, before;
    std::uint64_t writes = 0;  // the commits (batches and other processes') it was read after
    content_sql::IdSpan ids;
  };
  std::mutex span_mutex_;  // guards span_
  std::optional<Span> span_;
  std::atomic<std::uint64_t> article_writes_{0};  // content, newsroom and index writes committed (or tried)
  // Kept until ArticleWrites moves: article counts by their SQL and values
  // (a list's number of pages: a walk of a million index entries for
  // /latest), and search results by their query (the same search during a
  // spike, the same first letters typed into the search box).
  WriteMemo<std::int64_t> counts_{4096};
  WriteMemo<core::SearchResults> searches_{256};
};

// The SQLite schema migrations, in order (embedded from migrations/*.sql).
std::span<const sql::Migration> Migrations();

}  // namespace gazette::storage::sqlite
