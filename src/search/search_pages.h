// The reader's search: the page /search (the form, ranked results with the
// matched words highlighted, filters by section and dates, paging) and the
// JSON of search as you type, /api/v1/search (docs/search.md).
#pragma once

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

// Thread-safe: handlers only read.
class SearchPages {
 public:
  SearchPages(SearchService& service, core::ReadingService& reading, const web::Pages& pages)
      : service_(service), reading_(reading), pages_(pages) {}

  void AddRoutes(http::Router& router);

 private:
  http::Response Page(const http::Request& request) const;
  http::Response Suggestions(const http::Request& request) const;

  SearchService& service_;
  core::ReadingService& reading_;
  const web::Pages& pages_;
};

}  // namespace gazette::search
