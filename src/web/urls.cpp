#include "web/urls.h"

#include <charconv>

#include "web/pages.h"

namespace gazette::web {

std::string ArticlePath(core::Id id, std::string_view slug) { return ArticleAddress(id, slug); }

std::string SectionPath(std::string_view slug) { return "/section/" + std::string(slug); }
std::string TagPath(std::string_view slug) { return "/tag/" + std::string(slug); }
std::string AuthorPath(std::string_view slug) { return "/author/" + std::string(slug); }

std::string RssPath(std::string_view page_path) { return std::string(page_path) + "/feed.xml"; }
std::string AtomPath(std::string_view page_path) { return std::string(page_path) + "/atom.xml"; }
std::string CommentsRssPath(core::Id article_id) { return RssPath("/news/" + std::to_string(article_id) + "/comments"); }
std::string CommentsAtomPath(core::Id article_id) { return AtomPath("/news/" + std::to_string(article_id) + "/comments"); }

std::optional<core::Id> ParseArticleRef(std::string_view ref) {
  std::size_t digits = 0;
  while (digits < ref.size() && ref[digits] >= '0' && ref[digits] <= '9') ++digits;
  if (digits == 0 || digits > 18 || (digits < ref.size() && ref[digits] != '-')) return std::nullopt;
  if (ref[0] == '0') return std::nullopt;
  core::Id id = 0;
  std::from_chars(ref.data(), ref.data() + digits, id);
  return id;
}

}  // namespace gazette::web
