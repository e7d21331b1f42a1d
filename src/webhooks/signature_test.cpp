// The signature scheme of docs/webhooks.md, and the retry schedule.
#include "webhooks/signature.h"

#include <gtest/gtest.h>

#include <set>

#include "webhooks/backoff.h"

namespace gazette::webhooks {
namespace {

using std::chrono::seconds;

TEST(Signature, HmacSha256MatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Signature, SignsTimestampDotBodyWithTheWholeSecret) {
  // The same value as Python's
  //   hmac.new(b"whsec_test-secret", b'1760000000.{"event":"comment.created"}', hashlib.sha256).hexdigest()
  EXPECT_EQ(Sign("whsec_test-secret", 1760000000, R"({"event":"comment.created"})"),
            "sha256=e2057d9f1fa89a20f7d088e33fea12643a5e820b0dc0abd836e95ad5029e78b1");
  EXPECT_EQ(Sign("k", 5, "body"), "sha256=" + HmacSha256Hex("k", "5.body"));
}

TEST(Signature, VerifyAcceptsOnlyTheSameSecretTimeAndBody) {
  const std::string body = R"({"event":"article.published","data":{"id":1}})";
  std::string signature = Sign("whsec_a", 1000, body);
  EXPECT_TRUE(Verify("whsec_a", signature, 1000, body, 1000));
  EXPECT_TRUE(Verify("whsec_a", signature, 1000, body, 1000 + 300));       // five minutes late: still fine
  EXPECT_FALSE(Verify("whsec_b", signature, 1000, body, 1000));            // another secret
  EXPECT_FALSE(Verify("whsec_a", signature, 1001, body, 1001));            // another time
  EXPECT_FALSE(Verify("whsec_a", signature, 1000, body + " ", 1000));      // a changed body
  EXPECT_FALSE(Verify("whsec_a", signature.substr(7), 1000, body, 1000));  // without "sha256="
  EXPECT_FALSE(Verify("whsec_a", signature, 1000, body, 1000 + 301));      // replayed later
  EXPECT_FALSE(Verify("whsec_a", signature, 1000, body, 1000 - 301));      // from the future
  EXPECT_TRUE(Verify("whsec_a", signature, 1000, body, 1000 + 3600, std::chrono::hours(1)));
}

TEST(Signature, NewSecretsAreRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    std::string s = NewSecret();
    ASSERT_EQ(s.rfind("whsec_", 0), 0u) << s;
    EXPECT_EQ(s.size(), 6u + 43u);
    EXPECT_EQ(s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 6),
              std::string::npos);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(Backoff, WaitsFourTimesLongerEachTime) {
  EXPECT_EQ(RetryDelay(1, seconds(30)), seconds(30));
  EXPECT_EQ(RetryDelay(2, seconds(30)), seconds(120));
  EXPECT_EQ(RetryDelay(3, seconds(30)), seconds(480));
  EXPECT_EQ(RetryDelay(4, seconds(30)), seconds(1920));
  EXPECT_EQ(RetryDelay(5, seconds(30)), seconds(7680));
  EXPECT_EQ(RetryDelay(1, seconds(1)), seconds(1));
  EXPECT_EQ(RetryDelay(3, seconds(1)), seconds(16));
}

TEST(Backoff, NeverWaitsMoreThanADay) {
  EXPECT_EQ(RetryDelay(9, seconds(30)), kLongestRetryDelay);  // 30 * 4^8 s would be 22 days
  EXPECT_EQ(RetryDelay(20, seconds(86400)), kLongestRetryDelay);
  EXPECT_EQ(RetryDelay(1, seconds(86400)), kLongestRetryDelay);
}

TEST(Backoff, GivesUpAfterMaxAttempts) {
  RetryPolicy policy{seconds(30), 6};
  EXPECT_EQ(NextRetry(1, policy), seconds(30));
  EXPECT_EQ(NextRetry(5, policy), seconds(7680));
  EXPECT_EQ(NextRetry(6, policy), std::nullopt);
  EXPECT_EQ(NextRetry(1, RetryPolicy{seconds(30), 1}), std::nullopt);
}

}  // namespace
}  // namespace gazette::webhooks
