// The site's settings that admins change in the newsroom: stored in the
// database, they override the config file's defaults (the file keeps what
// is needed before the database opens: the listen address, the database
// URL). Changes take effect at once, without a restart.
#pragma once

#include <string>
#include <vector>

#include "accounts/account.h"
#include "newsroom/newsroom_store.h"

namespace gazette::newsroom {

struct SiteSettings {
  std::string name;            // site.name
  std::string base_url;        // site.base_url: "https://news.example.org", no trailing slash
  std::string language;        // site.language: a locale of the theme ("en", "ru")
  std::string time_zone;       // site.time_zone: an IANA zone ("Europe/Moscow")
  std::string comment_policy;  // comments.policy: "open", "premoderated" or "closed"
  int close_after_days = 0;    // comments.close_after_days: 0 keeps threads open
  bool operator==(const SiteSettings&) const = default;
};

// Thread-safe.
class SettingsService {
 public:
  // `languages`: the locales the theme has, for checking site.language.
  SettingsService(NewsroomStore& store, SiteSettings defaults, std::vector<std::string> languages);

  // The defaults with the stored values over them. A stored value that is
  // no longer valid (a language the theme dropped) is ignored.
  Result<SiteSettings> Current();
  // Checks every field (kInvalid naming the first wrong one: "name",
  // "base_url", "language", "time_zone", "comment_policy",
  // "close_after_days"), stores them and records the change in the audit
  // log. Admins only.
  Result<SiteSettings> Update(const accounts::Account& actor, SiteSettings wanted, base::Timestamp now);

  const SiteSettings& defaults() const { return defaults_; }
  const std::vector<std::string>& languages() const { return languages_; }

 private:
  NewsroomStore& store_;
  SiteSettings defaults_;
  std::vector<std::string> languages_;
};

// kInvalid naming the field when a value is not acceptable; the values
// come back trimmed (and the base URL without a trailing slash).
Result<SiteSettings> CheckSettings(SiteSettings wanted, const std::vector<std::string>& languages);

}  // namespace gazette::newsroom
