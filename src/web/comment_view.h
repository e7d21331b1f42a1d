// A comment as pages show it: in an article's thread, in the moderation
// queue, on its own actions page. Section names start with C_ so that an
// item never picks up a section of the page around it.
#pragma once

#include <string>

#include "comments/comment_service.h"
#include "render/theme.h"
#include "web/pages.h"

namespace gazette::web {

// Fills {{id}} {{author}} {{iso}} {{time_label}} {{body_html}} {{depth}}
// {{score}} {{up}} {{down}} {{reply_url}} {{actions_url}} and the sections
// C_SHOWN (or C_PLACEHOLDER with {{placeholder}}), C_EDITED, C_FEATURED,
// C_REPLY_TO ({{parent}}), C_DELETED_AUTHOR.
// `anchor` is the element's id: "comment-ID" in a thread, another one where
// the same comment shows twice on a page (the featured list).
void FillComment(render::Dict item, const ViewContext& view, const comments::ThreadItem& thread_item,
                 std::string_view anchor_prefix = "comment-");

// The text standing in for a comment readers may not see.
std::string PlaceholderText(const comments::Comment& comment, const render::Locale& locale);

// "/news/{article}/comment?reply_to={comment}" and "/comments/{comment}".
std::string ReplyPath(comments::Id article_id, comments::Id comment_id);
std::string CommentPath(comments::Id comment_id);

}  // namespace gazette::web
