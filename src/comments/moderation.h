// What moderators do: the queue of held and reported comments, approving,
// rejecting, banning, featuring, thread policies, and the audit log of it
// all. Every action needs a moderator or an admin (or comes from the
// command line, `actor` null) and is logged with who and when.
#pragma once

#include "base/events.h"
#include "comments/comment_store.h"

namespace gazette::comments {

struct QueueItem {
  Comment comment;
  ArticleInfo article;
  std::optional<Comment> parent;  // the comment it answers
  accounts::Account author;
  std::vector<Report> reports;
};

// How long a ban lasts; nullopt: for good.
using BanLength = std::optional<std::chrono::hours>;

// Thread-safe. A comment that approving brings up for readers is announced
// on `events` ("comment.approved") once the approval committed.
class ModerationService {
 public:
  ModerationService(CommentStore& store, const base::Clock& clock, const CommentSettings& settings,
                    base::EventBus* events = nullptr)
      : store_(store), clock_(clock), settings_(settings), events_(events) {}

  Result<std::vector<QueueItem>> Queue(const accounts::Account& moderator, QueueKind kind, int offset, int limit);
  Result<std::int64_t> QueueSize(const accounts::Account& moderator, QueueKind kind);

  // A held comment goes up; a reported one stays up and its reports are settled.
  Status Approve(const accounts::Account& moderator, Id comment_id);
  // The comment comes down for good, with the reason in the log.
  Status Reject(const accounts::Account& moderator, Id comment_id, std::string_view reason);
  // The author may not comment for `length` (or ever); their held comments are rejected.
  Status Ban(const accounts::Account& moderator, Id account_id, BanLength length, std::string_view reason);
  Status Unban(const accounts::Account& moderator, Id account_id);
  Status Feature(const accounts::Account& moderator, Id comment_id, bool featured);
  // nullopt: the article (or section) follows the wider policy again.
  Status SetArticlePolicy(const accounts::Account* actor, Id article_id, std::optional<Policy> policy);
  Status SetSectionPolicy(const accounts::Account* actor, std::string_view section_slug, std::optional<Policy> policy);

  Result<std::vector<LogEntry>> Log(const accounts::Account& moderator, int offset, int limit);

 private:
  Status Record(CommentWriter& w, const accounts::Account* actor, std::string action, std::optional<Id> comment,
             std::optional<Id> account, std::optional<Id> article, std::string detail);

  CommentStore& store_;
  const base::Clock& clock_;
  const CommentSettings& settings_;
  // `status`, after announcing `type` for `id` when it is a success.
  Status Announced(const char* type, Id id, Status status) const;

  base::EventBus* events_;
};

// kForbidden unless the account may moderate.
Status RequireModerator(const accounts::Account& account);

}  // namespace gazette::comments
