// How fast one reader, or one network address, may comment: `burst`
// comments at once, then one more every window/burst (the generic cell rate
// algorithm). Its whole state is one stored time per reader or address, when
// its allowance is full again, so checking and spending it is a single
// lookup and a single write however high the limits are set.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "comments/comment.h"

namespace gazette::comments {

// Microseconds since the Unix epoch; 0 means never spent.
using AllowanceTime = std::int64_t;

struct Spent {
  bool allowed = false;
  AllowanceTime full_at = 0;  // to store when allowed
  long wait_seconds = 0;      // until one more comment is allowed, when not
};

// One more comment at `now`, against an allowance that was full again at `full_at`.
Spent SpendAllowance(AllowanceTime full_at, Timestamp now, int burst, std::chrono::seconds window);

// The names allowances are stored under.
std::string ReaderAllowance(Id account_id);
std::string AddressAllowance(std::string_view ip);

}  // namespace gazette::comments
