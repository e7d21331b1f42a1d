#include "api/article_fields.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "base/slug.h"
#include "base/text.h"
#include "web/article_json.h"

namespace gazette::api {

using base::Error;

namespace {

// The fields a client may change.
constexpr std::string_view kEditable[] = {
    "headline", "lead", "body",      "section",         "tags",          "authors", "source", "slug",
    "breaking", "top",  "seo_title", "seo_description", "comment_policy"};

// The fields the server keeps, and what to do instead of changing them.
struct ReadOnlyField {
  std::string_view name;
  std::string_view instead;
};
constexpr ReadOnlyField kReadOnly[] = {
    {"id", "an article keeps its id"},
    {"url", "the address follows the slug: change \"slug\""},
    {"status", "use POST /api/v1/admin/articles/{id}/submit, /publish, /schedule, /unpublish or /send_back"},
    {"published_at", "use POST /api/v1/admin/articles/{id}/schedule to choose the time, or /publish"},
    {"updated_at", "the server sets it when readers see a change"},
    {"created_at", "the server sets it when the article is created"},
    {"comment_count", "it counts readers' comments"},
    {"correction", "send \"correction_note\" with the edit to mark it as a correction"},
    {"pending",
     "send the edited fields at the top level, or drop the edit with POST /api/v1/admin/articles/{id}/discard_pending"},
};

bool IsEditable(std::string_view key) {
  for (std::string_view k : kEditable) {
    if (k == key) return true;
  }
  return false;
}

const ReadOnlyField* ReadOnly(std::string_view key) {
  for (const ReadOnlyField& f : kReadOnly) {
    if (f.name == key) return &f;
  }
  return nullptr;
}

std::string Replace(std::string text, std::string_view what, std::string_view with) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
  return text;
}

// How to name a section or tag to the Publisher so that it finds this very
// one: by name when the name makes its slug, else by the slug itself.
template <class T>
std::string RefOf(const T& item) {
  return base::Slugify(item.name) == item.slug ? item.name : item.slug;
}

// Numbers compare by value, instants (ISO 8601 strings) by the moment they
// name, objects and arrays member by member.
bool Same(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_double() || b.is_double()) return a.to_number<double>() == b.to_number<double>();
    boost::system::error_code ea, eb;
    auto x = a.to_number<std::int64_t>(ea);
    auto y = b.to_number<std::int64_t>(eb);
    return !ea && !eb && x == y;
  }
  if (a.is_string() && b.is_string()) {
    if (a.as_string() == b.as_string()) return true;
    Result<base::Timestamp> x = base::ParseIso8601(std::string_view(a.as_string()));
    Result<base::Timestamp> y = base::ParseIso8601(std::string_view(b.as_string()));
    return x.ok() && y.ok() && *x == *y;
  }
  if (a.is_object() && b.is_object()) {
    const json::object& x = a.as_object();
    const json::object& y = b.as_object();
    if (x.size() != y.size()) return false;
    for (const auto& entry : x) {
      auto it = y.find(entry.key());
      if (it == y.end() || !Same(entry.value(), it->value())) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    const json::array& x = a.as_array();
    const json::array& y = b.as_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!Same(x[i], y[i])) return false;
    }
    return true;
  }
  return a == b;
}

std::string Shown(const json::value& v) {
  std::string text = json::serialize(v);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

// The section a pending edit names (by name or slug), as its slug.
json::value SectionSlugOf(std::string_view ref, core::ContentReader& content) {
  std::string_view name = base::Trim(ref);
  if (name.empty()) return nullptr;
  std::string slug = base::Slugify(name);
  if (Result<core::Section> s = content.FindSection(slug); s.ok()) return json::value(s->slug);
  if (Result<std::optional<std::string>> renamed = content.RenamedSection(slug); renamed.ok() && *renamed) {
    return json::value(**renamed);
  }
  return json::value(slug);  // made when the edit is approved
}

// A tag a pending edit names (by name or slug), by its name.
std::string TagNameOf(std::string_view ref, core::ContentReader& content) {
  std::string slug = base::Slugify(ref);
  if (Result<core::Tag> t = content.FindTag(slug); t.ok()) return t->name;
  if (Result<std::optional<std::string>> renamed = content.RenamedTag(slug); renamed.ok() && *renamed) {
    if (Result<core::Tag> t = content.FindTag(**renamed); t.ok()) return t->name;
  }
  return std::string(base::Trim(ref));
}

// The section a client names by its slug (or a slug it had before a rename).
Result<std::string> SectionRef(std::string_view slug, core::ContentReader& content) {
  Result<core::Section> found = content.FindSection(slug);
  if (!found.ok() && found.error().code == base::ErrorCode::kNotFound) {
    Result<std::optional<std::string>> renamed = content.RenamedSection(slug);
    if (renamed.ok() && *renamed) found = content.FindSection(**renamed);
  }
  if (found.ok()) return RefOf(*found);
  if (found.error().code != base::ErrorCode::kNotFound) return std::move(found).error();
  return Error::Invalid("There is no section \"" + std::string(slug) +
                            "\". Send the slug of one of GET /api/v1/sections, or create it with POST "
                            "/api/v1/admin/sections.",
                        "section");
}

// Tag names as a client sends them, so that each finds the tag of that name.
Result<std::vector<std::string>> TagRefs(const std::vector<std::string>& names, core::ContentReader& content) {
  std::vector<std::string> out;
  if (names.empty()) return out;
  Result<std::vector<core::Tag>> all = content.ListTags();
  if (!all.ok()) return std::move(all).error();
  for (const std::string& name : names) {
    std::string trimmed(base::Trim(name));
    std::string ref = trimmed;
    for (const core::Tag& t : *all) {
      if (t.name == trimmed) {
        ref = RefOf(t);
        break;
      }
    }
    out.push_back(std::move(ref));
  }
  return out;
}

// Reads one string field into `target` when present (null reads as "").
Status Text(const json::object& body, std::string_view key, std::string& target) {
  Result<std::optional<std::string>> value = StringField(body, key, key != "headline");
  if (!value.ok()) return std::move(value).error();
  if (*value) target = std::move(**value);
  return {};
}

Status ApplyEditable(const json::object& body, core::ArticleDraft& d, ArticleRequest& out,
                     core::ContentReader& content) {
  for (std::string_view key : {"headline", "lead", "body", "slug", "seo_title", "seo_description"}) {
    std::string* target = key == "headline"    ? &d.headline
                          : key == "lead"      ? &d.lead
                          : key == "body"      ? &d.body
                          : key == "slug"      ? &d.slug
                          : key == "seo_title" ? &d.seo_title
                                               : &d.seo_description;
    GZ_TRY(Text(body, key, *target));
  }
  Result<std::optional<std::string>> section = StringField(body, "section", true);
  if (!section.ok()) return std::move(section).error();
  if (*section) {
    std::string slug(base::Trim(**section));
    if (slug.empty()) {
      d.section.clear();
    } else {
      Result<std::string> ref = SectionRef(slug, content);
      if (!ref.ok()) return std::move(ref).error();
      d.section = *ref;
    }
  }
  Result<std::optional<std::vector<std::string>>> tags = StringListField(body, "tags");
  if (!tags.ok()) return std::move(tags).error();
  if (*tags) {
    Result<std::vector<std::string>> refs = TagRefs(**tags, content);
    if (!refs.ok()) return std::move(refs).error();
    d.tags = std::move(*refs);
  }
  Result<std::optional<std::vector<std::string>>> authors = StringListField(body, "authors");
  if (!authors.ok()) return std::move(authors).error();
  if (*authors) d.authors = std::move(**authors);
  if (auto it = body.find("source"); it != body.end()) {
    if (it->value().is_null()) {
      d.source = {};
    } else if (!it->value().is_object()) {
      return Error::Invalid("source must be an object: {\"name\": \"...\", \"url\": \"https://...\"}.", "source");
    } else {
      const json::object& source = it->value().as_object();
      for (const auto& entry : source) {
        if (entry.key() != "name" && entry.key() != "url") {
          return Error::Invalid("source has only \"name\" and \"url\".", "source." + std::string(entry.key()));
        }
      }
      Result<std::optional<std::string>> name = StringField(source, "name", true);
      if (!name.ok()) return Error::Invalid("source.name must be a string.", "source.name");
      Result<std::optional<std::string>> url = StringField(source, "url", true);
      if (!url.ok()) return Error::Invalid("source.url must be a string.", "source.url");
      if (*name) d.source.name = **name;
      if (*url) d.source.url = **url;
    }
  }
  Result<std::optional<bool>> breaking = BoolField(body, "breaking");
  if (!breaking.ok()) return std::move(breaking).error();
  if (*breaking) d.breaking = **breaking;
  Result<std::optional<bool>> top = BoolField(body, "top");
  if (!top.ok()) return std::move(top).error();
  if (*top) d.top = **top;
  if (auto it = body.find("comment_policy"); it != body.end()) {
    out.set_policy = true;
    const json::value& v = it->value();
    std::optional<comments::Policy> policy;
    if (v.is_string()) policy = comments::ParsePolicy(std::string_view(v.as_string()));
    bool inherit = v.is_null() || (v.is_string() && v.as_string() == "inherit");
    if (!policy && !inherit) {
      return Error::Invalid(
          "comment_policy must be \"open\", \"premoderated\", \"closed\", or null to follow the section's or the "
          "site's policy.",
          "comment_policy");
    }
    out.policy = policy;
  }
  return {};
}

}  // namespace

json::value PolicyJson(std::optional<comments::Policy> policy) {
  return policy ? json::value(comments::PolicyName(*policy)) : json::value(nullptr);
}

json::object PendingJson(const newsroom::PendingEdit& p, const core::Article& live, const web::SiteSettings& site,
                         core::ContentReader& content) {
  const core::ArticleDraft& c = p.content;
  json::object o;
  o["state"] = newsroom::PendingStateName(p.state);
  o["headline"] = std::string(base::Trim(c.headline));
  o["lead"] = std::string(base::Trim(c.lead));
  o["body"] = std::string(base::Trim(c.body));
  o["section"] = SectionSlugOf(c.section, content);
  json::array tags, authors;
  for (const std::string& t : c.tags) {
    if (!base::Trim(t).empty()) tags.emplace_back(TagNameOf(t, content));
  }
  for (const std::string& a : c.authors) {
    if (!base::Trim(a).empty()) authors.emplace_back(std::string(base::Trim(a)));
  }
  o["tags"] = std::move(tags);
  o["authors"] = std::move(authors);
  o["source"] =
      json::object{{"name", std::string(base::Trim(c.source.name))}, {"url", std::string(base::Trim(c.source.url))}};
  o["slug"] = c.slug.empty() ? live.slug : c.slug;
  o["breaking"] = c.breaking;
  o["top"] = c.top;
  o["seo_title"] = std::string(base::Trim(c.seo_title));
  o["seo_description"] = std::string(base::Trim(c.seo_description));
  o["note"] = p.note;
  o["publish_at"] = p.publish_at ? json::value(base::FormatIso8601(*p.publish_at, site.zone)) : json::value(nullptr);
  o["updated_at"] = base::FormatIso8601(p.updated_at, site.zone);
  o["author"] = p.account_name;
  return o;
}

json::object AdminArticleJson(const newsroom::Story& story, std::optional<comments::Policy> policy,
                              const web::SiteSettings& site, core::ContentReader& content) {
  json::object o = web::ArticleJson(story.article, site);
  o["pending"] =
      story.pending ? json::value(PendingJson(*story.pending, story.article, site, content)) : json::value(nullptr);
  o["comment_policy"] = PolicyJson(policy);
  return o;
}

core::ArticleDraft BaseDraft(const newsroom::Story& story, bool to_pending) {
  if (to_pending && story.pending) return story.pending->content;
  const core::Article& a = story.article;
  core::ArticleDraft d = newsroom::DraftOf(a);
  d.section = a.section ? RefOf(*a.section) : std::string();
  d.tags.clear();
  for (const core::Tag& t : a.tags) d.tags.push_back(RefOf(t));
  return d;
}

Result<std::optional<std::int64_t>> VersionField(const json::object& body, bool required) {
  if (!body.contains("version")) {
    if (!required) return std::optional<std::int64_t>();
    return Error::Invalid(
        "Send the \"version\" of the article your edit starts from (GET the article first), so that a newer save by "
        "someone else is not overwritten.",
        "version");
  }
  Result<std::optional<std::int64_t>> version = IntField(body, "version");
  if (!version.ok() || (*version && **version < 1)) {
    return Error::Invalid("version must be the article's version, a whole number from 1.", "version");
  }
  return version;
}

Status CheckReadOnly(const json::object& body, const json::object& current) {
  for (const ReadOnlyField& f : kReadOnly) {
    auto sent = body.find(json::string_view(f.name.data(), f.name.size()));
    if (sent == body.end()) continue;
    auto have = current.find(json::string_view(f.name.data(), f.name.size()));
    json::value now = have == current.end() ? json::value(nullptr) : have->value();
    if (Same(sent->value(), now)) continue;
    std::string id = current.contains("id") ? json::serialize(current.at("id")) : "{id}";
    return Error::Invalid(std::string(f.name) + " is read-only (it is " + Shown(now) +
                              "): " + Replace(std::string(f.instead), "{id}", id) + ".",
                          std::string(f.name));
  }
  return {};
}

Result<ArticleRequest> ParseCreate(const json::object& body, core::ContentReader& content) {
  for (const auto& entry : body) {
    std::string_view key(entry.key().data(), entry.key().size());
    if (IsEditable(key)) continue;
    if (ReadOnly(key) || key == "version") {
      return Error::Invalid(std::string(key) + " is set by the server; leave it out when creating an article.",
                            std::string(key));
    }
    if (key == "correction_note") {
      return Error::Invalid("A new article has nothing to correct; leave correction_note out.", "correction_note");
    }
    return Error::Invalid("There is no field \"" + std::string(key) + "\" in an article.", std::string(key));
  }
  if (!body.contains("headline")) return Error::Invalid("A new article needs a \"headline\".", "headline");
  ArticleRequest out;
  GZ_TRY(ApplyEditable(body, out.content, out, content));
  return out;
}

Result<ArticleRequest> ParseUpdate(const json::object& body, core::ArticleDraft base, core::ContentReader& content) {
  for (const auto& entry : body) {
    std::string_view key(entry.key().data(), entry.key().size());
    if (IsEditable(key) || ReadOnly(key) || key == "version" || key == "correction_note") continue;
    return Error::Invalid("There is no field \"" + std::string(key) + "\" in an article.", std::string(key));
  }
  ArticleRequest out;
  out.content = std::move(base);
  GZ_TRY(ApplyEditable(body, out.content, out, content));
  Result<std::optional<std::string>> note = StringField(body, "correction_note", true);
  if (!note.ok()) return std::move(note).error();
  if (*note) out.correction_note = std::string(base::Trim(**note));
  return out;
}

}  // namespace gazette::api
