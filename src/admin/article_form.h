// The article editor's form: what a person typed, read from the request
// and turned into the edit the newsroom service takes; and the schedule
// picker's <input type=datetime-local>, read in the site's time zone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/publishing.h"
#include "http/form.h"
#include "newsroom/newsroom_service.h"

namespace gazette::admin {

// The editor's fields as typed, so that a refused form comes back as it was.
struct ArticleForm {
  std::string headline;
  std::string lead;
  std::string body;
  std::string section;      // the chosen existing section's name; empty for none
  std::string new_section;  // a new section's name: wins over `section`
  std::string tags;         // "Diplomacy, Ukraine"
  std::string authors;      // "Anna Petrova, Ivan Sidorov"
  std::string source_name;
  std::string source_url;
  bool breaking = false;
  bool top = false;
  std::string seo_title;
  std::string seo_description;
  std::string slug;
  std::string policy = "inherit";  // the comment policy: inherit, open, premoderated, closed
  std::string publish_at;          // datetime-local: "2026-11-25T19:30"
  bool correction = false;
  std::string correction_note;
  std::string note;     // the note of a send-back
  std::string version;  // the article's version the form was opened at
};

// The form's fields from a POST. Line ends of the text areas become "\n"
// (browsers send "\r\n").
ArticleForm ReadArticleForm(const http::Form& form);

// The form showing `content` at `version`.
ArticleForm FormOf(const core::ArticleDraft& content, std::int64_t version);

// The edit the form asks for. kInvalid (field "version") when the version
// is not a number; everything else the service checks.
base::Result<newsroom::ArticleEdit> EditOf(const ArticleForm& form);

// "Diplomacy, , Ukraine " -> {"Diplomacy", "Ukraine"}: names separated by
// commas, trimmed, empty ones dropped.
std::vector<std::string> SplitNames(std::string_view text);
// {"Diplomacy", "Ukraine"} -> "Diplomacy, Ukraine".
std::string JoinNames(const std::vector<std::string>& names);

// True when saving `edited` over `current` would change nothing a reader or
// the newsroom sees (texts compared trimmed, names by their slugs, an empty
// slug as "keep it").
bool SameContent(const core::ArticleDraft& edited, const core::ArticleDraft& current);

// "2026-11-25T19:30" (seconds optional) read as a wall-clock time in `zone`;
// kInvalid (field "publish_at") when it is empty or not such a time.
base::Result<base::Timestamp> ParseLocalDateTime(std::string_view text, const base::TimeZone& zone);
// The value of a datetime-local input showing `t` in `zone`: "2026-11-25T19:30"
// (with ":SS" when the seconds are not zero).
std::string LocalDateTimeValue(base::Timestamp t, const base::TimeZone& zone);

}  // namespace gazette::admin
