// The writers the SQLite store hands to a write: each port's writer
// interface over the write connection, inside the transaction the store
// opened. Included by sqlite_store.cpp only.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "accounts/account_store.h"
#include "comments/comment_store.h"
#include "core/content_store.h"
#include "newsroom/newsroom_store.h"
#include "storage/sql/migrations.h"
#include "storage/sqlite/account_sql.h"
#include "storage/sqlite/comment_sql.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/content_sql.h"
#include "storage/sqlite/newsroom_sql.h"
#include "storage/sqlite/search_load.h"
#include "storage/sqlite/search_sql.h"

namespace gazette::storage::sqlite::writers {

using base::Error;
using base::Result;
using base::Status;

// The writer handed to a write: the write connection, inside BEGIN IMMEDIATE.
// A template so that the newsroom's writer (a ContentWriter too) shares it.
template <class Base>
class ContentWriterOn : public Base {
 public:
  // With `loaded` (during a bulk load, search_load.h): the published
  // articles inserted go there for the load's index instead of into the
  // site's, and changes to articles are refused.
  explicit ContentWriterOn(Connection& c, std::vector<SearchEntry>* loaded = nullptr) : c_(c), loaded_(loaded) {}

  Result<core::Article> FindArticle(core::Id id) override { return content_sql::FindArticle(c_, id); }
  Result<core::Article> FindArticleBySlug(std::string_view slug) override {
    return content_sql::FindArticleBySlug(c_, slug);
  }
  Result<std::vector<core::ArticleSummary>> ListArticles(const core::ArticleQuery& q) override {
    return content_sql::ListArticles(c_, q);
  }
  Result<std::int64_t> CountArticles(const core::ArticleQuery& q) override { return content_sql::CountArticles(c_, q); }
  Result<bool> AnyArticles(const core::ArticleQuery& q) override { return content_sql::AnyArticles(c_, q); }
  Result<bool> ArticleSlugTaken(std::string_view slug) override { return content_sql::ArticleSlugTaken(c_, slug); }
  Result<std::vector<core::ArticleRef>> ListPublishedRefs(core::Id after, int limit) override {
    return content_sql::ListPublishedRefs(c_, after, limit);
  }
  Result<std::vector<core::Section>> ListSections() override { return content_sql::ListSections(c_); }
  Result<core::Section> FindSection(std::string_view slug) override { return content_sql::FindSection(c_, slug); }
  Result<core::Tag> FindTag(std::string_view slug) override { return content_sql::FindTag(c_, slug); }
  Result<core::Author> FindAuthor(std::string_view slug) override { return content_sql::FindAuthor(c_, slug); }
  Result<std::vector<core::Tag>> ListTags() override { return content_sql::ListTags(c_); }
  Result<std::vector<core::Author>> ListAuthors() override { return content_sql::ListAuthors(c_); }
  Result<std::optional<std::string>> RenamedSection(std::string_view s) override {
    return content_sql::RenamedSection(c_, s);
  }
  Result<std::optional<std::string>> RenamedTag(std::string_view s) override { return content_sql::RenamedTag(c_, s); }
  Result<std::optional<core::Id>> RenamedArticle(std::string_view s) override {
    return content_sql::RenamedArticle(c_, s);
  }

  Result<core::Id> InsertArticle(const core::Article& a) override {
    Result<core::Id> id = content_sql::InsertArticle(c_, a);
    if (!id.ok()) return id;
    if (!loaded_) {
      unindexed_.insert(*id);
    } else if (a.status == core::ArticleStatus::kPublished) {
      loaded_->push_back({*id, a.headline, a.lead, a.body_html});
    }
    return id;
  }
  Status UpdateArticle(const core::Article& a) override {
    if (loaded_) return Error::Unavailable("Articles cannot be changed while a bulk load writes the site; try again when it is done.", 60);
    if (!unindexed_.contains(a.id)) {
      GZ_TRY(search_sql::Unindex(c_, a.id));  // while its row still has the indexed text
      unindexed_.insert(a.id);
    }
    return content_sql::UpdateArticle(c_, a);
  }
  Result<core::Section> InsertSection(const core::Section& s) override { return content_sql::InsertSection(c_, s); }
  Result<core::Tag> InsertTag(const core::Tag& t) override { return content_sql::InsertTag(c_, t); }
  Result<core::Author> InsertAuthor(const core::Author& a) override { return content_sql::InsertAuthor(c_, a); }
  Status UpdateSection(const core::Section& s) override { return content_sql::UpdateSection(c_, s); }
  Status UpdateTag(const core::Tag& t) override { return content_sql::UpdateTag(c_, t); }
  Status MergeTags(core::Id from, core::Id into) override { return content_sql::MergeTags(c_, from, into); }

  // Indexes the articles written as they are now; called by the store after
  // the work succeeded, before the commit. Searches inside the transaction
  // do not find the articles it changed.
  Status Finish() { return search_sql::Index(c_, {unindexed_.begin(), unindexed_.end()}); }

 protected:
  Connection& c_;

 private:
  std::unordered_set<core::Id> unindexed_;  // inserted, or updated and out of the index
  std::vector<SearchEntry>* loaded_;
};

using SqliteWriter = ContentWriterOn<core::ContentWriter>;

// The writer handed to a newsroom write: content and newsroom, one transaction.
class SqliteNewsroomWriter final : public ContentWriterOn<newsroom::NewsroomWriter> {
 public:
  using ContentWriterOn::ContentWriterOn;
  using Id = core::Id;

  Result<std::vector<newsroom::Revision>> Revisions(Id a) override { return newsroom_sql::Revisions(c_, a); }
  Result<newsroom::Revision> FindRevision(Id r) override { return newsroom_sql::FindRevision(c_, r); }
  Result<std::optional<newsroom::PendingEdit>> Pending(Id a) override { return newsroom_sql::Pending(c_, a); }
  Result<std::vector<Id>> DueArticles(base::Timestamp t) override { return newsroom_sql::DueArticles(c_, t); }
  Result<std::vector<Id>> DuePending(base::Timestamp t) override { return newsroom_sql::DuePending(c_, t); }
  Result<std::optional<base::Timestamp>> NextDue() override { return newsroom_sql::NextDue(c_); }
  Result<std::vector<newsroom::AuditEntry>> Audit(int o, int l) override { return newsroom_sql::Audit(c_, o, l); }
  Result<std::map<std::string, std::string>> LoadSettings() override { return newsroom_sql::LoadSettings(c_); }

  Result<Id> InsertRevision(const newsroom::Revision& r) override { return newsroom_sql::InsertRevision(c_, r); }
  Status SavePending(const newsroom::PendingEdit& p) override { return newsroom_sql::SavePending(c_, p); }
  Status DeletePending(Id a) override { return newsroom_sql::DeletePending(c_, a); }
  Status AppendAudit(const newsroom::AuditEntry& e) override { return newsroom_sql::AppendAudit(c_, e); }
  Status SaveSettings(const std::map<std::string, std::string>& v) override {
    return newsroom_sql::SaveSettings(c_, v);
  }
};

// The writer handed to a comments write.
class SqliteCommentWriter final : public comments::CommentWriter {
 public:
  explicit SqliteCommentWriter(Connection& c) : c_(c) {}
  using Id = comments::Id;

  Result<comments::Comment> FindComment(Id id) override { return comment_sql::FindComment(c_, id); }
  Result<std::optional<comments::Comment>> FindByNonce(Id account, std::string_view nonce) override {
    return comment_sql::FindByNonce(c_, account, nonce);
  }
  Result<comments::ThreadPage> Threads(Id article, comments::Sort sort, int offset, int limit) override {
    return comment_sql::Threads(c_, article, sort, offset, limit);
  }
  Result<std::vector<comments::Comment>> Featured(Id article) override { return comment_sql::Featured(c_, article); }
  Result<std::vector<comments::Comment>> RecentVisible(Id article, int limit) override {
    return comment_sql::RecentVisible(c_, article, limit);
  }
  Result<std::vector<comments::Comment>> ByAccountSince(Id account, base::Timestamp since) override {
    return comment_sql::ByAccountSince(c_, account, since);
  }
  Result<std::vector<comments::Comment>> ByAccount(Id account) override { return comment_sql::ByAccount(c_, account); }
  Result<std::vector<comments::Vote>> VotesByAccount(Id account) override {
    return comment_sql::VotesByAccount(c_, account);
  }
  Result<std::vector<comments::Comment>> Queue(comments::QueueKind kind, int offset, int limit) override {
    return comment_sql::Queue(c_, kind, offset, limit);
  }
  Result<std::int64_t> QueueSize(comments::QueueKind kind) override { return comment_sql::QueueSize(c_, kind); }
  Result<std::vector<comments::Report>> Reports(Id comment) override { return comment_sql::Reports(c_, comment); }
  Result<std::vector<comments::LogEntry>> Log(int offset, int limit) override { return comment_sql::Log(c_, offset, limit); }
  Result<comments::ArticleInfo> Article(Id article) override { return comment_sql::Article(c_, article); }
  Result<accounts::Account> Author(Id account) override { return account_sql::FindAccount(c_, account); }

  Result<Id> InsertComment(const comments::Comment& c) override { return comment_sql::InsertComment(c_, c); }
  Status UpdateComment(const comments::Comment& c) override { return comment_sql::UpdateComment(c_, c); }
  Status AdjustCommentCount(Id article, int delta) override { return comment_sql::AdjustCommentCount(c_, article, delta); }
  Status AddApproved(Id account, int delta) override { return comment_sql::AddApproved(c_, account, delta); }
  Result<std::pair<std::int64_t, std::int64_t>> SetVote(Id comment, Id account, int value) override {
    return comment_sql::SetVote(c_, comment, account, value);
  }
  Result<std::int64_t> AddReport(const comments::Report& r) override { return comment_sql::AddReport(c_, r); }
  Status ResolveReports(Id comment) override { return comment_sql::ResolveReports(c_, comment); }
  Status SetBan(Id account, std::optional<base::Timestamp> until, std::string_view reason) override {
    return comment_sql::SetBan(c_, account, until, reason);
  }
  Status SetArticlePolicy(Id article, std::optional<comments::Policy> p) override {
    return comment_sql::SetArticlePolicy(c_, article, p);
  }
  Status SetSectionPolicy(std::string_view slug, std::optional<comments::Policy> p) override {
    return comment_sql::SetSectionPolicy(c_, slug, p);
  }
  Status AppendLog(const comments::LogEntry& e) override { return comment_sql::AppendLog(c_, e); }
  Result<bool> PostedSince(Id account, std::string_view key, base::Timestamp since) override {
    return comment_sql::PostedSince(c_, account, key, since);
  }
  Result<comments::AllowanceTime> AllowanceFullAt(std::string_view name) override {
    return comment_sql::AllowanceFullAt(c_, name);
  }
  Status SetAllowanceFullAt(std::string_view name, comments::AllowanceTime full_at) override {
    return comment_sql::SetAllowanceFullAt(c_, name, full_at);
  }
  Status ForgetFullAllowances(base::Timestamp now) override { return comment_sql::ForgetFullAllowances(c_, now); }

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

  // A migration whose first line is "-- gazette: foreign keys off" may
  // rebuild tables that others refer to (SQLite's way to change a table):
  // foreign keys are off while it runs and checked before it commits.
  Status Apply(const sql::Migration& m) override {
    bool keys_off = m.sql.rfind("-- gazette: foreign keys off", 0) == 0;
    if (keys_off) GZ_TRY(c_.Exec("PRAGMA foreign_keys = OFF"));
    GZ_TRY(c_.Exec("BEGIN IMMEDIATE"));
    Status status = c_.Exec(m.sql);
    if (status.ok() && keys_off) status = CheckForeignKeys();
    if (status.ok()) {
      Result<Statement> st = c_.Prepare("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
      status = st.ok() ? st->Bind(1, std::int64_t{m.version}).Bind(2, m.name).Run() : Status(std::move(st).error());
    }
    if (status.ok()) status = c_.Exec("COMMIT");
    if (!status.ok()) (void)c_.Exec("ROLLBACK");
    if (keys_off) (void)c_.Exec("PRAGMA foreign_keys = ON");
    return status;
  }

 private:
  Status CheckForeignKeys() {
    Result<Statement> st = c_.Prepare("PRAGMA foreign_key_check");
    if (!st.ok()) return std::move(st).error();
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (*row) return Error::Internal("the migration leaves a broken reference in table " + st->Text(0));
    return {};
  }

  Connection& c_;
};

}  // namespace gazette::storage::sqlite::writers
