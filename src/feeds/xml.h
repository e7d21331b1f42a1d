// A small XML 1.0 writer for feeds and sitemaps. Every text and attribute
// value goes through XmlEscape, so what readers or staff wrote can never
// open or close an element; element and attribute names are the code's own.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/time.h"

namespace gazette::feeds {

// `text` escaped for XML 1.0 text and attribute values (& < > " '), with
// what XML 1.0 cannot hold replaced: control characters other than tab,
// line feed and carriage return are dropped, U+FFFE and U+FFFF too, and
// bytes that are not UTF-8 become U+FFFD.
std::string XmlEscape(std::string_view text);

// `text` escaped for HTML (& < > "), for plain text put into an HTML field.
std::string HtmlEscape(std::string_view text);

// Times as feeds and sitemaps want them, in UTC:
// "Wed, 25 Nov 2026 16:29:00 +0000" (RFC 822, RSS) and
// "2026-11-25T16:29:00Z" (RFC 3339, Atom; W3C datetime, sitemaps).
std::string Rfc822(base::Timestamp t);
std::string Rfc3339(base::Timestamp t);

using Attributes = std::vector<std::pair<std::string_view, std::string_view>>;

// Writes one document, an element a line:
//   XmlWriter xml;
//   xml.Open("urlset", {{"xmlns", kNs}}).Open("url").Element("loc", url).Close().Close();
//   std::string body = std::move(xml).Finish();
class XmlWriter {
 public:
  XmlWriter();  // starts with the XML declaration (UTF-8)

  XmlWriter& Open(std::string_view name, const Attributes& attributes = {});
  // Closes the innermost open element.
  XmlWriter& Close();
  // <name attributes>text</name>
  XmlWriter& Element(std::string_view name, std::string_view text, const Attributes& attributes = {});
  // <name attributes/>
  XmlWriter& Empty(std::string_view name, const Attributes& attributes);

  // Closes what is still open and returns the document.
  std::string Finish() &&;

 private:
  void StartTag(std::string_view name, const Attributes& attributes);
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace gazette::feeds
