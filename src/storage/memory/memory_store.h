// An in-memory ContentStore for unit tests and throwaway sites: the same
// contract as the SQL backends, nothing kept after the process ends.
#pragma once

#include <memory>
#include <mutex>

#include "accounts/account_store.h"
#include "comments/comment_store.h"
#include "core/content_store.h"
#include "core/search.h"
#include "newsroom/newsroom_store.h"
#include "webhooks/webhook_store.h"

namespace gazette::storage {

struct MemoryState;

// Thread-safe. Readers see consistent snapshots; a write works on a copy
// that replaces the current state only when the write succeeds.
class MemoryStore final : public core::ContentStore,
                          public accounts::AccountStore,
                          public comments::CommentStore,
                          public newsroom::NewsroomStore,
                          public webhooks::WebhookStore,
                          public core::SearchIndex {
 public:
  MemoryStore();
  ~MemoryStore() override;

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

  // core::SearchIndex (memory_search.h)
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
  std::shared_ptr<const MemoryState> Snapshot() const;
  // Runs `work` on a copy of the state that replaces it when `work` succeeds.
  base::Status Mutate(const std::function<base::Status(MemoryState&)>& work);
  template <class T>
  base::Result<T> MutateValue(const std::function<base::Result<T>(MemoryState&)>& work);

  mutable std::mutex mutex_;          // guards state_
  std::mutex write_mutex_;            // serializes writes
  std::shared_ptr<const MemoryState> state_;
};

}  // namespace gazette::storage
