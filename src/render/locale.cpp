#include "render/locale.h"

#include <unicode/locid.h>
#include <unicode/plurrule.h>

#include <memory>
#include <toml++/toml.h>

namespace gazette::render {
namespace {

base::Error LocaleError(const std::string& path, const toml::source_region& where, const std::string& what) {
  std::string at = path;
  if (where.begin.line > 0) at += ":" + std::to_string(where.begin.line);
  return base::Error::Invalid(at + ": " + what, "locale");
}

template <std::size_t N>
base::Status ReadArray(const std::string& path, const toml::table& dates, std::string_view key,
                       std::array<std::string, N>& out) {
  const toml::array* array = dates[key].as_array();
  if (!array || array->size() != N) {
    return LocaleError(path, dates.source(), "[dates] " + std::string(key) + " must list " + std::to_string(N) + " names");
  }
  for (std::size_t i = 0; i < N; ++i) {
    std::optional<std::string> name = (*array)[i].value<std::string>();
    if (!name) return LocaleError(path, (*array)[i].source(), "[dates] " + std::string(key) + " must hold strings");
    out[i] = *name;
  }
  return {};
}

// The CLDR plural category ("one", "few", "many", "other") of n.
std::string PluralCategory(const std::string& language, long n) {
  thread_local std::string cached_language;
  thread_local std::unique_ptr<icu::PluralRules> rules;
  if (!rules || cached_language != language) {
    UErrorCode status = U_ZERO_ERROR;
    rules.reset(icu::PluralRules::forLocale(icu::Locale(language.c_str()), status));
    if (U_FAILURE(status)) rules.reset();
    cached_language = language;
  }
  if (!rules) return n == 1 ? "one" : "other";
  std::string out;
  rules->select(static_cast<int32_t>(n)).toUTF8String(out);
  return out;
}

}  // namespace

base::Result<Locale> Locale::Load(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return LocaleError(path, e.source(), std::string(e.description()));
  }
  Locale locale;
  std::optional<std::string> code = root["code"].value<std::string>();
  if (!code) return LocaleError(path, root.source(), "the key \"code\" (the language code, like \"en\") is missing");
  locale.code_ = *code;

  const toml::table* text = root["text"].as_table();
  if (!text) return LocaleError(path, root.source(), "the [text] table is missing");
  for (const auto& [key, value] : *text) {
    std::optional<std::string> s = value.value<std::string>();
    if (!s) return LocaleError(path, value.source(), "[text] " + std::string(key.str()) + " must be a string");
    locale.texts_.emplace(std::string(key.str()), *s);
  }

  if (const toml::table* plurals = root["plural"].as_table()) {
    for (const auto& [key, value] : *plurals) {
      const toml::table* forms = value.as_table();
      if (!forms || !forms->contains("other")) {
        return LocaleError(path, value.source(), "[plural." + std::string(key.str()) + "] needs at least \"other\"");
      }
      auto& table = locale.plurals_[std::string(key.str())];
      for (const auto& [category, form] : *forms) {
        std::optional<std::string> s = form.value<std::string>();
        if (!s) return LocaleError(path, form.source(), "plural forms must be strings");
        table.emplace(std::string(category.str()), *s);
      }
    }
  }

  const toml::table* dates = root["dates"].as_table();
  if (!dates) return LocaleError(path, root.source(), "the [dates] table is missing");
  GZ_TRY(ReadArray(path, *dates, "months_short", locale.months_short_));
  GZ_TRY(ReadArray(path, *dates, "months_of_day", locale.months_of_day_));
  GZ_TRY(ReadArray(path, *dates, "weekdays", locale.weekdays_));
  return locale;
}

const std::string& Locale::Text(std::string_view key) const {
  auto it = texts_.find(key);
  if (it != texts_.end()) return it->second;
  thread_local std::string missing;
  missing.assign(key);
  return missing;
}

std::string Locale::Plural(std::string_view key, long n) const {
  auto table = plurals_.find(key);
  std::string number = std::to_string(n);
  if (table == plurals_.end()) return number;
  auto form = table->second.find(PluralCategory(code_, n));
  if (form == table->second.end()) form = table->second.find("other");
  std::string out = form->second;
  std::size_t at = out.find("{n}");
  if (at != std::string::npos) out.replace(at, 3, number);
  return out;
}

}  // namespace gazette::render
