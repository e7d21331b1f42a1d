// The reader's search: the page /search (the form, ranked results with the
// matched words highlighted, filters by section and dates, paging) and the
// JSON of search as you type, /api/v1/search (docs/search.md).
#pragma once

#include "base/worker_pool.h"
#include "core/reading.h"
#include "http/router.h"
#include "search/search_service.h"
#include "web/pages.h"

namespace gazette::search {

// Results per page of /search.
inline constexpr int kResultsPerPage = 20;
// Suggestions of /api/v1/search: ?limit= from 1 to kMaxSuggestions.
inline constexpr int kDefaultSuggestions = 8;
inline constexpr int kMaxSuggestions = 20;

// Thread-safe: handlers only read. A search reads the index for
// milliseconds, not microseconds: it runs on `pool`, never on the threads
// serving pages, and a full queue answers 503 with Retry-After.
class SearchPages {
 public:
  SearchPages(SearchService& service, core::ReadingService& reading, const web::Pages& pages, base::WorkerPool& pool)
      : service_(service), reading_(reading), pages_(pages), pool_(pool) {}

  void AddRoutes(http::Router& router);

 private:
  http::Response Page(const http::Request& request) const;
  http::Response Suggestions(const http::Request& request) const;

  SearchService& service_;
  core::ReadingService& reading_;
  const web::Pages& pages_;
  base::WorkerPool& pool_;
};

}  // namespace gazette::search
