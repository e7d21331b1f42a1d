// Readers' comments on articles: the values, the settings of the comment
// policy, and how a thread's policy is decided.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace gazette::comments {

using Id = std::int64_t;
using base::Timestamp;

// What readers see of a comment: visible ones; pending ones wait for a
// moderator; rejected ones were removed by one; deleted ones by their
// author (a placeholder keeps the thread).
enum class CommentStatus { kVisible, kPending, kRejected, kDeleted };
const char* StatusName(CommentStatus status);
std::optional<CommentStatus> ParseCommentStatus(std::string_view name);

// Who may comment on a thread.
enum class Policy { kOpen, kPremoderated, kClosed };
const char* PolicyName(Policy policy);  // "open", "premoderated", "closed"
std::optional<Policy> ParsePolicy(std::string_view name);

enum class Sort { kOldest, kNewest, kBest };
const char* SortName(Sort sort);
std::optional<Sort> ParseSort(std::string_view name);

struct Comment {
  Id id = 0;
  Id article_id = 0;
  std::optional<Id> parent_id;
  Id root_id = 0;  // the top-level comment of the thread (itself when top-level)
  Id account_id = 0;
  std::string author_name;  // resolved on read; empty when the account was deleted
  bool author_deleted = false;
  std::string body;       // what the reader wrote (Markdown subset)
  std::string body_html;  // safe HTML made from it
  CommentStatus status = CommentStatus::kVisible;
  bool hidden = false;    // hidden by readers' reports until a moderator decides
  bool featured = false;  // pinned by a moderator
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
  double score = 0;  // for "best": the lower bound of the Wilson interval
  std::int64_t reports = 0;  // unresolved
  Timestamp created_at{};
  std::optional<Timestamp> edited_at;
  std::string ip;
  std::string nonce;            // the form's once-only key: a resubmission finds this comment
  std::string moderation_note;  // why it was held or rejected

  // Readers see it and it counts on the article.
  bool Counted() const { return status == CommentStatus::kVisible && !hidden; }
};

// The three answers of "best" sorting: a comment with 1 up and 0 down is not
// better than one with 90 up and 10 down.
double WilsonScore(std::int64_t up, std::int64_t down);

struct CommentSettings {
  Policy site_policy = Policy::kOpen;
  int close_after_days = 0;  // threads close this long after publication; 0: never
  std::size_t max_chars = 3000;
  int edit_minutes = 5;
  int max_links = 2;        // more links: held for review
  int trusted_after = 0;    // a reader's comments wait for review until this many were approved; 0: off
  int reports_to_hide = 3;  // reports that hide a comment until reviewed
  std::vector<std::string> banned_words;   // a comment with one is refused
  std::vector<std::string> suspect_words;  // a comment with one is held for review
  int reader_burst = 5;  // comments per reader...
  std::chrono::seconds reader_window = std::chrono::seconds(60);  // ...within this time
  int ip_burst = 20;     // comments from one address...
  std::chrono::seconds ip_window = std::chrono::seconds(60);  // ...within this time
  std::chrono::seconds repeat_window = std::chrono::hours(1);  // the same text again within it is refused
  int threads_per_page = 20;
  int max_depth = 4;  // replies nest this deep on the page; deeper ones stay at it
  bool verify_email = false;  // readers confirm their email before commenting
};

// What the comments need to know of an article.
struct ArticleInfo {
  Id id = 0;
  std::string headline;
  std::string slug;
  bool published = false;
  std::optional<Timestamp> published_at;
  std::optional<Policy> article_policy;
  std::optional<Policy> section_policy;
  std::int64_t comment_count = 0;
};

// The policy in force: the article's own, else its section's, else the
// site's; an open thread closes `close_after_days` after publication unless
// the article itself says open.
Policy EffectivePolicy(const ArticleInfo& article, const CommentSettings& settings, Timestamp now);

}  // namespace gazette::comments
