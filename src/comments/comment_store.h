// The port comments need from storage. Implemented by storage/sqlite and
// storage/memory; tests/contract holds them to the same behaviour.
#pragma once

#include <functional>
#include <map>
#include <vector>

#include "accounts/account.h"
#include "base/result.h"
#include "comments/allowance.h"
#include "comments/comment.h"

namespace gazette::comments {

using base::Result;
using base::Status;

// A page of threads: each top-level comment followed by all its replies,
// replies oldest first. Rejected and pending comments are left out;
// deleted and hidden ones only when nothing under them is shown.
struct ThreadPage {
  std::vector<Comment> comments;
  std::int64_t total_threads = 0;
};

enum class QueueKind { kPending, kReported };

struct Report {
  Id comment_id = 0;
  Id account_id = 0;
  std::string reporter_name;
  std::string reason;  // "spam", "abuse", "off_topic", "other"
  std::string text;
  Timestamp created_at{};
};

struct LogEntry {
  Id id = 0;
  Id actor_id = 0;
  std::string actor_name;
  std::string action;  // "approve", "reject", "ban", "unban", "feature", "unfeature", "policy"
  std::optional<Id> comment_id;
  std::optional<Id> account_id;
  std::optional<Id> article_id;
  std::string detail;  // the reason, the ban's end, the policy
  Timestamp created_at{};
};

struct Vote {
  Id comment_id = 0;
  Id article_id = 0;
  int value = 0;  // +1 or -1
};

class CommentReader {
 public:
  virtual ~CommentReader() = default;

  virtual Result<Comment> FindComment(Id id) = 0;
  // The comment an account posted with this once-only key, if any.
  virtual Result<std::optional<Comment>> FindByNonce(Id account_id, std::string_view nonce) = 0;
  virtual Result<ThreadPage> Threads(Id article_id, Sort sort, int offset, int limit) = 0;
  // Visible featured comments of the article, oldest first.
  virtual Result<std::vector<Comment>> Featured(Id article_id) = 0;
  // The article's comments readers see in full (visible, not hidden by
  // reports), newest first, at most `limit`: what its comment feed lists.
  virtual Result<std::vector<Comment>> RecentVisible(Id article_id, int limit) = 0;
  // The account's comments since `since`, any status, newest first.
  virtual Result<std::vector<Comment>> ByAccountSince(Id account_id, Timestamp since) = 0;
  // Every comment of the account (for its data export), newest first.
  virtual Result<std::vector<Comment>> ByAccount(Id account_id) = 0;
  virtual Result<std::vector<Vote>> VotesByAccount(Id account_id) = 0;
  // Pending comments oldest first; reported ones most reported first.
  virtual Result<std::vector<Comment>> Queue(QueueKind kind, int offset, int limit) = 0;
  virtual Result<std::int64_t> QueueSize(QueueKind kind) = 0;
  virtual Result<std::vector<Report>> Reports(Id comment_id) = 0;
  virtual Result<std::vector<LogEntry>> Log(int offset, int limit) = 0;
  // kNotFound when the article does not exist.
  virtual Result<ArticleInfo> Article(Id article_id) = 0;
  virtual Result<accounts::Account> Author(Id account_id) = 0;
};

class CommentWriter : public CommentReader {
 public:
  // Stores a new comment (its root_id 0 means "itself"); kConflict when the
  // account already used the nonce.
  virtual Result<Id> InsertComment(const Comment& comment) = 0;
  // Writes body, body_html, status, hidden, featured, score, edited_at and
  // moderation_note.
  virtual Status UpdateComment(const Comment& comment) = 0;
  virtual Status AdjustCommentCount(Id article_id, int delta) = 0;
  virtual Status AddApproved(Id account_id, int delta) = 0;
  // Sets (value +1/-1) or removes (0) the account's vote and returns the
  // comment's new totals {up, down}.
  virtual Result<std::pair<std::int64_t, std::int64_t>> SetVote(Id comment_id, Id account_id, int value) = 0;
  // Stores a report and returns the comment's unresolved reports;
  // kConflict when the account already reported it.
  virtual Result<std::int64_t> AddReport(const Report& report) = 0;
  virtual Status ResolveReports(Id comment_id) = 0;
  virtual Status SetBan(Id account_id, std::optional<Timestamp> until, std::string_view reason) = 0;
  // An article's or a section's own policy (nullopt: inherit); kNotFound
  // for an unknown article or section slug.
  virtual Status SetArticlePolicy(Id article_id, std::optional<Policy> policy) = 0;
  virtual Status SetSectionPolicy(std::string_view section_slug, std::optional<Policy> policy) = 0;
  virtual Status AppendLog(const LogEntry& entry) = 0;

  // Whether the account posted a comment with this RepeatKey since `since`
  // that is not deleted.
  virtual Result<bool> PostedSince(Id account_id, std::string_view repeat_key, Timestamp since) = 0;
  // When the named allowance (ReaderAllowance, AddressAllowance) is full
  // again; 0 when it was never spent or has been forgotten.
  virtual Result<AllowanceTime> AllowanceFullAt(std::string_view name) = 0;
  virtual Status SetAllowanceFullAt(std::string_view name, AllowanceTime full_at) = 0;
  // Forgets the allowances that are full again at `now` (they read as 0, which is the same).
  virtual Status ForgetFullAllowances(Timestamp now) = 0;
};

class CommentStore : public CommentReader {
 public:
  // One transaction, as ContentStore::Write.
  virtual Status WriteComments(const std::function<Status(CommentWriter&)>& work) = 0;
  // As WriteComments, but may return before the work ran: `done` is called,
  // perhaps on another thread, once the transaction is durable or failed.
  // False, and `done` is never called, when too many writes wait already.
  // `work` may be called again after its changes were rolled back (when
  // another write of its batch failed): it must start from its inputs.
  virtual bool WriteCommentsLater(std::function<Status(CommentWriter&)> work, std::function<void(Status)> done) {
    done(WriteComments(work));
    return true;
  }
};

}  // namespace gazette::comments
