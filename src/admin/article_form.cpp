#include "admin/article_form.h"

#include <cstdio>

#include "base/slug.h"
#include "base/text.h"

namespace gazette::admin {
namespace {

std::string Lines(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Trimmed(std::string_view text) { return std::string(base::Trim(text)); }

bool SameNames(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> x, y;
  for (const std::string& name : a) {
    if (!base::Trim(name).empty()) x.push_back(base::Slugify(base::Trim(name)));
  }
  for (const std::string& name : b) {
    if (!base::Trim(name).empty()) y.push_back(base::Slugify(base::Trim(name)));
  }
  return x == y;
}

bool Digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

ArticleForm ReadArticleForm(const http::Form& form) {
  ArticleForm f;
  f.headline = form.Get("headline");
  f.lead = Lines(form.Get("lead"));
  f.body = Lines(form.Get("body"));
  f.section = form.Get("section");
  f.new_section = form.Get("new_section");
  f.tags = form.Get("tags");
  f.authors = form.Get("authors");
  f.source_name = form.Get("source_name");
  f.source_url = form.Get("source_url");
  f.breaking = form.Has("breaking");
  f.top = form.Has("top");
  f.seo_title = form.Get("seo_title");
  f.seo_description = Lines(form.Get("seo_description"));
  f.slug = form.Get("slug");
  f.policy = form.Has("policy") ? form.Get("policy") : "inherit";
  f.publish_at = form.Get("publish_at");
  f.correction = form.Has("correction");
  f.correction_note = Lines(form.Get("correction_note"));
  f.note = Lines(form.Get("note"));
  f.version = form.Get("version");
  return f;
}

ArticleForm FormOf(const core::ArticleDraft& content, std::int64_t version) {
  ArticleForm f;
  f.headline = content.headline;
  f.lead = content.lead;
  f.body = content.body;
  f.section = content.section;
  f.tags = JoinNames(content.tags);
  f.authors = JoinNames(content.authors);
  f.source_name = content.source.name;
  f.source_url = content.source.url;
  f.breaking = content.breaking;
  f.top = content.top;
  f.seo_title = content.seo_title;
  f.seo_description = content.seo_description;
  f.slug = content.slug;
  f.version = std::to_string(version);
  return f;
}

base::Result<newsroom::ArticleEdit> EditOf(const ArticleForm& form) {
  newsroom::ArticleEdit edit;
  core::ArticleDraft& d = edit.content;
  d.headline = Trimmed(form.headline);
  d.lead = Trimmed(form.lead);
  d.body = Trimmed(form.body);
  d.section = base::Trim(form.new_section).empty() ? Trimmed(form.section) : Trimmed(form.new_section);
  d.tags = SplitNames(form.tags);
  d.authors = SplitNames(form.authors);
  d.source.name = Trimmed(form.source_name);
  d.source.url = Trimmed(form.source_url);
  d.breaking = form.breaking;
  d.top = form.top;
  d.seo_title = Trimmed(form.seo_title);
  d.seo_description = Trimmed(form.seo_description);
  d.slug = Trimmed(form.slug);
  std::string_view version = base::Trim(form.version);
  if (version.empty()) {
    edit.version = 0;
  } else if (!Digits(version) || version.size() > 18) {
    return base::Error::Invalid("The form lost track of the article's version; reload the article.", "version");
  } else {
    edit.version = std::stoll(std::string(version));
  }
  edit.correction = form.correction;
  edit.correction_note = Trimmed(form.correction_note);
  return edit;
}

std::vector<std::string> SplitNames(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view name = base::Trim(text.substr(start, comma - start));
    if (!name.empty()) out.emplace_back(name);
    start = comma + 1;
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

bool SameContent(const core::ArticleDraft& edited, const core::ArticleDraft& current) {
  auto same = [](std::string_view a, std::string_view b) { return base::Trim(a) == base::Trim(b); };
  bool same_section = base::Slugify(base::Trim(edited.section)) == base::Slugify(base::Trim(current.section));
  bool same_slug = base::Trim(edited.slug).empty() || same(edited.slug, current.slug);
  return same(edited.headline, current.headline) && same(edited.lead, current.lead) && same(edited.body, current.body) &&
         same_section && SameNames(edited.tags, current.tags) && SameNames(edited.authors, current.authors) &&
         same(edited.source.name, current.source.name) && same(edited.source.url, current.source.url) &&
         edited.breaking == current.breaking && edited.top == current.top &&
         same(edited.seo_title, current.seo_title) && same(edited.seo_description, current.seo_description) &&
         same_slug;
}

base::Result<base::Timestamp> ParseLocalDateTime(std::string_view text, const base::TimeZone& zone) {
  auto bad = [] {
    return base::Error::Invalid("Choose the date and time to publish at, like 2026-11-25 19:30.", "publish_at");
  };
  text = base::Trim(text);
  if (text.empty()) return base::Error::Invalid("Choose when to publish.", "publish_at");
  std::size_t split = text.find_first_of("T ");
  if (split == std::string_view::npos) return bad();
  base::Result<base::LocalDate> date = base::ParseLocalDate(text.substr(0, split));
  std::string_view clock = text.substr(split + 1);
  int seconds = 0;
  if (clock.size() == 8 && clock[5] == ':') {
    std::string_view ss = clock.substr(6);
    if (!Digits(ss)) return bad();
    seconds = (ss[0] - '0') * 10 + (ss[1] - '0');
    if (seconds > 59) return bad();
    clock = clock.substr(0, 5);
  }
  base::Result<base::LocalTime> time = base::ParseLocalTime(clock);
  if (!date.ok() || !time.ok()) return bad();
  base::LocalTime at = *time;
  at.second = seconds;
  return zone.FromLocal(*date, at);
}

std::string LocalDateTimeValue(base::Timestamp t, const base::TimeZone& zone) {
  base::LocalDateTime local = zone.ToLocal(t);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d", local.date.year, local.date.month, local.date.day,
                local.time.hour, local.time.minute);
  std::string value = out;
  if (local.time.second != 0) {
    std::snprintf(out, sizeof out, ":%02d", local.time.second);
    value += out;
  }
  return value;
}

}  // namespace gazette::admin
