// libFuzzer target: whatever a reader types, the comment's HTML holds only
// the allowed tags, balanced; a link only as <a href="http(s)/mailto"
// rel="nofollow ugc noopener">; a list only with a numeric start; text and
// values escaped; valid UTF-8; and it reads back the same through the
// sanitizer (so a browser's parse sees what was written). The same input is
// also given to the sanitizer as HTML, which cmark never makes but which the
// sanitizer must survive with the same guarantees (but the last).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "render/comment_text.h"

namespace gazette::render::comment_text_internal {
// Defined in render/comment_text.cpp, left out of the header on purpose.
std::string SanitizeCommentHtml(std::string_view html);
}  // namespace gazette::render::comment_text_internal

namespace {

const std::set<std::string, std::less<>> kBare = {"p",  "br", "em", "strong", "blockquote",
                                                  "ul", "ol", "li", "code",   "pre"};
constexpr std::string_view kLinkStart = "a href=\"";
constexpr std::string_view kLinkEnd = "\" rel=\"nofollow ugc noopener\"";

[[noreturn]] void Fail() { std::abort(); }

// Reverses the output's escaping; any other '&' is a failure.
std::string Unescape(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '&') {
      out += value[i];
      continue;
    }
    bool known = false;
    for (auto [entity, c] : {std::pair<std::string_view, char>{"&amp;", '&'},
                             {"&lt;", '<'},
                             {"&gt;", '>'},
                             {"&quot;", '"'},
                             {"&#39;", '\''}}) {
      if (value.substr(i).starts_with(entity)) {
        out += c;
        i += entity.size() - 1;
        known = true;
        break;
      }
    }
    if (!known) Fail();
  }
  return out;
}

// As a browser reads an href: C0 controls and spaces trimmed, tabs and
// newlines dropped, then the scheme.
void CheckHref(std::string_view escaped) {
  std::string value = Unescape(escaped);
  std::size_t begin = 0, end = value.size();
  while (begin < end && static_cast<unsigned char>(value[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(value[end - 1]) <= 0x20) --end;
  std::string url;
  for (std::size_t i = begin; i < end; ++i) {
    char c = value[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    url += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (!url.starts_with("http:") && !url.starts_with("https:") && !url.starts_with("mailto:")) Fail();
}

// One tag's text (between '<' and '>'); `open` holds the elements open.
void CheckTag(std::string_view tag, std::vector<std::string>& open) {
  if (tag.starts_with("/")) {
    std::string_view name = tag.substr(1);
    if (name == "br" || open.empty() || open.back() != name) Fail();  // open holds allowed names only
    open.pop_back();
    return;
  }
  if (tag.starts_with(kLinkStart)) {
    std::string_view rest = tag.substr(kLinkStart.size());
    std::size_t quote = rest.find('"');
    if (quote == std::string_view::npos || rest.substr(quote) != kLinkEnd) Fail();
    CheckHref(rest.substr(0, quote));
    open.emplace_back("a");
    return;
  }
  if (tag.starts_with("ol start=\"")) {
    std::string_view number = tag.substr(10);
    if (number.size() < 2 || number.back() != '"') Fail();
    number.remove_suffix(1);
    if (number.size() > 9 || number[0] < '1' || number[0] > '9') Fail();
    for (char c : number) {
      if (c < '0' || c > '9') Fail();
    }
    open.emplace_back("ol");
    return;
  }
  if (!kBare.count(tag)) Fail();
  if (tag != "br") open.emplace_back(tag);
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    unsigned int cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

void Check(std::string_view html) {
  if (!IsValidUtf8(html)) Fail();
  std::vector<std::string> open;
  std::size_t text_start = 0;
  while (text_start <= html.size()) {
    std::size_t lt = html.find('<', text_start);
    std::string_view text =
        html.substr(text_start, lt == std::string_view::npos ? std::string_view::npos : lt - text_start);
    // Text is escaped: no '>' or '"', and every '&' starts an entity.
    if (text.find_first_of(">\"") != std::string_view::npos) Fail();
    Unescape(text);
    if (lt == std::string_view::npos) break;
    std::size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) Fail();
    CheckTag(html.substr(lt + 1, gt - lt - 1), open);
    text_start = gt + 1;
  }
  if (!open.empty()) Fail();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using gazette::render::comment_text_internal::SanitizeCommentHtml;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string comment = gazette::render::CommentToHtml(input);
  Check(comment);
  if (SanitizeCommentHtml(comment) != comment) Fail();

  Check(SanitizeCommentHtml(input));
  return 0;
}
