#include "render/locale.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "render/time_labels.h"

namespace gazette::render {
namespace {

const std::string kLocales = std::string(GAZETTE_SOURCE_DIR) + "/themes/default/locales/";

TEST(Locale, ShippedLanguagesLoadWithTheSameKeys) {
  auto en = Locale::Load(kLocales + "en.toml");
  auto ru = Locale::Load(kLocales + "ru.toml");
  ASSERT_TRUE(en.ok()) << en.error().message;
  ASSERT_TRUE(ru.ok()) << ru.error().message;
  EXPECT_EQ(en->Text("read_next"), "Read next");
  EXPECT_EQ(ru->Text("read_next"), "Читайте также");
  for (const auto& [key, text] : en->texts()) EXPECT_TRUE(ru->texts().count(key)) << "ru.toml lacks " << key;
  for (const auto& [key, text] : ru->texts()) EXPECT_TRUE(en->texts().count(key)) << "en.toml lacks " << key;
}

TEST(Locale, PluralFormsFollowTheLanguage) {
  auto en = *Locale::Load(kLocales + "en.toml");
  auto ru = *Locale::Load(kLocales + "ru.toml");
  EXPECT_EQ(en.Plural("comments", 0), "0 comments");
  EXPECT_EQ(en.Plural("comments", 1), "1 comment");
  EXPECT_EQ(en.Plural("comments", 21), "21 comments");
  EXPECT_EQ(ru.Plural("comments", 1), "1 комментарий");
  EXPECT_EQ(ru.Plural("comments", 3), "3 комментария");
  EXPECT_EQ(ru.Plural("comments", 5), "5 комментариев");
  EXPECT_EQ(ru.Plural("comments", 21), "21 комментарий");
  EXPECT_EQ(ru.Plural("comments", 11), "11 комментариев");
}

TEST(Locale, BadFilesNameTheFileAndLine) {
  auto dir = std::filesystem::temp_directory_path() / ("gazette-locale-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "xx.toml").string();
  std::ofstream(path) << "code = \"xx\"\n[text]\nread_next = 3\n";
  auto bad = Locale::Load(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find(path + ":3"), std::string::npos) << bad.error().message;
  std::ofstream(path) << "code = \"xx\"\n[text\n";
  EXPECT_NE(Locale::Load(path).error().message.find(path + ":2"), std::string::npos);
  std::filesystem::remove_all(dir);
}

class TimeLabels : public ::testing::Test {
 protected:
  Locale en_ = *Locale::Load(kLocales + "en.toml");
  Locale ru_ = *Locale::Load(kLocales + "ru.toml");
  base::TimeZone moscow_ = *base::TimeZone::Load("Europe/Moscow");
  base::Timestamp At(int y, int mo, int d, int h, int mi) { return moscow_.FromLocal({y, mo, d}, {h, mi, 0}); }
};

TEST_F(TimeLabels, TodayShowsTheTimeOnly) {
  EXPECT_EQ(TimeLabel(At(2026, 11, 25, 19, 29), At(2026, 11, 25, 22, 0), moscow_, en_), "19:29");
  EXPECT_EQ(TimeLabel(At(2026, 11, 25, 3, 53), At(2026, 11, 25, 3, 54), moscow_, en_), "03:53");
}

TEST_F(TimeLabels, EarlierDaysShowTheDateAsTheSeedDoes) {
  EXPECT_EQ(TimeLabel(At(2026, 11, 24, 19, 29), At(2026, 11, 25, 0, 5), moscow_, en_), "24 Nov 19:29");
  EXPECT_EQ(TimeLabel(At(2026, 11, 24, 19, 29), At(2026, 11, 25, 0, 5), moscow_, ru_), "24 ноя 19:29");
  EXPECT_EQ(TimeLabel(At(2025, 12, 31, 23, 0), At(2026, 1, 2, 10, 0), moscow_, en_), "31 Dec 2025 23:00");
}

TEST_F(TimeLabels, TheDayIsTheSitesNotUtcs) {
  // 01:30 in Moscow is still the previous day in UTC; it is "today" for the site.
  EXPECT_EQ(TimeLabel(At(2026, 11, 25, 1, 30), At(2026, 11, 25, 2, 0), moscow_, en_), "01:30");
}

TEST_F(TimeLabels, DayHeadings) {
  base::Timestamp now = At(2026, 11, 25, 12, 0);
  EXPECT_EQ(DayHeading(At(2026, 11, 25, 9, 0), now, moscow_, en_), "Today");
  EXPECT_EQ(DayHeading(At(2026, 11, 24, 9, 0), now, moscow_, ru_), "Вчера");
  EXPECT_EQ(DayHeading(At(2026, 11, 23, 9, 0), now, moscow_, en_), "Monday, 23 November");
  EXPECT_EQ(DayHeading(At(2026, 11, 23, 9, 0), now, moscow_, ru_), "23 ноября, понедельник");
}

}  // namespace
}  // namespace gazette::render
