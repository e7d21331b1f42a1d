#include "render/comment_text.h"

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <gumbo.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render/markdown.h"
#include "render/plain_comment.h"

namespace gazette::render {
namespace {

// Quotes, lists, list items, emphasis and links nested deeper than this are
// flattened to their text before rendering (a list level counts twice: list
// and item). Readers never need more, and it bounds the depth of the trees
// below: Gumbo's tree construction checks scopes by walking the stack of open
// elements (quadratic in the depth: 40,000 nested list levels take 13 s) and
// frees its tree recursively (a stack overflow on deep enough input).
constexpr int kMaxDepth = 32;

constexpr std::string_view kRel = "nofollow ugc noopener";

// cmark_gfm_core_extensions_ensure_registered() is not thread-safe, and

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;

// ---------------------------------------------------------------------------
// Markdown (cmark-gfm)

// The nodes that nest without bound in Markdown. Paragraphs and headings do
// not nest; leaves have no children.
bool CountsForDepth(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_CUSTOM_INLINE:
      return true;
    default:
      return false;
  }
}

bool IsInline(cmark_node_type type) { return (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE; }

// The text of `node`'s subtree: literals of text and code, a newline between
// lines and blocks. Raw HTML is left out, as the renderer would leave it out.
std::string TextOf(cmark_node* node) {
  std::string text;
  IterPtr iter(cmark_iter_new(node));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* cur = cmark_iter_get_node(iter.get());
    cmark_node_type type = cmark_node_get_type(cur);
    if (ev == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        if (const char* literal = cmark_node_get_literal(cur)) text += literal;
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        text += '\n';
      }
    }
    bool block_ends = !IsInline(type) && (ev == CMARK_EVENT_EXIT || type == CMARK_NODE_CODE_BLOCK);
    if (block_ends && !text.empty() && text.back() != '\n') text += '\n';
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

NodePtr NewText(const std::string& literal) {
  NodePtr text(cmark_node_new(CMARK_NODE_TEXT));
  cmark_node_set_literal(text.get(), literal.c_str());  // cmark replaces NUL in its input: none in literals
  return text;
}

// Puts the text of `deep` in its place: a text node for an inline element,
// a paragraph for a quote or list, the content of a list item (which a list
// must keep as an item).
void Flatten(cmark_node* deep) {
  std::string text = TextOf(deep);
  cmark_node_type type = cmark_node_get_type(deep);
  if (IsInline(type)) {
    NodePtr replacement = NewText(text);
    if (cmark_node_replace(deep, replacement.get())) replacement.release();
    cmark_node_free(deep);  // replaced (so unlinked) or, if cmark refused, dropped
    return;
  }
  NodePtr paragraph(cmark_node_new(CMARK_NODE_PARAGRAPH));
  NodePtr literal = NewText(text);
  if (cmark_node_append_child(paragraph.get(), literal.get())) literal.release();
  if (type == CMARK_NODE_ITEM) {
    while (cmark_node* child = cmark_node_first_child(deep)) cmark_node_free(child);  // frees unlink first
    if (cmark_node_append_child(deep, paragraph.get())) paragraph.release();
    return;
  }
  if (cmark_node_replace(deep, paragraph.get())) paragraph.release();
  cmark_node_free(deep);
}

// Flattens every node nested deeper than kMaxDepth. Each node is visited at
// most twice (once here, once collecting its text), so this is linear.
void BoundNesting(cmark_node* document) {
  std::vector<cmark_node*> deep;
  {
    IterPtr iter(cmark_iter_new(document));
    int depth = 0;
    for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
      cmark_node* cur = cmark_iter_get_node(iter.get());
      if (!CountsForDepth(cmark_node_get_type(cur))) continue;
      if (ev == CMARK_EVENT_EXIT) {
        --depth;
      } else if (depth == kMaxDepth) {
        deep.push_back(cur);
        cmark_iter_reset(iter.get(), cur, CMARK_EVENT_EXIT);  // skips its subtree and its exit
      } else {
        ++depth;
      }
    }
  }
  // The tree may change only now, the iterator gone.
  for (cmark_node* node : deep) Flatten(node);
}

// A reader who types HTML sees it as they typed it: raw HTML becomes text
// (which the renderer escapes) instead of vanishing.
void ShowRawHtmlAsText(cmark_node* document) {
  std::vector<cmark_node*> raw;
  {
    IterPtr iter(cmark_iter_new(document));
    for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
      cmark_node* cur = cmark_iter_get_node(iter.get());
      cmark_node_type type = cmark_node_get_type(cur);
      if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK)) {
        raw.push_back(cur);
      }
    }
  }
  for (cmark_node* node : raw) {
    const char* literal = cmark_node_get_literal(node);
    std::string text = literal ? literal : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    NodePtr replacement;
    if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
      replacement = NewText(text);
    } else {
      replacement.reset(cmark_node_new(CMARK_NODE_PARAGRAPH));
      NodePtr inner = NewText(text);
      if (cmark_node_append_child(replacement.get(), inner.get())) inner.release();
    }
    if (cmark_node_replace(node, replacement.get())) replacement.release();
    cmark_node_free(node);
  }
}

std::string RenderMarkdown(std::string_view markdown) {
  RegisterMarkdownExtensions();
  // Never CMARK_OPT_UNSAFE: raw HTML becomes "<!-- raw HTML omitted -->" and
  // javascript:/vbscript:/file:/data: links lose their target. A newline is
  // a line break; invalid UTF-8 becomes U+FFFD.
  const int options = CMARK_OPT_HARDBREAKS | CMARK_OPT_VALIDATE_UTF8;
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  if (cmark_syntax_extension* autolink = cmark_find_syntax_extension("autolink")) {
    cmark_parser_attach_syntax_extension(parser.get(), autolink);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  NodePtr document(cmark_parser_finish(parser.get()));
  BoundNesting(document.get());
  ShowRawHtmlAsText(document.get());
  char* html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html ? html : "");
  std::free(html);
  return out;
}

// ---------------------------------------------------------------------------
// Sanitizer (Gumbo)

void AppendEscaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        if (attribute) {
          out += "&#39;";
          break;
        }
        [[fallthrough]];
      default:
        out += c;
    }
  }
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// The href to write for a link, or nothing if the link is refused. As a
// browser's URL parser does, leading and trailing C0 controls and spaces are
// trimmed and tabs and newlines removed anywhere; then the scheme must be
// http, https or mailto. Relative links (//host, /path, path) are refused.
std::optional<std::string> SafeHref(std::string_view raw) {
  auto trimmed = [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; };
  while (!raw.empty() && trimmed(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && trimmed(raw.back())) raw.remove_suffix(1);
  std::string url;
  for (char c : raw) {
    if (c != '\t' && c != '\n' && c != '\r') url += c;
  }
  std::size_t colon = url.find(':');
  if (colon == std::string::npos || colon == 0 || !IsAsciiAlpha(url[0])) return std::nullopt;
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = url[i];
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
    scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (scheme != "http" && scheme != "https" && scheme != "mailto") return std::nullopt;
  return url;
}

// An ordered list's start, if a positive integer (at most 9 digits, as
// Markdown allows).
std::optional<std::string> SafeStart(std::string_view value) {
  if (value.empty() || value.size() > 9) return std::nullopt;
  long number = 0;
  for (char c : value) {
    if (!IsAsciiDigit(c)) return std::nullopt;
    number = number * 10 + (c - '0');
  }
  if (number < 1) return std::nullopt;
  return std::to_string(number);
}

const char* AttributeValue(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute ? attribute->value : nullptr;
}

// The elements written as such. Every other element is written as its
// content (headings as a paragraph of it, images as their alt text).
const char* AllowedName(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
      return "p";
    case GUMBO_TAG_BR:
      return "br";
    case GUMBO_TAG_EM:
      return "em";
    case GUMBO_TAG_STRONG:
      return "strong";
    case GUMBO_TAG_A:
      return "a";
    case GUMBO_TAG_BLOCKQUOTE:
      return "blockquote";
    case GUMBO_TAG_UL:
      return "ul";
    case GUMBO_TAG_OL:
      return "ol";
    case GUMBO_TAG_LI:
      return "li";
    case GUMBO_TAG_CODE:
      return "code";
    case GUMBO_TAG_PRE:
      return "pre";
    default:
      return nullptr;
  }
}

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

class Sanitizer {
 public:
  // Writes the children of `root`, sanitized, to `out`. Iterative: the
  // depth of the tree costs heap, not stack.
  void Run(const GumboNode* root, std::string& out) {
    Push(root, {});
    while (!stack_.empty()) {
      Frame& top = stack_.back();
      const GumboVector& children = top.node->v.element.children;
      if (top.next < children.length) {
        Visit(static_cast<const GumboNode*>(children.data[top.next++]), out);
      } else {
        out += top.close;
        if (top.pre) --in_pre_;
        stack_.pop_back();
      }
    }
  }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned int next;
    std::string close;  // written once the children are
    bool pre;
  };

  void Push(const GumboNode* node, std::string close, bool pre = false) {
    stack_.push_back({node, 0, std::move(close), pre});
    if (pre) ++in_pre_;
  }

  void Visit(const GumboNode* node, std::string& out) {
    switch (node->type) {
      case GUMBO_NODE_WHITESPACE:
        // cmark's newlines between blocks: one is enough, and none where
        // a dropped block (a rule, raw HTML) left nothing.
        if (in_pre_ == 0 && (out.empty() || out.back() == '\n')) return;
        [[fallthrough]];
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        AppendEscaped(out, node->v.text.text, false);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        VisitElement(node, out);
        return;
      default:  // comments (cmark's "raw HTML omitted"); no document node below the root
        return;
    }
  }

  void VisitElement(const GumboNode* node, std::string& out) {
    const GumboElement& element = node->v.element;
    const char* name = node->type == GUMBO_NODE_ELEMENT && element.tag_namespace == GUMBO_NAMESPACE_HTML
                           ? AllowedName(element.tag)
                           : nullptr;
    if (!name) {
      if (element.tag_namespace == GUMBO_NAMESPACE_HTML && element.tag == GUMBO_TAG_HR) return;
      if (element.tag_namespace == GUMBO_NAMESPACE_HTML && element.tag == GUMBO_TAG_IMG) {
        if (const char* alt = AttributeValue(element, "alt")) AppendEscaped(out, alt, false);
        return;
      }
      if (element.tag_namespace == GUMBO_NAMESPACE_HTML && IsHeading(element.tag)) {
        out += "<p>";
        Push(node, "</p>");
        return;
      }
      Push(node, {});  // its content only
      return;
    }
    if (element.tag == GUMBO_TAG_BR) {
      out += "<br>";
      return;
    }
    if (element.tag == GUMBO_TAG_A) {
      const char* href = AttributeValue(element, "href");
      std::optional<std::string> safe = href ? SafeHref(href) : std::nullopt;
      if (!safe) {
        Push(node, {});  // the link's text only
        return;
      }
      out += "<a href=\"";
      AppendEscaped(out, *safe, true);
      out += "\" rel=\"";
      out += kRel;
      out += "\">";
      Push(node, "</a>");
      return;
    }
    out += '<';
    out += name;
    if (element.tag == GUMBO_TAG_OL) {
      const char* start = AttributeValue(element, "start");
      if (std::optional<std::string> safe = start ? SafeStart(start) : std::nullopt) {
        out += " start=\"" + *safe + "\"";
      }
    }
    out += '>';
    // An HTML parser drops a newline right after <pre>: double it so that it
    // survives the browser's parse.
    if (element.tag == GUMBO_TAG_PRE && element.children.length > 0) {
      const GumboNode* first = static_cast<const GumboNode*>(element.children.data[0]);
      if ((first->type == GUMBO_NODE_TEXT || first->type == GUMBO_NODE_WHITESPACE) && first->v.text.text[0] == '\n') {
        out += '\n';
      }
    }
    Push(node, std::string("</") + name + ">", element.tag == GUMBO_TAG_PRE);
  }

  std::vector<Frame> stack_;
  int in_pre_ = 0;  // open <pre> elements written
};

const GumboNode* FindBody(const GumboNode* root) {
  if (!root || root->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboVector& children = root->v.element.children;
  for (unsigned int i = 0; i < children.length; ++i) {
    const GumboNode* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_BODY) return child;
  }
  return nullptr;
}

std::string Sanitize(std::string_view html) {
  if (html.empty()) return {};
  // A whole document, so that everything lands in <body> (a leading comment
  // would otherwise hang off the document node).
  std::string document = "<!DOCTYPE html><body>";
  document += html;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // cmark's HTML has none worth keeping; don't collect
  GumboOutput* output = gumbo_parse_with_options(&options, document.data(), document.size());
  std::string out;
  if (const GumboNode* body = FindBody(output->root)) Sanitizer().Run(body, out);
  gumbo_destroy_output(&options, output);
  return out;
}

}  // namespace

namespace comment_text_internal {

// Not in the header: CommentToHtml is the API. The unit tests and the fuzz
// target declare this to try the sanitizer on HTML that cmark never makes.
// Input is any HTML, but nesting depth is the caller's to bound (see
// kMaxDepth).
std::string SanitizeCommentHtml(std::string_view html) { return Sanitize(html); }

// The full path, for the test that holds the plain one to it.
std::string RenderAndSanitize(std::string_view markdown) { return Sanitize(RenderMarkdown(markdown)); }

}  // namespace comment_text_internal

std::string CommentToHtml(std::string_view markdown) {
  if (IsPlainParagraph(markdown)) {
    std::string out = "<p>";
    AppendEscaped(out, markdown, false);
    out += "</p>\n";
    return out;
  }
  return Sanitize(RenderMarkdown(markdown));
}

}  // namespace gazette::render
