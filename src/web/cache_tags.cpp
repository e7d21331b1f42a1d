#include "web/cache_tags.h"

namespace gazette::web::cache {

base::Timestamp NextMidnight(base::Timestamp now, const base::TimeZone& zone) {
  base::LocalDate today = zone.ToLocal(now).date;
  return zone.FromLocal(base::AddDays(today, 1), base::LocalTime{});
}

void Cacheable(http::Response& response, std::vector<std::string> tags, std::optional<base::Timestamp> until) {
  response.cache_tags = std::move(tags);
  if (until) response.cache_until = std::chrono::time_point_cast<std::chrono::system_clock::duration>(*until);
}

}  // namespace gazette::web::cache
