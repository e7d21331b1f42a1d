// Answers kept between writes: each value under its key, for as long as
// the store's count of writes that could change it stays the same (a
// value computed while a write committed is kept under the earlier count,
// and forgotten once the next look finds the later one). Bounded: emptied
// when full. Thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/result.h"

namespace gazette::storage::sqlite {

template <class V>
class WriteMemo {
 public:
  explicit WriteMemo(std::size_t max_entries) : max_(max_entries) {}

  // The value kept under `key` at `writes` (read before computing), or what
  // `compute` returns, kept when it succeeds and nothing was written since.
  template <class F>
  base::Result<V> Get(const std::string& key, std::uint64_t writes, F&& compute) {
    {
      std::lock_guard lock(mutex_);
      if (writes > writes_ || kept_.size() >= max_) {
        kept_.clear();
        writes_ = std::max(writes_, writes);
      }
      if (writes_ == writes) {
        auto found = kept_.find(key);
        if (found != kept_.end()) return found->second;
      }
    }
    base::Result<V> value = compute();
    if (value.ok()) {
      std::lock_guard lock(mutex_);
      if (writes_ == writes) kept_.insert_or_assign(key, *value);
    }
    return value;
  }

 private:
  std::size_t max_;
  std::mutex mutex_;  // guards kept_ and writes_
  std::unordered_map<std::string, V> kept_;
  std::uint64_t writes_ = 0;
};

}  // namespace gazette::storage::sqlite
