// Full-text search over a MemoryState: a scan of the published articles
// with the same word keys as the SQLite index (base/words.h) and a simple
// score (matches weighted by column: headline 10, lead 4, body 1).
#pragma once

#include "core/search.h"
#include "storage/memory/memory_state.h"

namespace gazette::storage::memory_search {

base::Result<core::SearchResults> Search(const MemoryState& s, const core::SearchQuery& query);
// How many published articles there are (the scan needs no index).
base::Result<std::int64_t> Reindex(const MemoryState& s);

}  // namespace gazette::storage::memory_search
