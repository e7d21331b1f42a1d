// Small text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gazette::base {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Number of Unicode code points in well-formed UTF-8 text.
std::size_t CountCodePoints(std::string_view text);

// `text` without leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view text);

// Splits on '\n', dropping a '\r' before it; a final line without '\n' counts.
std::vector<std::string_view> SplitLines(std::string_view text);

// ASCII-only lower case; other bytes are left alone.
std::string AsciiLower(std::string_view text);

// True when the string has a control character other than tab: C0, DEL,
// or C1 (U+0080 to U+009F).
bool HasControlCharacters(std::string_view text);

// True when the text holds invisible formatting characters (Unicode's Cf:
// zero-width spaces, bidirectional overrides...), which let a name pose as
// another or show as nothing.
bool HasFormatCharacters(std::string_view text);

// The words of `text` for matching: case-folded (Unicode), 'ё' read as 'е',
// split on anything that is not a letter or digit. Uses ICU; thread-safe.
std::vector<std::string> MatchingWords(std::string_view text);

// The same words joined by single spaces, folded a character at a time
// (simple case folding: "ß" stays): fast, for keys of whole texts. Bytes
// that are not UTF-8 separate words.
std::string FoldedWords(std::string_view text);

}  // namespace gazette::base
