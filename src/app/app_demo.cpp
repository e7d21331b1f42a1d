// The demo commands: `gazette demo` (the fictional news of the theme's
// language) and `gazette demo --articles N` (a generated site, as a bulk
// load when it is large).
#include <chrono>

#include "app/app.h"
#include "app/app_parts.h"
#include "demo/demo.h"
#include "demo/generate.h"

namespace gazette::app {
namespace {

// Generated articles from which `gazette demo` writes as a bulk load.
constexpr std::int64_t kBulkLoadArticles = 10000;
// The step after the articles of a bulk load, as the progress bar names it.
constexpr std::string_view kFinishing = "building the indexes and the search index";

}  // namespace

base::Result<demo::DemoReport> App::Demo(bool only_if_empty, bool& skipped) {
  skipped = false;
  if (only_if_empty) {
    base::Result<bool> empty = demo::IsEmpty(*parts_->store);
    if (!empty.ok()) return std::move(empty).error();
    if (!*empty) {
      skipped = true;
      return demo::DemoReport{};
    }
  }
  return demo::CreateDemo(*parts_->store, *parts_->publisher, parts_->clock, parts_->config.language);
}

base::Result<demo::GenerateReport> App::Generate(const demo::GenerateOptions& options, const demo::Progress& progress) {
  // A million articles' slug and headline indexes and the comments' indexes
  // written at many places at once: kept in memory, the load rarely reads
  // the file it writes. The command exits when done.
  GZ_TRY(parts_->store->SetWriteCache(1024));
  // A load of articles at least as large as the site it goes into is
  // written as a bulk load (storage/sqlite/bulk_load.h) when nothing else
  // has the file open; its end builds the set-aside indexes over the whole
  // site. The comments come after it, the usual way: their writes change
  // the article rows (counts), and a rollback journal would copy each page
  // before changing it.
  bool bulk = false;
  if (options.articles >= kBulkLoadArticles) {
    core::ArticleQuery any;
    any.status.reset();
    base::Result<std::int64_t> present = parts_->store->CountArticles(any);
    if (!present.ok()) return std::move(present).error();
    if (options.articles >= *present) {
      base::Result<bool> begun = parts_->store->BeginBulkLoad();
      if (!begun.ok()) return std::move(begun).error();
      bulk = *begun;
    }
  }
  double finish_seconds = 0;
  auto end_bulk = [&]() -> base::Status {
    if (!bulk) return {};
    bulk = false;
    if (progress) progress(kFinishing, 0, 0);
    auto started = std::chrono::steady_clock::now();
    base::Status ended = parts_->store->EndBulkLoad();
    finish_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress && ended.ok()) progress(kFinishing, 1, 0);
    return ended;
  };
  base::Result<demo::GenerateReport> report =
      demo::Generate(*parts_->store, *parts_->store, *parts_->store, parts_->clock, options, progress, end_bulk);
  base::Status ended = end_bulk();  // when the articles failed
  if (!report.ok()) return report;
  GZ_TRY(ended);
  report->finish_seconds = finish_seconds;
  return report;
}

}  // namespace gazette::app
