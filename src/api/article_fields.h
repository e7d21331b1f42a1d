// The admin API's article: its JSON (the public shape plus the pending
// edit and the comment policy), and reading what a create or a PUT sends:
// editable fields over the current content, read-only fields that may only
// come back unchanged, the version that locks the edit.
#pragma once

#include <optional>
#include <string>

#include "api/api_json.h"
#include "comments/comment.h"
#include "core/content_store.h"
#include "newsroom/newsroom_service.h"
#include "web/pages.h"

namespace gazette::api {

// What a create or a PUT asks for.
struct ArticleRequest {
  core::ArticleDraft content;
  std::string correction_note;             // PUT: non-empty marks the save as a correction
  bool set_policy = false;                 // "comment_policy" was sent...
  std::optional<comments::Policy> policy;  // ...with this value (nothing: inherit)
};

// web::ArticleJson with "pending" (an author's edit of the published
// article waiting for review, or null) and "comment_policy" (the article's
// own, or null when it follows its section's or the site's).
json::object AdminArticleJson(const newsroom::Story& story, std::optional<comments::Policy> policy,
                              const web::SiteSettings& site, core::ContentReader& content);
// state, headline, lead, body, section (slug), tags, authors, source,
// slug, breaking, top, seo_title, seo_description, note, publish_at,
// updated_at, author.
json::object PendingJson(const newsroom::PendingEdit& pending, const core::Article& live, const web::SiteSettings& site,
                         core::ContentReader& content);

// The content a save starts from: the pending edit when the save goes to
// one (an author's edit of their published article), else the article's.
// Sections and tags are named so that the Publisher finds the very ones
// the article has (by name, or by slug when a rename made them differ).
core::ArticleDraft BaseDraft(const newsroom::Story& story, bool to_pending);

// The "version" a PUT or an action carries; kInvalid (field "version") when
// it is missing (and `required`) or not a whole number.
Result<std::optional<std::int64_t>> VersionField(const json::object& body, bool required);

// kInvalid naming the first read-only field (id, url, status, published_at,
// updated_at, created_at, comment_count, correction, pending) whose value
// differs from `current` (the article's admin JSON), saying what to use
// instead. Times compare as instants, whatever their offset.
Status CheckReadOnly(const json::object& body, const json::object& current);

// A create's body: the editable fields only; "headline" is needed.
Result<ArticleRequest> ParseCreate(const json::object& body, core::ContentReader& content);
// A PUT's body over `base`: absent fields keep their value; "version" and
// the read-only fields are left to VersionField and CheckReadOnly; any
// other unknown field is refused. "section" is a section's slug that must
// exist; "tags" and "authors" are names.
Result<ArticleRequest> ParseUpdate(const json::object& body, core::ArticleDraft base, core::ContentReader& content);

// The policy's name, or null.
json::value PolicyJson(std::optional<comments::Policy> policy);

}  // namespace gazette::api
