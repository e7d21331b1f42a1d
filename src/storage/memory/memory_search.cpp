#include "storage/memory/memory_search.h"

#include <algorithm>
#include <limits>

#include "base/words.h"

namespace gazette::storage::memory_search {
namespace {

constexpr std::size_t kSnippetTokens = 24;
constexpr std::size_t kSnippetBefore = 4;
constexpr double kWeights[3] = {10.0, 4.0, 1.0};  // headline, lead, body

struct Token {
  std::string key;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Column {
  std::string text;
  std::vector<Token> tokens;
};

Column Tokenized(std::string text) {
  Column column;
  column.text = std::move(text);
  for (const base::WordSpan& w : base::FindWords(column.text)) {
    column.tokens.push_back({base::WordKey(std::string_view(column.text).substr(w.begin, w.end - w.begin)), w.begin, w.end});
  }
  return column;
}

// A term as keys: the words of a phrase in order; with a prefix, the last
// one also matches keys that begin with its folded form.
struct Pattern {
  std::vector<std::string> keys;
  std::string prefix;  // empty: no prefix
};

std::vector<Pattern> Patterns(const core::SearchQuery& query) {
  std::vector<Pattern> out;
  for (const core::SearchTerm& term : query.terms) {
    Pattern p;
    std::string last;
    for (const std::string& text : term.words) {
      for (const base::WordSpan& w : base::FindWords(text)) {
        std::string_view word = std::string_view(text).substr(w.begin, w.end - w.begin);
        p.keys.push_back(base::WordKey(word));
        last = std::string(word);
      }
    }
    if (p.keys.empty()) continue;
    if (term.prefix) p.prefix = base::FoldWord(last);
    out.push_back(std::move(p));
  }
  return out;
}

// Where the pattern matches in the column: [first, last] token ranges.
std::vector<std::pair<std::size_t, std::size_t>> Matches(const Column& column, const Pattern& p) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const std::vector<Token>& t = column.tokens;
  std::size_t n = p.keys.size();
  for (std::size_t i = 0; i + n <= t.size(); ++i) {
    bool all = true;
    for (std::size_t j = 0; j < n && all; ++j) {
      const std::string& key = t[i + j].key;
      bool last = j + 1 == n;
      all = key == p.keys[j] || (last && !p.prefix.empty() && key.starts_with(p.prefix));
    }
    if (all) out.emplace_back(i, i + n - 1);
  }
  return out;
}

// The text of tokens [from, to) with the matched ranges marked.
std::string Marked(const Column& column, const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                   std::size_t from, std::size_t to) {
  if (from >= to) return {};
  std::vector<bool> marked(column.tokens.size(), false);
  for (const auto& [a, b] : ranges) {
    for (std::size_t i = a; i <= b; ++i) marked[i] = true;
  }
  std::string out;
  std::size_t at = column.tokens[from].begin;
  for (std::size_t i = from; i < to; ++i) {
    const Token& token = column.tokens[i];
    out.append(column.text, at, token.begin - at);
    bool opens = marked[i] && (i == from || !marked[i - 1]);
    bool closes = marked[i] && (i + 1 == to || !marked[i + 1]);
    if (opens) out += core::kMarkStart;
    out.append(column.text, token.begin, token.end - token.begin);
    if (closes) out += core::kMarkEnd;
    at = token.end;
  }
  return out;
}

std::string Snippet(const Column& column, const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  if (column.tokens.empty()) return {};
  std::size_t first = ranges.empty() ? 0 : ranges.front().first;
  std::size_t from = first > kSnippetBefore ? first - kSnippetBefore : 0;
  std::size_t to = std::min(column.tokens.size(), from + kSnippetTokens);
  if (to - from < kSnippetTokens && to == column.tokens.size()) from = to > kSnippetTokens ? to - kSnippetTokens : 0;
  std::string out = from > 0 ? "…" : "";
  if (from == 0) out.append(column.text, 0, column.tokens[0].begin);
  out += Marked(column, ranges, from, to);
  if (to < column.tokens.size()) {
    out += "…";
  } else {
    out.append(column.text, column.tokens.back().end);
  }
  return out;
}

}  // namespace

base::Result<core::SearchResults> Search(const MemoryState& s, const core::SearchQuery& query) {
  core::SearchResults results;
  std::vector<Pattern> patterns = Patterns(query);
  if (patterns.empty() || query.limit <= 0) return results;
  core::ArticleQuery filter;
  filter.section_id = query.section_id;
  filter.published_from = query.published_from;
  filter.published_before = query.published_before;
  filter.exclude_id = query.exclude_id;
  filter.limit = std::numeric_limits<int>::max();
  for (core::ArticleSummary& summary : s.ListArticles(filter)) {
    base::Result<core::Article> article = s.FindArticle(summary.id);
    if (!article.ok()) return std::move(article).error();
    Column columns[3] = {Tokenized(article->headline), Tokenized(article->lead),
                         Tokenized(base::HtmlText(article->body_html))};
    std::vector<std::pair<std::size_t, std::size_t>> found[3];
    double score = 0;
    int matched = 0;
    for (const Pattern& p : patterns) {
      bool any = false;
      for (int c = 0; c < 3; ++c) {
        auto m = Matches(columns[c], p);
        score += kWeights[c] * static_cast<double>(m.size());
        any = any || !m.empty();
        found[c].insert(found[c].end(), m.begin(), m.end());
      }
      matched += any ? 1 : 0;
    }
    if (query.match_any ? matched == 0 : matched < static_cast<int>(patterns.size())) continue;
    for (auto& f : found) std::sort(f.begin(), f.end());
    core::SearchHit hit;
    hit.article = std::move(summary);
    const Column& headline = columns[0];
    hit.headline = headline.text;
    if (!headline.tokens.empty()) {
      hit.headline = headline.text.substr(0, headline.tokens.front().begin) +
                     Marked(headline, found[0], 0, headline.tokens.size()) +
                     headline.text.substr(headline.tokens.back().end);
    }
    const int snippet_column = !found[1].empty() ? 1 : !found[2].empty() ? 2 : !columns[1].text.empty() ? 1 : 2;
    hit.snippet = Snippet(columns[snippet_column], found[snippet_column]);
    hit.score = score;
    if (!query.marked) {
      hit.headline.clear();
      hit.snippet.clear();
    }
    results.hits.push_back(std::move(hit));
  }
  if (query.newest_matches) {
    for (core::SearchHit& hit : results.hits) hit.score = 0;
    std::sort(results.hits.begin(), results.hits.end(),
              [](const core::SearchHit& a, const core::SearchHit& b) { return a.article.id > b.article.id; });
  } else {
    // The best of the `ranked` newest matches, then the older ones, newest first (core/search.h).
    auto ranked_end = results.hits.end();
    if (query.ranked > 0 && results.hits.size() > static_cast<std::size_t>(query.ranked)) {
      std::sort(results.hits.begin(), results.hits.end(),
                [](const core::SearchHit& a, const core::SearchHit& b) { return a.article.id > b.article.id; });
      ranked_end = results.hits.begin() + query.ranked;
      for (auto it = ranked_end; it != results.hits.end(); ++it) it->score = 0;
    }
    std::stable_sort(results.hits.begin(), ranked_end, [](const core::SearchHit& a, const core::SearchHit& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.article.published_at != b.article.published_at) return a.article.published_at > b.article.published_at;
      return a.article.id > b.article.id;
    });
  }
  results.total = static_cast<std::int64_t>(results.hits.size());
  std::size_t begin = std::min(results.hits.size(), static_cast<std::size_t>(std::max(0, query.offset)));
  std::size_t end = std::min(results.hits.size(), begin + static_cast<std::size_t>(query.limit));
  results.hits = std::vector<core::SearchHit>(std::make_move_iterator(results.hits.begin() + begin),
                                              std::make_move_iterator(results.hits.begin() + end));
  return results;
}

base::Result<std::int64_t> Reindex(const MemoryState& s) {
  core::ArticleQuery published;
  return s.CountArticles(published);
}

}  // namespace gazette::storage::memory_search
