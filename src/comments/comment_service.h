// What readers do with comments: post, reply, edit, delete, vote, report;
// and the thread an article page shows.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "base/events.h"
#include "comments/checks.h"
#include "comments/comment_store.h"

namespace gazette::comments {

// Turns a comment's text into safe HTML. Implemented by render; thread-safe.
class CommentRenderer {
 public:
  virtual ~CommentRenderer() = default;
  virtual std::string ToHtml(std::string_view text) const = 0;
};

struct PostResult {
  Comment comment;
  bool held = false;       // waits for a moderator
  bool duplicate = false;  // the same submission arrived before; nothing new was stored
};

// One comment as a page shows it.
struct ThreadItem {
  Comment comment;
  int depth = 0;  // 0 for top-level, capped at the settings' max_depth
  std::optional<Id> parent_shown;  // the parent, when replies are capped and it is not the previous level
};

struct ThreadView {
  ArticleInfo article;
  Policy policy = Policy::kOpen;
  Sort sort = Sort::kOldest;
  std::vector<Comment> featured;
  std::vector<ThreadItem> items;
  int page = 1;
  int pages = 1;
  std::int64_t total_threads = 0;
};

// The reasons readers may give when reporting a comment.
inline constexpr const char* kReportReasons[] = {"spam", "abuse", "off_topic", "other"};
inline constexpr std::size_t kMaxReportText = 500;
inline constexpr std::size_t kMaxNonce = 64;

// Thread-safe.
class CommentService {
 public:
  // `events` (optional) hears "comment.created" for each new comment.
  CommentService(CommentStore& store, const CommentRenderer& renderer, const base::Clock& clock,
                 CommentSettings settings, Pipeline pipeline, base::EventBus* events = nullptr);

  const CommentSettings& settings() const { return settings_; }

  // Runs the pipeline and stores the comment, visible or held. A second
  // submission with the same nonce returns the first comment unchanged.
  // Errors: kNotFound (article, parent), kForbidden (closed, banned),
  // kInvalid (text), kRateLimited (bursts).
  Result<PostResult> Post(const accounts::Account& author, Id article_id, std::optional<Id> parent_id,
                          std::string_view text, std::string_view nonce, std::string_view ip);
  // Post without waiting for the disk: the reads and the rendering run on
  // the calling thread, and `done` is called once the comment is durable or
  // refused, perhaps on the store's committing thread (it must be quick and
  // must not wait for another write). kUnavailable when too many comments
  // wait to be stored.
  using PostDone = std::function<void(Result<PostResult>)>;
  void PostLater(const accounts::Account& author, Id article_id, std::optional<Id> parent_id, std::string_view text,
                 std::string_view nonce, std::string_view ip, PostDone done);
  // The author's own comment, within the edit window. The text passes the
  // content checks again; a held edit takes the comment down until approved.
  Result<Comment> Edit(const accounts::Account& author, Id comment_id, std::string_view text);
  // The author's own comment; replies stay, under a placeholder.
  Status Delete(const accounts::Account& author, Id comment_id);
  // +1, -1, or 0 to take a vote back; not on one's own comment.
  Result<Comment> Vote(const accounts::Account& voter, Id comment_id, int value);
  // One report per reader per comment; enough of them hide the comment
  // until a moderator reviews it.
  Status Report(const accounts::Account& reporter, Id comment_id, std::string_view reason, std::string_view text);

  // Page `page` (1-based) of the article's threads.
  Result<ThreadView> Thread(Id article_id, Sort sort, int page);

  // A reader's own comments and votes: all of them (for their data
  // download), or the comments since `since` (for their page controls).
  Result<std::vector<Comment>> CommentsOf(Id account_id) { return store_.ByAccount(account_id); }
  Result<std::vector<Comment>> CommentsOfSince(Id account_id, Timestamp since) {
    return store_.ByAccountSince(account_id, since);
  }
  Result<std::vector<comments::Vote>> VotesOf(Id account_id) { return store_.VotesByAccount(account_id); }
  Result<Comment> Find(Id comment_id) { return store_.FindComment(comment_id); }
  // The article's comments readers see in full, newest first (its comment feed).
  Result<std::vector<Comment>> Recent(Id article_id, int limit) { return store_.RecentVisible(article_id, limit); }
  Result<ArticleInfo> Article(Id article_id) { return store_.Article(article_id); }

  // Whether `author` may still edit `comment`, and until when.
  std::optional<Timestamp> EditableUntil(const accounts::Account& author, const Comment& comment) const;

 private:
  struct Posting;
  Status Store(Posting& posting, CommentWriter& writer);
  void Finish(Posting& posting, Status written);
  Result<Comment> Own(const accounts::Account& author, Id comment_id);

  CommentStore& store_;
  const CommentRenderer& renderer_;
  const base::Clock& clock_;
  CommentSettings settings_;
  Pipeline pipeline_;
  // Announces that readers see a comment differently (comment.changed).
  void Changed(Id comment_id) const;
  // `status`, after announcing the change when it is a success.
  Status Announced(Id comment_id, Status status) const;

  base::EventBus* events_;
  // Every so many posts, allowances that are full again are forgotten.
  static constexpr std::uint64_t kSweepEvery = 4096;
  std::atomic<std::uint64_t> posts_since_sweep_{0};
};

}  // namespace gazette::comments
