#include "render/time_labels.h"

#include <cstdio>

namespace gazette::render {
namespace {

std::string Hhmm(const base::LocalTime& t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour, t.minute);
  return buf;
}

}  // namespace

std::string FormatLocalDate(std::string_view format, const base::LocalDateTime& local, const Locale& locale) {
  std::string out;
  out.reserve(format.size() + 16);
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] == '{') {
      std::size_t end = format.find('}', i);
      if (end != std::string_view::npos) {
        std::string_view key = format.substr(i + 1, end - i - 1);
        if (key == "day") out += std::to_string(local.date.day);
        else if (key == "month_short") out += locale.MonthShort(local.date.month);
        else if (key == "month_of_day") out += locale.MonthOfDay(local.date.month);
        else if (key == "year") out += std::to_string(local.date.year);
        else if (key == "time") out += Hhmm(local.time);
        else if (key == "weekday") out += locale.Weekday(local.weekday);
        else out.append(format.substr(i, end - i + 1));
        i = end + 1;
        continue;
      }
    }
    out += format[i++];
  }
  return out;
}

std::string ClockTime(base::Timestamp t, const base::TimeZone& zone) { return Hhmm(zone.ToLocal(t).time); }

std::string TimeLabel(base::Timestamp t, base::Timestamp now, const base::TimeZone& zone, const Locale& locale) {
  base::LocalDateTime local = zone.ToLocal(t);
  base::LocalDateTime today = zone.ToLocal(now);
  if (local.date == today.date) return Hhmm(local.time);
  std::string_view format = local.date.year == today.date.year ? locale.Text("format_date_time")
                                                               : locale.Text("format_date_time_year");
  return FormatLocalDate(format, local, locale);
}

std::string DayHeading(base::Timestamp t, base::Timestamp now, const base::TimeZone& zone, const Locale& locale) {
  base::LocalDateTime local = zone.ToLocal(t);
  base::LocalDateTime today = zone.ToLocal(now);
  if (local.date == today.date) return locale.Text("today");
  if (local.date == base::AddDays(today.date, -1)) return locale.Text("yesterday");
  std::string_view format = local.date.year == today.date.year ? locale.Text("format_day") : locale.Text("format_day_year");
  return FormatLocalDate(format, local, locale);
}

}  // namespace gazette::render
