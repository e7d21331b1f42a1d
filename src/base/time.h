// Instants, clocks and time zones. An instant is a Timestamp (UTC seconds);
// local dates and times exist only for display and for reading what people
// type, always through a TimeZone.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gazette::base {

using Timestamp = std::chrono::sys_seconds;

Timestamp FromUnixSeconds(std::int64_t seconds);
std::int64_t ToUnixSeconds(Timestamp t);

// Where "now" comes from. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that stands still until told otherwise; for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp now) { now_ = now; }
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  Timestamp now_;
};

struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const LocalDate&) const = default;
  auto operator<=>(const LocalDate&) const = default;
};

struct LocalTime {
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
  bool operator==(const LocalTime&) const = default;
  auto operator<=>(const LocalTime&) const = default;
};

struct LocalDateTime {
  LocalDate date;
  LocalTime time;
  int weekday = 0;  // 0 = Sunday .. 6 = Saturday
};

// Parses "YYYY-MM-DD" (a real calendar date) or "HH:MM" (00:00..23:59).
Result<LocalDate> ParseLocalDate(std::string_view text);
Result<LocalTime> ParseLocalTime(std::string_view text);
LocalDate AddDays(LocalDate date, int days);

// An IANA time zone from the system's tz database. Cheap to copy; the zone
// data lives for the whole process. Thread-safe.
class TimeZone {
 public:
  // Fails with kInvalid when the name is not a known IANA zone.
  static Result<TimeZone> Load(std::string_view iana_name);
  static TimeZone Utc();

  const std::string& name() const { return *name_; }
  LocalDateTime ToLocal(Timestamp t) const;
  // The instant a wall-clock reading names. A reading that a DST change
  // skipped maps to the moment just after the gap; a repeated one to its
  // first occurrence.
  Timestamp FromLocal(LocalDate date, LocalTime time) const;
  std::chrono::seconds OffsetAt(Timestamp t) const;

 private:
  TimeZone(const void* zone, std::shared_ptr<const std::string> name)
      : zone_(zone), name_(std::move(name)) {}
  const void* zone_;  // a date::time_zone, kept out of this header
  std::shared_ptr<const std::string> name_;
};

// "2026-11-25T19:29:00+03:00" in the given zone ("Z" for UTC offset zero).
std::string FormatIso8601(Timestamp t, const TimeZone& zone);
// Parses an RFC 3339 / ISO 8601 instant with an offset or "Z".
Result<Timestamp> ParseIso8601(std::string_view text);

}  // namespace gazette::base
