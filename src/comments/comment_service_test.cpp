// The comment and moderation services against the in-memory store.
#include "comments/comment_service.h"

#include <gtest/gtest.h>

#include "comments/moderation.h"
#include "core/publishing.h"
#include "storage/memory/memory_store.h"

namespace gazette::comments {
namespace {

class Plain final : public CommentRenderer, public core::BodyRenderer {
 public:
  std::string ToHtml(std::string_view text) const override { return "<p>" + std::string(text) + "</p>"; }
  std::string MarkdownToHtml(std::string_view text) const override { return ToHtml(text); }
};

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Publisher publisher(plain_, clock_);
    ASSERT_TRUE(store_.Write([&](core::ContentWriter& w) -> base::Status {
      core::ArticleDraft d;
      d.headline = "Story";
      d.section = "World";
      d.status = core::ArticleStatus::kPublished;
      auto id = publisher.Create(w, d);
      if (!id.ok()) return id.error();
      article_ = *id;
      return {};
    }).ok());
    anna_ = Reader("anna@example.org", "Anna");
    boris_ = Reader("boris@example.org", "Boris");
    mod_ = Reader("mod@example.org", "Mod", accounts::Role::kModerator);
  }

  accounts::Account Reader(const std::string& email, const std::string& name, accounts::Role role = accounts::Role::kReader) {
    auto id = store_.CreateAccount({email, name, "h", role, true, clock_.Now()});
    return *store_.FindAccount(*id);
  }
  accounts::Account Fresh(const accounts::Account& a) { return *store_.FindAccount(a.id); }
  std::int64_t Count() { return store_.Article(article_)->comment_count; }
  CommentService& Service() {
    if (!service_) service_ = std::make_unique<CommentService>(store_, plain_, clock_, settings_, Pipeline::Default());
    return *service_;
  }
  Result<PostResult> Post(const accounts::Account& who, std::string text, std::optional<Id> parent = std::nullopt,
                          std::string nonce = "") {
    clock_.Advance(std::chrono::seconds(1));
    return Service().Post(Fresh(who), article_, parent, text, nonce, "192.0.2.1");
  }

  storage::MemoryStore store_;
  Plain plain_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  CommentSettings settings_;
  std::unique_ptr<CommentService> service_;
  ModerationService moderation_{store_, clock_, settings_};
  core::Id article_ = 0;
  accounts::Account anna_, boris_, mod_;
};

TEST_F(ServiceTest, PostingShowsTheCommentAndCountsIt) {
  auto posted = Post(anna_, "First!");
  ASSERT_TRUE(posted.ok()) << posted.error().message;
  EXPECT_FALSE(posted->held);
  EXPECT_EQ(posted->comment.body_html, "<p>First!</p>");
  EXPECT_EQ(Count(), 1);
  EXPECT_EQ(Fresh(anna_).approved_comments, 1);
  auto reply = Post(boris_, "A reply", posted->comment.id);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->comment.root_id, posted->comment.id);
  auto view = Service().Thread(article_, Sort::kOldest, 1);
  ASSERT_EQ(view->items.size(), 2u);
  EXPECT_EQ(view->items[1].depth, 1);
  EXPECT_EQ(view->items[1].comment.author_name, "Boris");
}

TEST_F(ServiceTest, TheSameSubmissionTwiceStoresOneComment) {
  auto first = Post(anna_, "Once", std::nullopt, "key-1");
  auto second = Post(anna_, "Once", std::nullopt, "key-1");
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->duplicate);
  EXPECT_EQ(second->comment.id, first->comment.id);
  EXPECT_EQ(Count(), 1);
}

TEST_F(ServiceTest, RefusalsStoreNothing) {
  EXPECT_EQ(Post(anna_, "").error().key, "comment_empty");
  EXPECT_EQ(Service().Post(anna_, 424242, std::nullopt, "x", "", "ip").error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(Post(anna_, "reply to nothing", 999).error().key, "parent_missing");
  ASSERT_TRUE(moderation_.SetArticlePolicy(&mod_, article_, Policy::kClosed).ok());
  EXPECT_EQ(Post(anna_, "Too late").error().key, "comment_closed");
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(store_.ByAccount(anna_.id)->empty());
}

TEST_F(ServiceTest, PremoderatedThreadsHoldUntilApproved) {
  ASSERT_TRUE(moderation_.SetSectionPolicy(&mod_, "world", Policy::kPremoderated).ok());
  auto held = Post(anna_, "Please approve");
  ASSERT_TRUE(held.ok());
  EXPECT_TRUE(held->held);
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(Service().Thread(article_, Sort::kOldest, 1)->items.empty());
  auto queue = moderation_.Queue(mod_, QueueKind::kPending, 0, 10);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].article.headline, "Story");
  EXPECT_EQ((*queue)[0].author.display_name, "Anna");
  EXPECT_NE((*queue)[0].comment.moderation_note.find("pre-moderated"), std::string::npos);
  ASSERT_TRUE(moderation_.Approve(mod_, held->comment.id).ok());
  EXPECT_EQ(Count(), 1);
  EXPECT_EQ(Fresh(anna_).approved_comments, 1);
  auto log = moderation_.Log(mod_, 0, 10);
  ASSERT_GE(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "approve");
  EXPECT_EQ((*log)[0].actor_name, "Mod");
}

TEST_F(ServiceTest, ReadersCannotModerate) {
  auto posted = Post(boris_, "Hello");
  EXPECT_EQ(moderation_.Approve(anna_, posted->comment.id).error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(moderation_.Reject(anna_, posted->comment.id, "no").error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(moderation_.Queue(anna_, QueueKind::kPending, 0, 10).error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(moderation_.Ban(anna_, boris_.id, std::nullopt, "").error().code, base::ErrorCode::kForbidden);
}

TEST_F(ServiceTest, EditWithinTheWindowAndOnlyOnesOwn) {
  settings_.edit_minutes = 5;
  auto posted = Post(anna_, "Tpyo");
  auto edited = Service().Edit(Fresh(anna_), posted->comment.id, "Typo");
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->body_html, "<p>Typo</p>");
  EXPECT_TRUE(edited->edited_at.has_value());
  EXPECT_EQ(Service().Edit(Fresh(boris_), posted->comment.id, "Mine now").error().code, base::ErrorCode::kForbidden);
  clock_.Advance(std::chrono::minutes(6));
  EXPECT_EQ(Service().Edit(Fresh(anna_), posted->comment.id, "Too late").error().key, "comment_edit_over");
  EXPECT_EQ(store_.FindComment(posted->comment.id)->body, "Typo");
}

TEST_F(ServiceTest, DeletingKeepsAPlaceholderAboveReplies) {
  auto parent = Post(anna_, "Parent");
  auto reply = Post(boris_, "Reply", parent->comment.id);
  ASSERT_TRUE(Service().Delete(Fresh(anna_), parent->comment.id).ok());
  EXPECT_EQ(Count(), 1);
  auto view = Service().Thread(article_, Sort::kOldest, 1);
  ASSERT_EQ(view->items.size(), 2u);
  EXPECT_EQ(view->items[0].comment.status, CommentStatus::kDeleted);
  EXPECT_EQ(view->items[0].comment.body, "");
  EXPECT_EQ(Service().Delete(Fresh(anna_), parent->comment.id).error().code, base::ErrorCode::kNotFound);  // already gone
  EXPECT_EQ(Service().Delete(Fresh(anna_), reply->comment.id).error().code, base::ErrorCode::kForbidden);
}

TEST_F(ServiceTest, VotesAreOnePerReaderAndNotOnOnesOwn) {
  auto posted = Post(anna_, "Vote on me");
  EXPECT_EQ(Service().Vote(Fresh(anna_), posted->comment.id, 1).error().key, "vote_own");
  EXPECT_EQ(Service().Vote(Fresh(boris_), posted->comment.id, 1)->upvotes, 1);
  EXPECT_EQ(Service().Vote(Fresh(boris_), posted->comment.id, 1)->upvotes, 1);
  auto down = Service().Vote(Fresh(boris_), posted->comment.id, -1);
  EXPECT_EQ(down->upvotes, 0);
  EXPECT_EQ(down->downvotes, 1);
  EXPECT_EQ(Service().Vote(Fresh(boris_), posted->comment.id, 2).error().code, base::ErrorCode::kInvalid);
}

TEST_F(ServiceTest, EnoughReportsHideACommentUntilReviewed) {
  settings_.reports_to_hide = 2;
  auto posted = Post(anna_, "Controversial");
  accounts::Account carl = Reader("carl@example.org", "Carl");
  ASSERT_TRUE(Service().Report(Fresh(boris_), posted->comment.id, "abuse", "rude").ok());
  EXPECT_EQ(Service().Report(Fresh(boris_), posted->comment.id, "abuse", "").error().key, "report_again");
  EXPECT_EQ(Service().Report(Fresh(anna_), posted->comment.id, "spam", "").error().key, "report_own");
  EXPECT_EQ(Service().Report(Fresh(carl), posted->comment.id, "because", "").error().key, "report_reason");
  EXPECT_EQ(Count(), 1);
  ASSERT_TRUE(Service().Report(Fresh(carl), posted->comment.id, "spam", "").ok());
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(store_.FindComment(posted->comment.id)->hidden);
  auto reported = moderation_.Queue(mod_, QueueKind::kReported, 0, 10);
  ASSERT_EQ(reported->size(), 1u);
  EXPECT_EQ((*reported)[0].reports.size(), 2u);
  ASSERT_TRUE(moderation_.Approve(mod_, posted->comment.id).ok());
  EXPECT_EQ(Count(), 1);
  EXPECT_TRUE(moderation_.Queue(mod_, QueueKind::kReported, 0, 10)->empty());
}

TEST_F(ServiceTest, BanningRejectsTheHeldCommentsAndStopsNewOnes) {
  settings_.trusted_after = 1;
  auto held = Post(anna_, "Held for a new reader");
  EXPECT_TRUE(held->held);
  ASSERT_TRUE(moderation_.Ban(mod_, anna_.id, std::chrono::hours(24), "spam").ok());
  EXPECT_EQ(store_.FindComment(held->comment.id)->status, CommentStatus::kRejected);
  EXPECT_EQ(Post(anna_, "Again").error().key, "comment_banned_for_now");
  clock_.Advance(std::chrono::hours(25));
  EXPECT_TRUE(Post(anna_, "Back").ok());
  EXPECT_EQ(moderation_.Ban(mod_, mod_.id, std::nullopt, "").error().code, base::ErrorCode::kInvalid);
}

TEST_F(ServiceTest, RejectAndFeature) {
  auto posted = Post(anna_, "Good point");
  ASSERT_TRUE(moderation_.Feature(mod_, posted->comment.id, true).ok());
  EXPECT_EQ(Service().Thread(article_, Sort::kOldest, 1)->featured.size(), 1u);
  ASSERT_TRUE(moderation_.Reject(mod_, posted->comment.id, "off topic").ok());
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(Service().Thread(article_, Sort::kOldest, 1)->featured.empty());
  EXPECT_EQ(moderation_.Approve(mod_, posted->comment.id).error().code, base::ErrorCode::kConflict);
}

TEST_F(ServiceTest, ThreadsPageAndCapTheirDepth) {
  settings_.threads_per_page = 2;
  settings_.max_depth = 2;
  auto a = Post(anna_, "a");
  auto b = Post(boris_, "b", a->comment.id);
  auto c = Post(anna_, "c", b->comment.id);
  auto d = Post(boris_, "d", c->comment.id);
  ASSERT_TRUE(Post(anna_, "second thread").ok());
  ASSERT_TRUE(Post(boris_, "third thread").ok());
  auto view = Service().Thread(article_, Sort::kOldest, 1);
  EXPECT_EQ(view->pages, 2);
  ASSERT_EQ(view->items.size(), 5u);
  EXPECT_EQ(view->items[3].comment.id, d->comment.id);
  EXPECT_EQ(view->items[3].depth, 2);
  EXPECT_EQ(view->items[3].parent_shown, c->comment.id);
  EXPECT_EQ(Service().Thread(article_, Sort::kOldest, 2)->items.size(), 1u);
  EXPECT_EQ(Service().Thread(article_, Sort::kOldest, 3).error().code, base::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gazette::comments
