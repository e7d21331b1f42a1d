#include "render/comment_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace gazette::render {

namespace comment_text_internal {
// Defined in comment_text.cpp, left out of the header on purpose.
std::string SanitizeCommentHtml(std::string_view html);
std::string RenderAndSanitize(std::string_view markdown);
}  // namespace comment_text_internal

namespace {

using comment_text_internal::SanitizeCommentHtml;

constexpr std::string_view kRel = " rel=\"nofollow ugc noopener\"";

std::string Link(std::string_view href, std::string_view text) {
  return "<a href=\"" + std::string(href) + "\"" + std::string(kRel) + ">" + std::string(text) + "</a>";
}

std::size_t Count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// The tags and attributes a hostile input must never produce, whatever else
// happens. Text is escaped, so "onerror=" in text is harmless; only what
// stands inside a tag counts.
void ExpectNothingActive(const std::string& html, std::string_view input) {
  for (const char* bad : {"<script", "<img", "<svg", "<iframe", "<style", "<math", "<object", "<embed", "<form",
                          "<input", "<textarea", "<template", "<base", "<meta", "<link"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << input << " -> " << html;
  }
  for (std::size_t open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
    std::string tag = html.substr(open, html.find('>', open) - open);
    for (const char* bad : {"onerror", "onload", "onclick", "javascript:", "vbscript:", "data:", "file:", "style=",
                            "src="}) {
      EXPECT_EQ(tag.find(bad), std::string::npos) << input << " -> " << html;
    }
  }
}

// --- Plain text ----------------------------------------------------------------

// Plain text skips Markdown and the sanitizer; whatever the text, the result
// is what the full path gives. Random texts from the characters that plain
// text may hold, with now and then one that makes markup (and so the full
// path), in ASCII and in other scripts.
TEST(CommentToHtml, PlainTextGivesWhatTheFullPathGives) {
  const std::vector<std::string> pieces = {
      "a", "Z", "q", "7", "0", " ", " ", "  ", ".", ",", ";", ":", "?", "!", "'", "\"", "(", ")", "-", "+", "=", "%",
      "$", "1.", "2)", "www.", "WWW.", "http", "//", "@", "*", "_", "`", "[", "]", "<", ">", "&", "\\", "#", "|",
      "~", "{", "}", "^", "/", "\n", "\t", "\r", "Привет", "мир", "新闻", "é", "ß", "🙂", "\u00a0", "\u00ab",
      "\u2003", "\u200b", "\u2028", "\u3000", "\ufeff", "&amp;", "---", "==="};
  std::mt19937 random(20261205);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(1, 12), first(0, 2);
  int plain = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = first(random) == 0 ? pieces[pick(random)] : std::string(1, "AbcxyZ"[i % 6]);
    for (std::size_t n = length(random); n > 0; --n) {
      std::string piece = pieces[pick(random)];
      // Mostly letters, digits and punctuation, so that many texts are plain.
      if (i % 2 == 0 && (piece.size() == 1 && std::string_view("*_`[]<>&\\#|~{}^/@\n\t\r").find(piece[0]) != std::string_view::npos)) {
        piece = "w";
      }
      text += piece;
    }
    std::string fast = CommentToHtml(text);
    ASSERT_EQ(fast, comment_text_internal::RenderAndSanitize(text)) << "text: " << text;
    if (fast.rfind("<p>", 0) == 0 && Count(fast, "<") == 2) ++plain;
  }
  EXPECT_GT(plain, 2000);  // the texts did reach the plain path's kind of output
}

TEST(CommentToHtml, PlainTextIsEscapedAsTheFullPathDoes) {
  EXPECT_EQ(CommentToHtml("Reader comment 0-1-123: the tram line should reach the harbour by spring."),
            "<p>Reader comment 0-1-123: the tram line should reach the harbour by spring.</p>\n");
  EXPECT_EQ(CommentToHtml("He said \"no\" (twice) - it's 5% = $3"),
            "<p>He said &quot;no&quot; (twice) - it's 5% = $3</p>\n");
  EXPECT_EQ(CommentToHtml("Новости: трамвай пойдёт весной"), "<p>Новости: трамвай пойдёт весной</p>\n");
}

// --- Text and paragraphs -----------------------------------------------------

TEST(CommentToHtml, EmptyInputGivesEmptyOutput) {
  EXPECT_EQ(CommentToHtml(""), "");
  EXPECT_EQ(CommentToHtml("   \n\n\t\n"), "");
}

TEST(CommentToHtml, PlainTextAndParagraphs) {
  EXPECT_EQ(CommentToHtml("Hello, world"), "<p>Hello, world</p>\n");
  EXPECT_EQ(CommentToHtml("First.\n\nSecond."), "<p>First.</p>\n<p>Second.</p>\n");
  EXPECT_EQ(CommentToHtml("one\n\n\n\ntwo"), "<p>one</p>\n<p>two</p>\n");
  EXPECT_EQ(CommentToHtml("Привет, мир"), "<p>Привет, мир</p>\n");
}

TEST(CommentToHtml, TextIsEscaped) {
  EXPECT_EQ(CommentToHtml("1 < 2 & \"q\" it's"), "<p>1 &lt; 2 &amp; &quot;q&quot; it's</p>\n");
  EXPECT_EQ(CommentToHtml("a <3 b > c"), "<p>a &lt;3 b &gt; c</p>\n");
  // Entities in the source are decoded by Markdown, then escaped again.
  EXPECT_EQ(CommentToHtml("&lt;script&gt;alert(1)&lt;/script&gt;"), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  EXPECT_EQ(CommentToHtml("&amp;lt; &copy;"), "<p>&amp;lt; ©</p>\n");
}

TEST(CommentToHtml, NewlinesAreLineBreaks) {
  EXPECT_EQ(CommentToHtml("a\nb"), "<p>a<br>\nb</p>\n");
  EXPECT_EQ(CommentToHtml("a  \nb"), "<p>a<br>\nb</p>\n");
  EXPECT_EQ(CommentToHtml("a\\\nb"), "<p>a<br>\nb</p>\n");
  EXPECT_EQ(CommentToHtml("a\r\nb\rc"), "<p>a<br>\nb<br>\nc</p>\n");
}

TEST(CommentToHtml, EmphasisAndStrong) {
  EXPECT_EQ(CommentToHtml("*a* _b_ **c** __d__ ***e***"),
            "<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <em><strong>e</strong></em></p>\n");
  EXPECT_EQ(CommentToHtml("**bold *both* bold**"), "<p><strong>bold <em>both</em> bold</strong></p>\n");
  EXPECT_EQ(CommentToHtml("snake_case_name and 2*3*4"), "<p>snake_case_name and 2<em>3</em>4</p>\n");
}

TEST(CommentToHtml, NoTablesNoStrikethroughNoTaskLists) {
  EXPECT_EQ(CommentToHtml("| a | b |\n|---|---|\n| 1 | 2 |"), "<p>| a | b |<br>\n|---|---|<br>\n| 1 | 2 |</p>\n");
  EXPECT_EQ(CommentToHtml("~~gone~~"), "<p>~~gone~~</p>\n");
  EXPECT_EQ(CommentToHtml("- [ ] task"), "<ul>\n<li>[ ] task</li>\n</ul>\n");
}

// --- Links ---------------------------------------------------------------------

TEST(CommentToHtml, LinksWithAllowedSchemesGetRel) {
  EXPECT_EQ(CommentToHtml("[x](https://example.org/a?b=1&c=2)"),
            "<p>" + Link("https://example.org/a?b=1&amp;c=2", "x") + "</p>\n");
  EXPECT_EQ(CommentToHtml("[x](http://example.org)"), "<p>" + Link("http://example.org", "x") + "</p>\n");
  EXPECT_EQ(CommentToHtml("[write](mailto:desk@example.org)"),
            "<p>" + Link("mailto:desk@example.org", "write") + "</p>\n");
  EXPECT_EQ(CommentToHtml("[x](HTTPS://EXAMPLE.ORG)"), "<p>" + Link("HTTPS://EXAMPLE.ORG", "x") + "</p>\n");
  // The title goes; nothing but href and rel is written.
  EXPECT_EQ(CommentToHtml("[x](https://example.org \"Title\")"), "<p>" + Link("https://example.org", "x") + "</p>\n");
  EXPECT_EQ(CommentToHtml("[x][r]\n\n[r]: https://ref.example \"t\""),
            "<p>" + Link("https://ref.example", "x") + "</p>\n");
  // Quotes in a URL cannot break out of the attribute.
  EXPECT_EQ(CommentToHtml("[x](<https://e.example/\"onmouseover=alert(1)>)"),
            "<p>" + Link("https://e.example/%22onmouseover=alert(1)", "x") + "</p>\n");
  EXPECT_EQ(CommentToHtml("**[a *b* c](https://e.example)**"),
            "<p><strong>" + Link("https://e.example", "a <em>b</em> c") + "</strong></p>\n");
}

TEST(CommentToHtml, Autolinks) {
  EXPECT_EQ(CommentToHtml("see https://example.org/x now"),
            "<p>see " + Link("https://example.org/x", "https://example.org/x") + " now</p>\n");
  EXPECT_EQ(CommentToHtml("www.example.org"), "<p>" + Link("http://www.example.org", "www.example.org") + "</p>\n");
  EXPECT_EQ(CommentToHtml("mail desk@example.org"),
            "<p>mail " + Link("mailto:desk@example.org", "desk@example.org") + "</p>\n");
  EXPECT_EQ(CommentToHtml("<https://example.org>"),
            "<p>" + Link("https://example.org", "https://example.org") + "</p>\n");
  EXPECT_EQ(CommentToHtml("<desk@example.org>"),
            "<p>" + Link("mailto:desk@example.org", "desk@example.org") + "</p>\n");
}

TEST(CommentToHtml, RefusedLinksKeepTheirTextOnly) {
  for (const char* evil : {"[x](javascript:alert(1))",
                           "[x](JaVaScRiPt:alert(1))",
                           "[x](  javascript:alert(1))",
                           "[x](\t\tjavascript:alert(1))",
                           "[x](<\tjavascript:alert(1)>)",
                           "[x](<javascript:alert(1)>)",
                           "[x](java&#x09;script:alert(1))",
                           "[x](jav&#97;script:alert(1))",
                           "[x](&#106;avascript:alert(1))",
                           "[x](vbscript:msgbox(1))",
                           "[x](VBScript:msgbox(1))",
                           "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                           "[x](data:image/png;base64,AAAA)",
                           "[x](file:///etc/passwd)",
                           "[x](ftp://example.org/)",
                           "[x](//evil.example/)",
                           "[x](/relative/path)",
                           "[x](relative)",
                           "[x](#fragment)",
                           "[x](?q=1)",
                           "[x]()",
                           "[x](:nothing)"}) {
    EXPECT_EQ(CommentToHtml(evil), "<p>x</p>\n") << evil;
  }
  // An autolink with a scripting scheme stays visible as text.
  EXPECT_EQ(CommentToHtml("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>\n");
  EXPECT_EQ(CommentToHtml("[**x**](javascript:alert(1))"), "<p><strong>x</strong></p>\n");
}

// --- Raw HTML ------------------------------------------------------------------

TEST(CommentToHtml, RawHtmlIsShownAsTextNeverAsTags) {
  // What a reader types in angle brackets is what others read, escaped.
  EXPECT_EQ(CommentToHtml("<script>alert(1)</script>"), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  EXPECT_EQ(CommentToHtml("<img src=x onerror=alert(1)>"), "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
  EXPECT_EQ(CommentToHtml("<svg onload=alert(1)>"), "<p>&lt;svg onload=alert(1)&gt;</p>\n");
  EXPECT_EQ(CommentToHtml("<a href=\"javascript:x\">y</a>"), "<p>&lt;a href=&quot;javascript:x&quot;&gt;y&lt;/a&gt;</p>\n");
  EXPECT_EQ(CommentToHtml("a <script>alert(1)</script> b"), "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n");
  EXPECT_EQ(CommentToHtml("a <b onclick=\"x()\">bold</b> b"), "<p>a &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; b</p>\n");
  EXPECT_EQ(CommentToHtml("<!-- hidden --> text"), "<p>&lt;!-- hidden --&gt; text</p>\n");
  EXPECT_EQ(CommentToHtml("1 < 2 and 3 > 2"), "<p>1 &lt; 2 and 3 &gt; 2</p>\n");

  for (const char* evil :
       {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "<a href=\"javascript:x\">y</a>", "<iframe src=\"javascript:alert(1)\"></iframe>", "<style>*{}</style>",
        "x <math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>", "<form action=x><input></form>",
        "<base href=\"https://evil.example/\">", "<meta http-equiv=refresh content=\"0;url=javascript:x\">",
        "<p style=\"color:red\" onclick=\"x()\">p</p>", "x <textarea><script>alert(1)</script></textarea>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<![CDATA[<script>x</script>]]>",
        "<object data=\"data:text/html,x\"></object>", "[<img src=x onerror=alert(1)>](https://x.example)"}) {
    ExpectNothingActive(CommentToHtml(evil), evil);
  }
}

// --- Blocks --------------------------------------------------------------------

TEST(CommentToHtml, Quotes) {
  EXPECT_EQ(CommentToHtml("> quoted\n> text"), "<blockquote>\n<p>quoted<br>\ntext</p>\n</blockquote>\n");
  EXPECT_EQ(CommentToHtml("> a\n>\n> > b\n\nreply"),
            "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>\n<p>reply</p>\n");
}

TEST(CommentToHtml, Lists) {
  EXPECT_EQ(CommentToHtml("- a\n- b"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
  EXPECT_EQ(CommentToHtml("1. a\n2. b"), "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n");
  EXPECT_EQ(CommentToHtml("3. c\n4. d"), "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n");
  EXPECT_EQ(CommentToHtml("0. zero"), "<ol>\n<li>zero</li>\n</ol>\n");  // start must be positive
  EXPECT_EQ(CommentToHtml("- a\n\n  more\n- b"),
            "<ul>\n<li>\n<p>a</p>\n<p>more</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n");
}

TEST(CommentToHtml, InlineCodeAndCodeBlocksAreText) {
  EXPECT_EQ(CommentToHtml("use `<b>bold</b>` here"), "<p>use <code>&lt;b&gt;bold&lt;/b&gt;</code> here</p>\n");
  EXPECT_EQ(CommentToHtml("`a && b`"), "<p><code>a &amp;&amp; b</code></p>\n");
  EXPECT_EQ(CommentToHtml("```html\n<b>x</b>\n<script>alert(1)</script>\n```"),
            "<pre><code>&lt;b&gt;x&lt;/b&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n");
  EXPECT_EQ(CommentToHtml("    indented <b>\n    code"), "<pre><code>indented &lt;b&gt;\ncode\n</code></pre>\n");
  EXPECT_EQ(CommentToHtml("```\n\nblank first\n```"), "<pre><code>\nblank first\n</code></pre>\n");
  EXPECT_EQ(CommentToHtml("`*not em* [not](https://link)`"), "<p><code>*not em* [not](https://link)</code></p>\n");
}

TEST(CommentToHtml, HeadingsBecomeParagraphsAndRulesGo) {
  EXPECT_EQ(CommentToHtml("# Title"), "<p>Title</p>\n");
  EXPECT_EQ(CommentToHtml("###### *Small* [l](https://l.example)"),
            "<p><em>Small</em> " + Link("https://l.example", "l") + "</p>\n");
  EXPECT_EQ(CommentToHtml("Title\n=====\ntext"), "<p>Title</p>\n<p>text</p>\n");
  EXPECT_EQ(CommentToHtml("---"), "");
  EXPECT_EQ(CommentToHtml("a\n\n***\n\nb"), "<p>a</p>\n<p>b</p>\n");
}

TEST(CommentToHtml, ImagesBecomeTheirAltText) {
  EXPECT_EQ(CommentToHtml("![a cat](https://example.org/cat.png)"), "<p>a cat</p>\n");
  EXPECT_EQ(CommentToHtml("look: ![*the* \"cat\" & <dog>](cat.png \"t\")!"),
            "<p>look: the &quot;cat&quot; &amp; &lt;dog&gt;!</p>\n");
  EXPECT_EQ(CommentToHtml("![x](javascript:alert(1))"), "<p>x</p>\n");
  EXPECT_EQ(CommentToHtml("[![cat](https://example.org/c.png)](https://example.org/)"),
            "<p>" + Link("https://example.org/", "cat") + "</p>\n");
  EXPECT_EQ(CommentToHtml("![](https://example.org/c.png)"), "<p></p>\n");
}

TEST(CommentToHtml, NestedStructures) {
  EXPECT_EQ(CommentToHtml("1. a\n   - b *c* [d](https://d.example)\n     > e `f`\n2. g"),
            "<ol>\n<li>a\n<ul>\n<li>b <em>c</em> " + Link("https://d.example", "d") +
                "\n<blockquote>\n<p>e <code>f</code></p>\n</blockquote>\n</li>\n</ul>\n</li>\n<li>g</li>\n</ol>\n");
  EXPECT_EQ(CommentToHtml("> - # h\n>   ```\n>   <i>\n>   ```"),
            "<blockquote>\n<ul>\n<li>\n<p>h</p>\n<pre><code>&lt;i&gt;\n</code></pre>\n</li>\n</ul>\n</blockquote>\n");
  // A link in a link: the HTML parser closes the outer one.
  EXPECT_EQ(CommentToHtml("[<https://a.example>](https://b.example)"),
            "<p>" + Link("https://b.example", "") + Link("https://a.example", "https://a.example") + "</p>\n");
}

// --- Odd input -----------------------------------------------------------------

TEST(CommentToHtml, InvalidUtf8AndNulBecomeReplacementCharacters) {
  EXPECT_EQ(CommentToHtml("bad \xff\xfe end \xc3"), "<p>bad \xEF\xBF\xBD\xEF\xBF\xBD end \xEF\xBF\xBD</p>\n");
  EXPECT_EQ(CommentToHtml(std::string_view("a\0b", 3)),
            "<p>a\xEF\xBF\xBD"
            "b</p>\n");
  EXPECT_EQ(CommentToHtml("&#0; &#xD800; &#x110000;"), "<p>\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD</p>\n");
}

TEST(CommentToHtml, DeepNestingIsFlattenedAndFast) {
  struct Case {
    const char* name;
    std::string input;
    const char* tag;  // the element that nests
  };
  const Case cases[] = {
      {"10,000 '>'", std::string(10000, '>') + " deep", "<blockquote>"},
      {"'> ' x 10,000",
       [] {
         std::string s;
         for (int i = 0; i < 10000; ++i) s += "> ";
         return s + "deep";
       }(),
       "<blockquote>"},
      {"'- ' x 10,000",
       [] {
         std::string s;
         for (int i = 0; i < 10000; ++i) s += "- ";
         return s + "deep";
       }(),
       "<ul>"},
      {"'1. > ' x 5,000",
       [] {
         std::string s;
         for (int i = 0; i < 5000; ++i) s += "1. > ";
         return s + "deep";
       }(),
       "<ol>"},
      {"20,000 '*' around text", std::string(20000, '*') + "deep" + std::string(20000, '*'), "<strong>"},
      {"'*a **a ' x 20,000",
       [] {
         std::string s;
         for (int i = 0; i < 20000; ++i) s += "*a **a ";
         s += "deep";
         for (int i = 0; i < 20000; ++i) s += " a** a*";
         return s;
       }(),
       "<em>"},
      {"20,000 '*' in a link",
       "[" + std::string(20000, '*') + "deep" + std::string(20000, '*') + "](https://x.example)", "<strong>"},
  };
  for (const Case& c : cases) {
    auto start = std::chrono::steady_clock::now();
    std::string html = CommentToHtml(c.input);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 1.0) << c.name;
    EXPECT_GT(Count(html, c.tag), 0u) << c.name;
    EXPECT_LE(Count(html, c.tag), 32u) << c.name;
    EXPECT_NE(html.find("deep"), std::string::npos) << c.name;
  }
  // A long run of '*' alone is a rule (dropped); with text it is text.
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(CommentToHtml(std::string(20000, '*')), "");
  EXPECT_EQ(CommentToHtml(std::string(20000, '*') + "a"), "<p>" + std::string(20000, '*') + "a</p>\n");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);
}

TEST(CommentToHtml, FlattenedNestingKeepsTextButNoMarkup) {
  std::string quotes;
  for (int i = 0; i < 40; ++i) quotes += "> ";
  std::string html = CommentToHtml(quotes + "deep *em* [link](https://x.example) `code`");
  EXPECT_EQ(Count(html, "<blockquote>"), 32u);
  EXPECT_EQ(Count(html, "</blockquote>"), 32u);
  EXPECT_NE(html.find("<p>deep em link code</p>"), std::string::npos) << html;

  // Lists and items count one level each: 16 lists.
  std::string list;
  for (int i = 0; i < 40; ++i) list += "- ";
  html = CommentToHtml(list + "*x*");
  EXPECT_EQ(Count(html, "<ul>"), 16u);
  EXPECT_EQ(Count(html, "</ul>"), 16u);
  EXPECT_EQ(Count(html, "<li>"), 16u);
  EXPECT_EQ(Count(html, "<em>"), 0u);
  EXPECT_NE(html.find("<li>x</li>"), std::string::npos) << html;

  std::string stars(80, '*');
  html = CommentToHtml(stars + "x" + stars);
  EXPECT_EQ(Count(html, "<strong>"), Count(html, "</strong>"));
  EXPECT_NE(html.find(">x<"), std::string::npos) << html;
}

// --- The sanitizer on HTML that cmark never makes ----------------------------

TEST(SanitizeCommentHtml, KeepsOnlyAllowedElementsAndAttributes) {
  EXPECT_EQ(SanitizeCommentHtml(""), "");
  EXPECT_EQ(SanitizeCommentHtml("<p onclick=\"x()\" class=c id=i style=\"color:red\">a</p>"), "<p>a</p>");
  EXPECT_EQ(SanitizeCommentHtml("<div><span>a</span><b>b</b><i>c</i></div>"), "abc");
  EXPECT_EQ(SanitizeCommentHtml("<h3>h<em>e</em></h3><hr><img src=x alt=\"a&quot;b\" onerror=alert(1)>"),
            "<p>h<em>e</em></p>a&quot;b");
  EXPECT_EQ(SanitizeCommentHtml("<script>alert(1)</script>"), "alert(1)");
  EXPECT_EQ(SanitizeCommentHtml("<style><img src=x onerror=alert(1)></style>"), "&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(SanitizeCommentHtml("<textarea></textarea><img src=x onerror=alert(1)></textarea>"), "");
  EXPECT_EQ(SanitizeCommentHtml("<svg><a href=\"https://x\">s</a><script>alert(1)</script></svg>"), "salert(1)");
  EXPECT_EQ(SanitizeCommentHtml("<template><p>t</p></template>"), "<p>t</p>");
  EXPECT_EQ(SanitizeCommentHtml("<!-- c --><![CDATA[x]]><?pi?>"), "");
  EXPECT_EQ(SanitizeCommentHtml("a<br/>b<br>c"), "a<br>b<br>c");
  EXPECT_EQ(SanitizeCommentHtml("<ol start=\"-1\"><li>a</ol><ol start=\"1e3\"><li>b</ol><ol start=\"0012\"><li>c</ol>"),
            "<ol><li>a</li></ol><ol><li>b</li></ol><ol start=\"12\"><li>c</li></ol>");
  // A newline right after <pre> is eaten by HTML parsers: it is doubled.
  EXPECT_EQ(SanitizeCommentHtml("<pre>\n\nx</pre>"), "<pre>\n\nx</pre>");
}

TEST(SanitizeCommentHtml, ChecksLinksAsBrowsersReadThem) {
  auto link = [](std::string_view href) { return SanitizeCommentHtml("<a href=\"" + std::string(href) + "\">t</a>"); };
  EXPECT_EQ(link("https://x.example/?a=1&amp;b=2"), Link("https://x.example/?a=1&amp;b=2", "t"));
  EXPECT_EQ(link("HtTp://x.example"), Link("HtTp://x.example", "t"));
  EXPECT_EQ(link("mailto:a@x.example"), Link("mailto:a@x.example", "t"));
  EXPECT_EQ(link(" \t https://x.example \n"), Link("https://x.example", "t"));  // trimmed
  EXPECT_EQ(link("ht\ntp\ts://x.example"), Link("https://x.example", "t"));     // as browsers do
  EXPECT_EQ(link("https://x.example/'&quot;<>"), Link("https://x.example/&#39;&quot;&lt;&gt;", "t"));
  EXPECT_EQ(SanitizeCommentHtml("<a href=https://x.example target=_blank rel=opener title=t>t</a>"),
            Link("https://x.example", "t"));
  for (const char* evil : {"javascript:alert(1)",
                           "JaVaScRiPt:alert(1)",
                           " javascript:alert(1)",
                           "\t\njavascript:alert(1)",
                           "&#x6A;avascript:alert(1)",
                           "&#1;javascript:alert(1)",
                           "java&#9;script:alert(1)",
                           "java&#10;script:alert(1)",
                           "java\tscript:alert(1)",
                           "&#x7f;javascript:alert(1)",
                           "vbscript:x",
                           "data:text/html,x",
                           "file:///etc/passwd",
                           "//evil.example",
                           "/rel",
                           "rel",
                           "#f",
                           "?q",
                           "",
                           " ",
                           ":x",
                           "1http://x",
                           "java\x01script:x",
                           "\xC2\xA0https://x"}) {
    EXPECT_EQ(link(evil), "t") << evil;
  }
  EXPECT_EQ(SanitizeCommentHtml("<a>no href</a>"), "no href");
  EXPECT_EQ(SanitizeCommentHtml("<a href=\"javascript:x\"><em>e</em></a>"), "<em>e</em>");
}

}  // namespace
}  // namespace gazette::render
