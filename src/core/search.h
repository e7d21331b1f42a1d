// The full-text search port: published articles found by the words of
// their headline, lead and body, ranked. Implemented by storage/sqlite
// (an FTS5 index kept in the same transaction as every write of an
// article) and storage/memory (a scan); the contract suite holds both to
// the same behaviour. Words match by their keys (base/words.h): case, 'ё'
// and inflections do not matter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/article.h"

namespace gazette::core {

using base::Result;

// One thing to look for: a word, or a phrase (its words next to each other,
// in order). With `prefix`, the (last) word also matches the words it
// begins ("выбо" finds "выборы").
struct SearchTerm {
  std::vector<std::string> words;  // as typed; the index folds and stems them
  bool prefix = false;
};

// Ranking a match costs about a microsecond, and a common word matches most
// of a large site (three quarters of a million articles): the best matches
// are chosen among this many of the newest.
inline constexpr int kRankedMatches = 10'000;

struct SearchQuery {
  std::vector<SearchTerm> terms;  // none: nothing is found
  bool match_any = false;         // any term instead of all of them
  std::optional<Id> section_id;
  std::optional<Timestamp> published_from;    // at or after
  std::optional<Timestamp> published_before;  // before
  std::optional<Id> exclude_id;
  bool marked = true;  // fill SearchHit::headline and snippet; false: leave them empty (cheaper)
  bool counted = true;  // fill SearchResults::total; false: it may be left 0 (a pass over the index less)
  // The `limit` matches with the highest ids (the newest, mostly), newest
  // first, unscored (score 0): the index stops after them instead of
  // scoring every match, which costs in proportion to the whole site.
  bool newest_matches = false;
  // When more articles match than this, the best are chosen among the
  // `ranked` with the highest ids (the newest, mostly) and come first; the
  // older matches follow them, newest first, unscored (score 0). The total
  // counts them all. 0: every match is ranked.
  int ranked = kRankedMatches;
  int limit = 20;
  int offset = 0;
};

// Where a hit's headline and snippet mark the matched words: between
// kMarkStart and kMarkEnd. The text around them is plain text, not HTML.
inline constexpr char kMarkStart = '\x02';
inline constexpr char kMarkEnd = '\x03';

struct SearchHit {
  ArticleSummary article;
  std::string headline;  // the headline with its matches marked
  std::string snippet;   // a passage of the lead or body with matches marked ("…" where cut)
  double score = 0;      // higher is better; comparable within one answer only
};

struct SearchResults {
  std::vector<SearchHit> hits;  // best first (ties: newest first, then the higher id); see `ranked`
  std::int64_t total = 0;       // hits across all pages
};

// Thread-safe.
class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Published articles matching the query, best first.
  virtual Result<SearchResults> Search(const SearchQuery& query) = 0;
  // Builds the index anew from the stored articles, in one transaction;
  // returns how many articles it holds.
  virtual Result<std::int64_t> Reindex() = 0;
};

}  // namespace gazette::core
