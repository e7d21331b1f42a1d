// The accounts and comments contract: both backends, one behaviour.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <functional>

#include "comments/checks.h"
#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace gazette {
namespace {

using accounts::Account;
using accounts::Role;
using comments::Comment;
using comments::CommentStatus;

// A fresh temporary folder per test.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("gazette-community-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The three ports of one backend.
struct AnyStore {
  std::unique_ptr<core::ContentStore> holder;
  core::ContentStore* content = nullptr;
  accounts::AccountStore* accounts = nullptr;
  comments::CommentStore* comments = nullptr;
};

using Open = std::function<AnyStore(const std::filesystem::path&)>;
struct NamedOpen {
  std::string name;
  Open open;
};
std::ostream& operator<<(std::ostream& out, const NamedOpen& n) { return out << n.name; }

template <class T>
AnyStore Wrap(std::unique_ptr<T> store) {
  AnyStore any;
  if (!store) return any;
  any.content = store.get();
  any.accounts = store.get();
  any.comments = store.get();
  any.holder = std::move(store);
  return any;
}

class CommunityContract : public ::testing::TestWithParam<NamedOpen> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_.content, nullptr);
    accounts_ = store_.accounts;
    comments_ = store_.comments;
    // One published article to comment on.
    ASSERT_TRUE(store_.content->Write([&](core::ContentWriter& w) -> base::Status {
      auto section = w.InsertSection({0, "world", "World", 1});
      if (!section.ok()) return section.error();
      core::Article a;
      a.slug = "story";
      a.headline = "A story";
      a.status = core::ArticleStatus::kPublished;
      a.published_at = a.created_at = a.updated_at = At(0);
      a.section = *section;
      auto id = w.InsertArticle(a);
      if (!id.ok()) return id.error();
      article_ = *id;
      return {};
    }).ok());
  }

  base::Timestamp At(int minutes) { return base::FromUnixSeconds(1'760'000'000 + minutes * 60); }

  accounts::Id NewAccount(const std::string& email, Role role = Role::kReader) {
    auto id = accounts_->CreateAccount({email, "Name " + email, "hash-" + email, role, false, At(0)});
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  comments::Id Post(accounts::Id author, int minute, std::optional<comments::Id> parent = std::nullopt,
                    CommentStatus status = CommentStatus::kVisible, std::string nonce = "") {
    Comment c;
    c.article_id = article_;
    c.parent_id = parent;
    c.account_id = author;
    c.body = "text " + std::to_string(minute);
    c.body_html = "<p>" + c.body + "</p>";
    c.status = status;
    c.created_at = At(minute);
    c.ip = "192.0.2.1";
    c.nonce = std::move(nonce);
    if (parent) c.root_id = comments_->FindComment(*parent)->root_id;
    comments::Id id = 0;
    base::Status st = comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
      auto r = w.InsertComment(c);
      if (!r.ok()) return r.error();
      id = *r;
      if (c.Counted()) return w.AdjustCommentCount(article_, +1);
      return {};
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return id;
  }

  base::Status Update(const Comment& c) {
    return comments_->WriteComments([&](comments::CommentWriter& w) { return w.UpdateComment(c); });
  }

  std::vector<comments::Id> ThreadIds(comments::Sort sort = comments::Sort::kOldest) {
    auto page = comments_->Threads(article_, sort, 0, 100);
    EXPECT_TRUE(page.ok());
    std::vector<comments::Id> ids;
    for (const Comment& c : page->comments) ids.push_back(c.id);
    return ids;
  }

  TempDir dir_;
  AnyStore store_;
  accounts::AccountStore* accounts_ = nullptr;
  comments::CommentStore* comments_ = nullptr;
  core::Id article_ = 0;
};

TEST_P(CommunityContract, AccountsAreFoundByIdAndEmail) {
  accounts::Id id = NewAccount("anna@example.org");
  auto by_id = accounts_->FindAccount(id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->email, "anna@example.org");
  EXPECT_EQ(by_id->display_name, "Name anna@example.org");
  EXPECT_EQ(by_id->role, Role::kReader);
  EXPECT_FALSE(by_id->deleted);
  EXPECT_EQ(accounts_->FindAccountByEmail("anna@example.org")->id, id);
  EXPECT_EQ(*accounts_->PasswordHash(id), "hash-anna@example.org");
  EXPECT_EQ(accounts_->FindAccountByEmail("nobody@example.org").error().code, base::ErrorCode::kNotFound);
  auto dup = accounts_->CreateAccount({"anna@example.org", "Other", "h", Role::kReader, false, At(1)});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "email");
}

TEST_P(CommunityContract, SessionsLiveUntilTheyExpireOrEnd) {
  accounts::Id id = NewAccount("a@example.org");
  accounts::Session s{0, id, "hash-1", At(0), At(0), At(60), "Browser", "192.0.2.1"};
  auto sid = accounts_->CreateSession(s);
  ASSERT_TRUE(sid.ok());
  auto found = accounts_->FindSession("hash-1", At(30));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->first.id, *sid);
  EXPECT_EQ(found->first.user_agent, "Browser");
  EXPECT_EQ(found->second.id, id);
  EXPECT_FALSE(accounts_->FindSession("hash-1", At(61)).ok());  // expired
  ASSERT_TRUE(accounts_->TouchSession(*sid, At(50), At(200)).ok());
  EXPECT_TRUE(accounts_->FindSession("hash-1", At(100)).ok());
  EXPECT_EQ(accounts_->ListSessions(id, At(100))->size(), 1u);

  accounts::Id other = NewAccount("b@example.org");
  EXPECT_EQ(accounts_->EndSession(other, *sid).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(accounts_->EndSession(id, *sid).ok());
  EXPECT_FALSE(accounts_->FindSession("hash-1", At(100)).ok());
}

TEST_P(CommunityContract, ANewPasswordEndsTheOtherSessions) {
  accounts::Id id = NewAccount("a@example.org");
  auto keep = accounts_->CreateSession({0, id, "keep", At(0), At(0), At(100), "", ""});
  ASSERT_TRUE(accounts_->CreateSession({0, id, "other", At(0), At(0), At(100), "", ""}).ok());
  ASSERT_TRUE(accounts_->SetPassword(id, "new-hash", *keep).ok());
  EXPECT_EQ(*accounts_->PasswordHash(id), "new-hash");
  EXPECT_TRUE(accounts_->FindSession("keep", At(1)).ok());
  EXPECT_FALSE(accounts_->FindSession("other", At(1)).ok());
}

TEST_P(CommunityContract, DeletingAnAccountForgetsThePersonButKeepsTheComments) {
  accounts::Id id = NewAccount("gone@example.org");
  ASSERT_TRUE(accounts_->CreateSession({0, id, "s", At(0), At(0), At(100), "", ""}).ok());
  comments::Id c = Post(id, 1);
  ASSERT_TRUE(accounts_->DeleteAccount(id, At(5)).ok());
  auto account = accounts_->FindAccount(id);
  ASSERT_TRUE(account.ok());
  EXPECT_TRUE(account->deleted);
  EXPECT_EQ(account->email, "");
  EXPECT_EQ(account->display_name, "");
  EXPECT_FALSE(accounts_->PasswordHash(id).ok());
  EXPECT_FALSE(accounts_->FindSession("s", At(1)).ok());
  EXPECT_FALSE(accounts_->FindAccountByEmail("gone@example.org").ok());
  auto comment = comments_->FindComment(c);
  ASSERT_TRUE(comment.ok());
  EXPECT_TRUE(comment->author_deleted);
  EXPECT_EQ(comment->ip, "");
  EXPECT_EQ(comment->body, "text 1");
  // The address is free again.
  EXPECT_TRUE(accounts_->CreateAccount({"gone@example.org", "New", "h", Role::kReader, false, At(9)}).ok());
}

TEST_P(CommunityContract, ConfirmationTokensWorkOnce) {
  accounts::Id id = NewAccount("a@example.org");
  ASSERT_TRUE(accounts_->StoreVerification(id, "tok", At(10)).ok());
  EXPECT_FALSE(accounts_->UseVerification("tok", At(11)).ok());  // expired
  ASSERT_TRUE(accounts_->StoreVerification(id, "tok2", At(10)).ok());
  EXPECT_EQ(*accounts_->UseVerification("tok2", At(1)), id);
  EXPECT_FALSE(accounts_->UseVerification("tok2", At(1)).ok());
  ASSERT_TRUE(accounts_->SetEmailVerified(id).ok());
  EXPECT_TRUE(accounts_->FindAccount(id)->email_verified);
}

TEST_P(CommunityContract, StaffAreListedByNameWithoutReadersOrTokens) {
  accounts::Id editor = *accounts_->CreateAccount({"ed@example.org", "Zoe Editor", "h", Role::kEditor, true, At(0)});
  accounts::Id author = *accounts_->CreateAccount({"au@example.org", "Al Author", "h", Role::kAuthor, true, At(0)});
  NewAccount("reader@example.org");
  ASSERT_TRUE(accounts_->CreateToken({0, 0, "Robot", Role::kEditor, editor, At(1), {}, {}}, "th").ok());
  auto staff = accounts_->ListStaff();
  ASSERT_TRUE(staff.ok());
  ASSERT_EQ(staff->size(), 2u);
  EXPECT_EQ((*staff)[0].id, author);
  EXPECT_EQ((*staff)[0].role, Role::kAuthor);
  EXPECT_EQ((*staff)[1].id, editor);
}

TEST_P(CommunityContract, TokensActAsTheirServiceAccountUntilRevoked) {
  accounts::Id admin = *accounts_->CreateAccount({"admin@example.org", "Admin", "h", Role::kAdmin, true, At(0)});
  auto token = accounts_->CreateToken({0, 0, "Wire importer", Role::kAuthor, admin, At(5), {}, {}}, "hash-a");
  ASSERT_TRUE(token.ok());
  EXPECT_GT(token->id, 0);
  EXPECT_GT(token->account_id, 0);
  auto found = accounts_->FindToken("hash-a");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->first.id, token->id);
  EXPECT_EQ(found->first.name, "Wire importer");
  EXPECT_EQ(found->first.role, Role::kAuthor);
  EXPECT_EQ(found->first.created_by, admin);
  EXPECT_EQ(found->second.id, token->account_id);
  EXPECT_EQ(found->second.display_name, "Wire importer");
  EXPECT_TRUE(found->second.service);
  EXPECT_EQ(found->second.email, "");
  EXPECT_FALSE(accounts_->PasswordHash(token->account_id).ok());  // no password: cannot sign in
  EXPECT_FALSE(accounts_->FindToken("hash-b").ok());
  // A second token: two service accounts without email do not collide.
  auto second = accounts_->CreateToken({0, 0, "Other", Role::kEditor, admin, At(6), {}, {}}, "hash-b");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(accounts_->TouchToken(token->id, At(9)).ok());
  auto list = accounts_->ListTokens();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, second->id);
  EXPECT_EQ((*list)[1].last_used_at, At(9));
  ASSERT_TRUE(accounts_->RevokeToken(token->id, At(10)).ok());
  EXPECT_EQ(accounts_->RevokeToken(token->id, At(11)).error().code, base::ErrorCode::kNotFound);
  EXPECT_FALSE(accounts_->FindToken("hash-a").ok());
  EXPECT_EQ((*accounts_->ListTokens())[1].revoked_at, At(10));
}

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

INSTANTIATE_TEST_SUITE_P(Backends, CommunityContract,
                         ::testing::Values(NamedOpen{"memory", [](const std::filesystem::path&) {
                                             return Wrap(std::make_unique<storage::MemoryStore>());
                                           }},
                                           NamedOpen{"sqlite",
                                                     [](const std::filesystem::path& dir) {
                                                       storage::sqlite::SqliteOptions options;
                                                       options.path = (dir / "gazette.db").string();
                                                       auto store = storage::sqlite::SqliteStore::Open(options);
                                                       if (!store.ok() || !(*store)->Migrate().ok()) return AnyStore{};
                                                       return Wrap(std::move(*store));
                                                     }}),
                         [](const ::testing::TestParamInfo<NamedOpen>& info) { return info.param.name; });

}  // namespace
}  // namespace gazette
