// The dispatcher against the in-memory store and a recording transport:
// which deliveries an event makes, the payload and headers of each, retries
// with backoff until giving up, and what survives a restart.
#include "webhooks/dispatcher.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <condition_variable>

#include "accounts/permissions.h"
#include "comments/comment_service.h"
#include "core/publishing.h"
#include "storage/memory/memory_store.h"
#include "web/article_json.h"
#include "webhooks/signature.h"

namespace gazette::webhooks {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

class Plain final : public comments::CommentRenderer, public core::BodyRenderer {
 public:
  std::string ToHtml(std::string_view text) const override { return "<p>" + std::string(text) + "</p>"; }
  std::string MarkdownToHtml(std::string_view text) const override { return ToHtml(text); }
};

// Records every POST and answers with the outcomes it is given (the last one
// again when they run out).
class Recorder final : public Transport {
 public:
  HttpOutcome Post(const HttpPost& post, const std::function<bool()>&) override {
    std::lock_guard lock(mutex_);
    posts.push_back(post);
    HttpOutcome out = answers.empty() ? HttpOutcome{200} : answers.front();
    if (answers.size() > 1) answers.erase(answers.begin());
    arrived_.notify_all();
    return out;
  }
  bool WaitFor(std::size_t count) {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, seconds(10), [&] { return posts.size() >= count; });
  }
  std::string Header(std::size_t i, const std::string& name) {
    for (const auto& [n, v] : posts.at(i).headers) {
      if (n == name) return v;
    }
    return "(none)";
  }

  std::vector<HttpPost> posts;
  std::vector<HttpOutcome> answers;

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
};

std::string Str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site_.base_url = "https://news.example.org";
    site_.zone = *base::TimeZone::Load("Europe/Oslo");
    service_.Listen(bus_);
    MakeDispatcher();
    core::Publisher publisher(plain_, clock_);
    ASSERT_TRUE(store_
                    .Write([&](core::ContentWriter& w) -> base::Status {
                      core::ArticleDraft d;
                      d.headline = "Bridge opens";
                      d.lead = "The lead.";
                      d.body = "The *body*.";
                      d.section = "World";
                      d.tags = {"Roads"};
                      d.authors = {"Anna Petrova"};
                      d.status = core::ArticleStatus::kPublished;
                      auto id = publisher.Create(w, d);
                      if (!id.ok()) return id.error();
                      article_ = *id;
                      return {};
                    })
                    .ok());
  }

  void MakeDispatcher(DispatcherOptions options = {}) {
    dispatcher_.reset();
    auto recorder = std::make_unique<Recorder>();
    recorder_ = recorder.get();
    dispatcher_ = std::make_unique<Dispatcher>(
        service_, store_, store_, store_, [this] { return site_; }, clock_, options, std::move(recorder));
  }

  Webhook Add(std::vector<std::string> events, bool active = true) {
    auto made =
        service_.Create(accounts::CommandLine(), {"https://hooks.example.net/in", std::move(events), "", active});
    EXPECT_TRUE(made.ok());
    return *made;
  }

  // Stores what was queued and sends what is due.
  int Round() {
    auto stored = dispatcher_->StoreQueued();
    EXPECT_TRUE(stored.ok());
    auto sent = dispatcher_->SendDue();
    EXPECT_TRUE(sent.ok());
    return *sent;
  }

  std::vector<Delivery> Log(const Webhook& w) { return *store_.Deliveries(w.id, 0, 100); }

  storage::MemoryStore store_;
  Plain plain_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};  // 2025-11-24T16:00:00Z
  web::SiteSettings site_;
  base::EventBus bus_;
  WebhookService service_{store_, clock_};
  std::unique_ptr<Dispatcher> dispatcher_;
  Recorder* recorder_ = nullptr;
  core::Id article_ = 0;
};

TEST_F(DispatcherTest, AnArticleEventPostsTheArticleJsonSigned) {
  Webhook hook = Add({"article.published"});
  bus_.Publish({"article.published", article_});
  clock_.Advance(seconds(2));
  EXPECT_EQ(Round(), 1);
  ASSERT_EQ(recorder_->posts.size(), 1u);
  const HttpPost& post = recorder_->posts[0];
  EXPECT_EQ(post.url, "https://hooks.example.net/in");
  EXPECT_EQ(post.timeout, seconds(10));
  EXPECT_EQ(recorder_->Header(0, "Content-Type"), "application/json");
  EXPECT_EQ(recorder_->Header(0, "User-Agent"), "Gazette-Webhooks");
  EXPECT_EQ(recorder_->Header(0, "X-Gazette-Event"), "article.published");
  std::vector<Delivery> log = Log(hook);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(recorder_->Header(0, "X-Gazette-Delivery"), std::to_string(log[0].id));
  EXPECT_EQ(recorder_->Header(0, "X-Gazette-Timestamp"), "1764000002");
  EXPECT_TRUE(Verify(hook.secret, recorder_->Header(0, "X-Gazette-Signature"), 1764000002, post.body, 1764000002));

  json::object body = json::parse(post.body).as_object();
  EXPECT_EQ(body.size(), 3u);
  EXPECT_EQ(body.at("event"), "article.published");
  EXPECT_EQ(body.at("occurred_at"), "2025-11-24T17:00:00+01:00");  // heard before the clock moved; Oslo time
  json::value article = web::ArticleJson(*store_.FindArticle(article_), site_);
  EXPECT_EQ(body.at("data"), article);
  EXPECT_EQ(Str(body.at("data").at("url")),
            "https://news.example.org/news/" + std::to_string(article_) + "-bridge-opens");
  EXPECT_EQ(body.at("data").at("status"), "published");
  EXPECT_EQ(body.at("data").at("tags"), (json::array{"Roads"}));

  EXPECT_EQ(log[0].state, DeliveryState::kDelivered);
  EXPECT_EQ(log[0].attempts, 1);
  EXPECT_EQ(log[0].last_status, 200);
  EXPECT_EQ(log[0].delivered_at, clock_.Now());
  EXPECT_EQ(log[0].payload, post.body);  // the log holds the exact body
  EXPECT_EQ(log[0].event, "article.published");
  EXPECT_EQ(log[0].subject_id, article_);
  EXPECT_EQ(Round(), 0);  // nothing is sent twice
}

TEST_F(DispatcherTest, EachSubscribedActiveWebhookGetsItsOwnDelivery) {
  Webhook both = Add({"article.published", "article.updated"});
  Webhook updates = Add({"article.updated"});
  Webhook comments = Add({"comment.created"});
  Webhook off = Add({"article.updated"}, false);
  bus_.Publish({"article.updated", article_});
  bus_.Publish({"article.scheduled", article_});  // not for webhooks
  EXPECT_EQ(Round(), 2);
  EXPECT_EQ(Log(both).size(), 1u);
  EXPECT_EQ(Log(updates).size(), 1u);
  EXPECT_TRUE(Log(comments).empty());
  EXPECT_TRUE(Log(off).empty());
  // Each is signed with its own webhook's secret.
  std::set<std::string> urls_and_ids;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(recorder_->Header(i, "X-Gazette-Event"), "article.updated");
    Id delivery = std::stoll(recorder_->Header(i, "X-Gazette-Delivery"));
    const Webhook& w = store_.FindDelivery(delivery)->webhook_id == both.id ? both : updates;
    EXPECT_TRUE(Verify(w.secret, recorder_->Header(i, "X-Gazette-Signature"), 1764000000, recorder_->posts[i].body,
                       1764000000));
  }
}

TEST_F(DispatcherTest, ACommentEventPostsTheComment) {
  Webhook hook = Add({"comment.created"});
  comments::CommentService comments(store_, plain_, clock_, comments::CommentSettings{}, comments::Pipeline::Default(),
                                    &bus_);
  auto reader =
      store_.CreateAccount({"anna@example.org", "Anna Reyes", "h", accounts::Role::kReader, true, clock_.Now()});
  auto posted = comments.Post(*store_.FindAccount(*reader), article_, std::nullopt, "Well *said*", "", "192.0.2.1");
  ASSERT_TRUE(posted.ok()) << posted.error().message;
  EXPECT_EQ(Round(), 1);
  ASSERT_EQ(recorder_->posts.size(), 1u);
  EXPECT_EQ(recorder_->Header(0, "X-Gazette-Event"), "comment.created");
  json::object body = json::parse(recorder_->posts[0].body).as_object();
  EXPECT_EQ(body.at("event"), "comment.created");
  const json::object& c = body.at("data").as_object();
  std::string id = std::to_string(posted->comment.id);
  EXPECT_EQ(c.at("id"), posted->comment.id);
  EXPECT_EQ(c.at("article_id"), article_);
  EXPECT_TRUE(c.at("parent_id").is_null());
  EXPECT_EQ(c.at("author_name"), "Anna Reyes");
  EXPECT_EQ(c.at("body"), "Well *said*");
  EXPECT_EQ(c.at("status"), "visible");
  EXPECT_EQ(c.at("created_at"), "2025-11-24T17:00:00+01:00");
  EXPECT_EQ(Str(c.at("url")),
            "https://news.example.org/news/" + std::to_string(article_) + "-bridge-opens#comment-" + id);
  EXPECT_EQ(Log(hook)[0].subject_id, posted->comment.id);
}

TEST_F(DispatcherTest, FailuresAreTriedAgainWithBackoffThenGiveUp) {
  Webhook hook = Add({"article.published"});
  recorder_->answers = {HttpOutcome{500, "", "upstream broke", std::chrono::milliseconds(12)}};
  bus_.Publish({"article.published", article_});
  EXPECT_EQ(Round(), 1);
  Delivery d = Log(hook)[0];
  EXPECT_EQ(d.state, DeliveryState::kPending);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.last_status, 500);
  EXPECT_NE(d.last_error.find("HTTP 500"), std::string::npos);
  EXPECT_EQ(d.response_excerpt, "upstream broke");
  EXPECT_EQ(d.duration, std::chrono::milliseconds(12));
  EXPECT_EQ(d.next_attempt_at, clock_.Now() + seconds(30));
  EXPECT_EQ(*store_.NextDeliveryAt(), clock_.Now() + seconds(30));

  clock_.Advance(seconds(29));
  EXPECT_EQ(Round(), 0);  // not yet due
  const std::vector<int> waits = {30, 120, 480, 1920, 7680};
  for (std::size_t attempt = 2; attempt <= 6; ++attempt) {
    clock_.Advance(seconds(waits[attempt - 2]) - (attempt == 2 ? seconds(29) : seconds(0)));
    EXPECT_EQ(Round(), 1) << attempt;
    d = Log(hook)[0];
    EXPECT_EQ(d.attempts, static_cast<int>(attempt));
    if (attempt < 6) {
      EXPECT_EQ(d.state, DeliveryState::kPending);
      EXPECT_EQ(d.next_attempt_at, clock_.Now() + seconds(waits[attempt - 1]));
    }
  }
  EXPECT_EQ(d.state, DeliveryState::kFailed);
  EXPECT_EQ(recorder_->posts.size(), 6u);
  // Every attempt carries the same delivery id and body, signed anew.
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(recorder_->Header(i, "X-Gazette-Delivery"), std::to_string(d.id));
    EXPECT_EQ(recorder_->posts[i].body, recorder_->posts[0].body);
  }
  EXPECT_NE(recorder_->Header(0, "X-Gazette-Timestamp"), recorder_->Header(5, "X-Gazette-Timestamp"));
  clock_.Advance(std::chrono::hours(100));
  EXPECT_EQ(Round(), 0);
  EXPECT_EQ(*store_.NextDeliveryAt(), std::nullopt);
}

TEST_F(DispatcherTest, NoAnswerAndRedirectsCountAsFailures) {
  MakeDispatcher({RetryPolicy{seconds(1), 3}, seconds(4)});
  Webhook hook = Add({"article.published"});
  recorder_->answers = {HttpOutcome{0, "Failed to connect to hooks.example.net port 443: Connection refused"},
                        HttpOutcome{302}, HttpOutcome{204}};
  bus_.Publish({"article.published", article_});
  EXPECT_EQ(Round(), 1);
  EXPECT_EQ(recorder_->posts[0].timeout, seconds(4));
  Delivery d = Log(hook)[0];
  EXPECT_EQ(d.last_status, 0);
  EXPECT_NE(d.last_error.find("Connection refused"), std::string::npos);
  EXPECT_EQ(d.next_attempt_at, clock_.Now() + seconds(1));
  clock_.Advance(seconds(1));
  EXPECT_EQ(Round(), 1);
  d = Log(hook)[0];
  EXPECT_EQ(d.last_status, 302);
  EXPECT_NE(d.last_error.find("redirects are not followed"), std::string::npos);
  EXPECT_EQ(d.next_attempt_at, clock_.Now() + seconds(4));
  clock_.Advance(seconds(4));
  EXPECT_EQ(Round(), 1);
  d = Log(hook)[0];
  EXPECT_EQ(d.state, DeliveryState::kDelivered);  // any 2xx
  EXPECT_EQ(d.attempts, 3);
  EXPECT_EQ(d.last_status, 204);
  EXPECT_TRUE(d.last_error.empty());
}

TEST_F(DispatcherTest, AnInterruptedAttemptDoesNotCount) {
  Webhook hook = Add({"article.published"});
  HttpOutcome interrupted;
  interrupted.interrupted = true;
  recorder_->answers = {interrupted, HttpOutcome{200}};
  bus_.Publish({"article.published", article_});
  EXPECT_EQ(Round(), 0);
  Delivery d = Log(hook)[0];
  EXPECT_EQ(d.state, DeliveryState::kPending);
  EXPECT_EQ(d.attempts, 0);
  EXPECT_EQ(Round(), 1);
  EXPECT_EQ(Log(hook)[0].state, DeliveryState::kDelivered);
}

TEST_F(DispatcherTest, PendingDeliveriesSurviveANewDispatcher) {
  Webhook hook = Add({"article.published"});
  recorder_->answers = {HttpOutcome{503}};
  bus_.Publish({"article.published", article_});
  EXPECT_EQ(Round(), 1);
  // A restart: a new service and dispatcher over the same store.
  WebhookService fresh_service(store_, clock_);
  auto recorder = std::make_unique<Recorder>();
  Recorder* fresh = recorder.get();
  Dispatcher restarted(
      fresh_service, store_, store_, store_, [this] { return site_; }, clock_, {}, std::move(recorder));
  clock_.Advance(seconds(30));
  EXPECT_EQ(*restarted.SendDue(), 1);
  ASSERT_EQ(fresh->posts.size(), 1u);
  EXPECT_EQ(fresh->posts[0].body, recorder_->posts[0].body);
  Delivery d = Log(hook)[0];
  EXPECT_EQ(d.state, DeliveryState::kDelivered);
  EXPECT_EQ(d.attempts, 2);
}

TEST_F(DispatcherTest, ADisabledWebhooksPendingDeliveriesFailUnsent) {
  Webhook hook = Add({"article.published"});
  recorder_->answers = {HttpOutcome{500}};
  bus_.Publish({"article.published", article_});
  EXPECT_EQ(Round(), 1);
  ASSERT_TRUE(service_.Update(accounts::CommandLine(), hook.id, {hook.url, hook.events, "", false}).ok());
  clock_.Advance(seconds(30));
  EXPECT_EQ(Round(), 0);
  EXPECT_EQ(recorder_->posts.size(), 1u);
  Delivery d = Log(hook)[0];
  EXPECT_EQ(d.state, DeliveryState::kFailed);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_NE(d.last_error.find("disabled"), std::string::npos);
}

TEST_F(DispatcherTest, EventsAboutWhatIsGoneAreDropped) {
  Webhook hook = Add({"article.unpublished", "comment.created"});
  bus_.Publish({"article.unpublished", 987654});
  bus_.Publish({"comment.created", 987655});
  EXPECT_EQ(*dispatcher_->StoreQueued(), 0);
  EXPECT_TRUE(Log(hook).empty());
}

TEST_F(DispatcherTest, TheThreadSendsWhatTheBusAnnounces) {
  Webhook hook = Add({"article.published"});
  dispatcher_->Start();
  bus_.Publish({"article.published", article_});
  ASSERT_TRUE(recorder_->WaitFor(1));
  dispatcher_->Stop();
  EXPECT_EQ(Log(hook)[0].state, DeliveryState::kDelivered);
  // Heard while stopped: stored at the next start, then sent.
  bus_.Publish({"article.updated", article_});
  ASSERT_TRUE(service_.Update(accounts::CommandLine(), hook.id, {hook.url, {"article.updated"}, "", true}).ok());
  dispatcher_->Start();
  ASSERT_TRUE(recorder_->WaitFor(2));
  dispatcher_->Stop();
  EXPECT_EQ(recorder_->Header(1, "X-Gazette-Event"), "article.updated");
}

TEST(Excerpt, KeepsAtMostTheLimitWithoutSplittingACharacter) {
  std::string text;
  for (int i = 0; i < 600; ++i) text += "\xC3\xA9";  // é, two bytes each
  EXPECT_EQ(Excerpt(text, 1024).size(), 1024u);
  EXPECT_EQ(Excerpt(text, 1023).size(), 1022u);
  EXPECT_EQ(Excerpt("short", 1024), "short");
  EXPECT_EQ(Excerpt(std::string("\xFF\xFE\x00\x01zz", 6), 1024), "(6 bytes of binary data)");
}

}  // namespace
}  // namespace gazette::webhooks
