// The hub against the in-memory store: what each event becomes, which
// streams get it, resuming with Last-Event-ID.
#include "live/hub.h"

#include <gtest/gtest.h>

#include <thread>

#include "comments/comment_service.h"
#include "comments/moderation.h"
#include "core/publishing.h"
#include "storage/memory/memory_store.h"

namespace gazette::live {
namespace {

class Plain final : public comments::CommentRenderer, public core::BodyRenderer {
 public:
  std::string ToHtml(std::string_view text) const override { return "<p>" + std::string(text) + "</p>"; }
  std::string MarkdownToHtml(std::string_view text) const override { return ToHtml(text); }
};

constexpr std::int64_t kEpoch = 1'764'000'000'123;

class HubTest : public ::testing::Test {
 protected:
  core::Id Article(const std::string& headline, core::ArticleStatus status = core::ArticleStatus::kPublished,
                   bool breaking = false) {
    core::Publisher publisher(plain_, clock_);
    core::Id id = 0;
    EXPECT_TRUE(store_.Write([&](core::ContentWriter& w) -> base::Status {
      core::ArticleDraft d;
      d.headline = headline;
      d.section = "World";
      d.status = status;
      d.breaking = breaking;
      if (status == core::ArticleStatus::kPublished) d.published_at = clock_.Now();
      auto created = publisher.Create(w, d);
      if (!created.ok()) return created.error();
      id = *created;
      return {};
    }).ok());
    return id;
  }
  accounts::Account Account(const std::string& email, accounts::Role role = accounts::Role::kReader) {
    auto id = store_.CreateAccount({email, email.substr(0, email.find('@')), "h", role, true, clock_.Now()});
    return *store_.FindAccount(*id);
  }
  comments::PostResult Comment(core::Id article, const std::string& text) {
    clock_.Advance(std::chrono::seconds(1));
    comments::CommentService service(store_, plain_, clock_, settings_, comments::Pipeline::Default(), &bus_);
    auto posted = service.Post(*store_.FindAccount(reader_.id), article, std::nullopt, text, "", "192.0.2.1");
    EXPECT_TRUE(posted.ok());
    return *posted;
  }
  static std::string Read(http::Stream& stream) { return stream.Take().data; }
  static int Count(const std::string& text, std::string_view needle) {
    int n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  }

  storage::MemoryStore store_;
  Plain plain_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  comments::CommentSettings settings_;
  base::EventBus bus_;
  core::ReadingService reading_{store_};
  HubOptions options_;
  Hub hub_{reading_, store_, options_, kEpoch};
  accounts::Account reader_ = Account("anna@example.org");
};

TEST_F(HubTest, APublishedArticleReachesTheNewsStream) {
  auto stream = hub_.Open({std::string(kNewsChannel)}, "");
  std::string start = Read(*stream);
  EXPECT_EQ(start, "retry: 3000\n\nid: 1764000000123-0\n\n");
  core::Id id = Article("Rates \"held\" at 16%", core::ArticleStatus::kPublished, true);
  hub_.Handle({"article.published", id});
  std::string text = Read(*stream);
  EXPECT_EQ(text.rfind("event: article\nid: 1764000000123-1\ndata: {", 0), 0u) << text;
  EXPECT_NE(text.find("\"type\":\"published\""), std::string::npos);
  EXPECT_NE(text.find("\"id\":" + std::to_string(id)), std::string::npos);
  EXPECT_NE(text.find("\"url\":\"/news/" + std::to_string(id) + "-rates-held-at-16\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"headline\":\"Rates \\\"held\\\" at 16%\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"breaking\":true"), std::string::npos);
  EXPECT_NE(text.find("\"published_at\":\"2025-11-24T16:00:00Z\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"section\":{\"slug\":\"world\",\"name\":\"World\"}"), std::string::npos) << text;
  EXPECT_EQ(Count(text, "\n\n"), 1) << "one message, its data on one line";
}

TEST_F(HubTest, ReadersNeverHearOfDraftsAndUnpublishingCarriesOnlyTheId) {
  auto stream = hub_.Open({std::string(kNewsChannel)}, "");
  Read(*stream);
  core::Id draft = Article("Secret draft", core::ArticleStatus::kDraft);
  hub_.Handle({"article.published", draft});
  hub_.Handle({"article.updated", draft});
  hub_.Handle({"article.scheduled", draft});
  EXPECT_EQ(Read(*stream), "");
  hub_.Handle({"article.unpublished", draft});
  EXPECT_EQ(Read(*stream), "event: article\nid: 1764000000123-1\ndata: {\"id\":" + std::to_string(draft) +
                               ",\"type\":\"unpublished\"}\n\n");
}

TEST_F(HubTest, ResumingSendsExactlyTheMissedEventsOfTheChannel) {
  core::Id a = Article("One"), b = Article("Two"), c = Article("Three");
  hub_.Handle({"article.published", a});
  comments::PostResult comment = Comment(a, "A comment");  // another channel
  hub_.Handle({"comment.created", comment.comment.id});
  hub_.Handle({"article.published", b});
  hub_.Handle({"article.updated", c});
  auto stream = hub_.Open({std::string(kNewsChannel)}, "1764000000123-1");
  std::string text = Read(*stream);
  EXPECT_EQ(Count(text, "event: "), 2) << text;
  EXPECT_EQ(text.find("id: 1764000000123-1\n"), std::string::npos);
  EXPECT_NE(text.find("id: 1764000000123-3\ndata: {\"id\":" + std::to_string(b)), std::string::npos) << text;
  EXPECT_NE(text.find("id: 1764000000123-4\ndata: {\"id\":" + std::to_string(c) + ",\"type\":\"updated\""),
            std::string::npos);
  EXPECT_EQ(text.find("event: comment"), std::string::npos);
  // Up to date: nothing to send again.
  auto current = hub_.Open({std::string(kNewsChannel)}, hub_.LastId());
  EXPECT_EQ(Read(*current), "retry: 3000\n\nid: 1764000000123-4\n\n");
}

TEST_F(HubTest, AnIdTheHubNoLongerHasAsksForAReset) {
  HubOptions small;
  small.recent = 2;
  Hub hub(reading_, store_, small, kEpoch);
  core::Id a = Article("One");
  for (int i = 0; i < 4; ++i) hub.Handle({"article.updated", a});
  const std::string reset = "retry: 3000\n\nevent: reset\nid: 1764000000123-4\ndata: {}\n\n";
  EXPECT_EQ(Read(*hub.Open({std::string(kNewsChannel)}, "1764000000123-1")), reset);  // evicted
  EXPECT_EQ(Read(*hub.Open({std::string(kNewsChannel)}, "1700000000000-3")), reset);  // an earlier run
  EXPECT_EQ(Read(*hub.Open({std::string(kNewsChannel)}, "1764000000123-9")), reset);  // not yet
  EXPECT_EQ(Read(*hub.Open({std::string(kNewsChannel)}, "garbage")), reset);
  // The oldest event kept can still be resumed from the one before it.
  std::string kept = Read(*hub.Open({std::string(kNewsChannel)}, "1764000000123-2"));
  EXPECT_EQ(Count(kept, "event: article"), 2) << kept;
}

TEST_F(HubTest, VisibleCommentsReachTheirArticlesStreamOnly) {
  core::Id a = Article("One"), b = Article("Two");
  auto comments_a = hub_.Open({CommentsChannel(a)}, "");
  auto comments_b = hub_.Open({CommentsChannel(b)}, "");
  auto news = hub_.Open({std::string(kNewsChannel)}, "");
  Read(*comments_a), Read(*comments_b), Read(*news);
  comments::PostResult posted = Comment(a, "Well said");
  hub_.Handle({"comment.created", posted.comment.id});
  EXPECT_EQ(Read(*comments_a), "event: comment\nid: 1764000000123-1\ndata: {\"id\":" +
                                   std::to_string(posted.comment.id) + ",\"article_id\":" + std::to_string(a) +
                                   ",\"comment_count\":1}\n\n");
  EXPECT_EQ(Read(*comments_b), "");
  EXPECT_EQ(Read(*news), "");
}

TEST_F(HubTest, HeldCommentsAreSentOnlyOnceAModeratorApprovesThem) {
  settings_.site_policy = comments::Policy::kPremoderated;
  core::Id a = Article("One");
  hub_.Listen(bus_);  // the way the server hears events: on the hub's own thread
  auto stream = hub_.Open({CommentsChannel(a), std::string(kNewsChannel)}, "");
  Read(*stream);
  comments::PostResult held = Comment(a, "Wait for it");
  ASSERT_TRUE(held.held);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(Read(*stream), "");
  comments::ModerationService moderation(store_, clock_, settings_, &bus_);
  ASSERT_TRUE(moderation.Approve(Account("mod@example.org", accounts::Role::kModerator), held.comment.id).ok());
  std::string text;
  for (int i = 0; i < 100 && text.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    text = Read(*stream);
  }
  EXPECT_NE(text.find("event: comment\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\"id\":" + std::to_string(held.comment.id) + ","), std::string::npos) << text;
  EXPECT_NE(text.find("\"comment_count\":1"), std::string::npos) << text;
}

TEST_F(HubTest, StreamsThatEndedAreForgotten) {
  auto one = hub_.Open({std::string(kNewsChannel)}, "");
  auto two = hub_.Open({std::string(kNewsChannel)}, "");
  EXPECT_EQ(hub_.streams(), 2u);
  one->Close();
  EXPECT_EQ(hub_.streams(), 1u);
  hub_.Handle({"article.unpublished", 5});
  EXPECT_NE(Read(*two).find("\"unpublished\""), std::string::npos);
}

}  // namespace
}  // namespace gazette::live
