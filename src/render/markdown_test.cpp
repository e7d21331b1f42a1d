#include "render/markdown.h"

#include <gtest/gtest.h>

namespace gazette::render {
namespace {

TEST(MarkdownToHtml, RendersCommonMarkAndTables) {
  EXPECT_EQ(MarkdownToHtml("Hello *world*"), "<p>Hello <em>world</em></p>\n");
  std::string table = MarkdownToHtml("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(table.find("<table>"), std::string::npos);
  EXPECT_NE(MarkdownToHtml("~~gone~~").find("<del>gone</del>"), std::string::npos);
  EXPECT_NE(MarkdownToHtml("see https://example.org now").find("<a href=\"https://example.org\">"), std::string::npos);
}

TEST(MarkdownToHtml, RawHtmlNeverPassesThrough) {
  for (const char* evil : {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                           "<svg onload=alert(1)></svg>", "text <b onclick=\"x()\">bold</b>",
                           "<iframe src=\"https://evil.example\"></iframe>"}) {
    std::string html = MarkdownToHtml(evil);
    EXPECT_EQ(html.find("<script"), std::string::npos) << evil;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << evil;
    EXPECT_EQ(html.find("onload"), std::string::npos) << evil;
    EXPECT_EQ(html.find("onclick"), std::string::npos) << evil;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << evil;
  }
}

TEST(MarkdownToHtml, ScriptingLinksLoseTheirTarget) {
  for (const char* evil : {"[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](vbscript:msgbox)",
                           "![x](javascript:alert(1))", "<javascript:alert(1)>"}) {
    std::string html = MarkdownToHtml(evil);
    for (const char* attribute : {"href=\"javascript", "href=\"JAVASCRIPT", "href=\"vbscript", "src=\"javascript"}) {
      EXPECT_EQ(html.find(attribute), std::string::npos) << evil << " -> " << html;
    }
  }
}

TEST(MarkdownToHtml, TextIsEscaped) {
  EXPECT_EQ(MarkdownToHtml("1 < 2 & \"q\""), "<p>1 &lt; 2 &amp; &quot;q&quot;</p>\n");
}

}  // namespace
}  // namespace gazette::render
