// The accounts and comments contract, comments' part: threads, votes,
// reports, queues, limits and moderation, on both backends.
#include "community_fixture.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

namespace gazette::community {
namespace {

TEST_P(CommunityContract, ThreadsNestRepliesUnderTheirTopLevelComment) {
  accounts::Id a = NewAccount("a@example.org");
  comments::Id first = Post(a, 1);
  comments::Id second = Post(a, 2);
  comments::Id reply = Post(a, 3, first);
  comments::Id nested = Post(a, 4, reply);
  Post(a, 5, first, CommentStatus::kPending);  // not shown
  EXPECT_EQ(ThreadIds(), (std::vector<comments::Id>{first, reply, nested, second}));
  EXPECT_EQ(ThreadIds(comments::Sort::kNewest), (std::vector<comments::Id>{second, first, reply, nested}));
  auto page = comments_->Threads(article_, comments::Sort::kOldest, 1, 1);
  EXPECT_EQ(page->total_threads, 2);
  ASSERT_EQ(page->comments.size(), 1u);
  EXPECT_EQ(page->comments[0].id, second);
  EXPECT_EQ(comments_->FindComment(nested)->root_id, first);
  EXPECT_EQ(comments_->FindComment(first)->author_name, "Name a@example.org");
  EXPECT_EQ(comments_->Article(article_)->comment_count, 4);
}

TEST_P(CommunityContract, RemovedCommentsStayAsPlaceholdersOnlyAboveReplies) {
  accounts::Id a = NewAccount("a@example.org");
  comments::Id lonely = Post(a, 1);
  comments::Id parent = Post(a, 2);
  comments::Id reply = Post(a, 3, parent);
  for (comments::Id id : {lonely, parent}) {
    Comment c = *comments_->FindComment(id);
    c.status = CommentStatus::kDeleted;
    c.body.clear();
    ASSERT_TRUE(Update(c).ok());
  }
  EXPECT_EQ(ThreadIds(), (std::vector<comments::Id>{parent, reply}));
  Comment r = *comments_->FindComment(reply);
  r.status = CommentStatus::kRejected;
  ASSERT_TRUE(Update(r).ok());
  EXPECT_TRUE(ThreadIds().empty());
}

// The number of threads a page shows follows every change of a comment:
// posted, held, approved, hidden, removed, a placeholder above replies.
TEST_P(CommunityContract, TheNumberOfThreadsFollowsEveryChange) {
  auto threads = [&] {
    auto page = comments_->Threads(article_, comments::Sort::kOldest, 0, 1);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message + " " + page.error().detail);
    return page.ok() ? page->total_threads : -1;
  };
  auto change = [&](comments::Id id, const std::function<void(Comment&)>& f) {
    Comment c = *comments_->FindComment(id);
    f(c);
    ASSERT_TRUE(Update(c).ok());
  };
  accounts::Id a = NewAccount("a@example.org");
  EXPECT_EQ(threads(), 0);
  comments::Id first = Post(a, 1);
  comments::Id held = Post(a, 2, std::nullopt, CommentStatus::kPending);
  comments::Id reply = Post(a, 3, first);
  EXPECT_EQ(threads(), 1);  // the held one and the reply are no threads of their own
  change(held, [](Comment& c) { c.status = CommentStatus::kVisible; });
  EXPECT_EQ(threads(), 2);
  change(held, [](Comment& c) { c.hidden = true; });
  EXPECT_EQ(threads(), 1);
  change(held, [](Comment& c) { c.upvotes = 3; });  // hidden still
  EXPECT_EQ(threads(), 1);
  change(held, [](Comment& c) { c.hidden = false; });
  EXPECT_EQ(threads(), 2);
  change(held, [](Comment& c) { c.status = CommentStatus::kRejected; });
  EXPECT_EQ(threads(), 1);
  change(first, [](Comment& c) { c.status = CommentStatus::kDeleted; });
  EXPECT_EQ(threads(), 1);  // a placeholder above its reply
  change(reply, [](Comment& c) { c.status = CommentStatus::kPending; });
  EXPECT_EQ(threads(), 0);
  change(first, [](Comment& c) { c.status = CommentStatus::kVisible; });
  EXPECT_EQ(threads(), 1);

  // A write that fails leaves the number as it was.
  EXPECT_FALSE(comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
    Comment c = *comments_->FindComment(first);
    c.status = CommentStatus::kRejected;
    GZ_TRY(w.UpdateComment(c));
    return base::Error::Invalid("changed my mind");
  }).ok());
  EXPECT_EQ(threads(), 1);
  for (int i = 0; i < 30; ++i) Post(a, 10 + i);
  EXPECT_EQ(threads(), 31);
}

TEST_P(CommunityContract, RecentVisibleListsShownCommentsNewestFirst) {
  accounts::Id anna = NewAccount("anna@example.org");
  comments::Id first = Post(anna, 1);
  comments::Id reply = Post(anna, 5, first);
  Post(anna, 6, std::nullopt, CommentStatus::kPending);
  comments::Id rejected = Post(anna, 7);
  Comment gone = *comments_->FindComment(rejected);
  gone.status = CommentStatus::kRejected;
  ASSERT_TRUE(Update(gone).ok());
  comments::Id hidden = Post(anna, 8);
  Comment reported = *comments_->FindComment(hidden);
  reported.hidden = true;
  ASSERT_TRUE(Update(reported).ok());
  comments::Id second = Post(anna, 3);

  auto recent = comments_->RecentVisible(article_, 10);
  ASSERT_TRUE(recent.ok());
  std::vector<comments::Id> ids;
  for (const Comment& c : *recent) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<comments::Id>{reply, second, first}));
  EXPECT_EQ(recent->front().author_name, "Name anna@example.org");
  EXPECT_EQ(recent->front().body_html, "<p>text 5</p>");

  auto one = comments_->RecentVisible(article_, 1);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->front().id, reply);
  EXPECT_TRUE(comments_->RecentVisible(article_ + 100, 10)->empty());
}

TEST_P(CommunityContract, BestSortsByScore) {
  accounts::Id a = NewAccount("a@example.org");
  comments::Id low = Post(a, 1);
  comments::Id high = Post(a, 2);
  Comment c = *comments_->FindComment(high);
  c.score = 0.8;
  c.upvotes = 10;
  ASSERT_TRUE(Update(c).ok());
  EXPECT_EQ(ThreadIds(comments::Sort::kBest), (std::vector<comments::Id>{high, low}));
}

TEST_P(CommunityContract, NoncesFindTheFirstSubmission) {
  accounts::Id a = NewAccount("a@example.org");
  comments::Id id = Post(a, 1, std::nullopt, CommentStatus::kVisible, "nonce-1");
  auto found = comments_->FindByNonce(a, "nonce-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, id);
  EXPECT_FALSE(comments_->FindByNonce(a, "other")->has_value());
  Comment again = **found;
  base::Status st = comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
    auto r = w.InsertComment(again);
    if (!r.ok()) return r.error();
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, base::ErrorCode::kConflict);
}

TEST_P(CommunityContract, VotesAreOnePerReaderAndCounted) {
  accounts::Id author = NewAccount("a@example.org");
  accounts::Id v1 = NewAccount("v1@example.org");
  accounts::Id v2 = NewAccount("v2@example.org");
  comments::Id c = Post(author, 1);
  auto vote = [&](accounts::Id who, int value) {
    std::pair<std::int64_t, std::int64_t> totals;
    EXPECT_TRUE(comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
      auto r = w.SetVote(c, who, value);
      if (!r.ok()) return r.error();
      totals = *r;
      return {};
    }).ok());
    return totals;
  };
  EXPECT_EQ(vote(v1, 1), std::make_pair(std::int64_t{1}, std::int64_t{0}));
  EXPECT_EQ(vote(v1, 1), std::make_pair(std::int64_t{1}, std::int64_t{0}));  // the same vote again changes nothing
  EXPECT_EQ(vote(v2, -1), std::make_pair(std::int64_t{1}, std::int64_t{1}));
  EXPECT_EQ(vote(v1, -1), std::make_pair(std::int64_t{0}, std::int64_t{2}));
  EXPECT_EQ(vote(v2, 0), std::make_pair(std::int64_t{0}, std::int64_t{1}));
  auto votes = comments_->VotesByAccount(v1);
  ASSERT_EQ(votes->size(), 1u);
  EXPECT_EQ((*votes)[0].value, -1);
  EXPECT_EQ((*votes)[0].article_id, article_);
}

TEST_P(CommunityContract, ReportsAreOnePerReaderAndResolve) {
  accounts::Id author = NewAccount("a@example.org");
  accounts::Id r1 = NewAccount("r1@example.org");
  accounts::Id r2 = NewAccount("r2@example.org");
  comments::Id c = Post(author, 1);
  auto report = [&](accounts::Id who) {
    base::Result<std::int64_t> out = base::Error::Internal("not run");
    (void)comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
      out = w.AddReport({c, who, "", "spam", "buy pills", At(2)});
      if (!out.ok()) return out.error();
      return {};
    });
    return out;
  };
  EXPECT_EQ(*report(r1), 1);
  EXPECT_EQ(*report(r2), 2);
  EXPECT_EQ(report(r1).error().code, base::ErrorCode::kConflict);
  auto reports = comments_->Reports(c);
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].reason, "spam");
  EXPECT_EQ((*reports)[0].reporter_name, "Name r1@example.org");
  ASSERT_TRUE(comments_->WriteComments([&](comments::CommentWriter& w) { return w.ResolveReports(c); }).ok());
  EXPECT_TRUE(comments_->Reports(c)->empty());
}

TEST_P(CommunityContract, QueuesListPendingAndReportedComments) {
  accounts::Id a = NewAccount("a@example.org");
  comments::Id pending1 = Post(a, 1, std::nullopt, CommentStatus::kPending);
  comments::Id pending2 = Post(a, 2, std::nullopt, CommentStatus::kPending);
  comments::Id reported = Post(a, 3);
  Comment r = *comments_->FindComment(reported);
  r.reports = 2;
  ASSERT_TRUE(Update(r).ok());
  auto pending = comments_->Queue(comments::QueueKind::kPending, 0, 10);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].id, pending1);
  EXPECT_EQ((*pending)[1].id, pending2);
  EXPECT_EQ(*comments_->QueueSize(comments::QueueKind::kPending), 2);
  auto flagged = comments_->Queue(comments::QueueKind::kReported, 0, 10);
  ASSERT_EQ(flagged->size(), 1u);
  EXPECT_EQ((*flagged)[0].id, reported);
}

TEST_P(CommunityContract, RecentCommentsAndRepeatedTexts) {
  accounts::Id a = NewAccount("a@example.org");
  accounts::Id b = NewAccount("b@example.org");
  comments::Id first = Post(a, 1);  // "text 1"
  Post(a, 5);
  EXPECT_EQ(comments_->ByAccountSince(a, At(2))->size(), 1u);
  EXPECT_EQ(comments_->ByAccountSince(a, At(0))->size(), 2u);
  auto posted = [&](accounts::Id who, std::string_view text, int since) {
    bool found = false;
    EXPECT_TRUE(comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
      auto r = w.PostedSince(who, comments::RepeatKey(text), At(since));
      if (!r.ok()) return r.error();
      found = *r;
      return {};
    }).ok());
    return found;
  };
  EXPECT_TRUE(posted(a, "TEXT   1!", 0));
  EXPECT_FALSE(posted(a, "text 1", 1));  // only what came after `since`
  EXPECT_FALSE(posted(b, "text 1", 0));
  EXPECT_FALSE(posted(a, "text 2", 0));
  Comment edited = *comments_->FindComment(first);
  edited.body = "changed words";
  ASSERT_TRUE(Update(edited).ok());
  EXPECT_FALSE(posted(a, "text 1", 0));
  EXPECT_TRUE(posted(a, "Changed words.", 0));
  edited.status = CommentStatus::kDeleted;
  ASSERT_TRUE(Update(edited).ok());
  EXPECT_FALSE(posted(a, "changed words", 0));
}

TEST_P(CommunityContract, AllowancesAreStoredAndForgottenWhenFull) {
  auto full_at = [&](std::string_view name) {
    comments::AllowanceTime t = -1;
    EXPECT_TRUE(comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
      auto r = w.AllowanceFullAt(name);
      if (!r.ok()) return r.error();
      t = *r;
      return {};
    }).ok());
    return t;
  };
  EXPECT_EQ(full_at("reader:1"), 0);
  const comments::AllowanceTime minute = 60'000'000;
  const comments::AllowanceTime at10 = base::ToUnixSeconds(At(10)) * 1'000'000;
  ASSERT_TRUE(comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
    GZ_TRY(w.SetAllowanceFullAt("reader:1", at10 - minute));
    GZ_TRY(w.SetAllowanceFullAt("address:192.0.2.1", at10 + 2 * minute));
    return w.SetAllowanceFullAt("reader:1", at10 + 5);  // replaces
  }).ok());
  EXPECT_EQ(full_at("reader:1"), at10 + 5);
  EXPECT_EQ(full_at("address:192.0.2.1"), at10 + 2 * minute);
  ASSERT_TRUE(comments_->WriteComments([&](comments::CommentWriter& w) { return w.ForgetFullAllowances(At(11)); }).ok());
  EXPECT_EQ(full_at("reader:1"), 0);
  EXPECT_EQ(full_at("address:192.0.2.1"), at10 + 2 * minute);  // not full yet
}

TEST_P(CommunityContract, PoliciesCountsBansAndTheLog) {
  accounts::Id a = NewAccount("a@example.org");
  ASSERT_TRUE(comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
    GZ_TRY(w.SetSectionPolicy("world", comments::Policy::kPremoderated));
    GZ_TRY(w.SetArticlePolicy(article_, comments::Policy::kClosed));
    GZ_TRY(w.AdjustCommentCount(article_, 3));
    GZ_TRY(w.AdjustCommentCount(article_, -5));  // never below zero
    GZ_TRY(w.AddApproved(a, 2));
    GZ_TRY(w.SetBan(a, At(100), "spam"));
    return w.AppendLog({0, a, "Mod", "ban", std::nullopt, a, std::nullopt, "until later", At(3)});
  }).ok());
  auto info = comments_->Article(article_);
  EXPECT_EQ(info->article_policy, comments::Policy::kClosed);
  EXPECT_EQ(info->section_policy, comments::Policy::kPremoderated);
  EXPECT_EQ(info->comment_count, 0);
  EXPECT_TRUE(info->published);
  EXPECT_EQ(info->headline, "A story");
  auto account = comments_->Author(a);
  EXPECT_EQ(account->approved_comments, 2);
  EXPECT_EQ(account->banned_until, At(100));
  EXPECT_EQ(account->ban_reason, "spam");
  auto log = comments_->Log(0, 10);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].action, "ban");
  EXPECT_EQ((*log)[0].actor_name, "Mod");
  EXPECT_EQ((*log)[0].account_id, a);
  EXPECT_FALSE((*log)[0].comment_id.has_value());
  EXPECT_EQ(comments_->WriteComments([&](comments::CommentWriter& w) { return w.SetSectionPolicy("nope", std::nullopt); })
                .error()
                .code,
            base::ErrorCode::kNotFound);
}

TEST_P(CommunityContract, AFailedCommentWriteLeavesNothing) {
  accounts::Id a = NewAccount("a@example.org");
  base::Status st = comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
    Comment c;
    c.article_id = article_;
    c.account_id = a;
    c.body = c.body_html = "x";
    c.created_at = At(1);
    EXPECT_TRUE(w.InsertComment(c).ok());
    EXPECT_TRUE(w.AdjustCommentCount(article_, 1).ok());
    return base::Error::Invalid("no");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(ThreadIds().empty());
  EXPECT_EQ(comments_->Article(article_)->comment_count, 0);
}

// Comments written later are committed together (SQLite's group commit);
// when one of them fails after writing, it leaves nothing and every other
// one is whole: its own id, its own thread, counted once.
TEST_P(CommunityContract, CommentsWrittenTogetherStayWholeWhenOneFails) {
  accounts::Id a = NewAccount("a@example.org");
  constexpr int kPosts = 40;
  std::mutex m;
  std::condition_variable cv;
  int told = 0;
  std::vector<comments::Id> written(kPosts, 0);
  std::vector<bool> ok(kPosts, false);
  for (int i = 0; i < kPosts; ++i) {
    bool fails = i % 7 == 3;
    bool queued = comments_->WriteCommentsLater(
        [&, i, fails](comments::CommentWriter& w) -> base::Status {
          if (i == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the rest queue meanwhile
          Comment c;
          c.article_id = article_;
          c.account_id = a;
          c.body = "text " + std::to_string(i);
          c.body_html = "<p>" + c.body + "</p>";
          c.status = CommentStatus::kVisible;
          c.created_at = At(i);
          auto id = w.InsertComment(c);
          if (!id.ok()) return id.error();
          GZ_TRY(w.AdjustCommentCount(article_, +1));
          if (fails) return base::Error::Invalid("refused after writing");
          written[i] = *id;
          return {};
        },
        [&, i](base::Status s) {
          std::lock_guard lock(m);
          ok[i] = s.ok();
          ++told;
          cv.notify_all();
        });
    ASSERT_TRUE(queued);
  }
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return told == kPosts; });
  }
  int expected = 0;
  std::vector<comments::Id> shown = ThreadIds();
  for (int i = 0; i < kPosts; ++i) {
    EXPECT_EQ(ok[i], i % 7 != 3) << i;
    if (!ok[i]) continue;
    ++expected;
    auto c = comments_->FindComment(written[i]);
    ASSERT_TRUE(c.ok()) << i;
    EXPECT_EQ(c->body, "text " + std::to_string(i));
    EXPECT_EQ(c->root_id, c->id);
  }
  EXPECT_EQ(static_cast<int>(shown.size()), expected);
  EXPECT_EQ(std::set<comments::Id>(shown.begin(), shown.end()).size(), shown.size());
  EXPECT_EQ(comments_->Article(article_)->comment_count, expected);
}

}  // namespace
}  // namespace gazette::community
