// Markdown (CommonMark with GitHub's tables, strikethrough and autolinks)
// to HTML that is safe to put in a page as is: raw HTML in the source is
// dropped and links or images with scripting schemes lose their target.
#pragma once

#include <string>
#include <string_view>

namespace gazette::render {

// Thread-safe.
std::string MarkdownToHtml(std::string_view markdown);

// Registers cmark-gfm's extensions, once per process (cmark's own registry
// is not thread-safe). Both Markdown renderers call it first.
void RegisterMarkdownExtensions();

}  // namespace gazette::render
