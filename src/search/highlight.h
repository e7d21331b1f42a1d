// Marked text from the search index (core::kMarkStart/kMarkEnd around the
// matches) as HTML: every character escaped, the marks turned into <mark>
// elements that always nest and close, whatever the text holds.
#pragma once

#include <string>
#include <string_view>

namespace gazette::search {

std::string MarkedHtml(std::string_view marked);

// The text without its marks.
std::string Unmarked(std::string_view marked);

}  // namespace gazette::search
