// Articles, sections, tags and authors as JSON: one shape for the content
// API, the admin API and webhook payloads (docs/api.md), so that clients
// can rely on it. Times are ISO 8601 in the site's time zone; addresses
// are absolute (the site's base URL).
#pragma once

#include <boost/json/object.hpp>

#include "core/article.h"
#include "web/pages.h"

namespace gazette::web {

// id, slug, url, headline, lead, body (Markdown), section (slug or null),
// tags and authors (names), source {name, url}, status, published_at (null
// until it has one), updated_at, created_at, breaking, top, seo_title,
// seo_description, correction {note, at} (null without one), comment_count,
// version. A draft's url is the public address it will have.
boost::json::object ArticleJson(const core::Article& article, const SiteSettings& site);
// The list form: no body, tags or authors.
boost::json::object SummaryJson(const core::ArticleSummary& summary, const SiteSettings& site);
// id, slug, name, url (and position for sections).
boost::json::object SectionJson(const core::Section& section, const SiteSettings& site);
boost::json::object TagJson(const core::Tag& tag, const SiteSettings& site);
boost::json::object AuthorJson(const core::Author& author, const SiteSettings& site);

}  // namespace gazette::web
