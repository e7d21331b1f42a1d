#include "storage/memory/memory_store.h"

#include "storage/memory/memory_accounts.h"
#include "storage/memory/memory_newsroom.h"
#include "storage/memory/memory_search.h"
#include "storage/memory/memory_state.h"
#include "storage/memory/memory_webhooks.h"

namespace gazette::storage {

namespace {

// The writer handed to a write: reads and writes its own copy of the state.
// A template so that the newsroom's writer (a ContentWriter too) shares it.
template <class Base>
class ContentWriterOn : public Base {
 public:
  explicit ContentWriterOn(MemoryState& state) : s_(state) {}

  base::Result<core::Article> FindArticle(core::Id id) override { return s_.FindArticle(id); }
  base::Result<core::Article> FindArticleBySlug(std::string_view slug) override { return s_.FindArticleBySlug(slug); }
  base::Result<std::vector<core::ArticleSummary>> ListArticles(const core::ArticleQuery& q) override {
    return s_.ListArticles(q);
  }
  base::Result<std::int64_t> CountArticles(const core::ArticleQuery& q) override { return s_.CountArticles(q); }
  base::Result<bool> AnyArticles(const core::ArticleQuery& q) override { return s_.CountArticles(q) > 0; }
  base::Result<bool> ArticleSlugTaken(std::string_view slug) override { return s_.ArticleSlugTaken(slug); }
  base::Result<std::vector<core::ArticleRef>> ListPublishedRefs(core::Id after, int limit) override {
    return s_.ListPublishedRefs(after, limit);
  }
  base::Result<std::vector<core::Section>> ListSections() override { return s_.ListSections(); }
  base::Result<core::Section> FindSection(std::string_view slug) override { return s_.FindSection(slug); }
  base::Result<core::Tag> FindTag(std::string_view slug) override { return s_.FindTag(slug); }
  base::Result<core::Author> FindAuthor(std::string_view slug) override { return s_.FindAuthor(slug); }
  base::Result<std::vector<core::Tag>> ListTags() override { return s_.ListTags(); }
  base::Result<std::vector<core::Author>> ListAuthors() override { return s_.ListAuthors(); }
  base::Result<std::optional<std::string>> RenamedSection(std::string_view s) override { return s_.RenamedSection(s); }
  base::Result<std::optional<std::string>> RenamedTag(std::string_view s) override { return s_.RenamedTag(s); }
  base::Result<std::optional<core::Id>> RenamedArticle(std::string_view s) override { return s_.RenamedArticle(s); }

  base::Result<core::Id> InsertArticle(const core::Article& a) override { return s_.InsertArticle(a); }
  base::Status UpdateArticle(const core::Article& a) override { return s_.UpdateArticle(a); }
  base::Result<core::Section> InsertSection(const core::Section& s) override { return s_.InsertSection(s); }
  base::Result<core::Tag> InsertTag(const core::Tag& t) override { return s_.InsertTag(t); }
  base::Result<core::Author> InsertAuthor(const core::Author& a) override { return s_.InsertAuthor(a); }
  base::Status UpdateSection(const core::Section& s) override { return s_.UpdateSection(s); }
  base::Status UpdateTag(const core::Tag& t) override { return s_.UpdateTag(t); }
  base::Status MergeTags(core::Id from, core::Id into) override { return s_.MergeTags(from, into); }

 protected:
  MemoryState& s_;
};

using MemoryWriter = ContentWriterOn<core::ContentWriter>;

namespace mn = memory_newsroom;

// The writer handed to a newsroom write: content and newsroom on one copy.
class MemoryNewsroomWriter final : public ContentWriterOn<newsroom::NewsroomWriter> {
 public:
  using ContentWriterOn::ContentWriterOn;
  using Id = core::Id;

  base::Result<std::vector<newsroom::Revision>> Revisions(Id a) override { return mn::Revisions(s_, a); }
  base::Result<newsroom::Revision> FindRevision(Id r) override { return mn::FindRevision(s_, r); }
  base::Result<std::optional<newsroom::PendingEdit>> Pending(Id a) override { return mn::Pending(s_, a); }
  base::Result<std::vector<Id>> DueArticles(base::Timestamp t) override { return mn::DueArticles(s_, t); }
  base::Result<std::vector<Id>> DuePending(base::Timestamp t) override { return mn::DuePending(s_, t); }
  base::Result<std::optional<base::Timestamp>> NextDue() override { return mn::NextDue(s_); }
  base::Result<std::vector<newsroom::AuditEntry>> Audit(int o, int l) override { return mn::Audit(s_, o, l); }
  base::Result<std::map<std::string, std::string>> LoadSettings() override { return mn::LoadSettings(s_); }

  base::Result<Id> InsertRevision(const newsroom::Revision& r) override { return mn::InsertRevision(s_, r); }
  base::Status SavePending(const newsroom::PendingEdit& p) override { return mn::SavePending(s_, p); }
  base::Status DeletePending(Id a) override { return mn::DeletePending(s_, a); }
  base::Status AppendAudit(const newsroom::AuditEntry& e) override { return mn::AppendAudit(s_, e); }
  base::Status SaveSettings(const std::map<std::string, std::string>& v) override { return mn::SaveSettings(s_, v); }
};

namespace mc = memory_comments;

class MemoryCommentWriter final : public comments::CommentWriter {
 public:
  explicit MemoryCommentWriter(MemoryState& state) : s_(state) {}
  using Id = comments::Id;

  base::Result<comments::Comment> FindComment(Id id) override { return mc::FindComment(s_, id); }
  base::Result<std::optional<comments::Comment>> FindByNonce(Id a, std::string_view n) override {
    return mc::FindByNonce(s_, a, n);
  }
  base::Result<comments::ThreadPage> Threads(Id a, comments::Sort s, int o, int l) override {
    return mc::Threads(s_, a, s, o, l);
  }
  base::Result<std::vector<comments::Comment>> Featured(Id a) override { return mc::Featured(s_, a); }
  base::Result<std::vector<comments::Comment>> RecentVisible(Id a, int limit) override {
    return mc::RecentVisible(s_, a, limit);
  }
  base::Result<std::vector<comments::Comment>> ByAccountSince(Id a, base::Timestamp t) override {
    return mc::ByAccountSince(s_, a, t);
  }
  base::Result<std::vector<comments::Comment>> ByAccount(Id a) override { return mc::ByAccount(s_, a); }
  base::Result<std::vector<comments::Vote>> VotesByAccount(Id a) override { return mc::VotesByAccount(s_, a); }
  base::Result<std::vector<comments::Comment>> Queue(comments::QueueKind k, int o, int l) override {
    return mc::Queue(s_, k, o, l);
  }
  base::Result<std::int64_t> QueueSize(comments::QueueKind k) override { return mc::QueueSize(s_, k); }
  base::Result<std::vector<comments::Report>> Reports(Id c) override { return mc::Reports(s_, c); }
  base::Result<std::vector<comments::LogEntry>> Log(int o, int l) override { return mc::Log(s_, o, l); }
  base::Result<comments::ArticleInfo> Article(Id a) override { return mc::Article(s_, a); }
  base::Result<accounts::Account> Author(Id a) override { return memory_accounts::FindAccount(s_, a); }

  base::Result<Id> InsertComment(const comments::Comment& c) override { return mc::InsertComment(s_, c); }
  base::Status UpdateComment(const comments::Comment& c) override { return mc::UpdateComment(s_, c); }
  base::Status AdjustCommentCount(Id a, int d) override { return mc::AdjustCommentCount(s_, a, d); }
  base::Status AddApproved(Id a, int d) override { return mc::AddApproved(s_, a, d); }
  base::Result<std::pair<std::int64_t, std::int64_t>> SetVote(Id c, Id a, int v) override {
    return mc::SetVote(s_, c, a, v);
  }
  base::Result<std::int64_t> AddReport(const comments::Report& r) override { return mc::AddReport(s_, r); }
  base::Status ResolveReports(Id c) override { return mc::ResolveReports(s_, c); }
  base::Status SetBan(Id a, std::optional<base::Timestamp> u, std::string_view r) override {
    return mc::SetBan(s_, a, u, r);
  }
  base::Status SetArticlePolicy(Id a, std::optional<comments::Policy> p) override {
    return mc::SetArticlePolicy(s_, a, p);
  }
  base::Status SetSectionPolicy(std::string_view slug, std::optional<comments::Policy> p) override {
    return mc::SetSectionPolicy(s_, slug, p);
  }
  base::Status AppendLog(const comments::LogEntry& e) override { return mc::AppendLog(s_, e); }
  base::Result<bool> PostedSince(Id a, std::string_view key, base::Timestamp t) override {
    return mc::PostedSince(s_, a, key, t);
  }
  base::Result<comments::AllowanceTime> AllowanceFullAt(std::string_view name) override {
    return mc::AllowanceFullAt(s_, name);
  }
  base::Status SetAllowanceFullAt(std::string_view name, comments::AllowanceTime t) override {
    return mc::SetAllowanceFullAt(s_, name, t);
  }
  base::Status ForgetFullAllowances(base::Timestamp now) override { return mc::ForgetFullAllowances(s_, now); }

 private:
  MemoryState& s_;
};

}  // namespace

MemoryStore::MemoryStore() : state_(std::make_shared<const MemoryState>()) {}
MemoryStore::~MemoryStore() = default;

std::shared_ptr<const MemoryState> MemoryStore::Snapshot() const {
  std::lock_guard lock(mutex_);
  return state_;
}

base::Result<core::Article> MemoryStore::FindArticle(core::Id id) { return Snapshot()->FindArticle(id); }
base::Result<core::Article> MemoryStore::FindArticleBySlug(std::string_view slug) {
  return Snapshot()->FindArticleBySlug(slug);
}
base::Result<std::vector<core::ArticleSummary>> MemoryStore::ListArticles(const core::ArticleQuery& q) {
  return Snapshot()->ListArticles(q);
}
base::Result<std::int64_t> MemoryStore::CountArticles(const core::ArticleQuery& q) {
  return Snapshot()->CountArticles(q);
}

base::Result<bool> MemoryStore::AnyArticles(const core::ArticleQuery& q) { return Snapshot()->CountArticles(q) > 0; }
base::Result<bool> MemoryStore::ArticleSlugTaken(std::string_view slug) { return Snapshot()->ArticleSlugTaken(slug); }
base::Result<std::vector<core::ArticleRef>> MemoryStore::ListPublishedRefs(core::Id after, int limit) {
  return Snapshot()->ListPublishedRefs(after, limit);
}
base::Result<std::vector<core::Section>> MemoryStore::ListSections() { return Snapshot()->ListSections(); }
base::Result<core::Section> MemoryStore::FindSection(std::string_view slug) { return Snapshot()->FindSection(slug); }
base::Result<core::Tag> MemoryStore::FindTag(std::string_view slug) { return Snapshot()->FindTag(slug); }
base::Result<core::Author> MemoryStore::FindAuthor(std::string_view slug) { return Snapshot()->FindAuthor(slug); }
base::Result<std::vector<core::Tag>> MemoryStore::ListTags() { return Snapshot()->ListTags(); }
base::Result<std::vector<core::Author>> MemoryStore::ListAuthors() { return Snapshot()->ListAuthors(); }
base::Result<std::optional<std::string>> MemoryStore::RenamedSection(std::string_view s) {
  return Snapshot()->RenamedSection(s);
}
base::Result<std::optional<std::string>> MemoryStore::RenamedTag(std::string_view s) {
  return Snapshot()->RenamedTag(s);
}
base::Result<std::optional<core::Id>> MemoryStore::RenamedArticle(std::string_view s) {
  return Snapshot()->RenamedArticle(s);
}

base::Result<core::SearchResults> MemoryStore::Search(const core::SearchQuery& q) {
  return memory_search::Search(*Snapshot(), q);
}
base::Result<std::int64_t> MemoryStore::Reindex() { return memory_search::Reindex(*Snapshot()); }

base::Status MemoryStore::Mutate(const std::function<base::Status(MemoryState&)>& work) {
  std::lock_guard write_lock(write_mutex_);
  auto draft = std::make_shared<MemoryState>(*Snapshot());
  base::Status status = work(*draft);  // an exception leaves state_ untouched
  if (!status.ok()) return status;
  std::lock_guard lock(mutex_);
  state_ = std::move(draft);
  return {};
}

template <class T>
base::Result<T> MemoryStore::MutateValue(const std::function<base::Result<T>(MemoryState&)>& work) {
  std::optional<T> value;
  base::Status status = Mutate([&](MemoryState& s) -> base::Status {
    base::Result<T> r = work(s);
    if (!r.ok()) return std::move(r).error();
    value = std::move(*r);
    return {};
  });
  if (!status.ok()) return std::move(status).error();
  return std::move(*value);
}

base::Status MemoryStore::Write(const std::function<base::Status(core::ContentWriter&)>& work) {
  return Mutate([&](MemoryState& s) {
    MemoryWriter writer(s);
    return work(writer);
  });
}

base::Status MemoryStore::WriteComments(const std::function<base::Status(comments::CommentWriter&)>& work) {
  return Mutate([&](MemoryState& s) {
    MemoryCommentWriter writer(s);
    return work(writer);
  });
}

namespace ma = memory_accounts;
using accounts::Id;

base::Result<accounts::Account> MemoryStore::FindAccount(Id id) { return ma::FindAccount(*Snapshot(), id); }
base::Result<accounts::Account> MemoryStore::FindAccountByEmail(std::string_view email) {
  return ma::FindAccountByEmail(*Snapshot(), email);
}
base::Result<std::string> MemoryStore::PasswordHash(Id id) { return ma::PasswordHash(*Snapshot(), id); }
base::Result<Id> MemoryStore::CreateAccount(const accounts::NewAccount& a) {
  return MutateValue<Id>([&](MemoryState& s) { return ma::CreateAccount(s, a); });
}
base::Status MemoryStore::SetPassword(Id id, std::string_view hash, std::optional<Id> keep) {
  return Mutate([&](MemoryState& s) { return ma::SetPassword(s, id, hash, keep); });
}
base::Status MemoryStore::SetRole(Id id, accounts::Role role) {
  return Mutate([&](MemoryState& s) { return ma::SetRole(s, id, role); });
}
base::Status MemoryStore::SetEmailVerified(Id id) {
  return Mutate([&](MemoryState& s) { return ma::SetEmailVerified(s, id); });
}
base::Status MemoryStore::DeleteAccount(Id id, base::Timestamp at) {
  return Mutate([&](MemoryState& s) { return ma::DeleteAccount(s, id, at); });
}
base::Result<Id> MemoryStore::CreateSession(const accounts::Session& session) {
  return MutateValue<Id>([&](MemoryState& s) { return ma::CreateSession(s, session); });
}
base::Result<std::pair<accounts::Session, accounts::Account>> MemoryStore::FindSession(std::string_view hash,
                                                                                      base::Timestamp now) {
  return ma::FindSession(*Snapshot(), hash, now);
}
base::Status MemoryStore::TouchSession(Id id, base::Timestamp last_seen, base::Timestamp expires_at) {
  return Mutate([&](MemoryState& s) { return ma::TouchSession(s, id, last_seen, expires_at); });
}
base::Result<std::vector<accounts::Session>> MemoryStore::ListSessions(Id account_id, base::Timestamp now) {
  return ma::ListSessions(*Snapshot(), account_id, now);
}
base::Status MemoryStore::EndSession(Id account_id, Id session_id) {
  return Mutate([&](MemoryState& s) { return ma::EndSession(s, account_id, session_id); });
}
base::Status MemoryStore::EndSessionByHash(std::string_view hash) {
  return Mutate([&](MemoryState& s) { return ma::EndSessionByHash(s, hash); });
}
base::Status MemoryStore::StoreVerification(Id account_id, std::string_view hash, base::Timestamp expires) {
  return Mutate([&](MemoryState& s) { return ma::StoreVerification(s, account_id, hash, expires); });
}
base::Result<Id> MemoryStore::UseVerification(std::string_view hash, base::Timestamp now) {
  return MutateValue<Id>([&](MemoryState& s) { return ma::UseVerification(s, hash, now); });
}
base::Result<std::vector<accounts::Account>> MemoryStore::ListStaff() { return ma::ListStaff(*Snapshot()); }
base::Result<accounts::ApiToken> MemoryStore::CreateToken(const accounts::ApiToken& token, std::string_view hash) {
  return MutateValue<accounts::ApiToken>([&](MemoryState& s) { return ma::CreateToken(s, token, hash); });
}
base::Result<std::pair<accounts::ApiToken, accounts::Account>> MemoryStore::FindToken(std::string_view hash) {
  return ma::FindToken(*Snapshot(), hash);
}
base::Status MemoryStore::TouchToken(Id token_id, base::Timestamp at) {
  return Mutate([&](MemoryState& s) { return ma::TouchToken(s, token_id, at); });
}
base::Result<std::vector<accounts::ApiToken>> MemoryStore::ListTokens() { return ma::ListTokens(*Snapshot()); }
base::Status MemoryStore::RevokeToken(Id token_id, base::Timestamp at) {
  return Mutate([&](MemoryState& s) { return ma::RevokeToken(s, token_id, at); });
}

base::Result<std::vector<newsroom::Revision>> MemoryStore::Revisions(core::Id a) {
  return mn::Revisions(*Snapshot(), a);
}
base::Result<newsroom::Revision> MemoryStore::FindRevision(core::Id r) { return mn::FindRevision(*Snapshot(), r); }
base::Result<std::optional<newsroom::PendingEdit>> MemoryStore::Pending(core::Id a) {
  return mn::Pending(*Snapshot(), a);
}
base::Result<std::vector<core::Id>> MemoryStore::DueArticles(base::Timestamp t) {
  return mn::DueArticles(*Snapshot(), t);
}
base::Result<std::vector<core::Id>> MemoryStore::DuePending(base::Timestamp t) {
  return mn::DuePending(*Snapshot(), t);
}
base::Result<std::optional<base::Timestamp>> MemoryStore::NextDue() { return mn::NextDue(*Snapshot()); }
base::Result<std::vector<newsroom::AuditEntry>> MemoryStore::Audit(int offset, int limit) {
  return mn::Audit(*Snapshot(), offset, limit);
}
base::Result<std::map<std::string, std::string>> MemoryStore::LoadSettings() {
  return mn::LoadSettings(*Snapshot());
}
base::Status MemoryStore::WriteNewsroom(const std::function<base::Status(newsroom::NewsroomWriter&)>& work) {
  return Mutate([&](MemoryState& s) {
    MemoryNewsroomWriter writer(s);
    return work(writer);
  });
}

base::Result<comments::Comment> MemoryStore::FindComment(comments::Id id) { return mc::FindComment(*Snapshot(), id); }
base::Result<std::optional<comments::Comment>> MemoryStore::FindByNonce(comments::Id a, std::string_view n) {
  return mc::FindByNonce(*Snapshot(), a, n);
}
base::Result<comments::ThreadPage> MemoryStore::Threads(comments::Id a, comments::Sort s, int o, int l) {
  return mc::Threads(*Snapshot(), a, s, o, l);
}
base::Result<std::vector<comments::Comment>> MemoryStore::Featured(comments::Id a) { return mc::Featured(*Snapshot(), a); }
base::Result<std::vector<comments::Comment>> MemoryStore::RecentVisible(comments::Id a, int limit) {
  return mc::RecentVisible(*Snapshot(), a, limit);
}
base::Result<std::vector<comments::Comment>> MemoryStore::ByAccountSince(comments::Id a, base::Timestamp t) {
  return mc::ByAccountSince(*Snapshot(), a, t);
}
base::Result<std::vector<comments::Comment>> MemoryStore::ByAccount(comments::Id a) { return mc::ByAccount(*Snapshot(), a); }
base::Result<std::vector<comments::Vote>> MemoryStore::VotesByAccount(comments::Id a) {
  return mc::VotesByAccount(*Snapshot(), a);
}
base::Result<std::vector<comments::Comment>> MemoryStore::Queue(comments::QueueKind k, int o, int l) {
  return mc::Queue(*Snapshot(), k, o, l);
}
base::Result<std::int64_t> MemoryStore::QueueSize(comments::QueueKind k) { return mc::QueueSize(*Snapshot(), k); }
base::Result<std::vector<comments::Report>> MemoryStore::Reports(comments::Id c) { return mc::Reports(*Snapshot(), c); }
base::Result<std::vector<comments::LogEntry>> MemoryStore::Log(int o, int l) { return mc::Log(*Snapshot(), o, l); }
base::Result<comments::ArticleInfo> MemoryStore::Article(comments::Id a) { return mc::Article(*Snapshot(), a); }
base::Result<accounts::Account> MemoryStore::Author(comments::Id a) { return ma::FindAccount(*Snapshot(), a); }

// Webhooks: reads from a snapshot, each write its own.
namespace mw = memory_webhooks;

base::Result<std::vector<webhooks::Webhook>> MemoryStore::ListWebhooks() { return mw::ListWebhooks(*Snapshot()); }
base::Result<webhooks::Webhook> MemoryStore::FindWebhook(webhooks::Id id) { return mw::FindWebhook(*Snapshot(), id); }
base::Result<webhooks::Delivery> MemoryStore::FindDelivery(webhooks::Id id) {
  return mw::FindDelivery(*Snapshot(), id);
}
base::Result<std::vector<webhooks::Delivery>> MemoryStore::DueDeliveries(base::Timestamp now, int limit) {
  return mw::DueDeliveries(*Snapshot(), now, limit);
}
base::Result<std::optional<base::Timestamp>> MemoryStore::NextDeliveryAt() { return mw::NextDeliveryAt(*Snapshot()); }
base::Result<std::vector<webhooks::Delivery>> MemoryStore::Deliveries(webhooks::Id w, int offset, int limit) {
  return mw::Deliveries(*Snapshot(), w, offset, limit);
}
base::Result<webhooks::Id> MemoryStore::InsertWebhook(const webhooks::Webhook& w) {
  return MutateValue<webhooks::Id>([&](MemoryState& s) { return mw::InsertWebhook(s, w); });
}
base::Status MemoryStore::UpdateWebhook(const webhooks::Webhook& w) {
  return Mutate([&](MemoryState& s) { return mw::UpdateWebhook(s, w); });
}
base::Status MemoryStore::DeleteWebhook(webhooks::Id id) {
  return Mutate([&](MemoryState& s) { return mw::DeleteWebhook(s, id); });
}
base::Result<std::vector<webhooks::Id>> MemoryStore::InsertDeliveries(const std::vector<webhooks::Delivery>& d) {
  return MutateValue<std::vector<webhooks::Id>>([&](MemoryState& s) { return mw::InsertDeliveries(s, d); });
}
base::Status MemoryStore::RecordAttempt(const webhooks::Attempt& a) {
  return Mutate([&](MemoryState& s) { return mw::RecordAttempt(s, a); });
}

}  // namespace gazette::storage
