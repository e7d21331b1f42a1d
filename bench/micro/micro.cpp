// Microbenchmarks of the parts a page or a comment goes through: Markdown,
// the page cache (a hit, and a miss with its compression), and reads of a
// real SQLite site made by the demo generator. `make bench` runs them;
// docs/performance.md reports the figures.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>

#include "cache/page_cache.h"
#include "demo/generate.h"
#include "render/comment_text.h"
#include "render/markdown.h"
#include "storage/sqlite/sqlite_store.h"

namespace gazette {
namespace {

// An article body of about 5 KB with the Markdown a newsroom uses.
std::string ArticleMarkdown() {
  std::string md;
  for (int i = 0; i < 12; ++i) {
    md += "The ferry services between **Port Halden** and the islands will run to a reduced timetable, the operator "
          "said on " + std::to_string(i + 1) + " March, citing [repairs](https://example.org/repairs/" +
          std::to_string(i) + ") to the *main* pier.\n\n";
    if (i % 4 == 3) md += "> \"We expect normal service by spring,\" a spokesperson said.\n\n- one\n- two\n\n";
  }
  return md;
}

void MarkdownArticleBody(benchmark::State& state) {
  std::string md = ArticleMarkdown();
  for (auto _ : state) benchmark::DoNotOptimize(render::MarkdownToHtml(md));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * md.size()));
}
BENCHMARK(MarkdownArticleBody);

void MarkdownComment(benchmark::State& state) {
  std::string md = "A longer thought about the story, with *emphasis* and a [link](https://example.org/1).\n\nSecond "
                   "paragraph: the tram line should reach the harbour by spring.";
  for (auto _ : state) benchmark::DoNotOptimize(render::CommentToHtml(md));
}
BENCHMARK(MarkdownComment);

// Most comments: one line of plain text.
void PlainComment(benchmark::State& state) {
  std::string md = "Reader comment 0-1-123: the tram line should reach the harbour by spring.";
  for (auto _ : state) benchmark::DoNotOptimize(render::CommentToHtml(md));
}
BENCHMARK(PlainComment);

// A page as the article handler answers it: about 17 KB of HTML.
http::Response ArticlePage() {
  std::string html = "<!doctype html><html lang=\"en\"><head><title>Ferry services</title></head><body>";
  for (int i = 0; i < 100; ++i) {
    html += "<article class=\"comment\" id=\"c" + std::to_string(i) + "\"><p class=\"by\">Reader " + std::to_string(i) +
            " <time>19:" + std::to_string(10 + i % 50) + "</time></p><p>A longer thought about the story, number " +
            std::to_string(i) + ".</p></article>\n";
  }
  html += "</body></html>";
  http::Response r = http::Response::Html(200, html);
  r.cache_tags = {"article:1", "comments:1"};
  return r;
}

http::Request Get(std::string_view target, std::vector<std::pair<std::string_view, std::string_view>> headers = {}) {
  http::Request request;
  request.method_name = "GET";
  request.target = target;
  std::string_view query;
  http::SplitTarget(target, request.path, query);
  request.query = query;
  request.headers = std::move(headers);
  return request;
}

void PageCacheHit(benchmark::State& state) {
  cache::PageCache cache({});
  http::Response page = ArticlePage();
  cache::PageCache::Render render = [&](const http::Request&) { return page; };
  http::Request request = Get("/news/1-ferry", {{"Accept-Encoding", "gzip, br"}});
  cache.Serve(request, render);
  for (auto _ : state) benchmark::DoNotOptimize(cache.Serve(request, render));
}
BENCHMARK(PageCacheHit);

// A miss: the page is stale (a comment arrived), so the next request stores
// it again. Argument 0: identity and gzip at once, brotli on the cache's own
// thread afterwards (as served); otherwise brotli at that quality at fill
// time too. The render itself is not in this figure (bench/run.py measures
// it over HTTP).
void PageCacheMissFill(benchmark::State& state) {
  cache::CacheOptions options;
  options.brotli_in_background = state.range(0) == 0;
  if (state.range(0) > 0) options.brotli_quality = static_cast<int>(state.range(0));
  cache::PageCache cache(options);
  http::Response page = ArticlePage();
  cache::PageCache::Render render = [&](const http::Request&) { return page; };
  http::Request request = Get("/news/1-ferry", {{"Accept-Encoding", "gzip, br"}});
  for (auto _ : state) {
    cache.Invalidate("comments:1");
    benchmark::DoNotOptimize(cache.Serve(request, render));
  }
  state.SetLabel(std::to_string(page.body.size()) + " bytes, " +
                 (state.range(0) == 0 ? std::string("brotli later") : "brotli quality " + std::to_string(state.range(0))));
}
BENCHMARK(PageCacheMissFill)->Arg(0)->Arg(5)->Arg(9);

// A real SQLite site: 2,000 generated articles and 20,000 comments.
class Site {
 public:
  static Site& Get() {
    static Site site;
    return site;
  }
  storage::sqlite::SqliteStore& store() { return *store_; }
  core::Id busiest() const { return busiest_; }

 private:
  Site() {
    dir_ = std::filesystem::temp_directory_path() / ("gazette-micro-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    storage::sqlite::SqliteOptions options;
    options.path = (dir_ / "site.db").string();
    auto opened = storage::sqlite::SqliteStore::Open(options);
    if (!opened.ok()) std::abort();
    store_ = std::move(*opened);
    if (!store_->Migrate().ok()) std::abort();
    demo::GenerateOptions generate;
    generate.articles = 2000;
    generate.comments = 20000;
    base::SystemClock clock;
    auto made = demo::Generate(store(), store(), store(), clock, generate, {});
    if (!made.ok()) std::abort();
    busiest_ = store().ListArticles({})->front().id;  // the newest has the most comments
  }
  ~Site() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  core::Id busiest_ = 0;
};

void StoreFindArticle(benchmark::State& state) {
  Site& site = Site::Get();
  for (auto _ : state) benchmark::DoNotOptimize(site.store().FindArticle(site.busiest()));
}
BENCHMARK(StoreFindArticle);

void StoreThreadPage(benchmark::State& state) {
  Site& site = Site::Get();
  for (auto _ : state) benchmark::DoNotOptimize(site.store().Threads(site.busiest(), comments::Sort::kOldest, 0, 20));
}
BENCHMARK(StoreThreadPage);

void StoreLatestArticles(benchmark::State& state) {
  Site& site = Site::Get();
  core::ArticleQuery q;
  q.limit = 30;
  for (auto _ : state) benchmark::DoNotOptimize(site.store().ListArticles(q));
}
BENCHMARK(StoreLatestArticles);

}  // namespace
}  // namespace gazette

BENCHMARK_MAIN();
