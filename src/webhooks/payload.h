// The JSON body of a delivery (docs/webhooks.md):
//
//   {"event": "article.published", "occurred_at": "2026-11-25T19:29:00+03:00", "data": {...}}
//
// `data` is the article in the API's shape (web::ArticleJson) for article
// events, and the comment for comment.created. Times are ISO 8601 in the
// site's time zone; addresses are absolute (the site's base URL).
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "comments/comment_store.h"
#include "core/content_store.h"
#include "web/pages.h"
#include "webhooks/webhook_service.h"

namespace gazette::webhooks {

// id, article_id, parent_id (null for a top-level comment), author_name,
// body (what the reader wrote), status ("visible", or "pending" while it
// waits for a moderator), created_at, url (the comment in its thread).
boost::json::object CommentJson(const comments::Comment& comment, const comments::ArticleInfo& article,
                                const web::SiteSettings& site);

// {"event", "occurred_at", "data"} serialized.
std::string PayloadJson(std::string_view event, Timestamp occurred_at, boost::json::object data,
                        const web::SiteSettings& site);

// The payload of a queued event, read from the stores as they are now.
// kNotFound when the article or comment no longer exists.
Result<std::string> BuildPayload(const QueuedEvent& queued, core::ContentReader& content,
                                 comments::CommentReader& comments, const web::SiteSettings& site);

}  // namespace gazette::webhooks
