// Interface text in one language, from a locale file of the theme
// (themes/default/locales/en.toml). Templates never hold words of their own.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gazette::render {

class Locale {
 public:
  // Reads `path`. Fails with a message naming the file, line and key when
  // the file is malformed or a required key is missing.
  static base::Result<Locale> Load(const std::string& path);

  const std::string& code() const { return code_; }  // "en", "ru"
  // The text for `key` ("read_next"); the key itself when missing.
  const std::string& Text(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& texts() const { return texts_; }

  // A count with its noun in the right plural form: "1 comment",
  // "5 комментариев". `key` names a plural table ("comments").
  std::string Plural(std::string_view key, long n) const;

  // month: 1..12.
  const std::string& MonthShort(int month) const { return months_short_.at(static_cast<std::size_t>(month - 1)); }
  // The form used after a day number: "November" (en), "ноября" (ru).
  const std::string& MonthOfDay(int month) const { return months_of_day_.at(static_cast<std::size_t>(month - 1)); }
  const std::string& Weekday(int weekday) const { return weekdays_.at(static_cast<std::size_t>(weekday)); }

 private:
  std::string code_;
  std::map<std::string, std::string, std::less<>> texts_;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> plurals_;
  std::array<std::string, 12> months_short_;
  std::array<std::string, 12> months_of_day_;
  std::array<std::string, 7> weekdays_;
};

}  // namespace gazette::render
