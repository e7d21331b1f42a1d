// `gazette demo`: a site full of plausible, entirely fictional news, so a
// fresh install shows every page alive. The stories live in
// src/demo/content/<language>.toml (compiled into the binary); their times
// count back from the moment the demo is created.
#pragma once

#include <string_view>

#include "base/time.h"
#include "core/publishing.h"

namespace gazette::demo {

struct DemoReport {
  int sections = 0;
  int articles = 0;
  int briefs = 0;
};

// Stores the demo news for `language` (English when there is none for it)
// in one transaction.
base::Result<DemoReport> CreateDemo(core::ContentStore& store, const core::Publisher& publisher,
                                    const base::Clock& clock, std::string_view language);

// True when the store holds no article at all.
base::Result<bool> IsEmpty(core::ContentReader& reader);

}  // namespace gazette::demo
