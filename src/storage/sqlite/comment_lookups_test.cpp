// What a comment post looks up before it is stored (the form's key, a
// repeated text, the reader's allowance) costs the same however many
// comments the reader has written, on a real SQLite file. Cost is counted in
// SQLite's virtual machine steps (a progress handler called at every one),
// which do not depend on the machine's speed.
#include <gtest/gtest.h>

#include "comments/checks.h"
#include "storage/sqlite/comment_sql.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/test_store.h"
#include "storage/sqlite/test_steps.h"

namespace gazette::storage::sqlite {
namespace {

using base::Status;

class CommentLookupsTest : public StoreTest {
 protected:
  CommentLookupsTest() : StoreTest("lookups") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenStore("c.db"));
    ASSERT_TRUE(store_->Write([&](core::ContentWriter& w) -> Status {
      core::Article a;
      a.slug = "story";
      a.headline = "A story";
      a.status = core::ArticleStatus::kPublished;
      a.published_at = a.created_at = a.updated_at = base::FromUnixSeconds(1'760'000'000);
      auto id = w.InsertArticle(a);
      if (!id.ok()) return id.error();
      article_ = *id;
      return {};
    }).ok());
    quiet_ = Reader("quiet@example.org", 3);
    prolific_ = Reader("prolific@example.org", 3000);
    ASSERT_NO_FATAL_FAILURE(OpenConnection());
  }

  // A reader who has written `n` comments, each with its form's key.
  comments::Id Reader(const std::string& email, int n) {
    auto id = store_->CreateAccount({email, email, "hash", accounts::Role::kReader, false, base::FromUnixSeconds(0)});
    EXPECT_TRUE(id.ok());
    EXPECT_TRUE(store_->WriteComments([&](comments::CommentWriter& w) -> Status {
      for (int i = 0; i < n; ++i) {
        comments::Comment c;
        c.article_id = article_;
        c.account_id = *id;
        c.body = email + " wrote comment number " + std::to_string(i);
        c.body_html = "<p>" + c.body + "</p>";
        c.status = comments::CommentStatus::kVisible;
        c.created_at = base::FromUnixSeconds(1'760'000'000 + i);
        c.ip = "192.0.2.1";
        c.nonce = "key-" + std::to_string(i);
        auto r = w.InsertComment(c);
        if (!r.ok()) return r.error();
      }
      return {};
    }).ok());
    return *id;
  }

  core::Id article_ = 0;
  comments::Id quiet_ = 0;
  comments::Id prolific_ = 0;
};

TEST_F(CommentLookupsTest, AFormsKeyIsFoundThroughItsIndex) {
  for (comments::Id reader : {quiet_, prolific_}) {
    auto found = comment_sql::FindByNonce(*c_, reader, "key-1");
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->account_id, reader);
    auto missing = comment_sql::FindByNonce(*c_, reader, "key-never");
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
  }
  auto empty = comment_sql::FindByNonce(*c_, prolific_, "");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_value());

  long quiet = Steps(*c_, [&] { (void)comment_sql::FindByNonce(*c_, quiet_, "key-never"); });
  long prolific = Steps(*c_, [&] { (void)comment_sql::FindByNonce(*c_, prolific_, "key-never"); });
  EXPECT_GT(quiet, 0);
  EXPECT_LT(prolific, quiet * 2) << "a thousand times the comments should not cost more steps";
}

TEST_F(CommentLookupsTest, ARepeatedTextIsFoundThroughItsIndex) {
  base::Timestamp since = base::FromUnixSeconds(1'760'000'000);
  std::string written = comments::RepeatKey("prolific@example.org wrote comment number 2999");
  auto repeated = comment_sql::PostedSince(*c_, prolific_, written, since);
  ASSERT_TRUE(repeated.ok());
  EXPECT_TRUE(*repeated);
  std::string fresh = comments::RepeatKey("a text nobody wrote");
  long quiet = Steps(*c_, [&] { (void)comment_sql::PostedSince(*c_, quiet_, fresh, since); });
  long prolific = Steps(*c_, [&] { (void)comment_sql::PostedSince(*c_, prolific_, fresh, since); });
  EXPECT_GT(quiet, 0);
  EXPECT_LT(prolific, quiet * 2);
}

}  // namespace
}  // namespace gazette::storage::sqlite
