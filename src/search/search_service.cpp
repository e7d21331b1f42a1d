#include "search/search_service.h"

#include <algorithm>

#include "base/text.h"
#include "search/query.h"

namespace gazette::search {

using base::Error;
using base::Result;

namespace {

Error Invalid(std::string message, std::string field, std::string key, long n = 0) {
  return Error::Invalid(std::move(message), std::move(field)).Keyed(std::move(key), n);
}

Result<std::optional<base::LocalDate>> Day(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<base::LocalDate>();
  Result<base::LocalDate> date = base::ParseLocalDate(text);
  if (!date.ok()) {
    return Invalid("The date \"" + text + "\" is not a date like 2025-03-14.", field, std::string("search_bad_") + field);
  }
  return std::optional<base::LocalDate>(*date);
}

}  // namespace

Result<SearchPage> SearchService::Search(const SearchRequest& request) {
  if (!base::IsValidUtf8(request.text)) {
    return Invalid("The search text is not readable text (UTF-8).", "q", "search_not_text");
  }
  if (base::CountCodePoints(request.text) > kMaxQueryChars) {
    return Invalid("The search text is too long: at most " + std::to_string(kMaxQueryChars) + " characters.", "q",
                   "search_too_long", static_cast<long>(kMaxQueryChars));
  }
  if (request.page < 1) return Invalid("The page number must be 1 or more.", "page", "search_bad_page");
  SearchPage out;
  out.page = request.page;
  core::SearchQuery query;
  if (!request.section.empty()) {
    Result<core::Section> section = reader_.FindSection(request.section);
    if (!section.ok()) {
      if (section.error().code != base::ErrorCode::kNotFound) return std::move(section).error();
      return Invalid("There is no section \"" + request.section + "\".", "section", "search_bad_section");
    }
    out.section = *section;
    query.section_id = section->id;
  }
  Result<std::optional<base::LocalDate>> from = Day(request.from, "from");
  if (!from.ok()) return std::move(from).error();
  Result<std::optional<base::LocalDate>> to = Day(request.to, "to");
  if (!to.ok()) return std::move(to).error();
  if (*from && *to && **to < **from) {
    return Invalid("The range ends before it starts: the \"to\" date must be on or after the \"from\" date.", "to",
                   "search_bad_range");
  }
  if (*from) query.published_from = zone_.FromLocal(**from, {});
  if (*to) query.published_before = zone_.FromLocal(base::AddDays(**to, 1), {});

  query.terms = ParseQuery(request.text, request.prefix_last);
  if (query.terms.empty()) return out;
  out.asked = true;
  int per_page = std::max(1, request.per_page);
  query.limit = per_page;
  query.offset = (request.page - 1) * per_page;
  Result<core::SearchResults> results = index_.Search(query);
  if (!results.ok()) return std::move(results).error();
  out.total = results->total;
  out.hits = std::move(results->hits);
  out.pages = static_cast<int>(std::max<std::int64_t>(1, (out.total + per_page - 1) / per_page));
  if (request.page > out.pages) return Error::NotFound("There is no page " + std::to_string(request.page) + ".");
  return out;
}

}  // namespace gazette::search
