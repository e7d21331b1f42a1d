#include "web/comment_view.h"

#include "render/time_labels.h"

namespace gazette::web {

std::string ReplyPath(comments::Id article_id, comments::Id comment_id) {
  return "/news/" + std::to_string(article_id) + "/comment?reply_to=" + std::to_string(comment_id);
}

std::string CommentPath(comments::Id comment_id) { return "/comments/" + std::to_string(comment_id); }

std::string PlaceholderText(const comments::Comment& c, const render::Locale& locale) {
  if (c.status == comments::CommentStatus::kDeleted) return locale.Text("comment_deleted");
  if (c.status == comments::CommentStatus::kRejected) return locale.Text("comment_removed");
  if (c.hidden) return locale.Text("comment_hidden");
  return {};
}

void FillComment(render::Dict item, const ViewContext& view, const comments::ThreadItem& thread_item,
                 std::string_view anchor_prefix) {
  const comments::Comment& c = thread_item.comment;
  item.Set("id", static_cast<long>(c.id));
  item.Set("anchor", std::string(anchor_prefix) + std::to_string(c.id));
  item.Set("depth", static_cast<long>(thread_item.depth));
  if (c.featured) item.Show("C_FEATURED");
  std::string placeholder = PlaceholderText(c, view.locale);
  if (!placeholder.empty()) {
    item.Add("C_PLACEHOLDER").Set("placeholder", placeholder);
    return;
  }
  render::Dict shown = item.Add("C_SHOWN");
  shown.Set("author", c.author_deleted ? view.locale.Text("deleted_account") : c.author_name);
  if (c.author_deleted) shown.Show("C_DELETED_AUTHOR");
  shown.Set("iso", base::FormatIso8601(c.created_at, view.settings.zone));
  shown.Set("time_label", render::TimeLabel(c.created_at, view.now, view.settings.zone, view.locale));
  shown.Set("body_html", c.body_html);
  if (c.edited_at) shown.Show("C_EDITED");
  if (thread_item.parent_shown) shown.Add("C_REPLY_TO").Set("parent", static_cast<long>(*thread_item.parent_shown));
  long score = static_cast<long>(c.upvotes - c.downvotes);
  shown.Set("score", (score > 0 ? "+" : "") + std::to_string(score));
  shown.Set("up", static_cast<long>(c.upvotes));
  shown.Set("down", static_cast<long>(c.downvotes));
  shown.Set("reply_url", ReplyPath(c.article_id, c.id));
  shown.Set("actions_url", CommentPath(c.id));
}

}  // namespace gazette::web
