// Full-text search on SQLite: the FTS5 table article_search indexes the
// headline, lead and body text of every published article under the
// article's id. It keeps no copy of the text: FTS5 reads it from the view
// article_search_text (migration 0009), the published articles with their
// bodies' text. Its tokenizer, "gazette", splits, folds and stems words with
// base/words.h; it and the SQL function gazette_text(html) (the text of a
// rendered body) are registered on every connection. The index is written
// inside the transaction of the article writes (writers.h): an article's
// words are removed before its row first changes, since they are found by
// reading its text, and the articles written are indexed in one statement
// at the end, because FTS5 flushes its pending terms at the start of every
// later write statement of the transaction.
#pragma once

#include <sqlite3.h>

#include <vector>

#include "core/search.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/content_sql.h"

namespace gazette::storage::sqlite::search_sql {

// Registers the tokenizer and gazette_text() on a new connection.
base::Status Register(sqlite3* db);

// Everything of the query that its answer depends on, as one string (the
// store keeps answers under it between writes).
std::string QueryKey(const core::SearchQuery& query);

// Removes the article's words from the index, if it is published; call it
// before the article's row changes, and once only until Index.
base::Status Unindex(Connection& c, core::Id id);

// Indexes the articles that are published; each must be unindexed (or new
// since). Ids may repeat.
base::Status Index(Connection& c, std::vector<core::Id> ids);

// With more matches than this in the index, a filter on the articles (a
// section, a time) is applied through its own index instead of each
// match's row.
inline constexpr std::int64_t kMatchesCheckedByRow = 20'000;

// A query of a bounded time asks the index about the ids published then
// (`spans`). `checked_by_row`: see kMatchesCheckedByRow (tests lower it).
base::Result<core::SearchResults> Search(Connection& c, const core::SearchQuery& query,
                                         const content_sql::SpanLookup& spans = content_sql::PublishedIdSpan,
                                         std::int64_t checked_by_row = kMatchesCheckedByRow);

// Empties the index and fills it from the published articles; returns their number.
base::Result<std::int64_t> Reindex(Connection& c);

// The FTS5 query for the terms: every word quoted (so nothing the reader
// types is read as query syntax), phrases joined with '+', prefixes as
// ("w" OR "w" *). Empty when no term has a word.
std::string MatchExpression(const core::SearchQuery& query);

}  // namespace gazette::storage::sqlite::search_sql
