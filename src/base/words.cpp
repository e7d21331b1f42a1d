#include "base/words.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>

namespace gazette::base {
namespace {

// Words longer than this are kept as they are (no stemming): no language
// has such words, and the stemmers need not see them.
constexpr std::size_t kMaxStemmedBytes = 96;

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool IsWordCharacter(UChar32 c) {
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using Stemmer = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// One stemmer per language and thread: libstemmer's stemmers keep state.
std::string Stem(std::string_view folded, const char* language) {
  thread_local Stemmer russian(sb_stemmer_new("russian", "UTF_8"));
  thread_local Stemmer english(sb_stemmer_new("english", "UTF_8"));
  sb_stemmer* stemmer = language[0] == 'r' ? russian.get() : english.get();
  if (!stemmer) return std::string(folded);
  const sb_symbol* out =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
  if (!out) return std::string(folded);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
}

// The script that decides the stemmer: that of the first letter.
const char* LanguageOf(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    UChar32 c;
    U8_NEXT(word.data(), i, word.size(), c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) return nullptr;
    if (script == USCRIPT_CYRILLIC) return "russian";
    if (script == USCRIPT_LATIN) return "english";
    return nullptr;
  }
  return nullptr;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Tags inside a line of text: no word boundary at them.
bool IsInlineTag(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kInline = {"a",   "em",  "strong", "code", "del", "span", "sup",
                                                               "sub", "s",   "b",      "i",    "u",   "mark", "abbr"};
  for (std::string_view tag : kInline) {
    if (name == tag) return true;
  }
  return false;
}

// The character an entity names (without '&' and ';'); 0 when unknown.
std::uint32_t Entity(std::string_view name) {
  if (name == "amp") return '&';
  if (name == "lt") return '<';
  if (name == "gt") return '>';
  if (name == "quot") return '"';
  if (name == "apos") return '\'';
  if (name == "nbsp") return ' ';
  if (name.size() >= 2 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::uint32_t cp = 0;
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    for (char c : digits) {
      int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    return cp;
  }
  return 0;
}

}  // namespace

std::vector<WordSpan> FindWords(std::string_view text) {
  std::vector<WordSpan> words;
  std::size_t start = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    bool word;
    if (auto byte = static_cast<unsigned char>(text[i]); byte < 0x80) {  // ASCII: letters and digits only
      word = IsAsciiAlnum(byte);
      ++i;
    } else {
      UChar32 c;
      U8_NEXT(text.data(), i, text.size(), c);
      word = c >= 0 && IsWordCharacter(c);
    }
    if (word && !in_word) start = at;
    if (!word && in_word) words.push_back({start, at});
    in_word = word;
  }
  if (in_word) words.push_back({start, text.size()});
  return words;
}

std::string FoldWord(std::string_view word) {
  if (IsAscii(word)) {
    std::string out(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  icu::UnicodeString folded =
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size()))).foldCase();
  folded.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0451)), icu::UnicodeString(static_cast<UChar32>(0x0435)));
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::string WordKey(std::string_view word) {
  std::string folded = FoldWord(word);
  if (folded.size() > kMaxStemmedBytes) return folded;
  const char* language = LanguageOf(folded);
  return language ? Stem(folded, language) : folded;
}

std::vector<std::string> WordKeys(std::string_view text) {
  std::vector<std::string> keys;
  for (const WordSpan& w : FindWords(text)) keys.push_back(WordKey(text.substr(w.begin, w.end - w.begin)));
  return keys;
}

std::string HtmlText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  bool space = true;  // the last thing written was a space (or nothing)
  auto put_space = [&] {
    if (!space) out += ' ';
    space = true;
  };
  for (std::size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      std::size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, close - i - 1);
      if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
      std::size_t name_end = 0;
      while (name_end < tag.size() && tag[name_end] != ' ' && tag[name_end] != '/' && tag[name_end] != '\n') ++name_end;
      if (!IsInlineTag(tag.substr(0, name_end))) put_space();
      i = close + 1;
    } else if (c == '&') {
      std::size_t semi = html.find(';', i);
      std::uint32_t cp = semi != std::string_view::npos && semi - i <= 10 ? Entity(html.substr(i + 1, semi - i - 1)) : 0;
      if (cp == 0) {
        out += '&';
        space = false;
        ++i;
      } else if (cp == ' ') {
        put_space();
        i = semi + 1;
      } else {
        AppendUtf8(out, cp);
        space = false;
        i = semi + 1;
      }
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      put_space();
      ++i;
    } else {
      out += c;
      space = false;
      ++i;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace gazette::base
