// Words for full-text search: where the words of a text are, and the key
// each one is indexed and looked up by. A key is the word case-folded
// (Unicode), with 'ё' read as 'е', and stemmed by Snowball (libstemmer):
// words with Cyrillic letters by the Russian stemmer, Latin ones by the
// English stemmer, others left as they are. So "Выборы" and "выборов" share
// the key "выбор", "running" and "runs" the key "run". Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::base {

// A word of a text: bytes [begin, end) of the UTF-8 it was found in.
struct WordSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The words of UTF-8 `text`: runs of letters, digits and combining marks;
// everything else (spaces, punctuation, bytes that are not UTF-8) separates.
std::vector<WordSpan> FindWords(std::string_view text);

// The word case-folded, with 'ё' as 'е' (the form prefixes are matched in).
std::string FoldWord(std::string_view word);

// The search key of a word (folded and stemmed).
std::string WordKey(std::string_view word);

// The keys of every word of `text`, in order.
std::vector<std::string> WordKeys(std::string_view text);

// The text of an HTML fragment made by the Markdown renderer: tags dropped
// (block ends and <br> become spaces), entities decoded.
std::string HtmlText(std::string_view html);

}  // namespace gazette::base
