// Site search: what a reader asks (words, a section, a date range, a page)
// checked and turned into a query of the search index, and one page of
// results. Independent of any store: tests use the in-memory one.
#pragma once

#include <optional>
#include <string>

#include "base/time.h"
#include "core/content_store.h"
#include "core/search.h"

namespace gazette::search {

// At most this many characters of search text are accepted.
inline constexpr std::size_t kMaxQueryChars = 300;

// A search as asked, every field as typed (empty: not given).
struct SearchRequest {
  std::string text;
  std::string section;  // a section's slug
  std::string from;     // YYYY-MM-DD, the first day, in the site's time zone
  std::string to;       // YYYY-MM-DD, the last day (included)
  int page = 1;
  int per_page = 20;
  bool prefix_last = false;  // search as you type: the last word may be unfinished
};

struct SearchPage {
  bool asked = false;  // the text had words to look for
  std::vector<core::SearchHit> hits;
  std::int64_t total = 0;
  int page = 1;
  int pages = 1;
  std::optional<core::Section> section;
};

// Thread-safe when the index and reader are.
class SearchService {
 public:
  SearchService(core::SearchIndex& index, core::ContentReader& reader, base::TimeZone zone)
      : index_(index), reader_(reader), zone_(std::move(zone)) {}

  // One page of results. kInvalid (with a field and a message key
  // "search_...") for text too long or not UTF-8, an unknown section, a
  // date that is not one, a range that ends before it starts, or a page
  // below 1; kNotFound for a page past the last (page 1 always exists).
  // Text without words is no error: nothing is asked, nothing found.
  base::Result<SearchPage> Search(const SearchRequest& request);

 private:
  core::SearchIndex& index_;
  core::ContentReader& reader_;
  base::TimeZone zone_;
};

}  // namespace gazette::search
