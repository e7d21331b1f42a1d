// The comment queries of the SQLite backend, over one connection: threads
// and comment writes (comment_sql.cpp), limits and repeat keys
// (comment_limits_sql.cpp), reports, bans, policies and the moderation log
// (moderation_sql.cpp).
#pragma once

#include "comments/comment_store.h"
#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite::comment_sql {

using comments::Id;

base::Result<comments::Comment> FindComment(Connection& c, Id id);
base::Result<std::optional<comments::Comment>> FindByNonce(Connection& c, Id account_id, std::string_view nonce);
base::Result<comments::ThreadPage> Threads(Connection& c, Id article_id, comments::Sort sort, int offset, int limit);
base::Result<std::vector<comments::Comment>> Featured(Connection& c, Id article_id);
base::Result<std::vector<comments::Comment>> RecentVisible(Connection& c, Id article_id, int limit);
base::Result<std::vector<comments::Comment>> ByAccountSince(Connection& c, Id account_id, base::Timestamp since);
base::Result<std::vector<comments::Comment>> ByAccount(Connection& c, Id account_id);
base::Result<std::vector<comments::Vote>> VotesByAccount(Connection& c, Id account_id);
base::Result<std::vector<comments::Comment>> Queue(Connection& c, comments::QueueKind kind, int offset, int limit);
base::Result<std::int64_t> QueueSize(Connection& c, comments::QueueKind kind);
base::Result<std::vector<comments::Report>> Reports(Connection& c, Id comment_id);
base::Result<std::vector<comments::LogEntry>> Log(Connection& c, int offset, int limit);
base::Result<comments::ArticleInfo> Article(Connection& c, Id article_id);

base::Result<Id> InsertComment(Connection& c, const comments::Comment& comment);
base::Status UpdateComment(Connection& c, const comments::Comment& comment);
base::Status AdjustCommentCount(Connection& c, Id article_id, int delta);
base::Status AddApproved(Connection& c, Id account_id, int delta);
base::Result<std::pair<std::int64_t, std::int64_t>> SetVote(Connection& c, Id comment_id, Id account_id, int value);
base::Result<std::int64_t> AddReport(Connection& c, const comments::Report& report);
base::Status ResolveReports(Connection& c, Id comment_id);
base::Status SetBan(Connection& c, Id account_id, std::optional<base::Timestamp> until, std::string_view reason);
base::Status SetArticlePolicy(Connection& c, Id article_id, std::optional<comments::Policy> policy);
base::Status SetSectionPolicy(Connection& c, std::string_view section_slug, std::optional<comments::Policy> policy);
base::Status AppendLog(Connection& c, const comments::LogEntry& entry);
base::Result<bool> PostedSince(Connection& c, Id account_id, std::string_view repeat_key, base::Timestamp since);
base::Result<comments::AllowanceTime> AllowanceFullAt(Connection& c, std::string_view name);
base::Status SetAllowanceFullAt(Connection& c, std::string_view name, comments::AllowanceTime full_at);
base::Status ForgetFullAllowances(Connection& c, base::Timestamp now);
// Gives comments stored since `since` without a repeat key (by a version
// before the key existed) their key.
base::Status KeyRecentComments(Connection& c, base::Timestamp since);

}  // namespace gazette::storage::sqlite::comment_sql
