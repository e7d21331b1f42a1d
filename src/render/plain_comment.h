// Most readers' comments are a line of plain text: Markdown makes one
// paragraph of it and the sanitizer keeps it as it is. CommentToHtml writes
// such text out directly (the same bytes, held to the full path by a test
// over random texts), which spares the parse, the render and the re-parse.
#pragma once

#include <string_view>

namespace gazette::render {

// Plain means: no line break or control character, valid UTF-8, starting
// with a letter (no list, quote, heading or code block), not ending in a
// space, none of the characters that make Markdown markup, entities or links
// (* _ ` [ ] < > & \ # | ~ { } ^ / @), no "www.", and none of the Unicode
// spaces, joiners and marks that could end or start a line differently.
bool IsPlainParagraph(std::string_view text);

}  // namespace gazette::render
