#include "render/plain_comment.h"

#include <string>

#include "base/text.h"

namespace gazette::render {

bool IsPlainParagraph(std::string_view text) {
  if (text.empty() || text.size() > 4096 || text.back() == ' ') return false;
  auto letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; };
  if (!letter(static_cast<unsigned char>(text.front()))) return false;
  for (unsigned char c : text) {
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) continue;
    switch (c) {
      case ' ': case '.': case ',': case ';': case ':': case '?': case '!': case '\'':
      case '"': case '(': case ')': case '-': case '+': case '=': case '%': case '$':
        continue;
      default:
        return false;
    }
  }
  if (!base::IsValidUtf8(text)) return false;
  // Non-ASCII only from letters' blocks: no spaces, joiners or marks that
  // might end or start a line differently (U+0080 to U+00BF, U+2000 to
  // U+206F, U+3000, U+FEFF).
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2) return false;
    if (c == 0xE2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) return false;
    if (c == 0xE2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x81) return false;
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {
      return false;
    }
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
        static_cast<unsigned char>(text[i + 2]) == 0xBF) {
      return false;
    }
  }
  std::string lower = base::AsciiLower(text);
  return lower.find("www.") == std::string::npos;
}

}  // namespace gazette::render
