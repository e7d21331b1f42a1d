// The list on /admin/tags: a site can hold thousands of tags, so the page
// shows those whose name or address holds the editor's filter, a page at a
// time, and its forms carry the list's place so that an answer comes back
// to it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/article.h"

namespace gazette::admin {

inline constexpr int kTagsPerPage = 100;

struct TagPage {
  std::vector<core::Tag> tags;  // this page's, in the order given
  std::size_t total = 0;        // all that match the filter
  int page = 1;                 // asked for, brought within 1..pages
  int pages = 1;
};

// The tags of `all` whose name holds `filter` (Unicode case-folded, words
// as the site's search reads them) or whose address holds it (ASCII lower
// case); an empty filter keeps all. A page past the end shows the last.
TagPage PageOfTags(const std::vector<core::Tag>& all, const std::string& filter, int page);

// "?q=...&page=N" for the list's filter and page, leaving out what is the
// default ("" for the whole list's first page); `then` ("done=merged") is
// added last.
std::string TagListQuery(const std::string& filter, int page, const std::string& then = "");

}  // namespace gazette::admin
