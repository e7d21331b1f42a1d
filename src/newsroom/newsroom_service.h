// The editorial workflow: writing, review, scheduling, publishing,
// corrections, revisions, pending edits of published articles, sections and
// tags, and the audit log. The admin UI and the admin API both call this
// service, so they allow and refuse the same things with the same errors.
//
// States: draft -> review (an author submits) -> published or scheduled (an
// editor publishes now or at a time) -> unpublished (taken down). Editors
// may take any step; an editor sends an article in review back to draft
// with a note. Who may do what: accounts/permissions.h and
// docs/permissions.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/permissions.h"
#include "base/events.h"
#include "core/publishing.h"
#include "newsroom/newsroom_store.h"

namespace gazette::newsroom {

using accounts::Account;

// What the editor form and the admin API send when saving an article.
struct ArticleEdit {
  core::ArticleDraft content;   // status, published_at and created_by are ignored
  std::int64_t version = 0;     // the version the edit started from; a stale one is refused
  bool correction = false;      // a correction of a published article: readers see "Updated" and the note
  std::string correction_note;
};

// An article as the newsroom sees it: the live article and, for a
// published one, an author's pending edit.
struct Story {
  core::Article article;
  std::optional<PendingEdit> pending;
};

// The steps of the workflow, for the buttons of the editor.
enum class Step {
  kSave,            // keep the edit (for an author's published article: as a pending edit)
  kSubmit,          // ask for review
  kPublish,         // publish now (a pending edit: approve it now)
  kSchedule,        // publish at a time (a pending edit: approve it for then)
  kUnpublish,       // take a published article down; a scheduled one back to draft
  kSendBack,        // back to the author with a note (an article in review or a pending edit)
  kDiscardPending,  // drop the pending edit of a published article
};

// "a draft", "in review", "scheduled", "published", "unpublished": for messages.
const char* StatusLabel(core::ArticleStatus status);

// "save", "submit", "publish", "schedule", "unpublish", "send_back", "discard_pending".
const char* StepName(Step step);
std::optional<Step> ParseStep(std::string_view name);

// The steps the actor may take on the story now.
struct Abilities {
  bool view = false;
  bool edit = false;  // save changes (live, or as a pending edit when `edit_pending`)
  bool edit_pending = false;
  bool submit = false;
  bool publish = false;
  bool schedule = false;
  bool unpublish = false;
  bool send_back = false;
  bool discard_pending = false;
  bool correct = false;  // mark a save as a correction
};

// A page of the newsroom's article list.
struct ArticleList {
  std::vector<core::ArticleSummary> articles;
  std::int64_t total = 0;
};

// One revision with what changed since the one before it (or since nothing,
// for the first): lines of a readable rendering of the article.
struct DiffLine {
  enum class Kind { kSame, kAdded, kRemoved };
  Kind kind = Kind::kSame;
  std::string text;
};
struct RevisionView {
  Revision revision;
  std::optional<Revision> previous;
  std::vector<DiffLine> diff;
};

// The text the diff compares: one field per paragraph, the body by lines.
std::vector<std::string> RevisionLines(const core::ArticleDraft& content);
// A line diff of `before` and `after` (shortest edit script).
std::vector<DiffLine> DiffLines(const std::vector<std::string>& before, const std::vector<std::string>& after);

// The article's content as a draft (section, tags and authors by name).
core::ArticleDraft DraftOf(const core::Article& article);

// Thread-safe; writes are serialized by the store.
class NewsroomService {
 public:
  NewsroomService(core::ContentStore& content, NewsroomStore& store, const core::Publisher& publisher,
                  const base::Clock& clock, base::EventBus* events = nullptr);

  // The newsroom's list, most recently changed first (or as asked). Authors
  // see their own articles only.
  Result<ArticleList> List(const Account& actor, core::ArticleQuery query);
  // kNotFound when there is no such article; kForbidden for an author and
  // someone else's article.
  Result<Story> Open(const Account& actor, core::Id id);
  Abilities Can(const Account& actor, const Story& story) const;

  // A new draft. The byline defaults to the actor's name.
  Result<Story> Create(const Account& actor, const ArticleEdit& edit);
  // Saves `edit` (when given) and takes `step`, in one transaction: either
  // both happen or neither. `at` is the time for kSchedule; `note` the note
  // for kSendBack. Without an edit, `expected_version` (when given) is the
  // version the step was meant for: a newer one is refused as stale.
  // Errors: kForbidden (the role or the article's owner), kConflict (a
  // stale version, or a step the state does not allow), kInvalid (a field,
  // naming it).
  Result<Story> Act(const Account& actor, core::Id id, const ArticleEdit* edit, Step step,
                    std::optional<base::Timestamp> at = std::nullopt, std::string_view note = {},
                    std::optional<std::int64_t> expected_version = std::nullopt);

  Result<Story> Save(const Account& actor, core::Id id, const ArticleEdit& edit) {
    return Act(actor, id, &edit, Step::kSave);
  }
  Result<Story> Submit(const Account& actor, core::Id id) { return Act(actor, id, nullptr, Step::kSubmit); }
  Result<Story> Publish(const Account& actor, core::Id id) { return Act(actor, id, nullptr, Step::kPublish); }
  Result<Story> Schedule(const Account& actor, core::Id id, base::Timestamp at) {
    return Act(actor, id, nullptr, Step::kSchedule, at);
  }
  Result<Story> Unpublish(const Account& actor, core::Id id) { return Act(actor, id, nullptr, Step::kUnpublish); }
  Result<Story> SendBack(const Account& actor, core::Id id, std::string_view note) {
    return Act(actor, id, nullptr, Step::kSendBack, std::nullopt, note);
  }

  // Revisions, newest first, and one with its diff.
  Result<std::vector<Revision>> Revisions(const Account& actor, core::Id article_id);
  Result<RevisionView> ShowRevision(const Account& actor, core::Id article_id, core::Id revision_id);
  // Saves the revision's content as the article's (an edit, under the
  // rules of Act); `version` is the article's version it replaces.
  Result<Story> Restore(const Account& actor, core::Id article_id, core::Id revision_id, std::int64_t version);

  // Publishes what is due at `now`: scheduled articles and approved pending
  // edits. Returns how many. Called by the Scheduler.
  Result<int> PublishDue(base::Timestamp now);

  // Sections and tags (editors and admins). A rename keeps the old address
  // as a redirect; an empty slug is made from the name.
  Result<core::Section> CreateSection(const Account& actor, std::string_view name, std::string_view slug = {});
  Result<core::Section> UpdateSection(const Account& actor, core::Id id, std::string_view name, std::string_view slug);
  // The navigation's order: the given sections first, in this order.
  Status OrderSections(const Account& actor, const std::vector<core::Id>& order);
  Result<core::Tag> CreateTag(const Account& actor, std::string_view name, std::string_view slug = {});
  Result<core::Tag> UpdateTag(const Account& actor, core::Id id, std::string_view name, std::string_view slug);
  // Moves every article of `from` to `into`; `from`'s address redirects.
  Status MergeTags(const Account& actor, core::Id from, core::Id into);

  // The audit log, newest first (editors and admins).
  Result<std::vector<AuditEntry>> Audit(const Account& actor, int offset, int limit);
  // Records a staff action done elsewhere (staff, tokens, settings, moderation).
  Status Record(const Account& actor, std::string_view action, std::string_view target_type, core::Id target_id,
                std::string_view detail);

 private:
  struct Outcome;
  Status Apply(NewsroomWriter& w, const Account& actor, Story& story, const ArticleEdit* edit, Step step,
               std::optional<base::Timestamp> at, std::string_view note, Outcome& outcome);
  Status SaveEdit(NewsroomWriter& w, const Account& actor, Story& story, const ArticleEdit& edit, Outcome& outcome);
  Status TakeStep(NewsroomWriter& w, const Account& actor, Story& story, Step step, std::optional<base::Timestamp> at,
                  std::string_view note, Outcome& outcome);
  Status ApprovePending(NewsroomWriter& w, const Account& actor, Story& story, Outcome& outcome);
  Result<Story> Load(NewsroomReader& reader, core::ContentReader& content, core::Id id);
  Status Log(NewsroomWriter& w, const Account& actor, std::string_view action, std::string_view type, core::Id id,
               std::string detail);
  void Announce(const Outcome& outcome, core::Id id);
  template <class T>
  Result<T> Taxonomy(const Account& actor, const std::function<Result<T>(NewsroomWriter&)>& work);

  core::ContentStore& content_;
  NewsroomStore& store_;
  const core::Publisher& publisher_;
  const base::Clock& clock_;
  base::EventBus* events_;
};

}  // namespace gazette::newsroom
