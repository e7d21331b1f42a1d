// libFuzzer target: whatever Markdown comes in, every tag that goes out is
// one Markdown makes, with no event handler and no scripting link.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "render/excerpt.h"
#include "render/markdown.h"

namespace {

const std::set<std::string, std::less<>> kTags = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "a", "img", "code", "pre", "blockquote", "ul",
    "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "input", "!--"};
const std::set<std::string, std::less<>> kAttributes = {"href", "src", "alt", "title", "align", "start", "class",
                                                        "type", "checked", "disabled", "lang"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// Checks one tag's text (between '<' and '>'); aborts on anything unsafe.
void CheckTag(std::string_view tag) {
  if (tag.starts_with("!--")) return;  // cmark's "<!-- raw HTML omitted -->"
  if (tag.starts_with("/")) tag.remove_prefix(1);
  std::size_t end = tag.find_first_of(" /");
  std::string name = Lower(tag.substr(0, end));
  if (!kTags.count(name)) std::abort();
  // Attributes: name="value" pairs; values are escaped, so a '"' ends them.
  std::size_t i = end == std::string_view::npos ? tag.size() : end;
  while (i < tag.size()) {
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '/')) ++i;
    std::size_t eq = tag.find('=', i);
    std::size_t stop = tag.find_first_of(" /", i);
    if (i >= tag.size()) break;
    if (eq == std::string_view::npos || (stop != std::string_view::npos && stop < eq)) {
      std::string flag = Lower(tag.substr(i, stop == std::string_view::npos ? std::string_view::npos : stop - i));
      if (!kAttributes.count(flag)) std::abort();
      i = stop == std::string_view::npos ? tag.size() : stop;
      continue;
    }
    std::string attribute = Lower(tag.substr(i, eq - i));
    if (!kAttributes.count(attribute) || tag.size() <= eq + 1 || tag[eq + 1] != '"') std::abort();
    std::size_t close = tag.find('"', eq + 2);
    if (close == std::string_view::npos) std::abort();
    std::string value = Lower(tag.substr(eq + 2, close - eq - 2));
    if (attribute == "href" || attribute == "src") {
      for (const char* scheme : {"javascript:", "vbscript:", "file:"}) {
        if (value.starts_with(scheme)) std::abort();
      }
      if (value.starts_with("data:") && attribute != "src") std::abort();
    }
    i = close + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view markdown(reinterpret_cast<const char*>(data), size);
  std::string html = gazette::render::MarkdownToHtml(markdown);
  // Text is escaped, so every '<' left in the HTML opens a tag.
  for (std::size_t open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
    std::size_t close = html.find('>', open);
    if (close == std::string::npos) std::abort();
    CheckTag(std::string_view(html).substr(open + 1, close - open - 1));
  }
  std::string excerpt = gazette::render::HtmlExcerpt(html, 120);
  if (excerpt.find('<') != std::string::npos) std::abort();
  return 0;
}
