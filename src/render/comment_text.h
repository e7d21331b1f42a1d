// Readers' comments: a small Markdown subset (paragraphs, line breaks,
// emphasis, links, quotes, lists, code) turned into HTML that is safe to put
// in a page as is.
//
// cmark-gfm renders the Markdown (raw HTML dropped, a newline is a line
// break, bare URLs become links); an allow-list sanitizer built on Gumbo then
// re-parses that HTML and writes out only p, br, em, strong, a, blockquote,
// ul, ol, li, code and pre, with no attribute but a link's http(s)/mailto
// href (plus rel="nofollow ugc noopener") and a list's start. Anything else
// keeps its text only. Quotes, lists and inline elements nested more than 32
// deep (a list level counts twice, list and item) are flattened to text.
// A line of plain text, most comments, skips all that (plain_comment.h).
#pragma once

#include <string>
#include <string_view>

namespace gazette::render {

// A reader's comment, in a small Markdown subset, turned into HTML that is
// safe to insert into a page as is. Thread-safe.
std::string CommentToHtml(std::string_view markdown);

}  // namespace gazette::render
