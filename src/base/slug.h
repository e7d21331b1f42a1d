// Readable URL slugs from any text: "Путин встретится с Уиткоффом" becomes
// "putin-vstretitsya-s-uitkoffom".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gazette::base {

// Transliterates to ASCII (Russian by the BGN/PCGN system, other scripts by
// ICU's Any-Latin), lower-cases, and joins words with '-'. The result holds
// only [a-z0-9-], has no leading, trailing or doubled '-', and is at most
// `max_length` bytes, cut at a word boundary where one exists. It is empty
// when the text has no letters or digits. Thread-safe.
std::string Slugify(std::string_view text, std::size_t max_length = 80);

// True when `slug` is non-empty and already in the form Slugify produces.
bool IsValidSlug(std::string_view slug);

}  // namespace gazette::base
