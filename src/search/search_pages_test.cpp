// The search routes in process (no sockets): a search runs on its pool,
// never on the thread that asked, and a full pool answers 503 at once.
#include "search/search_pages.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "storage/memory/memory_store.h"
#include "web/test_pages.h"

namespace gazette::search {
namespace {

class SearchPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web_ = web::MakeTestPages(reading_, clock_);
    ASSERT_NE(web_.pages, nullptr);
    ASSERT_TRUE(store_.Write([&](core::ContentWriter& w) -> base::Status {
      core::Article a;
      a.slug = "harbour-storm";
      a.headline = "Storm closes the harbour";
      a.status = core::ArticleStatus::kPublished;
      a.published_at = a.created_at = a.updated_at = clock_.Now();
      auto r = w.InsertArticle(a);
      return r.ok() ? base::Status{} : base::Status(r.error());
    }).ok());
    search_pages_ = std::make_unique<SearchPages>(service_, reading_, *web_.pages, pool_);
    search_pages_->AddRoutes(router_);
  }

  http::Response Get(const std::string& target) {
    http::Request r;
    r.method = http::Method::kGet;
    r.method_name = "GET";
    r.target = target;
    EXPECT_TRUE(http::SplitTarget(target, r.path, r.query));
    requests_.push_back(std::make_unique<http::Request>(std::move(r)));
    return router_.Dispatch(*requests_.back());
  }

  // Keeps the pool's one thread busy until `released` is.
  void Occupy(std::shared_future<void> released) {
    std::promise<void> started;
    EXPECT_TRUE(pool_.TrySubmit([&started, released] {
      started.set_value();
      released.wait();
    }));
    started.get_future().wait();
  }

  storage::MemoryStore store_;
  base::FixedClock clock_{base::TimeZone::Utc().FromLocal({2026, 11, 25}, {20, 0, 0})};
  core::ReadingService reading_{store_};
  SearchService service_{store_, store_, base::TimeZone::Utc()};
  web::TestPages web_;
  base::WorkerPool pool_{"searches", 1, 1};
  std::unique_ptr<SearchPages> search_pages_;
  http::Router router_;
  std::vector<std::unique_ptr<http::Request>> requests_;
};

TEST_F(SearchPagesTest, SearchesRunOnTheirPoolNotOnTheThreadThatAsked) {
  for (const std::string target : {"/search?q=storm", "/api/v1/search?q=harb"}) {
    std::promise<void> release;
    Occupy(release.get_future().share());  // the search waits for the pool, not for this thread
    http::Response later = Get(target);
    ASSERT_NE(later.deferred, nullptr) << target;
    std::promise<std::pair<http::Response, std::thread::id>> done;
    later.deferred->OnComplete([&done](http::Response r) { done.set_value({std::move(r), std::this_thread::get_id()}); });
    release.set_value();
    auto [answer, thread] = done.get_future().get();
    EXPECT_NE(thread, std::this_thread::get_id()) << target;
    EXPECT_EQ(answer.status, 200) << target;
    EXPECT_NE(answer.body.find("harbour"), std::string::npos) << target;
  }
}

TEST_F(SearchPagesTest, AFullPoolAnswers503WithRetryAfterAtOnce) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  Occupy(released);
  ASSERT_TRUE(pool_.TrySubmit([released] { released.wait(); }));  // the one place in the queue taken
  for (const std::string target : {"/search?q=storm", "/api/v1/search?q=harb"}) {
    http::Response busy = Get(target);
    EXPECT_EQ(busy.deferred, nullptr) << target;
    EXPECT_EQ(busy.status, 503) << target;
    EXPECT_EQ(busy.Get("Retry-After"), "2") << target;
  }
  release.set_value();
}

}  // namespace
}  // namespace gazette::search
