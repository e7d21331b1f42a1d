#include "render/excerpt.h"

namespace gazette::render {

std::string HtmlExcerpt(std::string_view html, std::size_t max_chars) {
  std::size_t start = html.find("<p>");
  if (start == std::string_view::npos) return {};
  std::size_t end = html.find("</p>", start);
  std::string_view paragraph = html.substr(start + 3, end == std::string_view::npos ? std::string_view::npos : end - start - 3);

  // MarkdownToHtml escapes every '<' of text, so each '<' left opens a tag.
  std::string text;
  bool in_tag = false;
  for (char c : paragraph) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
    } else if (!in_tag) {
      bool space = c == '\n' || c == '\t' || c == ' ';
      if (space && (text.empty() || text.back() == ' ')) continue;
      text += space ? ' ' : c;
    }
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();

  // Count characters as readers see them: a code point, or an entity.
  std::size_t chars = 0, last_space = std::string::npos;
  for (std::size_t i = 0; i < text.size();) {
    if (chars >= max_chars) {
      std::size_t cut = text[i] == ' ' || last_space == std::string::npos ? i : last_space;
      text.resize(cut);
      while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == ';')) text.pop_back();
      return text + "\u2026";
    }
    if (text[i] == ' ') last_space = i;
    if (text[i] == '&') {
      std::size_t semi = text.find(';', i);
      i = semi == std::string::npos ? i + 1 : semi + 1;
    } else {
      ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    ++chars;
  }
  return text;
}

}  // namespace gazette::render
