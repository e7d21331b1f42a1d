// Managing webhooks: the checks of every field, who may do it, secrets,
// the delivery log, sending again, and which events are queued.
#include "webhooks/webhook_service.h"

#include <gtest/gtest.h>

#include "accounts/permissions.h"
#include "storage/memory/memory_store.h"

namespace gazette::webhooks {
namespace {

using accounts::Account;
using accounts::Role;

Account Staff(Role role) {
  Account a;
  a.id = 7;
  a.display_name = "Staff";
  a.role = role;
  return a;
}

void ExpectInvalid(const base::Status& s, const std::string& field, const std::string& words) {
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, base::ErrorCode::kInvalid);
  EXPECT_EQ(s.error().field, field) << s.error().message;
  EXPECT_NE(s.error().message.find(words), std::string::npos) << s.error().message;
}

template <class T>
base::Status AsStatus(const Result<T>& r) {
  if (r.ok()) return {};
  return r.error();
}

TEST(CheckUrl, AcceptsHttpAndHttpsWithAHost) {
  for (const char* url : {"https://example.org/hooks/gazette", "http://127.0.0.1:5000/hook", "HTTPS://Example.org",
                          "https://example.org:8443/a/b?token=x", "http://[::1]:8080/"}) {
    auto checked = CheckUrl(url);
    EXPECT_TRUE(checked.ok()) << url << ": " << checked.error().message;
  }
  EXPECT_EQ(*CheckUrl("  https://example.org/x  "), "https://example.org/x");
}

TEST(CheckUrl, RefusesOtherSchemesAndAddressesWithoutAHost) {
  ExpectInvalid(AsStatus(CheckUrl("")), "url", "required");
  ExpectInvalid(AsStatus(CheckUrl("example.org/hook")), "url", "full address");
  ExpectInvalid(AsStatus(CheckUrl("ftp://example.org/hook")), "url", "http:// or https://");
  ExpectInvalid(AsStatus(CheckUrl("javascript:alert(1)")), "url", "http:// or https://");
  ExpectInvalid(AsStatus(CheckUrl("file:///etc/passwd")), "url", "http:// or https://");
  ExpectInvalid(AsStatus(CheckUrl("https:///path")), "url", "host");
  ExpectInvalid(AsStatus(CheckUrl("http:/example.org")), "url", "host");
  ExpectInvalid(AsStatus(CheckUrl("https://example.org:0/")), "url", "port");
  ExpectInvalid(AsStatus(CheckUrl("https://example.org:70000/")), "url", "port");
  ExpectInvalid(AsStatus(CheckUrl("https://exa mple.org/")), "url", "full address");
  ExpectInvalid(AsStatus(CheckUrl("https://example.org/" + std::string(2000, 'a'))), "url", "at most");
}

TEST(CheckEvents, KeepsKnownEventsInOrderOnce) {
  auto events = CheckEvents({"comment.created", "article.published", "comment.created"});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(*events, (std::vector<std::string>{"article.published", "comment.created"}));
  ExpectInvalid(AsStatus(CheckEvents({})), "events", "at least one");
  ExpectInvalid(AsStatus(CheckEvents({"article.published", "article.scheduled"})), "events",
                "Unknown event \"article.scheduled\"");
  EXPECT_EQ(SplitEvents(" article.published, ,comment.created,"),
            (std::vector<std::string>{"article.published", "comment.created"}));
}

TEST(Subscribed, OnlyActiveWebhooksForTheirEvents) {
  Webhook w;
  w.events = {"article.published", "comment.created"};
  EXPECT_TRUE(Subscribed(w, "article.published"));
  EXPECT_TRUE(Subscribed(w, "comment.created"));
  EXPECT_FALSE(Subscribed(w, "article.updated"));
  w.active = false;
  EXPECT_FALSE(Subscribed(w, "article.published"));
}

class WebhookServiceTest : public ::testing::Test {
 protected:
  Webhook Add(const std::string& url = "https://example.org/hook",
              std::vector<std::string> events = {"article.published"}) {
    auto made = service_.Create(admin_, {url, std::move(events), "CMS", true});
    EXPECT_TRUE(made.ok()) << made.error().message;
    return *made;
  }

  storage::MemoryStore store_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  WebhookService service_{store_, clock_};
  Account admin_ = Staff(Role::kAdmin);
};

TEST_F(WebhookServiceTest, CreateShowsTheSecretOnceAndListsHideIt) {
  Webhook made = Add("https://example.org/hook", {"comment.created", "article.published"});
  EXPECT_GT(made.id, 0);
  EXPECT_EQ(made.secret.rfind("whsec_", 0), 0u);
  EXPECT_EQ(made.events, (std::vector<std::string>{"article.published", "comment.created"}));
  EXPECT_EQ(made.created_at, clock_.Now());
  EXPECT_TRUE(made.active);
  EXPECT_EQ(store_.FindWebhook(made.id)->secret, made.secret);  // kept, to sign with
  auto listed = service_.List(admin_);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].url, "https://example.org/hook");
  EXPECT_EQ((*listed)[0].description, "CMS");
  EXPECT_TRUE((*listed)[0].secret.empty());
  EXPECT_TRUE(service_.Find(admin_, made.id)->secret.empty());
}

TEST_F(WebhookServiceTest, ABadFieldStoresNothingAndNamesTheField) {
  ExpectInvalid(AsStatus(service_.Create(admin_, {"mailto:x@example.org", {"article.published"}, "", true})), "url",
                "http");
  ExpectInvalid(AsStatus(service_.Create(admin_, {"https://example.org", {}, "", true})), "events", "at least one");
  ExpectInvalid(AsStatus(service_.Create(admin_, {"https://example.org", {"article.deleted"}, "", true})), "events",
                "article.deleted");
  ExpectInvalid(AsStatus(service_.Create(admin_, {"https://example.org", {"article.published"}, "a\nb", true})),
                "description", "one line");
  ExpectInvalid(
      AsStatus(service_.Create(admin_, {"https://example.org", {"article.published"}, std::string(201, 'x'), true})),
      "description", "200");
  EXPECT_TRUE(store_.ListWebhooks()->empty());
}

TEST_F(WebhookServiceTest, UpdateChangesFieldsButABadOneChangesNothing) {
  Webhook made = Add();
  auto updated = service_.Update(admin_, made.id, {"https://example.net/new", {"article.updated"}, "New", false});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  Webhook stored = *store_.FindWebhook(made.id);
  EXPECT_EQ(stored.url, "https://example.net/new");
  EXPECT_EQ(stored.events, std::vector<std::string>{"article.updated"});
  EXPECT_EQ(stored.description, "New");
  EXPECT_FALSE(stored.active);
  EXPECT_EQ(stored.secret, made.secret);
  ExpectInvalid(AsStatus(service_.Update(admin_, made.id, {"nonsense", {"article.updated"}, "", true})), "url", "");
  EXPECT_EQ(*store_.FindWebhook(made.id), stored);
  EXPECT_EQ(service_.Update(admin_, 999, {"https://example.org", {"article.updated"}, "", true}).error().code,
            base::ErrorCode::kNotFound);
}

TEST_F(WebhookServiceTest, RotatingTheSecretReturnsANewOne) {
  Webhook made = Add();
  auto rotated = service_.RotateSecret(admin_, made.id);
  ASSERT_TRUE(rotated.ok());
  EXPECT_NE(rotated->secret, made.secret);
  EXPECT_EQ(rotated->secret.rfind("whsec_", 0), 0u);
  EXPECT_EQ(store_.FindWebhook(made.id)->secret, rotated->secret);
}

TEST_F(WebhookServiceTest, RemovingTakesTheDeliveryLogAlong) {
  Webhook made = Add();
  Delivery d;
  d.webhook_id = made.id;
  d.event = "article.published";
  d.payload = "{}";
  ASSERT_TRUE(store_.InsertDeliveries({d}).ok());
  EXPECT_EQ(service_.Deliveries(admin_, made.id, 0, 10)->size(), 1u);
  ASSERT_TRUE(service_.Remove(admin_, made.id).ok());
  EXPECT_EQ(service_.Find(admin_, made.id).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(service_.Deliveries(admin_, made.id, 0, 10).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(service_.Remove(admin_, made.id).error().code, base::ErrorCode::kNotFound);
}

TEST_F(WebhookServiceTest, OnlyAdminsManageWebhooks) {
  Webhook made = Add();
  for (Role role : {Role::kEditor, Role::kAuthor, Role::kModerator, Role::kReader}) {
    Account who = Staff(role);
    std::vector<base::Status> refused = {
        AsStatus(service_.Create(who, {"https://example.org/x", {"article.published"}, "", true})),
        AsStatus(service_.Update(who, made.id, {"https://example.org/x", {"article.published"}, "", false})),
        AsStatus(service_.RotateSecret(who, made.id)),
        service_.Remove(who, made.id),
        AsStatus(service_.List(who)),
        AsStatus(service_.Find(who, made.id)),
        AsStatus(service_.Deliveries(who, made.id, 0, 10)),
        AsStatus(service_.FindDelivery(who, 1)),
        AsStatus(service_.SendAgain(who, 1)),
    };
    for (const base::Status& s : refused) {
      ASSERT_FALSE(s.ok()) << accounts::RoleName(role);
      EXPECT_EQ(s.error().code, base::ErrorCode::kForbidden);
      EXPECT_NE(s.error().message.find("webhooks"), std::string::npos) << s.error().message;
    }
  }
  Account deleted = admin_;
  deleted.deleted = true;
  EXPECT_EQ(service_.List(deleted).error().code, base::ErrorCode::kForbidden);
  // Nothing changed.
  ASSERT_EQ(store_.ListWebhooks()->size(), 1u);
  EXPECT_EQ(*store_.FindWebhook(made.id), made);
  // The command line acts as an admin.
  EXPECT_TRUE(service_.List(accounts::CommandLine()).ok());
}

TEST_F(WebhookServiceTest, OnlyAFailedDeliveryIsSentAgainAsANewOne) {
  Webhook made = Add();
  Delivery d;
  d.webhook_id = made.id;
  d.event = "article.published";
  d.subject_id = 42;
  d.payload = R"({"event":"article.published"})";
  d.created_at = d.next_attempt_at = clock_.Now();
  Id id = store_.InsertDeliveries({d})->front();
  auto pending = service_.SendAgain(admin_, id);
  ASSERT_FALSE(pending.ok());
  EXPECT_EQ(pending.error().code, base::ErrorCode::kConflict);
  EXPECT_NE(pending.error().message.find("pending"), std::string::npos);

  ASSERT_TRUE(
      store_.RecordAttempt({id, DeliveryState::kFailed, 6, d.next_attempt_at, 500, "HTTP 500", "", {}, {}}).ok());
  int woken = 0;
  service_.OnQueued([&] { ++woken; });
  clock_.Advance(std::chrono::hours(1));
  auto again = service_.SendAgain(admin_, id);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_NE(again->id, id);
  EXPECT_EQ(woken, 1);
  Delivery stored = *store_.FindDelivery(again->id);
  EXPECT_EQ(stored.state, DeliveryState::kPending);
  EXPECT_EQ(stored.attempts, 0);
  EXPECT_EQ(stored.payload, d.payload);
  EXPECT_EQ(stored.subject_id, 42);
  EXPECT_EQ(stored.next_attempt_at, clock_.Now());
  EXPECT_EQ(store_.FindDelivery(id)->state, DeliveryState::kFailed);  // the log keeps the failure

  ASSERT_TRUE(service_.Update(admin_, made.id, {made.url, made.events, "", false}).ok());
  auto disabled = service_.SendAgain(admin_, id);
  ASSERT_FALSE(disabled.ok());
  EXPECT_NE(disabled.error().message.find("disabled"), std::string::npos);
  EXPECT_EQ(service_.SendAgain(admin_, 9999).error().code, base::ErrorCode::kNotFound);
}

TEST_F(WebhookServiceTest, ListensOnlyForWebhookEventsAndWakesTheDispatcher) {
  base::EventBus bus;
  service_.Listen(bus);
  int woken = 0;
  service_.OnQueued([&] { ++woken; });
  bus.Publish({"article.published", 1});
  clock_.Advance(std::chrono::seconds(5));
  bus.Publish({"article.scheduled", 2});  // not a webhook event
  bus.Publish({"comment.created", 3});
  bus.Publish({"article.updated", 4});
  bus.Publish({"article.unpublished", 5});
  bus.Publish({"comment.approved", 6});  // nor this one (live updates hear it)
  std::vector<QueuedEvent> queued = service_.TakeQueued();
  ASSERT_EQ(queued.size(), 4u);
  EXPECT_EQ(queued[0].event, (base::Event{"article.published", 1}));
  EXPECT_EQ(queued[0].occurred_at, base::FromUnixSeconds(1'764'000'000));
  EXPECT_EQ(queued[1].event, (base::Event{"comment.created", 3}));
  EXPECT_EQ(queued[1].occurred_at, base::FromUnixSeconds(1'764'000'005));
  EXPECT_EQ(queued[3].event.type, "article.unpublished");
  EXPECT_EQ(woken, 4);
  EXPECT_TRUE(service_.TakeQueued().empty());
}

TEST_F(WebhookServiceTest, AFullQueueDropsRatherThanGrows) {
  WebhookService small(store_, clock_, 2);
  EXPECT_TRUE(small.Queue({"comment.created", 1}));
  EXPECT_TRUE(small.Queue({"comment.created", 2}));
  EXPECT_FALSE(small.Queue({"comment.created", 3}));
  EXPECT_EQ(small.TakeQueued().size(), 2u);
  EXPECT_TRUE(small.Queue({"comment.created", 4}));
}

}  // namespace
}  // namespace gazette::webhooks
