#include "newsroom/site_settings.h"

#include <algorithm>
#include <charconv>

#include "accounts/permissions.h"
#include "base/text.h"
#include "base/time.h"

namespace gazette::newsroom {

using base::Error;

namespace {

constexpr int kMaxCloseDays = 3650;

bool PlainText(std::string_view text) {
  return base::IsValidUtf8(text) && !base::HasControlCharacters(text) && !base::HasFormatCharacters(text);
}

// An http(s) address of a site's root: scheme, host, optional port and
// path; no spaces, query or fragment.
bool IsSiteUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == ':') return false;
  return std::all_of(rest.begin(), rest.end(), [](unsigned char c) {
    return c > 0x20 && c < 0x7F && c != '?' && c != '#' && c != '"' && c != '<' && c != '>' && c != '\\';
  });
}

std::map<std::string, std::string> AsMap(const SiteSettings& s) {
  return {{"site.name", s.name},
          {"site.base_url", s.base_url},
          {"site.language", s.language},
          {"site.time_zone", s.time_zone},
          {"comments.policy", s.comment_policy},
          {"comments.close_after_days", std::to_string(s.close_after_days)}};
}

}  // namespace

Result<SiteSettings> CheckSettings(SiteSettings s, const std::vector<std::string>& languages) {
  s.name = std::string(base::Trim(s.name));
  if (s.name.empty()) return Error::Invalid("The site needs a name.", "name");
  if (!PlainText(s.name) || base::CountCodePoints(s.name) > 100) {
    return Error::Invalid("The name must be plain text of at most 100 characters.", "name");
  }
  s.base_url = std::string(base::Trim(s.base_url));
  while (s.base_url.ends_with('/')) s.base_url.pop_back();
  if (s.base_url.size() > 200 || !IsSiteUrl(s.base_url)) {
    return Error::Invalid("The base URL must be the site's http:// or https:// address, like https://news.example.org.",
                          "base_url");
  }
  s.language = std::string(base::Trim(s.language));
  if (std::find(languages.begin(), languages.end(), s.language) == languages.end()) {
    std::string known;
    for (const std::string& l : languages) known += (known.empty() ? "" : ", ") + l;
    return Error::Invalid("The language must be one the theme has: " + known + ".", "language");
  }
  s.time_zone = std::string(base::Trim(s.time_zone));
  if (!base::TimeZone::Load(s.time_zone).ok()) {
    return Error::Invalid("\"" + s.time_zone + "\" is not a time zone; use a name like Europe/Moscow or UTC.",
                          "time_zone");
  }
  if (s.comment_policy != "open" && s.comment_policy != "premoderated" && s.comment_policy != "closed") {
    return Error::Invalid("Comments are open, premoderated or closed.", "comment_policy");
  }
  if (s.close_after_days < 0 || s.close_after_days > kMaxCloseDays) {
    return Error::Invalid("Threads close after 0 (never) to " + std::to_string(kMaxCloseDays) + " days.",
                          "close_after_days");
  }
  return s;
}

SettingsService::SettingsService(NewsroomStore& store, SiteSettings defaults, std::vector<std::string> languages)
    : store_(store), defaults_(std::move(defaults)), languages_(std::move(languages)) {}

Result<SiteSettings> SettingsService::Current() {
  Result<std::map<std::string, std::string>> stored = store_.LoadSettings();
  if (!stored.ok()) return std::move(stored).error();
  SiteSettings s = defaults_;
  auto take = [&](const char* key, std::string& into) {
    if (auto it = stored->find(key); it != stored->end()) into = it->second;
  };
  take("site.name", s.name);
  take("site.base_url", s.base_url);
  take("site.language", s.language);
  take("site.time_zone", s.time_zone);
  take("comments.policy", s.comment_policy);
  if (auto it = stored->find("comments.close_after_days"); it != stored->end()) {
    int days = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), days);
    if (ec == std::errc() && end == it->second.data() + it->second.size()) s.close_after_days = days;
  }
  // Stored values are checked one by one: a bad one falls back to the default.
  Result<SiteSettings> checked = CheckSettings(s, languages_);
  while (!checked.ok()) {
    const std::string& field = checked.error().field;
    if (field == "name") s.name = defaults_.name;
    else if (field == "base_url") s.base_url = defaults_.base_url;
    else if (field == "language") s.language = defaults_.language;
    else if (field == "time_zone") s.time_zone = defaults_.time_zone;
    else if (field == "comment_policy") s.comment_policy = defaults_.comment_policy;
    else if (field == "close_after_days") s.close_after_days = defaults_.close_after_days;
    else return defaults_;
    checked = CheckSettings(s, languages_);
    if (!checked.ok() && checked.error().field == field) return defaults_;  // the default itself is bad
  }
  return *checked;
}

Result<SiteSettings> SettingsService::Update(const accounts::Account& actor, SiteSettings wanted, base::Timestamp now) {
  GZ_TRY(accounts::Require(actor, accounts::Action::kManageSettings));
  Result<SiteSettings> checked = CheckSettings(std::move(wanted), languages_);
  if (!checked.ok()) return checked;
  Result<SiteSettings> current = Current();
  if (!current.ok()) return current;
  std::map<std::string, std::string> before = AsMap(*current), after = AsMap(*checked);
  std::map<std::string, std::string> changed;
  std::string detail;
  for (const auto& [key, value] : after) {
    if (before[key] == value) continue;
    changed[key] = value;
    detail += (detail.empty() ? "" : "; ") + key + ": " + before[key] + " -> " + value;
  }
  if (changed.empty()) return checked;
  GZ_TRY(store_.WriteNewsroom([&](NewsroomWriter& w) -> Status {
    GZ_TRY(w.SaveSettings(changed));
    return w.AppendAudit({0, actor.id, actor.display_name, "settings.update", "settings", 0, detail, now});
  }));
  return checked;
}

}  // namespace gazette::newsroom
