#include "search/highlight.h"

#include "core/search.h"

namespace gazette::search {

std::string MarkedHtml(std::string_view marked) {
  std::string out;
  out.reserve(marked.size() + 32);
  bool open = false;
  for (char c : marked) {
    switch (c) {
      case core::kMarkStart:
        if (!open) out += "<mark>";
        open = true;
        break;
      case core::kMarkEnd:
        if (open) out += "</mark>";
        open = false;
        break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Other control characters have no place in HTML text.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        out += c;
    }
  }
  if (open) out += "</mark>";
  return out;
}

std::string Unmarked(std::string_view marked) {
  std::string out;
  out.reserve(marked.size());
  for (char c : marked) {
    if (c != core::kMarkStart && c != core::kMarkEnd) out += c;
  }
  return out;
}

}  // namespace gazette::search
