#include "comments/moderation.h"

#include "base/text.h"

namespace gazette::comments {

using base::Error;

namespace {

constexpr std::size_t kMaxReason = 500;

Status CheckReason(std::string_view reason) {
  if (!base::IsValidUtf8(reason) || base::CountCodePoints(reason) > kMaxReason) {
    return Error::Invalid("The reason is too long or not valid text.", "reason");
  }
  return {};
}

}  // namespace

Status RequireModerator(const accounts::Account& account) {
  if (!accounts::CanModerate(account.role) || account.deleted) {
    return Error::Forbidden("Only moderators may do this.").Keyed("moderators_only");
  }
  return {};
}

Status ModerationService::Record(CommentWriter& w, const accounts::Account* actor, std::string action,
                              std::optional<Id> comment, std::optional<Id> account, std::optional<Id> article,
                              std::string detail) {
  LogEntry entry;
  entry.actor_id = actor ? actor->id : 0;
  entry.actor_name = actor ? actor->display_name : "command line";
  entry.action = std::move(action);
  entry.comment_id = comment;
  entry.account_id = account;
  entry.article_id = article;
  entry.detail = std::move(detail);
  entry.created_at = clock_.Now();
  return w.AppendLog(entry);
}

Result<std::vector<QueueItem>> ModerationService::Queue(const accounts::Account& moderator, QueueKind kind, int offset,
                                                        int limit) {
  GZ_TRY(RequireModerator(moderator));
  Result<std::vector<Comment>> comments = store_.Queue(kind, offset, limit);
  if (!comments.ok()) return std::move(comments).error();
  std::vector<QueueItem> items;
  for (Comment& c : *comments) {
    QueueItem item;
    Result<ArticleInfo> article = store_.Article(c.article_id);
    if (!article.ok()) return std::move(article).error();
    item.article = std::move(*article);
    if (c.parent_id) {
      Result<Comment> parent = store_.FindComment(*c.parent_id);
      if (parent.ok()) item.parent = std::move(*parent);
    }
    Result<accounts::Account> author = store_.Author(c.account_id);
    if (author.ok()) item.author = std::move(*author);
    Result<std::vector<Report>> reports = store_.Reports(c.id);
    if (!reports.ok()) return std::move(reports).error();
    item.reports = std::move(*reports);
    item.comment = std::move(c);
    items.push_back(std::move(item));
  }
  return items;
}

Result<std::int64_t> ModerationService::QueueSize(const accounts::Account& moderator, QueueKind kind) {
  GZ_TRY(RequireModerator(moderator));
  return store_.QueueSize(kind);
}

Status ModerationService::Approve(const accounts::Account& moderator, Id comment_id) {
  GZ_TRY(RequireModerator(moderator));
  bool brought_up = false;  // readers see it now and did not before
  Status approved = store_.WriteComments([&](CommentWriter& w) -> Status {
    Result<Comment> found = w.FindComment(comment_id);
    if (!found.ok()) return Error::NotFound("There is no such comment.");
    Comment c = std::move(*found);
    if (c.status == CommentStatus::kDeleted || c.status == CommentStatus::kRejected) {
      return Error::Conflict("This comment was removed; it cannot be approved.");
    }
    bool was_counted = c.Counted();
    bool was_pending = c.status == CommentStatus::kPending;
    c.status = CommentStatus::kVisible;
    c.hidden = false;
    c.reports = 0;
    c.moderation_note.clear();
    GZ_TRY(w.UpdateComment(c));
    GZ_TRY(w.ResolveReports(c.id));
    if (!was_counted) GZ_TRY(w.AdjustCommentCount(c.article_id, +1));
    if (was_pending) GZ_TRY(w.AddApproved(c.account_id, +1));
    brought_up = !was_counted;
    return Record(w, &moderator, "approve", c.id, c.account_id, c.article_id, "");
  });
  if (approved.ok() && events_) {
    events_->Publish({brought_up ? "comment.approved" : "comment.changed", comment_id, 0, false, true});
  }
  return approved;
}

Status ModerationService::Reject(const accounts::Account& moderator, Id comment_id, std::string_view reason) {
  GZ_TRY(RequireModerator(moderator));
  GZ_TRY(CheckReason(reason));
  return Announced("comment.changed", comment_id, store_.WriteComments([&](CommentWriter& w) -> Status {
    Result<Comment> found = w.FindComment(comment_id);
    if (!found.ok()) return Error::NotFound("There is no such comment.");
    Comment c = std::move(*found);
    if (c.status == CommentStatus::kRejected) return {};  // already done: the same answer twice
    if (c.status == CommentStatus::kDeleted) return Error::Conflict("Its author deleted this comment.");
    bool was_counted = c.Counted();
    c.status = CommentStatus::kRejected;
    c.featured = false;
    c.moderation_note = std::string(base::Trim(reason));
    GZ_TRY(w.UpdateComment(c));
    GZ_TRY(w.ResolveReports(c.id));
    if (was_counted) GZ_TRY(w.AdjustCommentCount(c.article_id, -1));
    return Record(w, &moderator, "reject", c.id, c.account_id, c.article_id, std::string(base::Trim(reason)));
  }));
}

Status ModerationService::Ban(const accounts::Account& moderator, Id account_id, BanLength length,
                              std::string_view reason) {
  GZ_TRY(RequireModerator(moderator));
  GZ_TRY(CheckReason(reason));
  if (account_id == moderator.id) return Error::Invalid("You cannot ban yourself.");
  Result<accounts::Account> target = store_.Author(account_id);
  if (!target.ok()) return Error::NotFound("There is no such account.");
  if (accounts::CanModerate(target->role)) return Error::Forbidden("Staff accounts cannot be banned here.");
  Timestamp until = length ? clock_.Now() + *length : base::FromUnixSeconds(accounts::kForeverUnixSeconds);
  return store_.WriteComments([&](CommentWriter& w) -> Status {
    GZ_TRY(w.SetBan(account_id, until, base::Trim(reason)));
    // What they have waiting in the queue goes too.
    Result<std::vector<Comment>> recent = w.ByAccount(account_id);
    if (!recent.ok()) return std::move(recent).error();
    for (Comment& c : *recent) {
      if (c.status != CommentStatus::kPending) continue;
      c.status = CommentStatus::kRejected;
      c.moderation_note = "author banned";
      GZ_TRY(w.UpdateComment(c));
    }
    std::string detail = length ? "until " + base::FormatIso8601(until, base::TimeZone::Utc()) : "for good";
    if (!base::Trim(reason).empty()) detail += ": " + std::string(base::Trim(reason));
    return Record(w, &moderator, "ban", std::nullopt, account_id, std::nullopt, detail);
  });
}

Status ModerationService::Unban(const accounts::Account& moderator, Id account_id) {
  GZ_TRY(RequireModerator(moderator));
  return store_.WriteComments([&](CommentWriter& w) -> Status {
    GZ_TRY(w.SetBan(account_id, std::nullopt, ""));
    return Record(w, &moderator, "unban", std::nullopt, account_id, std::nullopt, "");
  });
}

Status ModerationService::Feature(const accounts::Account& moderator, Id comment_id, bool featured) {
  GZ_TRY(RequireModerator(moderator));
  return Announced("comment.changed", comment_id, store_.WriteComments([&](CommentWriter& w) -> Status {
    Result<Comment> found = w.FindComment(comment_id);
    if (!found.ok() || !found->Counted()) return Error::NotFound("There is no such visible comment.");
    Comment c = std::move(*found);
    c.featured = featured;
    GZ_TRY(w.UpdateComment(c));
    return Record(w, &moderator, featured ? "feature" : "unfeature", c.id, c.account_id, c.article_id, "");
  }));
}

Status ModerationService::SetArticlePolicy(const accounts::Account* actor, Id article_id, std::optional<Policy> policy) {
  if (actor) GZ_TRY(RequireModerator(*actor));
  return Announced("comments.policy", article_id, store_.WriteComments([&](CommentWriter& w) -> Status {
    GZ_TRY(w.SetArticlePolicy(article_id, policy));
    return Record(w, actor, "policy", std::nullopt, std::nullopt, article_id,
               std::string("article: ") + (policy ? PolicyName(*policy) : "inherit"));
  }));
}

Status ModerationService::SetSectionPolicy(const accounts::Account* actor, std::string_view section_slug,
                                           std::optional<Policy> policy) {
  if (actor) GZ_TRY(RequireModerator(*actor));
  return Announced("comments.section_policy", 0, store_.WriteComments([&](CommentWriter& w) -> Status {
    GZ_TRY(w.SetSectionPolicy(section_slug, policy));
    return Record(w, actor, "policy", std::nullopt, std::nullopt, std::nullopt,
               "section " + std::string(section_slug) + ": " + (policy ? PolicyName(*policy) : "inherit"));
  }));
}

Status ModerationService::Announced(const char* type, Id id, Status status) const {
  if (status.ok() && events_) events_->Publish({type, id, 0, false, true});
  return status;
}

Result<std::vector<LogEntry>> ModerationService::Log(const accounts::Account& moderator, int offset, int limit) {
  GZ_TRY(RequireModerator(moderator));
  return store_.Log(offset, limit);
}

}  // namespace gazette::comments
