#include "comments/checks.h"

#include <gtest/gtest.h>

namespace gazette::comments {
namespace {

class ChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    author_.id = 7;
    author_.display_name = "Anna";
    author_.approved_comments = 5;
    article_.published = true;
    article_.published_at = Now() - std::chrono::hours(1);
    submission_.author = &author_;
    submission_.article = &article_;
    submission_.text = "A perfectly fine comment.";
    submission_.html = "<p>A perfectly fine comment.</p>";
    submission_.now = Now();
  }
  static Timestamp Now() { return base::FromUnixSeconds(1'764'000'000); }
  PipelineResult Run() { return Pipeline::Default().Run(submission_, settings_); }

  accounts::Account author_;
  ArticleInfo article_;
  Submission submission_;
  CommentSettings settings_;
};

TEST_F(ChecksTest, AFineCommentGoesUpAtOnce) {
  PipelineResult r = Run();
  EXPECT_FALSE(r.refused);
  EXPECT_TRUE(r.hold_reasons.empty());
}

TEST_F(ChecksTest, LengthIsCheckedNeverTruncated) {
  settings_.max_chars = 10;
  submission_.text = "Eleven char";
  PipelineResult r = Run();
  ASSERT_TRUE(r.refused);
  EXPECT_EQ(r.error.code, base::ErrorCode::kInvalid);
  EXPECT_EQ(r.error.key, "comment_too_long");
  EXPECT_NE(r.error.message.find("11 characters"), std::string::npos);
  submission_.text = "Ёлки ёлки";  // 9 characters, 17 bytes: characters count
  EXPECT_FALSE(Run().refused);
  for (std::string_view bad : {std::string_view("   \n\t "), std::string_view("bad \xff byte"), std::string_view("bell \x07")}) {
    submission_.text = bad;
    EXPECT_TRUE(Run().refused) << bad;
  }
}

TEST_F(ChecksTest, ClosedThreadsAndBannedAuthorsAreRefused) {
  submission_.policy = Policy::kClosed;
  EXPECT_EQ(Run().error.key, "comment_closed");
  submission_.policy = Policy::kOpen;
  author_.banned_until = Now() + std::chrono::hours(1);
  PipelineResult banned = Run();
  EXPECT_EQ(banned.error.code, base::ErrorCode::kForbidden);
  EXPECT_EQ(banned.error.key, "comment_banned_for_now");
  author_.banned_until = base::FromUnixSeconds(accounts::kForeverUnixSeconds);
  EXPECT_EQ(Run().error.key, "comment_banned");
  author_.banned_until = Now() - std::chrono::seconds(1);  // the ban ended
  EXPECT_FALSE(Run().refused);
}

// Spends the reader's allowance as the service does after a comment is stored.
TEST_F(ChecksTest, BurstsAnswerWithWhenToRetry) {
  settings_.reader_burst = 3;
  settings_.reader_window = std::chrono::seconds(60);
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(Run().refused) << i;
    submission_.reader_full_at =
        SpendAllowance(submission_.reader_full_at, submission_.now, settings_.reader_burst, settings_.reader_window).full_at;
  }
  PipelineResult r = Run();  // the fourth within the minute
  ASSERT_TRUE(r.refused);
  EXPECT_EQ(r.error.code, base::ErrorCode::kRateLimited);
  EXPECT_EQ(r.error.key, "comment_too_fast");
  EXPECT_EQ(r.error.retry_after, 20);  // one comment more every 60 s / 3
  submission_.now += std::chrono::seconds(19);
  EXPECT_TRUE(Run().refused);
  submission_.now += std::chrono::seconds(1);
  EXPECT_FALSE(Run().refused);

  settings_.ip_burst = 2;
  submission_.address_full_at = 0;
  for (int i = 0; i < 2; ++i) {
    submission_.address_full_at =
        SpendAllowance(submission_.address_full_at, submission_.now, settings_.ip_burst, settings_.ip_window).full_at;
  }
  EXPECT_EQ(Run().error.code, base::ErrorCode::kRateLimited);
}

TEST(Allowance, HighLimitsStayConstantTime) {
  Timestamp now = base::FromUnixSeconds(1'764'000'000);
  AllowanceTime full_at = 0;
  for (int i = 0; i < 100'000; ++i) {
    Spent spent = SpendAllowance(full_at, now, 10'000'000, std::chrono::seconds(60));
    ASSERT_TRUE(spent.allowed) << i;
    full_at = spent.full_at;
  }
  // An allowance that was full long ago is full now: one whole burst again.
  Spent later = SpendAllowance(full_at, now + std::chrono::hours(1), 2, std::chrono::seconds(60));
  EXPECT_TRUE(later.allowed);
}

TEST(Allowance, RepeatKeysIgnoreCaseSpacingAndPunctuation) {
  EXPECT_EQ(RepeatKey("a PERFECTLY   fine comment!!"), RepeatKey("A perfectly fine comment."));
  EXPECT_EQ(RepeatKey("Ёлки"), RepeatKey("елки"));
  EXPECT_NE(RepeatKey("A perfectly fine comment."), RepeatKey("A perfectly fine remark."));
  EXPECT_EQ(RepeatKey("x").size(), 32u);
}

TEST_F(ChecksTest, TheSameTextTwiceIsRefused) {
  submission_.repeated = true;
  EXPECT_EQ(Run().error.key, "comment_repeated");
  submission_.repeated = false;
  EXPECT_FALSE(Run().refused);
}

TEST_F(ChecksTest, BannedWordsRefuseSuspectWordsHold) {
  settings_.banned_words = {"cheap pills"};
  settings_.suspect_words = {"идиот"};
  submission_.text = "Buy CHEAP   pills here";
  EXPECT_EQ(Run().error.key, "comment_banned_words");
  submission_.text = "Pills are cheap";  // not the phrase
  EXPECT_FALSE(Run().refused);
  submission_.text = "Ну ИДИОТ же";
  PipelineResult held = Run();
  EXPECT_FALSE(held.refused);
  ASSERT_EQ(held.hold_reasons.size(), 1u);
  EXPECT_NE(held.hold_reasons[0].find("идиот"), std::string::npos);
  submission_.text = "идиотизм";  // a different word
  EXPECT_TRUE(Run().hold_reasons.empty());
}

TEST_F(ChecksTest, ManyLinksNewReadersAndPremoderationHold) {
  settings_.max_links = 1;
  submission_.html = "<p><a href=\"https://a.example\">a</a> <a href=\"https://b.example\">b</a></p>";
  EXPECT_EQ(Run().hold_reasons.size(), 1u);
  submission_.html = "<p>none</p>";
  settings_.trusted_after = 6;
  EXPECT_EQ(Run().hold_reasons.size(), 1u);
  author_.role = accounts::Role::kModerator;  // staff are trusted
  EXPECT_TRUE(Run().hold_reasons.empty());
  author_.role = accounts::Role::kReader;
  author_.approved_comments = 6;
  EXPECT_TRUE(Run().hold_reasons.empty());
  submission_.policy = Policy::kPremoderated;
  EXPECT_EQ(Run().hold_reasons, std::vector<std::string>{"the thread is pre-moderated"});
}

TEST_F(ChecksTest, EditsSkipTheChecksForNewComments) {
  settings_.reader_burst = 1;
  submission_.reader_full_at = SpendAllowance(0, submission_.now, 1, settings_.reader_window).full_at;
  submission_.repeated = true;
  submission_.is_edit = true;
  EXPECT_FALSE(Run().refused);
}

TEST_F(ChecksTest, UnconfirmedEmailIsRefusedWhenRequired) {
  settings_.verify_email = true;
  EXPECT_EQ(Run().error.key, "comment_unconfirmed");
  author_.email_verified = true;
  EXPECT_FALSE(Run().refused);
}

TEST(EffectivePolicy, ArticleThenSectionThenSiteAndTheClock) {
  CommentSettings settings;
  settings.close_after_days = 7;
  ArticleInfo article;
  Timestamp published = base::FromUnixSeconds(1'764'000'000);
  article.published_at = published;
  EXPECT_EQ(EffectivePolicy(article, settings, published + std::chrono::hours(24)), Policy::kOpen);
  EXPECT_EQ(EffectivePolicy(article, settings, published + std::chrono::hours(24 * 7)), Policy::kClosed);
  article.section_policy = Policy::kPremoderated;
  EXPECT_EQ(EffectivePolicy(article, settings, published), Policy::kPremoderated);
  article.article_policy = Policy::kOpen;  // the article's own word wins, also over the clock
  EXPECT_EQ(EffectivePolicy(article, settings, published + std::chrono::hours(24 * 30)), Policy::kOpen);
  settings.site_policy = Policy::kClosed;
  article.article_policy.reset();
  article.section_policy.reset();
  EXPECT_EQ(EffectivePolicy(article, settings, published), Policy::kClosed);
}

TEST(WilsonScore, PrefersManyGoodVotesToOne) {
  EXPECT_EQ(WilsonScore(0, 0), 0);
  EXPECT_GT(WilsonScore(90, 10), WilsonScore(1, 0));
  EXPECT_GT(WilsonScore(10, 0), WilsonScore(10, 5));
}

}  // namespace
}  // namespace gazette::comments
