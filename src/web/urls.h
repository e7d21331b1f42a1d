// The reader site's addresses, for pages, the API and webhooks alike. An article's address starts with its id, so
// it stays valid when the headline (and so the slug) changes; any other
// form of it redirects to the current one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/article.h"

namespace gazette::web {

std::string ArticlePath(core::Id id, std::string_view slug);  // "/news/42-putin-to-meet-witkoff"
std::string SectionPath(std::string_view slug);               // "/section/russia"
std::string TagPath(std::string_view slug);                   // "/tag/diplomacy"
std::string AuthorPath(std::string_view slug);                // "/author/anna-petrova"

// The RSS and Atom feeds that follow a page: "" (the whole site) gives
// "/feed.xml" and "/atom.xml", "/section/russia" gives "/section/russia/feed.xml"...
std::string RssPath(std::string_view page_path);
std::string AtomPath(std::string_view page_path);
// The feeds of an article's comments: "/news/42/comments/feed.xml", ".../atom.xml".
std::string CommentsRssPath(core::Id article_id);
std::string CommentsAtomPath(core::Id article_id);

// The id at the start of an article path segment: "42-any-slug" and "42"
// give 42; anything else gives nothing.
std::optional<core::Id> ParseArticleRef(std::string_view ref);

}  // namespace gazette::web
