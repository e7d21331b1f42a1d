// A short plain excerpt of an article body for teasers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gazette::render {

// The text of the first paragraph of `body_html` (HTML made by
// MarkdownToHtml), tags removed, entities kept, cut at a word boundary to at
// most about `max_chars` characters with "…" added when cut. The result is
// safe to insert into a page as HTML (it holds no tags).
std::string HtmlExcerpt(std::string_view body_html, std::size_t max_chars);

}  // namespace gazette::render
