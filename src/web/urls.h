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

// The id at the start of an article path segment: "42-any-slug" and "42"
// give 42; anything else gives nothing.
std::optional<core::Id> ParseArticleRef(std::string_view ref);

}  // namespace gazette::web
