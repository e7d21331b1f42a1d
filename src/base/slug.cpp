#include "base/slug.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace gazette::base {
namespace {

// ICU transliterators are not safe to share between threads; each thread
// builds its own once (building one takes milliseconds).
icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return instance.get();
}

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Marks that transliteration leaves inside a word (soft/hard signs become
// quotes, a syllable break becomes a middle dot): dropped, not separators.
bool IsInWordMark(std::string_view s, std::size_t i, std::size_t& length) {
  if (s[i] == '\'' || s[i] == '"' || s[i] == '`') {
    length = 1;
    return true;
  }
  if (s.compare(i, 2, "\xC2\xB7") == 0) {  // U+00B7 middle dot
    length = 2;
    return true;
  }
  return false;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string Slugify(std::string_view text, std::size_t max_length) {
  std::string latin;
  // ASCII passes through the transliterator unchanged (lower case is made below).
  if (IsAscii(text)) {
    latin.assign(text);
  } else if (icu::Transliterator* t = ThreadTransliterator()) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    t->transliterate(u);
    u.toUTF8String(latin);
  } else {
    latin.assign(text);
  }

  std::string slug;
  bool pending_dash = false;
  for (std::size_t i = 0; i < latin.size();) {
    char c = latin[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::size_t mark_length = 0;
    if (IsAsciiAlnum(c)) {
      if (pending_dash && !slug.empty()) slug.push_back('-');
      pending_dash = false;
      slug.push_back(c);
      ++i;
    } else if (IsInWordMark(latin, i, mark_length)) {
      i += mark_length;
    } else {
      pending_dash = true;
      ++i;
    }
  }
  if (slug.size() > max_length) {
    std::size_t cut = slug.rfind('-', max_length);
    slug.resize(cut != std::string::npos && cut > max_length / 2 ? cut : max_length);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug;
}

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (char c : slug) {
    if (!IsAsciiAlnum(c) && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

}  // namespace gazette::base
