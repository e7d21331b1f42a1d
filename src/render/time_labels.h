// How times read on a page, in the site's time zone and language:
// "19:29" today, "24 Nov 19:29" on earlier days (as the seed page shows
// them), with the year when it is not the current one.
#pragma once

#include <string>

#include "base/time.h"
#include "render/locale.h"

namespace gazette::render {

std::string TimeLabel(base::Timestamp t, base::Timestamp now, const base::TimeZone& zone, const Locale& locale);

// A heading for the items of one day in a feed: "Today", "Yesterday",
// "Monday, 23 November" (with the year when it is not the current one).
std::string DayHeading(base::Timestamp t, base::Timestamp now, const base::TimeZone& zone, const Locale& locale);

// "HH:MM" of `t` in `zone`.
std::string ClockTime(base::Timestamp t, const base::TimeZone& zone);

// Fills "{day}", "{month_short}", "{month_of_day}", "{year}", "{time}",
// "{weekday}" in a locale's format string.
std::string FormatLocalDate(std::string_view format, const base::LocalDateTime& local, const Locale& locale);

}  // namespace gazette::render
