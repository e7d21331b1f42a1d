// The editorial workflow's rules: who may take which step in which state,
// optimistic locking, corrections, pending edits of published articles,
// scheduling, revisions, sections and tags, the audit log and the events.
#include "newsroom/newsroom_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "newsroom/scheduler.h"
#include "storage/memory/memory_store.h"

namespace gazette::newsroom {
namespace {

using accounts::Role;
using base::ErrorCode;
using core::ArticleStatus;

class Bodies final : public core::BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override { return "<p>" + std::string(markdown) + "</p>"; }
};

class NewsroomTest : public ::testing::Test {
 protected:
  NewsroomTest() {
    admin_ = Staff(1, "Ada Admin", Role::kAdmin);
    editor_ = Staff(2, "Eve Editor", Role::kEditor);
    author_ = Staff(3, "Al Author", Role::kAuthor);
    other_author_ = Staff(4, "Olga Other", Role::kAuthor);
    moderator_ = Staff(5, "Mo Moderator", Role::kModerator);
    // What the workflow announces (taxonomy changes have tests of their own).
    events_.Subscribe([this](const base::Event& e) {
      if (e.type.starts_with("article.")) seen_.push_back(e);
    });
    EXPECT_TRUE(service_.CreateSection(editor_, "World").ok());  // authors file under existing sections
  }

  static Account Staff(core::Id id, std::string name, Role role) {
    Account a;
    a.id = id;
    a.display_name = std::move(name);
    a.role = role;
    return a;
  }

  static ArticleEdit Edit(std::string headline, std::int64_t version = 0) {
    ArticleEdit e;
    e.content.headline = std::move(headline);
    e.content.body = "Body of the story.";
    e.content.section = "World";
    e.content.tags = {"Transport"};
    e.version = version;
    return e;
  }

  // A draft by `who`; returns it.
  Story Draft(const Account& who, const std::string& headline = "Tram line extended") {
    Result<Story> s = service_.Create(who, Edit(headline));
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return *s;
  }

  Story Published(const Account& who) {
    Story s = Draft(who);
    Result<Story> p = service_.Publish(editor_, s.article.id);
    EXPECT_TRUE(p.ok());
    return *p;
  }

  static ErrorCode Code(const Result<Story>& r) { return r.ok() ? ErrorCode::kInternal : r.error().code; }

  storage::MemoryStore store_;
  Bodies bodies_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  core::Publisher publisher_{bodies_, clock_};
  base::EventBus events_;
  std::vector<base::Event> seen_;
  NewsroomService service_{store_, store_, publisher_, clock_, &events_};
  Account admin_, editor_, author_, other_author_, moderator_;
};

TEST_F(NewsroomTest, AnAuthorWritesADraftUnderTheirOwnNameAndSubmitsIt) {
  Story s = Draft(author_);
  EXPECT_EQ(s.article.status, ArticleStatus::kDraft);
  EXPECT_EQ(s.article.created_by, author_.id);
  EXPECT_EQ(s.article.slug, "tram-line-extended");
  ASSERT_EQ(s.article.authors.size(), 1u);
  EXPECT_EQ(s.article.authors[0].name, "Al Author");
  EXPECT_EQ(s.article.version, 1);
  Abilities can = service_.Can(author_, s);
  EXPECT_TRUE(can.edit);
  EXPECT_TRUE(can.submit);
  EXPECT_FALSE(can.publish);
  EXPECT_FALSE(can.schedule);
  auto submitted = service_.Submit(author_, s.article.id);
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(submitted->article.status, ArticleStatus::kReview);
  // Still editable in review; publishing is not theirs.
  EXPECT_TRUE(service_.Save(author_, s.article.id, Edit("Tram line extended to the port", 1)).ok());
  auto refused = service_.Publish(author_, s.article.id);
  EXPECT_EQ(Code(refused), ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().message, "Your role (author) may not publish, schedule or unpublish articles.");
  EXPECT_TRUE(seen_.empty());
}

TEST_F(NewsroomTest, AuthorsCannotSeeOrTouchOthersArticlesModeratorsNoArticlesAtAll) {
  Story s = Draft(author_);
  EXPECT_EQ(service_.Open(other_author_, s.article.id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Code(service_.Save(other_author_, s.article.id, Edit("Mine now", 1))), ErrorCode::kForbidden);
  EXPECT_EQ(Code(service_.Submit(other_author_, s.article.id)), ErrorCode::kForbidden);
  EXPECT_EQ(service_.Open(moderator_, s.article.id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_.Create(moderator_, Edit("News")).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_.Open(author_, 9999).error().code, ErrorCode::kNotFound);
  // Lists: an author sees only their own.
  Draft(other_author_, "Other story");
  core::ArticleQuery any;
  any.status = std::nullopt;
  EXPECT_EQ(service_.List(author_, any)->total, 1);
  EXPECT_EQ(service_.List(editor_, any)->total, 2);
  EXPECT_FALSE(service_.List(moderator_, any).ok());
}

TEST_F(NewsroomTest, SavingOverANewerVersionIsRefusedNotLost) {
  Story s = Draft(author_);
  ASSERT_TRUE(service_.Save(editor_, s.article.id, Edit("Editor's headline", 1)).ok());
  auto stale = service_.Save(author_, s.article.id, Edit("Author's headline", 1));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().field, "version");
  EXPECT_NE(stale.error().message.find("Someone else saved this article"), std::string::npos);
  EXPECT_EQ(service_.Open(editor_, s.article.id)->article.headline, "Editor's headline");
  EXPECT_TRUE(service_.Save(author_, s.article.id, Edit("Author's headline", 2)).ok());
}

TEST_F(NewsroomTest, AnEditorSchedulesAndTheSchedulerPublishesOnTime) {
  Story s = Draft(author_);
  ASSERT_TRUE(service_.Submit(author_, s.article.id).ok());
  base::Timestamp at = clock_.Now() + std::chrono::hours(2);
  EXPECT_EQ(service_.Schedule(editor_, s.article.id, clock_.Now() - std::chrono::minutes(1)).error().field, "at");
  auto scheduled = service_.Schedule(editor_, s.article.id, at);
  ASSERT_TRUE(scheduled.ok());
  EXPECT_EQ(scheduled->article.status, ArticleStatus::kScheduled);
  EXPECT_EQ(scheduled->article.published_at, at);
  // The author may no longer change it.
  EXPECT_EQ(Code(service_.Save(author_, s.article.id, Edit("Changed", 1))), ErrorCode::kForbidden);
  EXPECT_EQ(*service_.PublishDue(at - std::chrono::seconds(1)), 0);
  EXPECT_EQ(*service_.PublishDue(at), 1);
  auto live = service_.Open(editor_, s.article.id);
  EXPECT_EQ(live->article.status, ArticleStatus::kPublished);
  EXPECT_EQ(live->article.published_at, at);
  EXPECT_EQ(seen_, (std::vector<base::Event>{{"article.scheduled", s.article.id}, {"article.published", s.article.id}}));
  EXPECT_EQ(*service_.PublishDue(at + std::chrono::hours(1)), 0);  // once only
  auto audit = service_.Audit(admin_, 0, 10);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ((*audit)[0].action, "article.publish");
  EXPECT_EQ((*audit)[0].actor_name, "scheduler");
}

TEST_F(NewsroomTest, UnpublishingAScheduledArticleReturnsItToDraft) {
  Story s = Draft(editor_);
  ASSERT_TRUE(service_.Schedule(editor_, s.article.id, clock_.Now() + std::chrono::hours(1)).ok());
  auto back = service_.Unpublish(editor_, s.article.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->article.status, ArticleStatus::kDraft);
  EXPECT_FALSE(back->article.published_at.has_value());
  EXPECT_EQ(*service_.PublishDue(clock_.Now() + std::chrono::hours(2)), 0);
}

TEST_F(NewsroomTest, PublishUnpublishAndRepublishKeepTheFirstTime) {
  Story s = Published(author_);
  EXPECT_EQ(s.article.status, ArticleStatus::kPublished);
  EXPECT_EQ(s.article.published_at, clock_.Now());
  base::Timestamp first = clock_.Now();
  clock_.Advance(std::chrono::hours(1));
  EXPECT_TRUE(service_.Publish(editor_, s.article.id).ok());  // already live: nothing to do
  auto down = service_.Unpublish(editor_, s.article.id);
  EXPECT_EQ(down->article.status, ArticleStatus::kUnpublished);
  EXPECT_EQ(Code(service_.Unpublish(editor_, s.article.id)), ErrorCode::kConflict);
  auto again = service_.Publish(editor_, s.article.id);
  EXPECT_EQ(again->article.published_at, first);
  std::vector<std::string> types;
  for (const auto& e : seen_) types.push_back(e.type);
  EXPECT_EQ(types, (std::vector<std::string>{"article.published", "article.unpublished", "article.published"}));
}

TEST_F(NewsroomTest, AnEditorsSaveOfAPublishedArticleGoesLiveAndCanBeACorrection) {
  Story s = Published(author_);
  seen_.clear();
  clock_.Advance(std::chrono::minutes(30));
  ArticleEdit fix = Edit("Tram line extended to the port", s.article.version);
  fix.correction = true;
  auto missing_note = service_.Save(editor_, s.article.id, fix);
  EXPECT_EQ(missing_note.error().field, "correction_note");
  fix.correction_note = "An earlier version named the wrong district.";
  auto saved = service_.Save(editor_, s.article.id, fix);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->article.headline, "Tram line extended to the port");
  EXPECT_EQ(saved->article.correction_note, "An earlier version named the wrong district.");
  EXPECT_EQ(saved->article.corrected_at, clock_.Now());
  EXPECT_EQ(saved->article.updated_at, clock_.Now());
  EXPECT_EQ(saved->article.status, ArticleStatus::kPublished);
  EXPECT_EQ(seen_, (std::vector<base::Event>{{"article.updated", s.article.id}}));
  auto revisions = service_.Revisions(editor_, s.article.id);
  ASSERT_FALSE(revisions->empty());
  EXPECT_EQ((*revisions)[0].kind, "correction");
  EXPECT_EQ((*revisions)[0].account_name, "Eve Editor");
  // Authors cannot mark corrections, and drafts have nothing to correct.
  Story draft = Draft(editor_, "Another");
  ArticleEdit wrong = Edit("Another", 1);
  wrong.correction = true;
  wrong.correction_note = "x";
  EXPECT_EQ(service_.Save(editor_, draft.article.id, wrong).error().field, "correction");
}

TEST_F(NewsroomTest, AnAuthorsEditOfAPublishedArticleWaitsForReviewWhileReadersSeeTheLiveOne) {
  Story s = Published(author_);
  seen_.clear();
  auto pending = service_.Save(author_, s.article.id, Edit("Revised headline", s.article.version));
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->article.headline, "Tram line extended");  // still live as it was
  EXPECT_EQ(pending->article.status, ArticleStatus::kPublished);
  ASSERT_TRUE(pending->pending.has_value());
  EXPECT_EQ(pending->pending->state, PendingEdit::State::kDraft);
  EXPECT_EQ(pending->pending->content.headline, "Revised headline");
  EXPECT_TRUE(service_.Can(author_, *pending).edit_pending);
  EXPECT_TRUE(service_.Can(author_, *pending).submit);
  // The editor cannot approve before it is submitted? They may: an editor may
  // publish a pending edit in any state. The author submits first here.
  auto submitted = service_.Submit(author_, s.article.id);
  EXPECT_EQ(submitted->pending->state, PendingEdit::State::kReview);
  // Sent back with a note, then submitted again.
  auto back = service_.SendBack(editor_, s.article.id, "Check the figures.");
  EXPECT_EQ(back->pending->state, PendingEdit::State::kDraft);
  EXPECT_EQ(back->pending->note, "Check the figures.");
  ASSERT_TRUE(service_.Submit(author_, s.article.id).ok());
  EXPECT_TRUE(seen_.empty());
  auto approved = service_.Publish(editor_, s.article.id);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->article.headline, "Revised headline");
  EXPECT_FALSE(approved->pending.has_value());
  EXPECT_EQ(seen_, (std::vector<base::Event>{{"article.updated", s.article.id}}));
  EXPECT_EQ(store_.FindArticle(s.article.id)->headline, "Revised headline");
}

TEST_F(NewsroomTest, APendingEditCanBeApprovedForLater) {
  Story s = Published(author_);
  auto pending = service_.Save(author_, s.article.id, Edit("Revised later", s.article.version));
  ASSERT_TRUE(service_.Submit(author_, s.article.id).ok());
  base::Timestamp at = clock_.Now() + std::chrono::hours(1);
  auto scheduled = service_.Schedule(editor_, s.article.id, at);
  ASSERT_TRUE(scheduled.ok());
  EXPECT_EQ(scheduled->pending->state, PendingEdit::State::kScheduled);
  EXPECT_EQ(scheduled->article.headline, "Tram line extended");
  // Approved: the author can no longer change it.
  EXPECT_EQ(Code(service_.Save(author_, s.article.id, Edit("Sneaky", scheduled->article.version))),
            ErrorCode::kForbidden);
  EXPECT_EQ(*service_.PublishDue(at), 1);
  EXPECT_EQ(store_.FindArticle(s.article.id)->headline, "Revised later");
  EXPECT_EQ(*store_.Pending(s.article.id), std::nullopt);
}

TEST_F(NewsroomTest, AnApprovedPendingEditKeepsTheTopFlagAndTheAddressItProposes) {
  ArticleEdit edit = Edit("Tram line extended");
  edit.content.top = true;
  Story s = *service_.Create(editor_, edit);
  ASSERT_TRUE(service_.Publish(editor_, s.article.id).ok());
  // The editor's story, edited by an author? Authors edit their own: make one.
  Story mine = Published(author_);
  ArticleEdit pending = Edit("Tram line reaches the port", mine.article.version);
  pending.content.top = true;
  pending.content.slug = "tram-reaches-port";
  ASSERT_TRUE(service_.Save(author_, mine.article.id, pending).ok());
  ASSERT_TRUE(service_.Submit(author_, mine.article.id).ok());
  EXPECT_EQ((*store_.Pending(mine.article.id))->content.slug, "tram-reaches-port");
  auto approved = service_.Publish(editor_, mine.article.id);
  ASSERT_TRUE(approved.ok());
  EXPECT_TRUE(approved->article.top);
  EXPECT_EQ(approved->article.slug, "tram-reaches-port");
  EXPECT_TRUE(store_.FindArticle(s.article.id)->top);
}

TEST_F(NewsroomTest, AuthorsFileUnderExistingSectionsOnly) {
  ArticleEdit edit = Edit("Story");
  edit.content.section = "Brand new section";
  auto refused = service_.Create(author_, edit);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "section");
  EXPECT_FALSE(store_.FindSection("brand-new-section").ok());
  ASSERT_TRUE(service_.Create(editor_, edit).ok());  // editors create sections as they go
  EXPECT_TRUE(service_.Create(author_, edit).ok());
}

TEST_F(NewsroomTest, AStepMeantForAnOlderVersionIsRefused) {
  Story s = Draft(author_);
  ASSERT_TRUE(service_.Save(editor_, s.article.id, Edit("Changed by the editor", 1)).ok());
  auto stale = service_.Act(author_, s.article.id, nullptr, Step::kSubmit, std::nullopt, {}, 1);
  EXPECT_EQ(Code(stale), ErrorCode::kConflict);
  EXPECT_EQ(store_.FindArticle(s.article.id)->status, ArticleStatus::kDraft);
  EXPECT_TRUE(service_.Act(author_, s.article.id, nullptr, Step::kSubmit, std::nullopt, {}, 2).ok());
}

TEST_F(NewsroomTest, ApprovingAPendingEditOverANewerLiveVersionIsRefused) {
  Story s = Published(author_);
  ASSERT_TRUE(service_.Save(author_, s.article.id, Edit("Author's revision", s.article.version)).ok());
  ASSERT_TRUE(service_.Submit(author_, s.article.id).ok());
  std::int64_t version = service_.Open(editor_, s.article.id)->article.version;
  ASSERT_TRUE(service_.Save(editor_, s.article.id, Edit("Editor's fix", version)).ok());
  auto approve = service_.Publish(editor_, s.article.id);
  EXPECT_EQ(Code(approve), ErrorCode::kConflict);
  EXPECT_EQ(store_.FindArticle(s.article.id)->headline, "Editor's fix");
  // The editor may discard it instead; so may its author.
  EXPECT_TRUE(service_.Act(author_, s.article.id, nullptr, Step::kDiscardPending).ok());
  EXPECT_EQ(*store_.Pending(s.article.id), std::nullopt);
}

TEST_F(NewsroomTest, AnArticleInReviewIsSentBackWithANoteKeptInItsRevisions) {
  Story s = Draft(author_);
  EXPECT_EQ(Code(service_.SendBack(editor_, s.article.id, "Too early")), ErrorCode::kConflict);
  ASSERT_TRUE(service_.Submit(author_, s.article.id).ok());
  auto back = service_.SendBack(editor_, s.article.id, "Needs a second source.");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->article.status, ArticleStatus::kDraft);
  auto revisions = service_.Revisions(author_, s.article.id);
  EXPECT_EQ((*revisions)[0].kind, "sent_back");
  EXPECT_EQ((*revisions)[0].note, "Needs a second source.");
}

TEST_F(NewsroomTest, SaveAndStepHappenTogetherOrNotAtAll) {
  Story s = Draft(author_);
  ArticleEdit edit = Edit("New headline", 1);
  // An author's save-and-publish is refused as a whole: the save is not kept.
  EXPECT_EQ(Code(service_.Act(author_, s.article.id, &edit, Step::kPublish)), ErrorCode::kForbidden);
  EXPECT_EQ(store_.FindArticle(s.article.id)->headline, "Tram line extended");
  auto both = service_.Act(editor_, s.article.id, &edit, Step::kPublish);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->article.headline, "New headline");
  EXPECT_EQ(both->article.status, ArticleStatus::kPublished);
}

TEST_F(NewsroomTest, InvalidFieldsAreNamedAndChangeNothing) {
  Story s = Draft(author_);
  ArticleEdit empty = Edit("", 1);
  auto refused = service_.Save(author_, s.article.id, empty);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().field, "headline");
  ArticleEdit url = Edit("Fine", 1);
  url.content.source = {"Courier", "javascript:alert(1)"};
  EXPECT_EQ(service_.Save(author_, s.article.id, url).error().field, "source.url");
  EXPECT_EQ(store_.FindArticle(s.article.id)->version, 1);
  EXPECT_EQ(service_.Create(author_, Edit("   ")).error().field, "headline");
}

TEST_F(NewsroomTest, SlugsComeFromTheHeadlineAndAChangedOneRedirects) {
  Story s = Published(editor_);
  ArticleEdit edit = Edit("Tram line extended", s.article.version);
  edit.content.slug = "tram-extension";
  ASSERT_TRUE(service_.Save(editor_, s.article.id, edit).ok());
  EXPECT_EQ(*store_.RenamedArticle("tram-line-extended"), s.article.id);
  Story russian = Draft(editor_, "Трамвай дошёл до порта");
  EXPECT_EQ(russian.article.slug, "tramvay-doshel-do-porta");
  Story other = Draft(editor_, "Other");
  ArticleEdit clash = Edit("Other", 1);
  clash.content.slug = "tram-extension";
  EXPECT_EQ(service_.Save(editor_, other.article.id, clash).error().code, ErrorCode::kConflict);
}

TEST_F(NewsroomTest, RevisionsShowADiffAndCanBeRestored) {
  Story s = Draft(author_);
  ArticleEdit second = Edit("Second headline", 1);
  second.content.body = "Body of the story.\n\nA new paragraph.";
  second.content.authors = {"Al Author"};
  ASSERT_TRUE(service_.Save(author_, s.article.id, second).ok());
  auto revisions = service_.Revisions(author_, s.article.id);
  ASSERT_EQ(revisions->size(), 2u);
  auto view = service_.ShowRevision(author_, s.article.id, (*revisions)[0].id);
  ASSERT_TRUE(view.ok());
  std::vector<std::string> added, removed;
  for (const DiffLine& line : view->diff) {
    if (line.kind == DiffLine::Kind::kAdded) added.push_back(line.text);
    if (line.kind == DiffLine::Kind::kRemoved) removed.push_back(line.text);
  }
  EXPECT_EQ(removed, std::vector<std::string>{"Headline: Tram line extended"});
  EXPECT_EQ(added, (std::vector<std::string>{"Headline: Second headline", "", "A new paragraph."}));
  auto restored = service_.Restore(author_, s.article.id, (*revisions)[1].id, 2);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored->article.headline, "Tram line extended");
  EXPECT_EQ(restored->article.body, "Body of the story.");
  EXPECT_EQ(restored->article.version, 3);
  EXPECT_EQ(Code(service_.Restore(author_, s.article.id, (*revisions)[1].id, 2)), ErrorCode::kConflict);
  EXPECT_EQ(service_.ShowRevision(other_author_, s.article.id, (*revisions)[0].id).error().code, ErrorCode::kForbidden);
}

TEST_F(NewsroomTest, SectionsAndTagsAreRenamedOrderedAndMergedByEditors) {
  auto world = store_.FindSection("world");
  ASSERT_TRUE(world.ok());
  auto sport = service_.CreateSection(editor_, "Sport", "sport");
  EXPECT_EQ(service_.CreateSection(author_, "Culture").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_.CreateSection(editor_, "World").error().field, "slug");
  EXPECT_EQ(service_.CreateSection(editor_, "!!!").error().field, "slug");
  auto renamed = service_.UpdateSection(editor_, world->id, "Planet", "");
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->slug, "planet");
  EXPECT_EQ(*store_.RenamedSection("world"), "planet");
  ASSERT_TRUE(service_.OrderSections(editor_, {sport->id, world->id}).ok());
  auto sections = store_.ListSections();
  EXPECT_EQ((*sections)[0].slug, "sport");
  EXPECT_EQ((*sections)[1].slug, "planet");
  // Tags.
  Story s = Draft(author_);  // tagged "Transport"
  auto trams = service_.CreateTag(editor_, "Trams");
  auto transport = store_.FindTag("transport");
  ASSERT_TRUE(service_.MergeTags(editor_, transport->id, trams->id).ok());
  EXPECT_EQ(store_.FindArticle(s.article.id)->tags[0].slug, "trams");
  EXPECT_EQ(*store_.RenamedTag("transport"), "trams");
  EXPECT_EQ(service_.MergeTags(editor_, trams->id, trams->id).error().code, ErrorCode::kInvalid);
  // A draft naming the merged tag by its old name files under the new one.
  ArticleEdit edit = Edit("Tram line extended", 1);
  edit.content.tags = {"Transport"};
  auto saved = service_.Save(author_, s.article.id, edit);
  EXPECT_EQ(saved->article.tags[0].slug, "trams");
  auto audit = service_.Audit(editor_, 0, 50);
  std::vector<std::string> actions;
  for (const auto& e : *audit) actions.push_back(e.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "tag.merge"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "section.rename"), actions.end());
  EXPECT_FALSE(service_.Audit(author_, 0, 10).ok());
}

// The scheduler's thread, on the real clock: it catches up at start with
// what came due while it was stopped, and wakes for a new schedule.
TEST(SchedulerThread, CatchesUpAtStartAndWakesForNewSchedules) {
  storage::MemoryStore store;
  Bodies bodies;
  base::SystemClock clock;
  core::Publisher publisher(bodies, clock);
  base::EventBus bus;
  NewsroomService service(store, store, publisher, clock, &bus);
  Account editor;
  editor.id = 1;
  editor.display_name = "Eve";
  editor.role = Role::kEditor;
  ArticleEdit edit;
  edit.content.headline = "Missed while stopped";
  core::Id missed = service.Create(editor, edit)->article.id;
  ASSERT_TRUE(service.Schedule(editor, missed, clock.Now() + std::chrono::seconds(1)).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // due while no scheduler ran
  Scheduler scheduler(service, store, &bus);
  scheduler.Start();
  auto published = [&](core::Id id) {
    for (int i = 0; i < 100; ++i) {
      if (store.FindArticle(id)->status == ArticleStatus::kPublished) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  EXPECT_TRUE(published(missed));
  edit.content.headline = "Due in a moment";
  core::Id soon = service.Create(editor, edit)->article.id;
  base::Timestamp at = clock.Now() + std::chrono::seconds(2);
  ASSERT_TRUE(service.Schedule(editor, soon, at).ok());
  EXPECT_EQ(store.FindArticle(soon)->status, ArticleStatus::kScheduled);
  EXPECT_TRUE(published(soon));
  EXPECT_EQ(store.FindArticle(soon)->published_at, at);
  scheduler.Stop();
}

TEST_F(NewsroomTest, StepNamesRoundTrip) {
  for (Step step : {Step::kSave, Step::kSubmit, Step::kPublish, Step::kSchedule, Step::kUnpublish, Step::kSendBack,
                    Step::kDiscardPending}) {
    EXPECT_EQ(ParseStep(StepName(step)), step);
  }
  EXPECT_EQ(ParseStep("explode"), std::nullopt);
}

}  // namespace
}  // namespace gazette::newsroom
