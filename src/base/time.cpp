#include "base/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace gazette::base {
namespace {

const date::time_zone* Zone(const void* z) { return static_cast<const date::time_zone*>(z); }

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

date::local_seconds ToLocalSeconds(LocalDate d, LocalTime t) {
  return date::local_days{date::year{d.year} / d.month / d.day} + std::chrono::hours{t.hour} +
         std::chrono::minutes{t.minute} + std::chrono::seconds{t.second};
}

}  // namespace

Timestamp FromUnixSeconds(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }
std::int64_t ToUnixSeconds(Timestamp t) { return t.time_since_epoch().count(); }

Timestamp SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

Result<LocalDate> ParseLocalDate(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseInt(text.substr(0, 4), y) ||
      !ParseInt(text.substr(5, 2), m) || !ParseInt(text.substr(8, 2), d)) {
    return Error::Invalid("expected a date as YYYY-MM-DD, got \"" + std::string(text) + "\"");
  }
  date::year_month_day ymd{date::year{y}, date::month(static_cast<unsigned>(m)),
                           date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return Error::Invalid("\"" + std::string(text) + "\" is not a calendar date");
  return LocalDate{y, m, d};
}

Result<LocalTime> ParseLocalTime(std::string_view text) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':' || !ParseInt(text.substr(0, 2), h) ||
      !ParseInt(text.substr(3, 2), m) || h > 23 || m > 59) {
    return Error::Invalid("expected a time as HH:MM, got \"" + std::string(text) + "\"");
  }
  return LocalTime{h, m, 0};
}

LocalDate AddDays(LocalDate d, int days) {
  date::year_month_day ymd{date::sys_days{date::year{d.year} / d.month / d.day} + date::days{days}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Result<TimeZone> TimeZone::Load(std::string_view iana_name) {
  try {
    const date::time_zone* zone = date::locate_zone(iana_name);
    return TimeZone(zone, std::make_shared<const std::string>(iana_name));
  } catch (const std::exception&) {
    return Error::Invalid("\"" + std::string(iana_name) +
                          "\" is not a known IANA time zone (for example \"Europe/Moscow\" or \"UTC\")");
  }
}

TimeZone TimeZone::Utc() {
  static const TimeZone utc = *Load("UTC");
  return utc;
}

LocalDateTime TimeZone::ToLocal(Timestamp t) const {
  auto local = Zone(zone_)->to_local(t);
  auto days = date::floor<date::days>(local);
  date::year_month_day ymd{days};
  date::hh_mm_ss<std::chrono::seconds> hms{local - days};
  LocalDateTime out;
  out.date = {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
  out.time = {static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
              static_cast<int>(hms.seconds().count())};
  out.weekday = static_cast<int>(date::weekday{days}.c_encoding());
  return out;
}

Timestamp TimeZone::FromLocal(LocalDate d, LocalTime t) const {
  auto local = ToLocalSeconds(d, t);
  auto info = Zone(zone_)->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return Timestamp{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
      // The gap's end is the first instant after the skipped wall-clock hour.
      return info.second.begin;
  }
  return Timestamp{local.time_since_epoch() - info.first.offset};
}

std::chrono::seconds TimeZone::OffsetAt(Timestamp t) const { return Zone(zone_)->get_info(t).offset; }

std::string FormatIso8601(Timestamp t, const TimeZone& zone) {
  LocalDateTime l = zone.ToLocal(t);
  long offset = static_cast<long>(zone.OffsetAt(t).count());
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", l.date.year, l.date.month,
                        l.date.day, l.time.hour, l.time.minute, l.time.second);
  std::string out(buf, static_cast<std::size_t>(n));
  if (offset == 0) return out + "Z";
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  std::snprintf(buf, sizeof buf, "%c%02ld:%02ld", sign, offset / 3600, (offset % 3600) / 60);
  return out + buf;
}

Result<Timestamp> ParseIso8601(std::string_view text) {
  auto bad = [&] {
    return Error::Invalid("expected a time like 2026-11-25T19:29:00+03:00, got \"" + std::string(text) + "\"");
  };
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return bad();
  auto d = ParseLocalDate(text.substr(0, 10));
  int h = 0, mi = 0, s = 0;
  if (!d.ok() || !ParseInt(text.substr(11, 2), h) || !ParseInt(text.substr(14, 2), mi) ||
      !ParseInt(text.substr(17, 2), s) || h > 23 || mi > 59 || s > 60) {
    return bad();
  }
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds are accepted and dropped
    std::size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    if (i == 1) return bad();
    rest.remove_prefix(i);
  }
  int offset = 0;
  if (rest == "Z" || rest == "z") {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = 0, om = 0;
    if (!ParseInt(rest.substr(1, 2), oh) || !ParseInt(rest.substr(4, 2), om) || oh > 23 || om > 59) {
      return bad();
    }
    offset = (oh * 3600 + om * 60) * (rest[0] == '-' ? -1 : 1);
  } else {
    return bad();
  }
  auto local = ToLocalSeconds(*d, LocalTime{h, mi, s > 59 ? 59 : s});
  return Timestamp{local.time_since_epoch() - std::chrono::seconds{offset}};
}

}  // namespace gazette::base
