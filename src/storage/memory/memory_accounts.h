// Accounts and comments over a MemoryState: the in-memory side of the
// AccountStore and CommentStore contracts.
#pragma once

#include "storage/memory/memory_state.h"

namespace gazette::storage::memory_accounts {

using accounts::Id;
using base::Result;
using base::Status;

Result<accounts::Account> FindAccount(const MemoryState& s, Id id);
Result<accounts::Account> FindAccountByEmail(const MemoryState& s, std::string_view email);
Result<std::string> PasswordHash(const MemoryState& s, Id id);
Result<Id> CreateAccount(MemoryState& s, const accounts::NewAccount& account);
Status SetPassword(MemoryState& s, Id id, std::string_view hash, std::optional<Id> keep);
Status SetRole(MemoryState& s, Id id, accounts::Role role);
Status SetEmailVerified(MemoryState& s, Id id);
Status DeleteAccount(MemoryState& s, Id id, base::Timestamp at);
Result<Id> CreateSession(MemoryState& s, const accounts::Session& session);
Result<std::pair<accounts::Session, accounts::Account>> FindSession(const MemoryState& s, std::string_view hash,
                                                                    base::Timestamp now);
Status TouchSession(MemoryState& s, Id id, base::Timestamp last_seen, base::Timestamp expires_at);
Result<std::vector<accounts::Session>> ListSessions(const MemoryState& s, Id account_id, base::Timestamp now);
Status EndSession(MemoryState& s, Id account_id, Id session_id);
Status EndSessionByHash(MemoryState& s, std::string_view hash);
Status StoreVerification(MemoryState& s, Id account_id, std::string_view hash, base::Timestamp expires);
Result<Id> UseVerification(MemoryState& s, std::string_view hash, base::Timestamp now);
Result<std::vector<accounts::Account>> ListStaff(const MemoryState& s);
Result<accounts::ApiToken> CreateToken(MemoryState& s, const accounts::ApiToken& token, std::string_view hash);
Result<std::pair<accounts::ApiToken, accounts::Account>> FindToken(const MemoryState& s, std::string_view hash);
Status TouchToken(MemoryState& s, Id token_id, base::Timestamp at);
Result<std::vector<accounts::ApiToken>> ListTokens(const MemoryState& s);
Status RevokeToken(MemoryState& s, Id token_id, base::Timestamp at);

}  // namespace gazette::storage::memory_accounts

namespace gazette::storage::memory_comments {

using comments::Comment;
using comments::Id;
using base::Result;
using base::Status;

Result<Comment> FindComment(const MemoryState& s, Id id);
Result<std::optional<Comment>> FindByNonce(const MemoryState& s, Id account, std::string_view nonce);
Result<comments::ThreadPage> Threads(const MemoryState& s, Id article, comments::Sort sort, int offset, int limit);
Result<std::vector<Comment>> Featured(const MemoryState& s, Id article);
Result<std::vector<Comment>> RecentVisible(const MemoryState& s, Id article, int limit);
Result<std::vector<Comment>> ByAccountSince(const MemoryState& s, Id account, base::Timestamp since);
Result<std::vector<Comment>> ByAccount(const MemoryState& s, Id account);
Result<std::vector<comments::Vote>> VotesByAccount(const MemoryState& s, Id account);
Result<std::vector<Comment>> Queue(const MemoryState& s, comments::QueueKind kind, int offset, int limit);
Result<std::int64_t> QueueSize(const MemoryState& s, comments::QueueKind kind);
Result<std::vector<comments::Report>> Reports(const MemoryState& s, Id comment);
Result<std::vector<comments::LogEntry>> Log(const MemoryState& s, int offset, int limit);
Result<comments::ArticleInfo> Article(const MemoryState& s, Id article);

Result<Id> InsertComment(MemoryState& s, const Comment& c);
Status UpdateComment(MemoryState& s, const Comment& c);
Status AdjustCommentCount(MemoryState& s, Id article, int delta);
Status AddApproved(MemoryState& s, Id account, int delta);
Result<std::pair<std::int64_t, std::int64_t>> SetVote(MemoryState& s, Id comment, Id account, int value);
Result<std::int64_t> AddReport(MemoryState& s, const comments::Report& r);
Status ResolveReports(MemoryState& s, Id comment);
Status SetBan(MemoryState& s, Id account, std::optional<base::Timestamp> until, std::string_view reason);
Status SetArticlePolicy(MemoryState& s, Id article, std::optional<comments::Policy> policy);
Status SetSectionPolicy(MemoryState& s, std::string_view slug, std::optional<comments::Policy> policy);
Status AppendLog(MemoryState& s, const comments::LogEntry& e);
Result<bool> PostedSince(const MemoryState& s, Id account, std::string_view repeat_key, base::Timestamp since);
Result<comments::AllowanceTime> AllowanceFullAt(const MemoryState& s, std::string_view name);
Status SetAllowanceFullAt(MemoryState& s, std::string_view name, comments::AllowanceTime full_at);
Status ForgetFullAllowances(MemoryState& s, base::Timestamp now);

}  // namespace gazette::storage::memory_comments
