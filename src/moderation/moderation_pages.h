// The moderation desk in the browser (/moderation): the queues of held and
// reported comments with their context, the actions on them, bans, thread
// policies, and the audit log. Moderators and admins only.
#pragma once

#include <variant>

#include "base/worker_pool.h"
#include "comments/comment_service.h"
#include "comments/moderation.h"
#include "http/form.h"
#include "http/router.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gazette::moderation {

inline constexpr int kQueuePageSize = 20;
inline constexpr int kLogPageSize = 50;

// Thread-safe.
class ModerationPages {
 public:
  ModerationPages(comments::ModerationService& moderation, comments::CommentService& comments, const web::Pages& pages,
                  const web::Identity& identity, base::WorkerPool& writes)
      : moderation_(moderation), comments_(comments), pages_(pages), identity_(identity), writes_(writes) {}

  void AddRoutes(http::Router& router);

 private:
  http::Response Queue(const http::Request& request, comments::QueueKind kind) const;
  http::Response CommentPage(const http::Request& request, std::string_view id) const;
  http::Response CommentAction(const http::Request& request, std::string_view id, std::string_view action) const;
  http::Response AccountAction(const http::Request& request, std::string_view id, std::string_view action) const;
  http::Response ArticlePolicy(const http::Request& request, std::string_view id) const;
  http::Response Log(const http::Request& request) const;

  // The signed-in moderator; otherwise a redirect to sign in, or 403.
  std::variant<accounts::Visitor, http::Response> Moderator(const http::Request& request) const;
  // The checked form of a moderator's POST; otherwise the answer to give.
  std::variant<std::pair<accounts::Visitor, http::Form>, http::Response> ModeratorForm(const http::Request& request) const;
  http::Response Page(const http::Request& request, std::string_view tpl, web::PageFrame frame,
                      const std::function<void(render::Dict&)>& fill) const;

  comments::ModerationService& moderation_;
  comments::CommentService& comments_;
  const web::Pages& pages_;
  const web::Identity& identity_;
  base::WorkerPool& writes_;
};

}  // namespace gazette::moderation
