// The webhooks' storage contract: webhooks and their fields, the delivery
// log newest first, what is due and when, attempts recorded, and removal
// taking the log along; the in-memory store and a real SQLite file alike.
// Also migration 4 over a database of the version before it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "old_site.h"
#include "temp_dir.h"

namespace gazette {
namespace {

using webhooks::Attempt;
using webhooks::Delivery;
using webhooks::DeliveryState;
using webhooks::Id;
using webhooks::Webhook;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<webhooks::WebhookStore>(const std::filesystem::path& dir)> open;
};
std::ostream& operator<<(std::ostream& out, const Backend& b) { return out << b.name; }

base::Timestamp At(int minutes) { return base::FromUnixSeconds(1'760'000'000 + minutes * 60); }

class WebhookContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
  }

  webhooks::WebhookStore& store() { return *store_; }

  Webhook Sample(const std::string& url = "https://example.org/hook") {
    Webhook w;
    w.url = url;
    w.secret = "whsec_secret";
    w.events = {"article.published", "comment.created"};
    w.description = "Newsletter — Ärger";
    w.active = true;
    w.created_at = At(0);
    return w;
  }

  Id AddWebhook(const Webhook& w) {
    auto id = store().InsertWebhook(w);
    EXPECT_TRUE(id.ok()) << id.error().detail;
    return *id;
  }

  Delivery Pending(Id webhook, base::Timestamp due, std::int64_t subject = 1) {
    Delivery d;
    d.webhook_id = webhook;
    d.event = "article.published";
    d.subject_id = subject;
    d.payload = R"({"event":"article.published","data":{"headline":"Мост"}})";
    d.created_at = d.next_attempt_at = due;
    return d;
  }

  Id AddDelivery(const Delivery& d) {
    auto ids = store().InsertDeliveries({d});
    EXPECT_TRUE(ids.ok()) << ids.error().message << " " << ids.error().detail;
    return ids->front();
  }

  contract::TempDir dir_{"webhooks"};  // removed after the stores close (TearDown)
  std::unique_ptr<webhooks::WebhookStore> store_;
};

TEST_P(WebhookContract, WebhooksRoundTripEveryField) {
  Webhook w = Sample();
  w.id = AddWebhook(w);
  EXPECT_GT(w.id, 0);
  EXPECT_EQ(*store().FindWebhook(w.id), w);
  Webhook other = Sample("http://127.0.0.1:9000/in");
  other.events = {"article.updated"};
  other.active = false;
  other.description = "";
  other.id = AddWebhook(other);
  auto all = store().ListWebhooks();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0], w);  // oldest first
  EXPECT_EQ((*all)[1], other);
  EXPECT_EQ(store().FindWebhook(other.id + 100).error().code, base::ErrorCode::kNotFound);
}

TEST_P(WebhookContract, UpdatesReplaceTheFieldsButNotTheCreationTime) {
  Webhook w = Sample();
  w.id = AddWebhook(w);
  w.url = "https://example.net/new";
  w.secret = "whsec_rotated";
  w.events = {"article.unpublished"};
  w.description = "Changed";
  w.active = false;
  Webhook sent = w;
  sent.created_at = At(99);
  ASSERT_TRUE(store().UpdateWebhook(sent).ok());
  EXPECT_EQ(*store().FindWebhook(w.id), w);
  sent.id = w.id + 100;
  EXPECT_EQ(store().UpdateWebhook(sent).error().code, base::ErrorCode::kNotFound);
}

TEST_P(WebhookContract, DeliveriesRoundTripAndListNewestFirstPaged) {
  Id hook = AddWebhook(Sample());
  Id other = AddWebhook(Sample("https://example.net/b"));
  std::vector<Id> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(AddDelivery(Pending(hook, At(i), 100 + i)));
  AddDelivery(Pending(other, At(0)));
  auto page = store().Deliveries(hook, 1, 2);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, ids[3]);
  EXPECT_EQ((*page)[1].id, ids[2]);
  EXPECT_EQ(store().Deliveries(hook, 0, 100)->size(), 5u);
  EXPECT_EQ(store().Deliveries(other, 0, 100)->size(), 1u);
  Delivery d = *store().FindDelivery(ids[4]);
  Delivery expected = Pending(hook, At(4), 104);
  expected.id = ids[4];
  EXPECT_EQ(d, expected);
  EXPECT_EQ(store().FindDelivery(ids[4] + 100).error().code, base::ErrorCode::kNotFound);
}

TEST_P(WebhookContract, InsertingManyIsAllOrNothing) {
  Id hook = AddWebhook(Sample());
  Id other = AddWebhook(Sample("https://example.net/b"));
  auto ids = store().InsertDeliveries({Pending(hook, At(0)), Pending(other, At(0))});
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(ids->size(), 2u);
  EXPECT_EQ(store().FindDelivery((*ids)[0])->webhook_id, hook);
  EXPECT_EQ(store().FindDelivery((*ids)[1])->webhook_id, other);
  auto missing = store().InsertDeliveries({Pending(hook, At(1)), Pending(other + 100, At(1))});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store().Deliveries(hook, 0, 100)->size(), 1u);
}

TEST_P(WebhookContract, DueDeliveriesArePendingOnesLongestDueFirst) {
  Id hook = AddWebhook(Sample());
  EXPECT_EQ(*store().NextDeliveryAt(), std::nullopt);
  Id later = AddDelivery(Pending(hook, At(30)));
  Id sooner = AddDelivery(Pending(hook, At(10)));
  Id tie = AddDelivery(Pending(hook, At(10)));
  Id done = AddDelivery(Pending(hook, At(5)));
  ASSERT_TRUE(store().RecordAttempt({done, DeliveryState::kDelivered, 1, At(5), 200, "", "ok", {}, At(5)}).ok());
  EXPECT_EQ(*store().NextDeliveryAt(), At(10));
  auto due = store().DueDeliveries(At(20), 10);
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].id, sooner);
  EXPECT_EQ((*due)[1].id, tie);
  EXPECT_EQ(store().DueDeliveries(At(30), 1)->size(), 1u);  // limited
  EXPECT_EQ(store().DueDeliveries(At(30), 10)->back().id, later);
  EXPECT_TRUE(store().DueDeliveries(At(9), 10)->empty());
}

TEST_P(WebhookContract, AttemptsAreRecorded) {
  Id hook = AddWebhook(Sample());
  Id id = AddDelivery(Pending(hook, At(0)));
  Attempt failed{id,
                 DeliveryState::kPending,
                 1,
                 At(2),
                 503,
                 "The receiver answered HTTP 503",
                 "Service Unavailable",
                 std::chrono::milliseconds(1234),
                 std::nullopt};
  ASSERT_TRUE(store().RecordAttempt(failed).ok());
  Delivery d = *store().FindDelivery(id);
  EXPECT_EQ(d.state, DeliveryState::kPending);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.next_attempt_at, At(2));
  EXPECT_EQ(d.last_status, 503);
  EXPECT_EQ(d.last_error, "The receiver answered HTTP 503");
  EXPECT_EQ(d.response_excerpt, "Service Unavailable");
  EXPECT_EQ(d.duration, std::chrono::milliseconds(1234));
  EXPECT_EQ(d.delivered_at, std::nullopt);
  EXPECT_TRUE(store().DueDeliveries(At(1), 10)->empty());
  EXPECT_EQ(store().DueDeliveries(At(2), 10)->size(), 1u);

  ASSERT_TRUE(
      store()
          .RecordAttempt({id, DeliveryState::kDelivered, 2, At(2), 200, "", "", std::chrono::milliseconds(8), At(3)})
          .ok());
  d = *store().FindDelivery(id);
  EXPECT_EQ(d.state, DeliveryState::kDelivered);
  EXPECT_EQ(d.attempts, 2);
  EXPECT_EQ(d.delivered_at, At(3));
  EXPECT_TRUE(d.last_error.empty());
  EXPECT_EQ(*store().NextDeliveryAt(), std::nullopt);
  EXPECT_EQ(
      store().RecordAttempt({id + 100, DeliveryState::kFailed, 1, At(0), 0, "", "", {}, std::nullopt}).error().code,
      base::ErrorCode::kNotFound);
}

TEST_P(WebhookContract, RemovingAWebhookRemovesItsDeliveries) {
  Id hook = AddWebhook(Sample());
  Id other = AddWebhook(Sample("https://example.net/b"));
  Id gone = AddDelivery(Pending(hook, At(0)));
  Id kept = AddDelivery(Pending(other, At(0)));
  ASSERT_TRUE(store().DeleteWebhook(hook).ok());
  EXPECT_EQ(store().FindWebhook(hook).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store().FindDelivery(gone).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(store().FindDelivery(kept).ok());
  auto due = store().DueDeliveries(At(0), 10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].id, kept);
  EXPECT_EQ(store().DeleteWebhook(hook).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store().ListWebhooks()->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookContract,
                         ::testing::Values(Backend{"memory",
                                                   [](const std::filesystem::path&) {
                                                     return std::unique_ptr<webhooks::WebhookStore>(
                                                         std::make_unique<storage::MemoryStore>());
                                                   }},
                                           Backend{"sqlite",
                                                   [](const std::filesystem::path& dir) {
                                                     storage::sqlite::SqliteOptions options;
                                                     options.path = (dir / "gazette.db").string();
                                                     auto store = storage::sqlite::SqliteStore::Open(options);
                                                     if (!store.ok() || !(*store)->Migrate().ok()) {
                                                       return std::unique_ptr<webhooks::WebhookStore>();
                                                     }
                                                     return std::unique_ptr<webhooks::WebhookStore>(std::move(*store));
                                                   }}),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

// A site of schema 3 gets the webhook tables through migration 4 and keeps its articles.
TEST(WebhookMigration, ASiteOfTheVersionBeforeGetsWebhooks) {
  std::string path = OldSite("webhook", 3);
  ASSERT_FALSE(path.empty());
  auto dir = std::filesystem::path(path).parent_path();
  {
    auto store = storage::sqlite::SqliteStore::Open({path});
    ASSERT_TRUE(store.ok());
    EXPECT_FALSE((*store)->ListWebhooks().ok());  // no table yet
  }
  auto store = storage::sqlite::SqliteStore::Open({path});
  ASSERT_TRUE(store.ok());
  auto report = (*store)->Migrate();
  ASSERT_TRUE(report.ok()) << report.error().message << " " << report.error().detail;
  EXPECT_GE(report->to_version, 4);
  EXPECT_TRUE((*store)->ListWebhooks()->empty());
  webhooks::Webhook w;
  w.url = "https://example.org/hook";
  w.secret = "whsec_x";
  w.events = {"comment.created"};
  EXPECT_TRUE((*store)->InsertWebhook(w).ok());
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gazette
