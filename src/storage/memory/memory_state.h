// The data of a MemoryStore and the queries over it, shared by the store
// (reading a snapshot) and its writer (reading its own uncommitted copy).
#pragma once

#include <map>
#include <vector>

#include "accounts/account_store.h"
#include "comments/comment_store.h"
#include "core/content_store.h"
#include "newsroom/newsroom_store.h"
#include "webhooks/webhook_store.h"

namespace gazette::storage {

struct StoredArticle {
  core::Article article;  // section/tags/authors hold ids only; resolved on read
  std::optional<core::Id> section_id;
  std::vector<core::Id> tag_ids;
  std::vector<core::Id> author_ids;
};

struct StoredAccount {
  accounts::Account account;
  std::string password_hash;
};

struct StoredToken {
  accounts::ApiToken token;  // role: read from its account
  std::string hash;
};

struct StoredReport {
  comments::Report report;
  bool resolved = false;
};

struct MemoryState {
  std::map<core::Id, StoredArticle> articles;
  std::map<core::Id, core::Section> sections;
  std::map<core::Id, core::Tag> tags;
  std::map<core::Id, core::Author> authors;
  core::Id last_id = 0;

  std::map<accounts::Id, StoredAccount> accounts;
  std::map<accounts::Id, accounts::Session> sessions;
  std::map<std::string, std::pair<accounts::Id, base::Timestamp>> confirmations;
  std::map<accounts::Id, StoredToken> tokens;
  std::map<comments::Id, comments::Comment> comments;  // author fields resolved on read
  std::map<std::pair<comments::Id, accounts::Id>, int> votes;
  std::map<std::string, comments::AllowanceTime, std::less<>> allowances;
  std::vector<StoredReport> reports;
  std::vector<comments::LogEntry> log;
  std::map<core::Id, comments::Policy> article_policies;
  std::map<core::Id, comments::Policy> section_policies;
  std::map<std::string, core::Id, std::less<>> old_article_slugs;
  std::map<std::string, core::Id, std::less<>> old_section_slugs;
  std::map<std::string, core::Id, std::less<>> old_tag_slugs;
  std::map<core::Id, newsroom::Revision> revisions;
  std::map<core::Id, newsroom::PendingEdit> pending;
  std::vector<newsroom::AuditEntry> audit;
  std::map<std::string, std::string> settings;
  std::map<webhooks::Id, webhooks::Webhook> webhooks;
  std::map<webhooks::Id, webhooks::Delivery> deliveries;

  base::Result<core::Article> FindArticle(core::Id id) const;
  base::Result<core::Article> FindArticleBySlug(std::string_view slug) const;
  std::vector<core::ArticleSummary> ListArticles(const core::ArticleQuery& query) const;
  std::int64_t CountArticles(const core::ArticleQuery& query) const;
  bool ArticleSlugTaken(std::string_view slug) const;
  std::vector<core::ArticleRef> ListPublishedRefs(core::Id after_id, int limit) const;
  std::vector<core::Section> ListSections() const;
  base::Result<core::Section> FindSection(std::string_view slug) const;
  base::Result<core::Tag> FindTag(std::string_view slug) const;
  base::Result<core::Author> FindAuthor(std::string_view slug) const;
  std::vector<core::Tag> ListTags() const;
  std::vector<core::Author> ListAuthors() const;
  std::optional<std::string> RenamedSection(std::string_view old_slug) const;
  std::optional<std::string> RenamedTag(std::string_view old_slug) const;
  std::optional<core::Id> RenamedArticle(std::string_view old_slug) const;

  base::Result<core::Id> InsertArticle(const core::Article& article);
  base::Status UpdateArticle(const core::Article& article);
  base::Result<core::Section> InsertSection(const core::Section& section);
  base::Result<core::Tag> InsertTag(const core::Tag& tag);
  base::Result<core::Author> InsertAuthor(const core::Author& author);
  base::Status UpdateSection(const core::Section& section);
  base::Status UpdateTag(const core::Tag& tag);
  base::Status MergeTags(core::Id from, core::Id into);

 private:
  core::Article Resolve(const StoredArticle& stored) const;
  std::vector<const StoredArticle*> Matching(const core::ArticleQuery& query) const;
  base::Result<StoredArticle> ToStored(const core::Article& article) const;
};

}  // namespace gazette::storage
