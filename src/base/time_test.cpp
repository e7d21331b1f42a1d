#include "base/time.h"

#include <gtest/gtest.h>

namespace gazette::base {
namespace {

Timestamp Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return TimeZone::Utc().FromLocal({y, mo, d}, {h, mi, s});
}

TEST(TimeZone, UnknownNamesAreRefusedWithTheName) {
  auto zone = TimeZone::Load("Mars/Olympus");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.error().code, ErrorCode::kInvalid);
  EXPECT_NE(zone.error().message.find("Mars/Olympus"), std::string::npos);
}

TEST(TimeZone, ConvertsBothWays) {
  auto moscow = TimeZone::Load("Europe/Moscow");
  ASSERT_TRUE(moscow.ok());
  Timestamp t = Utc(2026, 11, 24, 16, 29);
  LocalDateTime local = moscow->ToLocal(t);
  EXPECT_EQ(local.date, (LocalDate{2026, 11, 24}));
  EXPECT_EQ(local.time, (LocalTime{19, 29, 0}));
  EXPECT_EQ(local.weekday, 2);  // Tuesday
  EXPECT_EQ(moscow->FromLocal({2026, 11, 24}, {19, 29, 0}), t);
  EXPECT_EQ(FormatIso8601(t, *moscow), "2026-11-24T19:29:00+03:00");
  EXPECT_EQ(FormatIso8601(t, TimeZone::Utc()), "2026-11-24T16:29:00Z");
}

TEST(TimeZone, DaylightSavingGapsAndRepeats) {
  auto berlin = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  // 2026-03-29 02:30 does not exist in Berlin: the clock jumps 02:00 -> 03:00.
  EXPECT_EQ(berlin->FromLocal({2026, 3, 29}, {2, 30, 0}), Utc(2026, 3, 29, 1, 0));
  // 2026-10-25 02:30 happens twice; the first one (summer time) is meant.
  EXPECT_EQ(berlin->FromLocal({2026, 10, 25}, {2, 30, 0}), Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(FormatIso8601(Utc(2026, 7, 1, 12, 0), *berlin), "2026-07-01T14:00:00+02:00");
}

TEST(ParseLocal, DatesAndTimes) {
  EXPECT_EQ(*ParseLocalDate("2024-02-29"), (LocalDate{2024, 2, 29}));
  EXPECT_FALSE(ParseLocalDate("2025-02-29").ok());
  EXPECT_FALSE(ParseLocalDate("2025-2-9").ok());
  EXPECT_FALSE(ParseLocalDate("yesterday").ok());
  EXPECT_EQ(*ParseLocalTime("03:53"), (LocalTime{3, 53, 0}));
  EXPECT_EQ(*ParseLocalTime("23:59"), (LocalTime{23, 59, 0}));
  EXPECT_FALSE(ParseLocalTime("24:00").ok());
  EXPECT_FALSE(ParseLocalTime("9:30").ok());
  EXPECT_FALSE(ParseLocalTime("12:60").ok());
}

TEST(AddDays, CrossesMonthsAndYears) {
  EXPECT_EQ(AddDays({2026, 1, 1}, -1), (LocalDate{2025, 12, 31}));
  EXPECT_EQ(AddDays({2024, 2, 28}, 1), (LocalDate{2024, 2, 29}));
}

TEST(ParseIso8601, ReadsOffsetsAndZulu) {
  EXPECT_EQ(*ParseIso8601("2026-11-24T19:29:00+03:00"), Utc(2026, 11, 24, 16, 29));
  EXPECT_EQ(*ParseIso8601("2026-11-24T16:29:00Z"), Utc(2026, 11, 24, 16, 29));
  EXPECT_EQ(*ParseIso8601("2026-11-24T16:29:00.250Z"), Utc(2026, 11, 24, 16, 29));
  EXPECT_FALSE(ParseIso8601("2026-11-24 16:29").ok());
  EXPECT_FALSE(ParseIso8601("2026-11-24T16:29:00").ok());
}

}  // namespace
}  // namespace gazette::base
