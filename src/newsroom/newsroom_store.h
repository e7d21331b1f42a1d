// The port the newsroom needs from storage, beyond the content itself:
// revisions, pending edits of published articles, the staff audit log, the
// site's settings, and what the scheduler has due. Writes share one
// transaction with content writes (NewsroomWriter is a ContentWriter).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/content_store.h"
#include "core/publishing.h"

namespace gazette::newsroom {

using core::Id;
using base::Result;
using base::Status;
using base::Timestamp;

// One saved state of an article: who saved what, when, and why.
struct Revision {
  Id id = 0;
  Id article_id = 0;
  std::int64_t version = 0;  // the article's version this revision made
  Id account_id = 0;         // 0: the command line
  std::string account_name;
  std::string kind;  // "created", "saved", "correction", "restored", "approved", "pending"
  std::string note;  // a correction's note, an editor's remark
  Timestamp created_at{};
  std::string slug;
  core::ArticleDraft content;  // headline ... breaking; status and times are not content
};

// An author's edit of a published article, waiting for an editor while
// readers keep seeing the live version.
struct PendingEdit {
  enum class State { kDraft, kReview, kScheduled };
  Id article_id = 0;
  Id account_id = 0;
  std::string account_name;
  State state = State::kDraft;
  std::int64_t version = 1;  // counts saves of this edit, for optimistic locking
  std::optional<Timestamp> publish_at;  // when scheduled
  Timestamp updated_at{};
  std::string note;  // an editor's note when sending it back
  core::ArticleDraft content;
};

const char* PendingStateName(PendingEdit::State state);
std::optional<PendingEdit::State> ParsePendingState(std::string_view name);

// A staff action, for the audit log.
struct AuditEntry {
  Id id = 0;
  Id actor_id = 0;  // 0: the command line or the scheduler
  std::string actor_name;
  std::string action;       // "article.create", "article.publish", "section.rename"...
  std::string target_type;  // "article", "section", "tag", "account", "token", "settings", "webhook"
  Id target_id = 0;
  std::string detail;
  Timestamp created_at{};
};

class NewsroomReader {
 public:
  virtual ~NewsroomReader() = default;
  // Newest first.
  virtual Result<std::vector<Revision>> Revisions(Id article_id) = 0;
  virtual Result<Revision> FindRevision(Id revision_id) = 0;
  virtual Result<std::optional<PendingEdit>> Pending(Id article_id) = 0;
  // Articles scheduled at or before `now`, and pending edits due by then.
  virtual Result<std::vector<Id>> DueArticles(Timestamp now) = 0;
  virtual Result<std::vector<Id>> DuePending(Timestamp now) = 0;
  // The earliest time something is scheduled for, if anything is.
  virtual Result<std::optional<Timestamp>> NextDue() = 0;
  // Newest first.
  virtual Result<std::vector<AuditEntry>> Audit(int offset, int limit) = 0;
  virtual Result<std::map<std::string, std::string>> LoadSettings() = 0;
};

class NewsroomWriter : public core::ContentWriter, public NewsroomReader {
 public:
  virtual Result<Id> InsertRevision(const Revision& revision) = 0;
  // Stores or replaces the article's pending edit.
  virtual Status SavePending(const PendingEdit& pending) = 0;
  virtual Status DeletePending(Id article_id) = 0;
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // Stores the given keys (others stay as they are); an empty value removes one.
  virtual Status SaveSettings(const std::map<std::string, std::string>& values) = 0;
};

class NewsroomStore : public NewsroomReader {
 public:
  // One transaction, as ContentStore::Write, over content and newsroom.
  virtual Status WriteNewsroom(const std::function<Status(NewsroomWriter&)>& work) = 0;
};

}  // namespace gazette::newsroom
