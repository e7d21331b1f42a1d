#include "storage/sqlite/search_sql.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "base/words.h"

namespace gazette::storage::sqlite::search_sql {

using base::Error;
using base::Result;
using base::Status;

namespace {

// Column weights for bm25(): a word in the headline counts most, then the lead.
constexpr std::string_view kRank = "bm25(article_search, 10.0, 4.0, 1.0)";
constexpr int kSnippetTokens = 24;
constexpr std::string_view kCountMatches = "SELECT count(*) FROM article_search WHERE article_search MATCH ?1";
// Every match, newest first, in the index alone.
constexpr std::string_view kMatchesNewestFirst =
    "SELECT rowid FROM article_search WHERE article_search MATCH ?1 ORDER BY rowid DESC";
// The match after the ?2 newest, in the index alone (the index gives matches by id).
constexpr std::string_view kOlderMatch =
    "SELECT rowid FROM article_search WHERE article_search MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2";

// The index holds no text of its own: FTS5 reads it from the view
// article_search_text (migration 0009), which shows the published articles
// only. An article's words are removed by reading its text there, so that
// is done before its row changes (Unindex); its words are added after.
constexpr std::string_view kUnindex = "DELETE FROM article_search WHERE rowid = ?1";
// ?1: the ids as a JSON array, so that a transaction's articles take one statement.
constexpr std::string_view kIndex =
    "INSERT INTO article_search (rowid, headline, lead, body) "
    "SELECT t.id, t.headline, t.lead, t.body FROM json_each(?1) j "
    "CROSS JOIN article_search_text t ON t.id = j.value";  // by id: not a scan of the published
constexpr std::string_view kRebuild = "INSERT INTO article_search (article_search) VALUES ('rebuild')";
constexpr std::string_view kOptimize = "INSERT INTO article_search (article_search) VALUES ('optimize')";
constexpr std::string_view kCountIndexed = "SELECT count(*) FROM articles WHERE status = 'published'";

// The keys of recently seen words, per thread: stemming a word costs about
// a microsecond and news text repeats its words, so indexing a body mostly
// finds them here. Bounded: emptied when full.
class WordKeys {
 public:
  const std::string& Of(std::string_view word) {
    auto found = keys_.find(word);
    if (found != keys_.end()) return found->second;
    if (keys_.size() >= kMax) keys_.clear();
    return keys_.emplace(std::string(word), base::WordKey(word)).first->second;
  }

 private:
  static constexpr std::size_t kMax = 1 << 16;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> keys_;
};

// The tokenizer: one stateless instance serves every table.
int CreateTokenizer(void*, const char**, int, Fts5Tokenizer** out) {
  static int instance = 0;
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer*) {}

int Tokenize(Fts5Tokenizer*, void* context, int flags, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int)) {
  try {
    std::string_view all(text ? text : "", text ? static_cast<std::size_t>(size) : 0);
    // A prefix ("выбо"*) is matched against the indexed keys as typed (folded), not stemmed.
    bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
    thread_local WordKeys keys;
    std::string folded;
    for (const base::WordSpan& w : base::FindWords(all)) {
      std::string_view word = all.substr(w.begin, w.end - w.begin);
      const std::string& key = prefix ? (folded = base::FoldWord(word)) : keys.Of(word);
      int rc = token(context, 0, key.data(), static_cast<int>(key.size()), static_cast<int>(w.begin),
                     static_cast<int>(w.end));
      if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  } catch (...) {
    return SQLITE_NOMEM;
  }
}

void TextFunction(sqlite3_context* context, int, sqlite3_value** args) {
  const unsigned char* html = sqlite3_value_text(args[0]);
  if (!html) {
    sqlite3_result_text(context, "", 0, SQLITE_STATIC);
    return;
  }
  try {
    std::string text = base::HtmlText(
        std::string_view(reinterpret_cast<const char*>(html), static_cast<std::size_t>(sqlite3_value_bytes(args[0]))));
    sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } catch (...) {
    sqlite3_result_error_nomem(context);
  }
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

std::string Quoted(std::string_view word) {
  std::string out = "\"";
  for (char c : word) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

// The conditions of a search and the values they bind: `articles` on the
// articles' rows (a.), `ids` on the index's ids (article_search.rowid),
// each starting with " AND ".
struct Filter {
  std::string articles;
  std::string ids;
  SqlParams params;

  std::string Param(SqlParams::value_type value) {
    params.push_back(std::move(value));
    return "?" + std::to_string(params.size());
  }
  // FROM ... WHERE ...: each match with its article's row, as search results are read.
  std::string Joined() const {
    // CROSS JOIN keeps the index the outer loop: the other way round, SQLite
    // may probe it once per article, parsing (and stemming) the query each time.
    return "FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid "
           "LEFT JOIN sections s ON s.id = a.section_id WHERE article_search MATCH ?1 AND a.status = 'published'" +
           articles + ids;
  }
  // The ids of the articles the filter's own index finds, that the index matches too.
  std::string Listed() const {
    return "SELECT a.id FROM articles a WHERE a.status = 'published'" + articles +
           " AND a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?1" + ids + ")";
  }
  // The matches in the index alone, before the filter on the articles.
  std::string InIndex() const { return "SELECT count(*) FROM article_search WHERE article_search MATCH ?1" + ids; }
};

Filter BuildFilter(const core::SearchQuery& q, std::string match) {
  Filter f;
  f.Param(std::move(match));
  if (q.section_id) f.articles += " AND a.section_id = " + f.Param(*q.section_id);
  if (q.exclude_id) f.articles += " AND a.id <> " + f.Param(*q.exclude_id);
  if (q.published_from) f.articles += " AND a.published_at >= " + f.Param(base::ToUnixSeconds(*q.published_from));
  if (q.published_before) f.articles += " AND a.published_at < " + f.Param(base::ToUnixSeconds(*q.published_before));
  return f;
}

void BindAll(Statement& st, const Filter& f) { BindParams(st, f.params); }

// The index holds the published articles only: a query without filters on
// the articles can be answered by the index alone.
bool Unfiltered(const core::SearchQuery& q) {
  return !q.section_id && !q.exclude_id && !q.published_from && !q.published_before;
}

bool Marked(const std::string& text) { return text.find(core::kMarkStart) != std::string::npos; }

// What a search finds before it reads a page of it: how many articles
// match, and the newest match left out of the ranking when more than
// q.ranked match (core/search.h).
struct Tally {
  std::int64_t total = 0;
  std::optional<std::int64_t> older;
};

// The number `sql` answers (Connection::Number), with the filter's values
// bound and then `more`.
Result<std::int64_t> Number(Connection& c, const std::string& sql, const Filter& f,
                            std::optional<std::int64_t> more = std::nullopt) {
  return c.Number(sql, [&](Statement& st) {
    BindAll(st, f);
    if (more) st.Bind(static_cast<int>(f.params.size()) + 1, *more);
  });
}

Result<Tally> TallyMatches(Connection& c, const core::SearchQuery& q, const Filter& f, std::int64_t checked_by_row) {
  Tally t;
  const bool ranking = !q.newest_matches && q.ranked > 0;
  if (!q.counted && !ranking) return t;
  const bool unfiltered = Unfiltered(q);
  const bool prefixed = std::any_of(q.terms.begin(), q.terms.end(), [](const core::SearchTerm& t) { return t.prefix; });
  if (unfiltered && prefixed && q.counted && ranking) {
    // A prefix ("st"*) merges the lists of every word it begins at each
    // pass over the index (a third of a second for two letters on a
    // million articles): the count and the newest unranked match are then
    // found in one pass instead of two.
    Result<Statement> st = c.Prepare(kMatchesNewestFirst);
    if (!st.ok()) return std::move(st).error();
    BindAll(*st, f);
    for (;;) {
      Result<bool> row = st->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) break;
      if (t.total++ == q.ranked) t.older = st->Int(0);
    }
    return t;
  }
  if (!unfiltered) {
    Result<std::int64_t> in_index = Number(c, f.InIndex(), f);
    if (!in_index.ok()) return std::move(in_index).error();
    if (*in_index > checked_by_row) {
      // Many matches: the filter's index lists its articles and keeps those
      // the search index holds (a common word in one section of a million
      // articles: 0.15 s, where reading each match's row took a second).
      Result<Statement> st = c.Prepare(f.Listed());
      if (!st.ok()) return std::move(st).error();
      BindAll(*st, f);
      std::vector<std::int64_t> ids;
      for (;;) {
        Result<bool> row = st->Step();
        if (!row.ok()) return std::move(row).error();
        if (!*row) break;
        ids.push_back(st->Int(0));
      }
      t.total = static_cast<std::int64_t>(ids.size());
      if (ranking && t.total > q.ranked) {
        std::nth_element(ids.begin(), ids.begin() + q.ranked, ids.end(), std::greater<>());
        t.older = ids[static_cast<std::size_t>(q.ranked)];
      }
      return t;
    }
  }
  // Without filters on the articles the index answers alone (it holds the
  // published articles only; reading each match's row took a second for a
  // common word at a million); with them, each match's row is checked.
  if (q.counted) {
    Result<std::int64_t> n = Number(c, unfiltered ? std::string(kCountMatches) : "SELECT count(*) " + f.Joined(), f);
    if (!n.ok()) return std::move(n).error();
    t.total = *n;
  }
  if (ranking && !(q.counted && t.total <= q.ranked)) {
    std::string sql = unfiltered ? std::string(kOlderMatch)
                                 : "SELECT article_search.rowid " + f.Joined() +
                                       " ORDER BY article_search.rowid DESC LIMIT 1 OFFSET ?" +
                                       std::to_string(f.params.size() + 1);
    // Ids start at 1: 0 says there is no such match.
    Result<std::int64_t> older = Number(c, "SELECT coalesce((" + sql + "), 0)", f, q.ranked);
    if (!older.ok()) return std::move(older).error();
    if (*older > 0) t.older = *older;
  }
  return t;
}

}  // namespace

Status Register(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (!api) return Error::Internal("this SQLite has no FTS5, which search needs");
  static fts5_tokenizer tokenizer = {CreateTokenizer, DeleteTokenizer, Tokenize};
  if (api->xCreateTokenizer(api, "gazette", nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    return SqliteError(db, "register the search tokenizer");
  }
  if (sqlite3_create_function_v2(db, "gazette_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 TextFunction, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db, "register gazette_text");
  }
  return {};
}

std::string MatchExpression(const core::SearchQuery& query) {
  std::vector<std::string> terms;
  for (const core::SearchTerm& term : query.terms) {
    std::string phrase;
    for (const std::string& word : term.words) {
      if (base::FindWords(word).empty()) continue;  // nothing to match: no empty phrases
      if (!phrase.empty()) phrase += " + ";
      phrase += Quoted(word);
    }
    if (phrase.empty()) continue;
    terms.push_back(term.prefix ? "(" + phrase + " OR " + phrase + " *)" : phrase);
  }
  std::string out;
  for (const std::string& t : terms) {
    if (!out.empty()) out += query.match_any ? " OR " : " AND ";
    out += t;
  }
  return out;
}

std::string QueryKey(const core::SearchQuery& q) {
  auto time = [](const std::optional<base::Timestamp>& t) { return t ? std::to_string(base::ToUnixSeconds(*t)) : ""; };
  auto id = [](const std::optional<core::Id>& i) { return i ? std::to_string(*i) : ""; };
  std::string key = MatchExpression(q);
  for (const std::string& part :
       {id(q.section_id), id(q.exclude_id), time(q.published_from), time(q.published_before),
        std::to_string(q.marked), std::to_string(q.counted), std::to_string(q.newest_matches),
        std::to_string(q.ranked), std::to_string(q.limit), std::to_string(q.offset)}) {
    key += '\x1f';
    key += part;
  }
  return key;
}

Status Unindex(Connection& c, core::Id id) {
  Result<Statement> st = c.Prepare(kUnindex);
  if (!st.ok()) return std::move(st).error();
  return st->Bind(1, id).Run();
}

Status Index(Connection& c, std::vector<core::Id> ids) {
  if (ids.empty()) return {};
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string list = "[";
  for (core::Id id : ids) list.append(list.size() > 1 ? "," : "").append(std::to_string(id));
  list += "]";
  Result<Statement> index = c.Prepare(kIndex);
  if (!index.ok()) return std::move(index).error();
  return index->Bind(1, std::string_view(list)).Run();
}

Result<core::SearchResults> Search(Connection& c, const core::SearchQuery& q, const content_sql::SpanLookup& spans,
                                   std::int64_t checked_by_row) {
  core::SearchResults results;
  std::string match = MatchExpression(q);
  if (match.empty() || q.limit <= 0) return results;
  Filter f = BuildFilter(q, match);
  if (q.published_from && q.published_before) {
    // The index is asked only about the ids published in that time (ids
    // mostly follow time): ranking the whole site's matches to keep a
    // month's would cost in proportion to the site, not to the month.
    Result<content_sql::IdSpan> span = spans(c, *q.published_from, *q.published_before);
    if (!span.ok()) return std::move(span).error();
    if (!*span) return results;
    auto [first, last] = **span;
    f.ids += " AND article_search.rowid >= " + f.Param(first);
    f.ids += " AND article_search.rowid <= " + f.Param(last);
  }
  Result<Tally> tally = TallyMatches(c, q, f, checked_by_row);
  if (!tally.ok()) return std::move(tally).error();
  if (q.counted) {
    results.total = tally->total;
    if (results.total == 0 || q.offset >= results.total) return results;
  }
  std::string marks = !q.marked ? "'', '', '', "
                                 : "highlight(article_search, 0, char(2), char(3)), "
                                   "snippet(article_search, 1, char(2), char(3), '…', " +
                                       std::to_string(kSnippetTokens) + "), "
                                       "snippet(article_search, 2, char(2), char(3), '…', " +
                                       std::to_string(kSnippetTokens) + "), ";
  // Reads the matches `where` adds to the filter, best first (`ranked`) or
  // newest first, into results.hits.
  auto read = [&](bool ranked, const std::string& where, std::int64_t bound, std::int64_t limit,
                  std::int64_t offset) -> Status {
    std::string sql =
        std::string(content_sql::kSummaryColumns) + ", " + marks +
        // bm25 reads every matching article of the site for its weights, once a query.
        (ranked ? std::string(kRank) : std::string("0")) + " " + f.Joined() + where +
        (ranked ? " ORDER BY " + std::string(kRank) + ", a.published_at DESC, a.id DESC"
                : std::string(" ORDER BY article_search.rowid DESC")) +
        " LIMIT ?" + std::to_string(f.params.size() + 1) + " OFFSET ?" + std::to_string(f.params.size() + 2);
    Result<Statement> st = c.Prepare(sql);
    if (!st.ok()) return std::move(st).error();
    BindAll(*st, f);
    int n = static_cast<int>(f.params.size());
    st->Bind(n + 1, limit).Bind(n + 2, std::max<std::int64_t>(0, offset));
    if (!where.empty()) st->Bind(n + 3, bound);
    for (;;) {
      Result<bool> row = st->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) break;
      core::SearchHit hit;
      hit.article = content_sql::SummaryAt(*st);
      hit.headline = st->Text(17);
      std::string lead = st->Text(18);
      std::string body = st->Text(19);
      // The passage that shows why it matched: the lead's, else the body's,
      // else (a match in the headline alone) the start of the lead or body.
      hit.snippet = Marked(lead) ? lead : Marked(body) ? body : !lead.empty() ? lead : body;
      hit.score = -st->Double(20);
      results.hits.push_back(std::move(hit));
    }
    return {};
  };
  if (q.newest_matches) {
    GZ_TRY(read(false, "", 0, q.limit, q.offset));
    return results;
  }
  std::optional<std::int64_t> older = tally->older;
  if (!older) {
    GZ_TRY(read(true, "", 0, q.limit, q.offset));
    return results;
  }
  // The best of the q.ranked newest matches, then the older ones, newest first.
  std::string newer_than = " AND article_search.rowid > ?" + std::to_string(f.params.size() + 3);
  std::string from_older = " AND article_search.rowid <= ?" + std::to_string(f.params.size() + 3);
  std::int64_t window = q.ranked;
  if (q.offset < window) {
    GZ_TRY(read(true, newer_than, *older, std::min<std::int64_t>(q.limit, window - q.offset), q.offset));
  }
  std::int64_t left = q.limit - static_cast<std::int64_t>(results.hits.size());
  if (left > 0) GZ_TRY(read(false, from_older, *older, left, q.offset - window));
  return results;
}

Result<std::int64_t> Reindex(Connection& c) {
  GZ_TRY(c.Exec(kRebuild));
  GZ_TRY(c.Exec(kOptimize));
  Result<Statement> st = c.Prepare(kCountIndexed);
  if (!st.ok()) return std::move(st).error();
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  return st->Int(0);
}

}  // namespace gazette::storage::sqlite::search_sql
