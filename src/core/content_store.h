// Ports: what the newsroom domain needs from storage. Implemented by
// storage/sqlite and storage/memory (and later PostgreSQL); the contract
// suite in tests/contract holds every implementation to the same behaviour.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/article.h"

namespace gazette::core {

using base::Result;
using base::Status;

// A filter over articles, newest first (published_at, then id, descending),
// or most recently changed first for the newsroom's lists.
struct ArticleQuery {
  enum class Order { kNewest, kRecentlyUpdated };
  std::optional<ArticleStatus> status = ArticleStatus::kPublished;  // nullopt: any
  std::optional<Id> section_id;
  std::optional<Id> tag_id;
  std::optional<Id> author_id;
  std::optional<Id> exclude_id;
  std::optional<Id> created_by;
  std::optional<std::string> headline;  // exact match
  std::string text;                     // the headline contains it (case-insensitive for ASCII)
  std::optional<Timestamp> published_from;  // published at or after
  std::optional<Timestamp> published_before;
  bool with_body_only = false;
  bool top_only = false;
  Order order = Order::kNewest;
  int limit = 20;
  int offset = 0;
};

// A published article's address and times, for sitemaps (no body, no headline).
struct ArticleRef {
  Id id = 0;
  std::string slug;
  Timestamp published_at{};
  Timestamp updated_at{};
};

// Reads. Every method is safe to call from several threads at once on a
// store; on a writer, only from the thread running the write.
class ContentReader {
 public:
  virtual ~ContentReader() = default;

  // The article with its section, tags (in their order) and authors,
  // whatever its status; kNotFound when there is none.
  virtual Result<Article> FindArticle(Id id) = 0;
  virtual Result<Article> FindArticleBySlug(std::string_view slug) = 0;
  virtual Result<std::vector<ArticleSummary>> ListArticles(const ArticleQuery& query) = 0;
  // How many articles the query matches, ignoring limit and offset.
  virtual Result<std::int64_t> CountArticles(const ArticleQuery& query) = 0;
  // Whether the query matches any article, ignoring limit and offset: stops
  // at the first, where a count or a sorted list reads them all (a tag's
  // thousand articles, for each of a site's tags).
  virtual Result<bool> AnyArticles(const ArticleQuery& query) = 0;
  virtual Result<bool> ArticleSlugTaken(std::string_view slug) = 0;
  // Published articles with an id above `after_id`, by id, at most `limit`
  // (keyset paging: pass the last id of one page to get the next).
  virtual Result<std::vector<ArticleRef>> ListPublishedRefs(Id after_id, int limit) = 0;

  // Sections by position, then name.
  virtual Result<std::vector<Section>> ListSections() = 0;
  // By slug; kNotFound when there is none.
  virtual Result<Section> FindSection(std::string_view slug) = 0;
  virtual Result<Tag> FindTag(std::string_view slug) = 0;
  virtual Result<Author> FindAuthor(std::string_view slug) = 0;
  // Tags and authors by name.
  virtual Result<std::vector<Tag>> ListTags() = 0;
  virtual Result<std::vector<Author>> ListAuthors() = 0;
  // The current slug of a section, tag or article that had `old_slug`
  // before a rename; nothing when `old_slug` was never theirs.
  virtual Result<std::optional<std::string>> RenamedSection(std::string_view old_slug) = 0;
  virtual Result<std::optional<std::string>> RenamedTag(std::string_view old_slug) = 0;
  virtual Result<std::optional<Id>> RenamedArticle(std::string_view old_slug) = 0;
};

// Writes, inside one transaction (see ContentStore::Write).
class ContentWriter : public ContentReader {
 public:
  // Stores a new article and returns its id. The section, tags and authors
  // it names must exist (their ids are used). kConflict when the slug is taken.
  virtual Result<Id> InsertArticle(const Article& article) = 0;
  // Replaces the article with the same id; kNotFound when there is none.
  // A changed slug keeps the old one as a redirect.
  virtual Status UpdateArticle(const Article& article) = 0;
  // Store a new section, tag or author and return it with its id;
  // kConflict when the slug is taken.
  virtual Result<Section> InsertSection(const Section& section) = 0;
  virtual Result<Tag> InsertTag(const Tag& tag) = 0;
  virtual Result<Author> InsertAuthor(const Author& author) = 0;
  // Renames (and moves, by position) the section with the same id; a
  // changed slug keeps the old one as a redirect. kConflict when the slug
  // is taken, kNotFound when there is no such section.
  virtual Status UpdateSection(const Section& section) = 0;
  virtual Status UpdateTag(const Tag& tag) = 0;
  // Moves every article of tag `from` to tag `into`, removes `from`, and
  // keeps its slug as a redirect to `into`.
  virtual Status MergeTags(Id from, Id into) = 0;
};

class ContentStore : public ContentReader {
 public:
  // Runs `work` in one transaction: everything it wrote is kept when it
  // returns success, nothing when it returns an error (which Write then
  // returns) or throws. Writes are serialized; readers see either all of a
  // write or none of it.
  virtual Status Write(const std::function<Status(ContentWriter&)>& work) = 0;
};

}  // namespace gazette::core
