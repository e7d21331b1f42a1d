#include "cache/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace gazette::cache {
namespace {

struct Req {
  http::Request r;
  explicit Req(std::string_view target, std::vector<std::pair<std::string_view, std::string_view>> headers = {},
               http::Method method = http::Method::kGet) {
    r.method = method;
    r.target = target;
    http::SplitTarget(target, r.path, r.query);
    r.headers = std::move(headers);
  }
};

// The bytes a client would receive, less Date and Connection.
std::string Wire(const http::Response& response) {
  EXPECT_TRUE(response.prepared);
  return response.prepared->head + "\r\n" + response.prepared->body;
}

std::string HeaderOf(const http::Response& response, std::string_view name) {
  const std::string& head = response.prepared->head;
  std::string needle = "\r\n" + std::string(name) + ": ";
  std::size_t at = head.find(needle);
  if (at == std::string::npos) return "";
  at += needle.size();
  return head.substr(at, head.find("\r\n", at) - at);
}

class PageCacheTest : public ::testing::Test {
 protected:
  PageCacheTest() : cache_(Options()) {}
  static CacheOptions Options() {
    CacheOptions o;
    o.common_headers = {{"X-Content-Type-Options", "nosniff"}};
    return o;
  }
  // A page renderer that counts its calls and tags its page.
  PageCache::Render Renderer(std::string body, std::vector<std::string> tags, int status = 200) {
    return [this, body = std::move(body), tags = std::move(tags), status](const http::Request&) {
      ++renders_;
      http::Response r = http::Response::Html(status, body + " #" + std::to_string(renders_.load()));
      r.cache_tags = tags;
      return r;
    };
  }

  PageCache cache_;
  std::atomic<int> renders_{0};
};

TEST(Negotiate, PrefersBrotliThenGzipAndHonoursZeroQuality) {
  EXPECT_EQ(Negotiate("gzip, deflate, br"), Encoding::kBrotli);
  EXPECT_EQ(Negotiate("gzip, deflate"), Encoding::kGzip);
  EXPECT_EQ(Negotiate(""), Encoding::kIdentity);
  EXPECT_EQ(Negotiate("br;q=0, gzip"), Encoding::kGzip);
  EXPECT_EQ(Negotiate("br;q=0.2, gzip;q=0.8"), Encoding::kGzip);
  EXPECT_EQ(Negotiate("*"), Encoding::kBrotli);
  EXPECT_EQ(Negotiate("*;q=0"), Encoding::kIdentity);
  EXPECT_EQ(Negotiate("identity"), Encoding::kIdentity);
}

TEST_F(PageCacheTest, APrerenderStoresStaleOrMissingPagesForTheNextReader) {
  auto render = Renderer("front", {"list:all"});
  Req front("/");
  cache_.Prerender(front.r, render);
  EXPECT_EQ(renders_, 1);
  EXPECT_NE(Wire(cache_.Serve(front.r, render)).find("front #1"), std::string::npos);
  EXPECT_EQ(renders_, 1);  // the reader got the stored page
  cache_.Prerender(front.r, render);
  EXPECT_EQ(renders_, 1);  // fresh: nothing to do

  cache_.Invalidate("list:all");
  cache_.Prerender(front.r, render);
  EXPECT_EQ(renders_, 2);
  EXPECT_NE(Wire(cache_.Serve(front.r, render)).find("front #2"), std::string::npos);
  EXPECT_EQ(renders_, 2);
}

TEST_F(PageCacheTest, AReaderWhoComesDuringAPrerenderRendersRatherThanGetTheOldPage) {
  Req front("/");
  (void)cache_.Serve(front.r, Renderer("old", {"list:all"}));
  cache_.Invalidate("list:all");
  std::string seen;
  cache_.Prerender(front.r, [&](const http::Request& r) {
    // A reader comes while the page is being rendered ahead of them.
    seen = Wire(cache_.Serve(r, Renderer("new", {"list:all"})));
    http::Response page = http::Response::Html(200, "new, prerendered");
    page.cache_tags = {"list:all"};
    return page;
  });
  EXPECT_NE(seen.find("new #"), std::string::npos) << seen;
  EXPECT_EQ(seen.find("old"), std::string::npos);
}

TEST_F(PageCacheTest, SecondRequestIsServedFromTheCacheWithTheSameBytes) {
  auto render = Renderer(std::string(2000, 'a'), {"article:1"});
  Req a("/news/1-x");
  http::Response first = cache_.Serve(a.r, render);
  http::Response second = cache_.Serve(a.r, render);
  EXPECT_EQ(renders_, 1);
  EXPECT_EQ(Wire(first), Wire(second));
  EXPECT_EQ(second.prepared.get(), first.prepared.get());  // the very same bytes, not a copy
  EXPECT_NE(HeaderOf(second, "ETag"), "");
  EXPECT_EQ(HeaderOf(second, "Vary"), "Accept-Encoding");
  EXPECT_EQ(HeaderOf(second, "X-Content-Type-Options"), "nosniff");
  EXPECT_NE(HeaderOf(second, "Cache-Control").find("stale-while-revalidate"), std::string::npos);
  CacheStats stats = cache_.Stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.entries, 1u);
}

TEST_F(PageCacheTest, EachEncodingHasItsOwnVariantAndETag) {
  auto render = Renderer(std::string(2000, 'a'), {"list"});
  Req plain("/"), gz("/", {{"Accept-Encoding", "gzip"}}), br("/", {{"Accept-Encoding", "gzip, br"}});
  http::Response p = cache_.Serve(plain.r, render), g = cache_.Serve(gz.r, render);
  cache_.WaitForCompression();  // brotli is made after the page is stored
  http::Response b = cache_.Serve(br.r, render);
  EXPECT_EQ(renders_, 1);
  EXPECT_EQ(HeaderOf(p, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(g, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(b, "Content-Encoding"), "br");
  EXPECT_LT(g.prepared->body.size(), p.prepared->body.size());
  EXPECT_NE(HeaderOf(p, "ETag"), HeaderOf(g, "ETag"));
  EXPECT_NE(HeaderOf(g, "ETag"), HeaderOf(b, "ETag"));
  EXPECT_EQ(HeaderOf(g, "Content-Length"), std::to_string(g.prepared->body.size()));
}

// A miss costs the render and gzip: brotli comes later, from the cache's
// own thread, and clients that take brotli get gzip until then.
TEST(PageCacheBrotli, BrotliClientsGetGzipUntilBrotliIsMade) {
  CacheOptions options;
  PageCache cache(options);
  int renders = 0;
  PageCache::Render render = [&](const http::Request&) {
    ++renders;
    http::Response r = http::Response::Html(200, std::string(3000, 'b'));
    r.cache_tags = {"list"};
    return r;
  };
  Req br("/", {{"Accept-Encoding", "gzip, br"}}), only_br("/", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(HeaderOf(cache.Serve(br.r, render), "Content-Encoding"), "gzip");  // the miss answers before brotli
  cache.WaitForCompression();
  EXPECT_EQ(HeaderOf(cache.Serve(br.r, render), "Content-Encoding"), "br");
  EXPECT_EQ(HeaderOf(cache.Serve(only_br.r, render), "Content-Encoding"), "br");
  EXPECT_EQ(renders, 1);
  // Made at fill time when asked to.
  options.brotli_in_background = false;
  PageCache at_once(options);
  EXPECT_EQ(HeaderOf(at_once.Serve(br.r, render), "Content-Encoding"), "br");
}

TEST_F(PageCacheTest, SmallOrBinaryBodiesAreNotCompressed) {
  auto render = Renderer("tiny", {"list"});
  Req gz("/", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(HeaderOf(cache_.Serve(gz.r, render), "Content-Encoding"), "");
}

TEST_F(PageCacheTest, MatchingETagOrDateGets304) {
  auto render = Renderer(std::string(2000, 'a'), {"list"});
  Req gz("/", {{"Accept-Encoding", "gzip"}});
  http::Response full = cache_.Serve(gz.r, render);
  std::string etag = HeaderOf(full, "ETag");
  Req again("/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  http::Response not_modified = cache_.Serve(again.r, render);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.prepared->body.empty());
  EXPECT_EQ(HeaderOf(not_modified, "ETag"), etag);
  // An ETag of another encoding of the same page is the same version.
  std::string list = "\"x\", W/" + etag;  // outlives the request's views
  Req other("/", {{"If-None-Match", list}});
  EXPECT_EQ(cache_.Serve(other.r, render).status, 304);
  std::string modified = HeaderOf(full, "Last-Modified");
  Req since("/", {{"If-Modified-Since", modified}});
  EXPECT_EQ(cache_.Serve(since.r, render).status, 304);
  Req older("/", {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}});
  EXPECT_EQ(cache_.Serve(older.r, render).status, 200);
  Req wrong("/", {{"If-None-Match", "\"nope\""}});
  EXPECT_EQ(cache_.Serve(wrong.r, render).status, 200);
  EXPECT_EQ(renders_, 1);
}

TEST_F(PageCacheTest, InvalidatingATagRendersExactlyThosePagesAgain) {
  Req a("/news/1-a"), b("/news/2-b"), front("/");
  auto render_a = Renderer("a", {"article:1", "list"});
  auto render_b = Renderer("b", {"article:2", "list"});
  auto render_front = Renderer("front", {"list"});
  cache_.Serve(a.r, render_a);
  cache_.Serve(b.r, render_b);
  cache_.Serve(front.r, render_front);
  EXPECT_EQ(renders_, 3);
  cache_.Invalidate("article:1");
  EXPECT_NE(Wire(cache_.Serve(a.r, render_a)).find("#4"), std::string::npos);
  EXPECT_NE(Wire(cache_.Serve(b.r, render_b)).find("#2"), std::string::npos);  // untouched
  cache_.Invalidate("list");
  EXPECT_NE(Wire(cache_.Serve(front.r, render_front)).find("#5"), std::string::npos);
  EXPECT_NE(Wire(cache_.Serve(b.r, render_b)).find("#6"), std::string::npos);
  cache_.Invalidate("unknown");
  cache_.Serve(front.r, render_front);
  EXPECT_EQ(renders_, 6);
  cache_.InvalidateAll();
  cache_.Serve(front.r, render_front);
  EXPECT_EQ(renders_, 7);
}

TEST_F(PageCacheTest, UncacheableRequestsAndAnswersPassThrough) {
  auto render = Renderer("page", {"list"});
  Req post("/", {}, http::Method::kPost);
  cache_.Serve(post.r, render);
  cache_.Serve(post.r, render);
  Req odd_query("/?utm_source=x");
  cache_.Serve(odd_query.r, render);
  cache_.Serve(odd_query.r, render);
  Req token("/", {{"Authorization", "Bearer gzt_x"}});
  cache_.Serve(token.r, render);
  EXPECT_EQ(renders_, 5);
  auto untagged = Renderer("page", {});
  Req plain("/x");
  cache_.Serve(plain.r, untagged);
  cache_.Serve(plain.r, untagged);
  auto error = Renderer("oops", {"list"}, 500);
  Req broken("/y");
  EXPECT_EQ(cache_.Serve(broken.r, error).status, 500);
  cache_.Serve(broken.r, error);
  EXPECT_EQ(renders_, 9);
  auto cookie = [](const http::Request&) {
    http::Response r = http::Response::Html(200, "hi");
    r.cache_tags = {"list"};
    r.Set("Set-Cookie", "a=b");
    return r;
  };
  Req c("/z");
  EXPECT_FALSE(cache_.Serve(c.r, cookie).prepared);
  EXPECT_EQ(cache_.Stats().entries, 0u);
  // Page numbers are part of the key.
  Req page2("/latest?page=2"), page3("/latest?page=3");
  EXPECT_NE(Wire(cache_.Serve(page2.r, render)), Wire(cache_.Serve(page3.r, render)));
  EXPECT_EQ(cache_.Stats().entries, 2u);
}

TEST_F(PageCacheTest, NotFoundPagesAreCachedUntilTheirTagChanges) {
  auto missing = Renderer("not found", {"article:9"}, 404);
  Req a("/news/9");
  EXPECT_EQ(cache_.Serve(a.r, missing).status, 404);
  EXPECT_EQ(cache_.Serve(a.r, missing).status, 404);
  EXPECT_EQ(renders_, 1);
  cache_.Invalidate("article:9");
  auto published = Renderer("here", {"article:9"});
  EXPECT_EQ(cache_.Serve(a.r, published).status, 200);
}

TEST_F(PageCacheTest, WhileOneRequestRendersAStalePageOthersGetThePreviousBytes) {
  Req a("/");
  cache_.Serve(a.r, Renderer("old", {"list"}));
  cache_.Invalidate("list");
  std::atomic<bool> inside{false}, release{false};
  std::thread renderer([&] {
    cache_.Serve(a.r, [&](const http::Request&) {
      inside = true;
      while (!release) std::this_thread::yield();
      http::Response r = http::Response::Html(200, "new");
      r.cache_tags = {"list"};
      return r;
    });
  });
  while (!inside) std::this_thread::yield();
  // A second request does not render: it gets the old page at once.
  http::Response meanwhile = cache_.Serve(a.r, [](const http::Request&) -> http::Response {
    ADD_FAILURE() << "a second render of the same page";
    return http::Response::Html(200, "x");
  });
  EXPECT_NE(Wire(meanwhile).find("old"), std::string::npos);
  // One that asks for a fresh copy renders it itself.
  Req fresh("/", {{"Cache-Control", "no-cache"}});
  http::Response own = cache_.Serve(fresh.r, [](const http::Request&) {
    http::Response r = http::Response::Html(200, "own render");
    r.cache_tags = {"list"};
    return r;
  });
  EXPECT_NE(Wire(own).find("own render"), std::string::npos);
  release = true;
  renderer.join();
  EXPECT_NE(Wire(cache_.Serve(a.r, Renderer("unused", {"list"}))).find("new"), std::string::npos);
  EXPECT_EQ(cache_.Stats().stale_hits, 1u);
}

TEST_F(PageCacheTest, AChangeDuringARenderLeavesItsResultStale) {
  Req a("/");
  cache_.Serve(a.r, [&](const http::Request&) {
    cache_.Invalidate("list");  // published while this page read the old list
    http::Response r = http::Response::Html(200, "old list");
    r.cache_tags = {"list"};
    return r;
  });
  EXPECT_NE(Wire(cache_.Serve(a.r, Renderer("new list", {"list"}))).find("new list"), std::string::npos);
}

TEST_F(PageCacheTest, ARenderThatThrowsLetsTheNextRequestTry) {
  Req a("/");
  cache_.Serve(a.r, Renderer("old", {"list"}));
  cache_.Invalidate("list");
  EXPECT_THROW(cache_.Serve(a.r, [](const http::Request&) -> http::Response { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_NE(Wire(cache_.Serve(a.r, Renderer("new", {"list"}))).find("new"), std::string::npos);
}

TEST_F(PageCacheTest, AnArticleLeavingAListMakesTheWholeListStale) {
  Req page1("/section/city"), page2("/section/city?page=2"), other("/section/sport"), article("/news/5-x");
  auto p1 = Renderer("city 1", {"list:section:1", "shows:5"});
  auto p2 = Renderer("city 2", {"list:section:1", "shows:6"});
  auto sport = Renderer("sport", {"list:section:2", "shows:7"});
  auto a = Renderer("article", {"article:5"});
  cache_.Serve(page1.r, p1);
  cache_.Serve(page2.r, p2);
  cache_.Serve(other.r, sport);
  cache_.Serve(article.r, a);
  EXPECT_EQ(renders_, 4);
  cache_.InvalidateWithLists("shows:5", [](std::string_view t) { return t.starts_with("list:"); });
  cache_.Serve(page1.r, p1);
  cache_.Serve(page2.r, p2);  // shows:6 only, but on the same list: its items moved up
  EXPECT_EQ(renders_, 6);
  cache_.Serve(other.r, sport);
  cache_.Serve(article.r, a);
  EXPECT_EQ(renders_, 6);
}

TEST(PageCacheClock, APageExpiresAtTheMomentItNamed) {
  auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'000'000));
  PageCache cache(CacheOptions{}, [&] { return now; });
  int renders = 0;
  auto render = [&](const http::Request&) {
    ++renders;
    http::Response r = http::Response::Html(200, "today 19:29");
    r.cache_tags = {"list:all"};
    r.cache_until = std::chrono::system_clock::time_point(std::chrono::seconds(1'000'100));  // midnight
    return r;
  };
  Req front("/");
  cache.Serve(front.r, render);
  now += std::chrono::seconds(99);
  cache.Serve(front.r, render);
  EXPECT_EQ(renders, 1);
  now += std::chrono::seconds(1);
  cache.Serve(front.r, render);
  EXPECT_EQ(renders, 2);
}

TEST(PageCacheLimit, LeastRecentlyUsedPagesMakeRoom) {
  CacheOptions o;
  o.max_bytes = 16 * 4096;  // 4 KiB a shard
  PageCache cache(o);
  auto render = [](const http::Request& r) {
    http::Response response = http::Response::Text(200, std::string(3000, 'x') + std::string(r.target));
    response.Set("Content-Type", "image/png");  // not compressed: one variant
    response.cache_tags = {"list"};
    return response;
  };
  std::vector<std::string> targets;
  for (int i = 0; i < 200; ++i) targets.push_back("/p" + std::to_string(i));
  for (const std::string& t : targets) {
    Req r(t);
    cache.Serve(r.r, render);
  }
  CacheStats stats = cache.Stats();
  EXPECT_LE(stats.bytes, o.max_bytes);
  EXPECT_GT(stats.evictions, 0u);
  EXPECT_LE(stats.entries, 16u);
  EXPECT_GT(stats.entries, 0u);
}

}  // namespace
}  // namespace gazette::cache
