// What a reader types into the search box, read as search terms: words,
// and phrases in double quotes. Nothing else is syntax: operators, stars,
// brackets and a quote left open are read as (or between) plain words, so
// no input can make the index's query language fail.
#pragma once

#include <string_view>
#include <vector>

#include "core/search.h"

namespace gazette::search {

// At most this many terms are used; the words after them are ignored.
inline constexpr std::size_t kMaxTerms = 16;

// The terms of `text`, duplicates dropped. With `prefix_last` (search as
// you type), the last word, when it stands alone and the text does not end
// with a space, also matches the words it begins.
std::vector<core::SearchTerm> ParseQuery(std::string_view text, bool prefix_last = false);

}  // namespace gazette::search
