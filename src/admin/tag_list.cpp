#include "admin/tag_list.h"

#include <algorithm>

#include "base/text.h"
#include "http/form.h"

namespace gazette::admin {

TagPage PageOfTags(const std::vector<core::Tag>& all, const std::string& filter, int page) {
  const std::string folded = base::FoldedWords(filter);
  const std::string lower = base::AsciiLower(filter);
  std::vector<const core::Tag*> matching;
  for (const core::Tag& t : all) {
    bool named = !folded.empty() && base::FoldedWords(t.name).find(folded) != std::string::npos;
    if (filter.empty() || named || t.slug.find(lower) != std::string::npos) matching.push_back(&t);
  }
  TagPage out;
  out.total = matching.size();
  out.pages = static_cast<int>(std::max<std::size_t>(1, (matching.size() + kTagsPerPage - 1) / kTagsPerPage));
  out.page = std::clamp(page, 1, out.pages);
  std::size_t first = static_cast<std::size_t>(out.page - 1) * kTagsPerPage;
  std::size_t last = std::min(matching.size(), first + kTagsPerPage);
  for (std::size_t i = first; i < last; ++i) out.tags.push_back(*matching[i]);
  return out;
}

std::string TagListQuery(const std::string& filter, int page, const std::string& then) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "?" : "&") + part; };
  if (!filter.empty()) add("q=" + http::QueryEncode(filter));
  if (page > 1) add("page=" + std::to_string(page));
  if (!then.empty()) add(then);
  return out;
}

}  // namespace gazette::admin
