// The content queries of the SQLite backend, as functions over one
// connection: the store runs them on pooled read connections, its writer on
// the write connection inside a transaction.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "core/content_store.h"
#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite::content_sql {

base::Result<core::Article> FindArticle(Connection& c, core::Id id);
base::Result<core::Article> FindArticleBySlug(Connection& c, std::string_view slug);
// The columns of an article's summary, the first of a SELECT (with the
// article as `a` and its section as `s`), and their reader.
inline constexpr std::string_view kSummaryColumns =
    "SELECT a.id, a.slug, a.headline, a.lead, a.published_at, a.created_at, a.updated_at, a.comment_count, "
    "a.has_body, a.is_top, s.id, s.slug, s.name, s.position, a.breaking, a.status, a.created_by ";
core::ArticleSummary SummaryAt(const Statement& st);

// The section whose id, slug, name and position are the row's columns from
// `column` on; none when the id is NULL (an article without a section).
std::optional<core::Section> SectionAt(const Statement& s, int column);

// The lowest and highest id of the articles published in [from, before),
// or nothing when there are none. Ids mostly follow publication time, so
// this span holds about that time's articles: an index keyed by article id
// (the search index) is asked about it alone.
using IdSpan = std::optional<std::pair<core::Id, core::Id>>;
base::Result<IdSpan> PublishedIdSpan(Connection& c, base::Timestamp from, base::Timestamp before);
// Where a read gets the spans it needs: PublishedIdSpan itself, or the
// store's memory of the last one (a page's render asks for the same time
// several times, and each costs a scan of that time's articles).
using SpanLookup = std::function<base::Result<IdSpan>(Connection&, base::Timestamp, base::Timestamp)>;

// A tag's or an author's published articles are read from their links,
// which carry the publication time (migration 0013).
base::Result<std::vector<core::ArticleSummary>> ListArticles(Connection& c, const core::ArticleQuery& query);
base::Result<bool> AnyArticles(Connection& c, const core::ArticleQuery& query);
// Where a count may come from instead of the file: given the count's key
// (its SQL and values) and the way to count, the number (the store keeps
// counts until articles are written: see SqliteStore::ArticleWrites).
using CountLookup = std::function<base::Result<std::int64_t>(const std::string& key,
                                                             const std::function<base::Result<std::int64_t>()>& count)>;
base::Result<std::int64_t> CountArticles(Connection& c, const core::ArticleQuery& query,
                                         const CountLookup& counts = nullptr);
base::Result<bool> ArticleSlugTaken(Connection& c, std::string_view slug);
base::Result<std::vector<core::ArticleRef>> ListPublishedRefs(Connection& c, core::Id after_id, int limit);
base::Result<std::vector<core::Section>> ListSections(Connection& c);
base::Result<core::Section> FindSection(Connection& c, std::string_view slug);
base::Result<core::Tag> FindTag(Connection& c, std::string_view slug);
base::Result<core::Author> FindAuthor(Connection& c, std::string_view slug);
base::Result<std::vector<core::Tag>> ListTags(Connection& c);
base::Result<std::vector<core::Author>> ListAuthors(Connection& c);
base::Result<std::optional<std::string>> RenamedSection(Connection& c, std::string_view old_slug);
base::Result<std::optional<std::string>> RenamedTag(Connection& c, std::string_view old_slug);
base::Result<std::optional<core::Id>> RenamedArticle(Connection& c, std::string_view old_slug);

// The article's row, names and slugs; its search entry is the caller's
// (search_sql::Unindex before an update, search_sql::Index at the end).
base::Result<core::Id> InsertArticle(Connection& c, const core::Article& article);
base::Status UpdateArticle(Connection& c, const core::Article& article);
base::Result<core::Section> InsertSection(Connection& c, const core::Section& section);
base::Result<core::Tag> InsertTag(Connection& c, const core::Tag& tag);
base::Result<core::Author> InsertAuthor(Connection& c, const core::Author& author);
base::Status UpdateSection(Connection& c, const core::Section& section);
base::Status UpdateTag(Connection& c, const core::Tag& tag);
base::Status MergeTags(Connection& c, core::Id from, core::Id into);

}  // namespace gazette::storage::sqlite::content_sql
