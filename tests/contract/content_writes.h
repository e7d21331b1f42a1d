// Writes the contract suites make to a content store: an article added, an
// article read, edited and written back, each in one write.
#pragma once

#include <gtest/gtest.h>

#include <functional>

#include "core/content_store.h"

namespace gazette::contract {

// The new article's id (0 after a failure the test has been told of).
inline core::Id InsertArticle(core::ContentStore& store, const core::Article& a) {
  core::Id id = 0;
  base::Status st = store.Write([&](core::ContentWriter& w) -> base::Status {
    auto r = w.InsertArticle(a);
    if (!r.ok()) return r.error();
    id = *r;
    return {};
  });
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message + " " + st.error().detail);
  return id;
}

inline void ChangeArticle(core::ContentStore& store, core::Id id, const std::function<void(core::Article&)>& edit) {
  base::Status st = store.Write([&](core::ContentWriter& w) -> base::Status {
    auto found = w.FindArticle(id);
    if (!found.ok()) return found.error();
    edit(*found);
    return w.UpdateArticle(*found);
  });
  ASSERT_TRUE(st.ok()) << st.error().message;
}

}  // namespace gazette::contract
