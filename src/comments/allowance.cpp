#include "comments/allowance.h"

#include <algorithm>

namespace gazette::comments {

Spent SpendAllowance(AllowanceTime full_at, Timestamp now, int burst, std::chrono::seconds window) {
  using std::chrono::microseconds;
  const AllowanceTime now_us = std::chrono::duration_cast<microseconds>(now.time_since_epoch()).count();
  const AllowanceTime window_us = std::chrono::duration_cast<microseconds>(window).count();
  const AllowanceTime each_us = std::max<AllowanceTime>(1, window_us / std::max(1, burst));
  const AllowanceTime next = std::max(full_at, now_us) + each_us;
  if (next - now_us <= window_us) return {true, next, 0};
  const AllowanceTime wait_us = next - now_us - window_us;
  return {false, full_at, std::max<long>(1, static_cast<long>((wait_us + 999'999) / 1'000'000))};
}

std::string ReaderAllowance(Id account_id) { return "reader:" + std::to_string(account_id); }
std::string AddressAllowance(std::string_view ip) { return "address:" + std::string(ip); }

}  // namespace gazette::comments
