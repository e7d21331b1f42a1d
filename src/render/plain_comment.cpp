#include "render/plain_comment.h"

#include <string_view>

#include "base/text.h"

namespace gazette::render {

namespace {

bool AsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool Plain(unsigned char c) {
  if (c >= 0x80 || AsciiLetter(c) || (c >= '0' && c <= '9')) return true;
  return std::string_view(" .,;:?!'\"()-+=%$").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

bool IsPlainParagraph(std::string_view text) {
  if (text.empty() || text.size() > 4096 || text.back() == ' ') return false;
  auto first = static_cast<unsigned char>(text.front());
  if (!AsciiLetter(first) && first < 0x80) return false;
  for (unsigned char c : text) {
    if (!Plain(c)) return false;
  }
  if (!base::IsValidUtf8(text)) return false;
  // Non-ASCII only from letters' blocks: no spaces, joiners or marks that
  // might end or start a line differently (U+0080 to U+00BF, U+2000 to
  // U+207F, U+3000, U+FEFF). In valid UTF-8 these lead bytes start a
  // character wherever they stand.
  for (std::string_view mark : {"\xC2", "\xE2\x80", "\xE2\x81", "\xE3\x80\x80", "\xEF\xBB\xBF"}) {
    if (text.find(mark) != std::string_view::npos) return false;
  }
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {  // "www.", in any case, would become a link
    if ((text[i] | 0x20) == 'w' && (text[i + 1] | 0x20) == 'w' && (text[i + 2] | 0x20) == 'w' && text[i + 3] == '.') {
      return false;
    }
  }
  return true;
}

}  // namespace gazette::render
