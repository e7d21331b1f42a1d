#include "webhooks/payload.h"

#include <boost/json/serialize.hpp>

#include "web/article_json.h"
#include "web/urls.h"

namespace gazette::webhooks {

namespace json = boost::json;

json::object CommentJson(const comments::Comment& c, const comments::ArticleInfo& article,
                         const web::SiteSettings& site) {
  json::object o;
  o["id"] = c.id;
  o["article_id"] = c.article_id;
  o["parent_id"] = c.parent_id ? json::value(*c.parent_id) : json::value(nullptr);
  o["author_name"] = c.author_name;
  o["body"] = c.body;
  o["status"] = comments::StatusName(c.status);
  o["created_at"] = base::FormatIso8601(c.created_at, site.zone);
  o["url"] = site.base_url + web::ArticlePath(article.id, article.slug) + "#comment-" + std::to_string(c.id);
  return o;
}

std::string PayloadJson(std::string_view event, Timestamp occurred_at, json::object data,
                        const web::SiteSettings& site) {
  json::object o;
  o["event"] = event;
  o["occurred_at"] = base::FormatIso8601(occurred_at, site.zone);
  o["data"] = std::move(data);
  return json::serialize(o);
}

Result<std::string> BuildPayload(const QueuedEvent& queued, core::ContentReader& content,
                                 comments::CommentReader& comments, const web::SiteSettings& site) {
  const base::Event& e = queued.event;
  if (e.type == "comment.created") {
    Result<comments::Comment> comment = comments.FindComment(e.id);
    if (!comment.ok()) return std::move(comment).error();
    Result<comments::ArticleInfo> article = comments.Article(comment->article_id);
    if (!article.ok()) return std::move(article).error();
    return PayloadJson(e.type, queued.occurred_at, CommentJson(*comment, *article, site), site);
  }
  Result<core::Article> article = content.FindArticle(e.id);
  if (!article.ok()) return std::move(article).error();
  return PayloadJson(e.type, queued.occurred_at, web::ArticleJson(*article, site), site);
}

}  // namespace gazette::webhooks
