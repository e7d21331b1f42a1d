#include "search/query.h"

#include <algorithm>

#include "base/words.h"

namespace gazette::search {

std::vector<core::SearchTerm> ParseQuery(std::string_view text, bool prefix_last) {
  std::vector<core::SearchTerm> terms;
  bool last_is_word = false;
  auto add = [&](core::SearchTerm term) {
    bool seen = std::any_of(terms.begin(), terms.end(), [&](const core::SearchTerm& t) {
      if (t.words.size() != term.words.size()) return false;
      for (std::size_t i = 0; i < t.words.size(); ++i) {
        if (base::WordKey(t.words[i]) != base::WordKey(term.words[i])) return false;
      }
      return true;
    });
    if (seen || terms.size() >= kMaxTerms) return false;
    terms.push_back(std::move(term));
    return true;
  };
  // Quotes split the text into parts: outside, inside, outside... A quote
  // left open makes the rest a phrase.
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '"') continue;
    std::string_view part = text.substr(start, i - start);
    std::vector<std::string> words;
    for (const base::WordSpan& w : base::FindWords(part)) words.emplace_back(part.substr(w.begin, w.end - w.begin));
    if (quoted) {
      if (!words.empty()) {
        last_is_word = false;
        add(core::SearchTerm{std::move(words), false});
      }
    } else {
      for (std::string& word : words) last_is_word = add(core::SearchTerm{{std::move(word)}, false});
    }
    quoted = !quoted;
    start = i + 1;
  }
  if (prefix_last && last_is_word && !terms.empty() && terms.back().words.size() == 1) {
    // Only when the text ends inside that word: "harb" but not "harb " or "harb,".
    std::vector<base::WordSpan> spans = base::FindWords(text);
    if (!spans.empty() && spans.back().end == text.size()) terms.back().prefix = true;
  }
  return terms;
}

}  // namespace gazette::search
