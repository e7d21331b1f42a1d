#include "web/article_json.h"

#include <boost/json/array.hpp>

#include "web/urls.h"

namespace gazette::web {

namespace json = boost::json;

namespace {

json::value Time(const std::optional<base::Timestamp>& t, const SiteSettings& site) {
  if (!t) return nullptr;
  return json::value(base::FormatIso8601(*t, site.zone));
}

}  // namespace

json::object ArticleJson(const core::Article& a, const SiteSettings& site) {
  json::object o;
  o["id"] = a.id;
  o["slug"] = a.slug;
  o["url"] = site.base_url + ArticlePath(a.id, a.slug);
  o["headline"] = a.headline;
  o["lead"] = a.lead;
  o["body"] = a.body;
  o["section"] = a.section ? json::value(a.section->slug) : json::value(nullptr);
  json::array tags, authors;
  for (const core::Tag& t : a.tags) tags.emplace_back(t.name);
  for (const core::Author& au : a.authors) authors.emplace_back(au.name);
  o["tags"] = std::move(tags);
  o["authors"] = std::move(authors);
  o["source"] = json::object{{"name", a.source.name}, {"url", a.source.url}};
  o["status"] = core::StatusName(a.status);
  o["published_at"] = Time(a.published_at, site);
  o["updated_at"] = Time(a.updated_at, site);
  o["created_at"] = Time(a.created_at, site);
  o["breaking"] = a.breaking;
  o["top"] = a.top;
  o["seo_title"] = a.seo_title;
  o["seo_description"] = a.seo_description;
  if (a.corrected_at) {
    o["correction"] = json::object{{"note", a.correction_note}, {"at", Time(a.corrected_at, site)}};
  } else {
    o["correction"] = nullptr;
  }
  o["comment_count"] = a.comment_count;
  o["version"] = a.version;
  return o;
}

json::object SummaryJson(const core::ArticleSummary& s, const SiteSettings& site) {
  json::object o;
  o["id"] = s.id;
  o["slug"] = s.slug;
  o["url"] = site.base_url + ArticlePath(s.id, s.slug);
  o["headline"] = s.headline;
  o["lead"] = s.lead;
  o["section"] = s.section ? json::value(s.section->slug) : json::value(nullptr);
  o["status"] = core::StatusName(s.status);
  bool dated = s.status != core::ArticleStatus::kDraft && s.status != core::ArticleStatus::kReview;
  o["published_at"] = dated ? Time(s.published_at, site) : json::value(nullptr);
  o["updated_at"] = Time(s.updated_at, site);
  o["breaking"] = s.breaking;
  o["top"] = s.top;
  o["brief"] = !s.has_body;
  o["comment_count"] = s.comment_count;
  return o;
}

json::object SectionJson(const core::Section& s, const SiteSettings& site) {
  return {{"id", s.id},
          {"slug", s.slug},
          {"name", s.name},
          {"url", site.base_url + SectionPath(s.slug)},
          {"position", s.position}};
}

json::object TagJson(const core::Tag& t, const SiteSettings& site) {
  return {{"id", t.id}, {"slug", t.slug}, {"name", t.name}, {"url", site.base_url + TagPath(t.slug)}};
}

json::object AuthorJson(const core::Author& a, const SiteSettings& site) {
  return {{"id", a.id}, {"slug", a.slug}, {"name", a.name}, {"url", site.base_url + AuthorPath(a.slug)}};
}

}  // namespace gazette::web
