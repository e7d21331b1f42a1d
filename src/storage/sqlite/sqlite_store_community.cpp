// The store's accounts, comments, moderation and webhooks: reads from the
// pool, each write its own transaction (comments: the group commit).
#include "storage/sqlite/account_sql.h"
#include "storage/sqlite/comment_sql.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/store_reads.h"
#include "storage/sqlite/webhook_sql.h"

namespace gazette::storage::sqlite {

using base::Result;
using base::Status;

// Accounts: reads from the pool, each write its own transaction.
using accounts::Id;

Result<accounts::Account> SqliteStore::FindAccount(Id id) {
  return WithReader([&](Connection& c) { return account_sql::FindAccount(c, id); });
}
Result<accounts::Account> SqliteStore::FindAccountByEmail(std::string_view email) {
  return WithReader([&](Connection& c) { return account_sql::FindAccountByEmail(c, email); });
}
Result<std::string> SqliteStore::PasswordHash(Id id) {
  return WithReader([&](Connection& c) { return account_sql::PasswordHash(c, id); });
}
Result<Id> SqliteStore::CreateAccount(const accounts::NewAccount& account) {
  return TransactValue<Id>([&](Connection& c) { return account_sql::CreateAccount(c, account); });
}
Status SqliteStore::SetPassword(Id id, std::string_view hash, std::optional<Id> keep) {
  return Transact([&](Connection& c) { return account_sql::SetPassword(c, id, hash, keep); });
}
Status SqliteStore::SetRole(Id id, accounts::Role role) {
  return Transact([&](Connection& c) { return account_sql::SetRole(c, id, role); });
}
Status SqliteStore::SetEmailVerified(Id id) {
  return Transact([&](Connection& c) { return account_sql::SetEmailVerified(c, id); });
}
Status SqliteStore::DeleteAccount(Id id, base::Timestamp at) {
  return Transact([&](Connection& c) { return account_sql::DeleteAccount(c, id, at); });
}
Result<Id> SqliteStore::CreateSession(const accounts::Session& session) {
  return TransactValue<Id>([&](Connection& c) { return account_sql::CreateSession(c, session); });
}
Result<std::pair<accounts::Session, accounts::Account>> SqliteStore::FindSession(std::string_view token_hash,
                                                                                  base::Timestamp now) {
  return WithReader([&](Connection& c) { return account_sql::FindSession(c, token_hash, now); });
}
Status SqliteStore::TouchSession(Id id, base::Timestamp last_seen, base::Timestamp expires_at) {
  return Transact([&](Connection& c) { return account_sql::TouchSession(c, id, last_seen, expires_at); });
}
Result<std::vector<accounts::Session>> SqliteStore::ListSessions(Id account_id, base::Timestamp now) {
  return WithReader([&](Connection& c) { return account_sql::ListSessions(c, account_id, now); });
}
Status SqliteStore::EndSession(Id account_id, Id session_id) {
  return Transact([&](Connection& c) { return account_sql::EndSession(c, account_id, session_id); });
}
Status SqliteStore::EndSessionByHash(std::string_view token_hash) {
  return Transact([&](Connection& c) { return account_sql::EndSessionByHash(c, token_hash); });
}
Status SqliteStore::StoreVerification(Id account_id, std::string_view token_hash, base::Timestamp expires) {
  return Transact([&](Connection& c) { return account_sql::StoreVerification(c, account_id, token_hash, expires); });
}
Result<Id> SqliteStore::UseVerification(std::string_view token_hash, base::Timestamp now) {
  return TransactValue<Id>([&](Connection& c) { return account_sql::UseVerification(c, token_hash, now); });
}
Result<std::vector<accounts::Account>> SqliteStore::ListStaff() {
  return WithReader([&](Connection& c) { return account_sql::ListStaff(c); });
}
Result<accounts::ApiToken> SqliteStore::CreateToken(const accounts::ApiToken& token, std::string_view token_hash) {
  return TransactValue<accounts::ApiToken>([&](Connection& c) { return account_sql::CreateToken(c, token, token_hash); });
}
Result<std::pair<accounts::ApiToken, accounts::Account>> SqliteStore::FindToken(std::string_view token_hash) {
  return WithReader([&](Connection& c) { return account_sql::FindToken(c, token_hash); });
}
Status SqliteStore::TouchToken(Id token_id, base::Timestamp at) {
  return Transact([&](Connection& c) { return account_sql::TouchToken(c, token_id, at); });
}
Result<std::vector<accounts::ApiToken>> SqliteStore::ListTokens() {
  return WithReader([&](Connection& c) { return account_sql::ListTokens(c); });
}
Status SqliteStore::RevokeToken(Id token_id, base::Timestamp at) {
  return Transact([&](Connection& c) { return account_sql::RevokeToken(c, token_id, at); });
}

// Comments: reads from the pool.
Result<comments::Comment> SqliteStore::FindComment(comments::Id id) {
  return WithReader([&](Connection& c) { return comment_sql::FindComment(c, id); });
}
Result<std::optional<comments::Comment>> SqliteStore::FindByNonce(comments::Id account, std::string_view nonce) {
  return WithReader([&](Connection& c) { return comment_sql::FindByNonce(c, account, nonce); });
}
Result<comments::ThreadPage> SqliteStore::Threads(comments::Id article, comments::Sort sort, int offset, int limit) {
  return WithReader([&](Connection& c) { return comment_sql::Threads(c, article, sort, offset, limit); });
}
Result<std::vector<comments::Comment>> SqliteStore::Featured(comments::Id article) {
  return WithReader([&](Connection& c) { return comment_sql::Featured(c, article); });
}
Result<std::vector<comments::Comment>> SqliteStore::RecentVisible(comments::Id article, int limit) {
  return WithReader([&](Connection& c) { return comment_sql::RecentVisible(c, article, limit); });
}
Result<std::vector<comments::Comment>> SqliteStore::ByAccountSince(comments::Id account, base::Timestamp since) {
  return WithReader([&](Connection& c) { return comment_sql::ByAccountSince(c, account, since); });
}
Result<std::vector<comments::Comment>> SqliteStore::ByAccount(comments::Id account) {
  return WithReader([&](Connection& c) { return comment_sql::ByAccount(c, account); });
}
Result<std::vector<comments::Vote>> SqliteStore::VotesByAccount(comments::Id account) {
  return WithReader([&](Connection& c) { return comment_sql::VotesByAccount(c, account); });
}
Result<std::vector<comments::Comment>> SqliteStore::Queue(comments::QueueKind kind, int offset, int limit) {
  return WithReader([&](Connection& c) { return comment_sql::Queue(c, kind, offset, limit); });
}
Result<std::int64_t> SqliteStore::QueueSize(comments::QueueKind kind) {
  return WithReader([&](Connection& c) { return comment_sql::QueueSize(c, kind); });
}
Result<std::vector<comments::Report>> SqliteStore::Reports(comments::Id comment) {
  return WithReader([&](Connection& c) { return comment_sql::Reports(c, comment); });
}
Result<std::vector<comments::LogEntry>> SqliteStore::Log(int offset, int limit) {
  return WithReader([&](Connection& c) { return comment_sql::Log(c, offset, limit); });
}
Result<comments::ArticleInfo> SqliteStore::Article(comments::Id article) {
  return WithReader([&](Connection& c) { return comment_sql::Article(c, article); });
}
Result<accounts::Account> SqliteStore::Author(comments::Id account) {
  return WithReader([&](Connection& c) { return account_sql::FindAccount(c, account); });
}

// Webhooks: reads from the pool, each write its own transaction.
Result<std::vector<webhooks::Webhook>> SqliteStore::ListWebhooks() {
  return WithReader([&](Connection& c) { return webhook_sql::ListWebhooks(c); });
}
Result<webhooks::Webhook> SqliteStore::FindWebhook(webhooks::Id id) {
  return WithReader([&](Connection& c) { return webhook_sql::FindWebhook(c, id); });
}
Result<webhooks::Delivery> SqliteStore::FindDelivery(webhooks::Id id) {
  return WithReader([&](Connection& c) { return webhook_sql::FindDelivery(c, id); });
}
Result<std::vector<webhooks::Delivery>> SqliteStore::DueDeliveries(base::Timestamp now, int limit) {
  return WithReader([&](Connection& c) { return webhook_sql::DueDeliveries(c, now, limit); });
}
Result<std::optional<base::Timestamp>> SqliteStore::NextDeliveryAt() {
  return WithReader([&](Connection& c) { return webhook_sql::NextDeliveryAt(c); });
}
Result<std::vector<webhooks::Delivery>> SqliteStore::Deliveries(webhooks::Id webhook_id, int offset, int limit) {
  return WithReader([&](Connection& c) { return webhook_sql::Deliveries(c, webhook_id, offset, limit); });
}
Result<webhooks::Id> SqliteStore::InsertWebhook(const webhooks::Webhook& webhook) {
  return TransactValue<webhooks::Id>([&](Connection& c) { return webhook_sql::InsertWebhook(c, webhook); });
}
Status SqliteStore::UpdateWebhook(const webhooks::Webhook& webhook) {
  return Transact([&](Connection& c) { return webhook_sql::UpdateWebhook(c, webhook); });
}
Status SqliteStore::DeleteWebhook(webhooks::Id id) {
  return Transact([&](Connection& c) { return webhook_sql::DeleteWebhook(c, id); });
}
Result<std::vector<webhooks::Id>> SqliteStore::InsertDeliveries(const std::vector<webhooks::Delivery>& deliveries) {
  return TransactValue<std::vector<webhooks::Id>>(
      [&](Connection& c) { return webhook_sql::InsertDeliveries(c, deliveries); });
}
Status SqliteStore::RecordAttempt(const webhooks::Attempt& attempt) {
  return Transact([&](Connection& c) { return webhook_sql::RecordAttempt(c, attempt); });
}

}  // namespace gazette::storage::sqlite
