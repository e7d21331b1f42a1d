#include "core/publishing.h"

#include "base/slug.h"
#include "base/text.h"

namespace gazette::core {
namespace {

using base::Error;

Status CheckText(std::string_view value, std::string_view field, std::string_view label, std::size_t max_chars,
                 bool allow_newlines) {
  if (!base::IsValidUtf8(value)) return Error::Invalid(std::string(label) + " is not valid UTF-8 text.", std::string(field));
  for (unsigned char c : value) {
    bool control = (c < 0x20 && c != '\t' && !(allow_newlines && (c == '\n' || c == '\r'))) || c == 0x7F;
    if (control) return Error::Invalid(std::string(label) + " contains a control character.", std::string(field));
  }
  if (base::CountCodePoints(value) > max_chars) {
    return Error::Invalid(std::string(label) + " is longer than " + std::to_string(max_chars) + " characters.",
                          std::string(field));
  }
  return {};
}

bool IsHttpUrl(std::string_view url) {
  std::string lower = base::AsciiLower(url.substr(0, 8));
  bool scheme = lower.starts_with("http://") || lower.starts_with("https://");
  if (!scheme) return false;
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>') return false;
  }
  return url.size() > (lower.starts_with("https://") ? 8u : 7u);
}

template <class T, class Find, class Insert>
Result<T> FindOrInsert(std::string_view name, std::string_view field, Find find, Insert insert) {
  std::string trimmed(base::Trim(name));
  GZ_TRY(CheckText(trimmed, field, "A name", kMaxName, false));
  std::string slug = base::Slugify(trimmed);
  if (slug.empty()) return Error::Invalid("\"" + trimmed + "\" has no letters or digits to name it by.", std::string(field));
  Result<T> found = find(slug);
  if (found.ok() || found.error().code != base::ErrorCode::kNotFound) return found;
  T fresh;
  fresh.slug = slug;
  fresh.name = trimmed;
  return insert(fresh);
}

// The item whose name is `name` (ignoring surrounding spaces), when the
// lookup by slug found none: a section renamed without a new address.
template <class T>
Result<T> ByName(Result<std::vector<T>> all, std::string_view name, Result<T> otherwise) {
  if (!all.ok()) return std::move(all).error();
  std::string_view wanted = base::Trim(name);
  for (T& item : *all) {
    if (item.name == wanted) return std::move(item);
  }
  return otherwise;
}

}  // namespace

Status ValidateDraft(const ArticleDraft& draft) {
  std::string_view headline = base::Trim(draft.headline);
  if (headline.empty()) return Error::Invalid("The headline is empty.", "headline");
  GZ_TRY(CheckText(headline, "headline", "The headline", kMaxHeadline, false));
  GZ_TRY(CheckText(draft.lead, "lead", "The lead", kMaxLead, true));
  if (draft.body.size() > kMaxBodyBytes) {
    return Error::Invalid("The body is longer than " + std::to_string(kMaxBodyBytes / 1024) + " KiB.", "body");
  }
  GZ_TRY(CheckText(draft.body, "body", "The body", kMaxBodyBytes, true));
  GZ_TRY(CheckText(draft.source.name, "source.name", "The source's name", kMaxName * 2, false));
  if (!draft.source.url.empty()) {
    if (draft.source.url.size() > kMaxUrl || !IsHttpUrl(draft.source.url)) {
      return Error::Invalid("The source's link must be an http:// or https:// address.", "source.url");
    }
    if (draft.source.name.empty()) return Error::Invalid("A source link needs the source's name.", "source.name");
  }
  if (draft.status == ArticleStatus::kScheduled && !draft.published_at) {
    return Error::Invalid("A scheduled article needs a publication time.", "published_at");
  }
  if (!draft.slug.empty() && !base::IsValidSlug(draft.slug)) {
    return Error::Invalid("A slug may hold only lower-case latin letters, digits and single dashes.", "slug");
  }
  GZ_TRY(CheckText(draft.seo_title, "seo_title", "The SEO title", kMaxSeoTitle, false));
  GZ_TRY(CheckText(draft.seo_description, "seo_description", "The SEO description", kMaxSeoDescription, false));
  return {};
}

Status Publisher::ApplyContent(ContentWriter& writer, const ArticleDraft& draft, Article& article) const {
  GZ_TRY(ValidateDraft(draft));
  article.headline = std::string(base::Trim(draft.headline));
  article.lead = std::string(base::Trim(draft.lead));
  article.body = std::string(base::Trim(draft.body));
  article.body_html = article.body.empty() ? std::string() : renderer_.MarkdownToHtml(article.body);
  article.source = {std::string(base::Trim(draft.source.name)), std::string(base::Trim(draft.source.url))};
  article.breaking = draft.breaking;
  article.top = draft.top;
  article.seo_title = std::string(base::Trim(draft.seo_title));
  article.seo_description = std::string(base::Trim(draft.seo_description));
  article.section.reset();
  if (!base::Trim(draft.section).empty()) {
    Result<Section> section = EnsureSection(writer, draft.section);
    if (!section.ok()) return std::move(section).error();
    article.section = *section;
  }
  article.tags.clear();
  for (const std::string& name : draft.tags) {
    if (base::Trim(name).empty()) continue;
    Result<Tag> tag = EnsureTag(writer, name);
    if (!tag.ok()) return std::move(tag).error();
    bool seen = false;
    for (const Tag& t : article.tags) seen = seen || t.id == tag->id;
    if (!seen) article.tags.push_back(*tag);
  }
  article.authors.clear();
  for (const std::string& name : draft.authors) {
    if (base::Trim(name).empty()) continue;
    Result<Author> author = EnsureAuthor(writer, name);
    if (!author.ok()) return std::move(author).error();
    bool seen = false;
    for (const Author& a : article.authors) seen = seen || a.id == author->id;
    if (!seen) article.authors.push_back(*author);
  }
  if (!draft.slug.empty() && draft.slug != article.slug) {
    Result<bool> taken = writer.ArticleSlugTaken(draft.slug);
    if (!taken.ok()) return std::move(taken).error();
    if (*taken) return Error::Conflict("Another article has this slug.", "slug").Keyed("slug_taken");
    article.slug = draft.slug;
  }
  return {};
}

Result<Id> Publisher::Create(ContentWriter& writer, const ArticleDraft& draft) const {
  GZ_TRY(ValidateDraft(draft));
  Article article;
  ArticleDraft content = draft;
  content.slug.clear();  // a new article's slug is made unique below
  GZ_TRY(ApplyContent(writer, content, article));
  article.status = draft.status;
  article.top = draft.top;
  article.created_by = draft.created_by;
  Timestamp now = clock_.Now();
  article.created_at = now;
  article.updated_at = draft.published_at && *draft.published_at < now ? *draft.published_at : now;
  bool dated = draft.status == ArticleStatus::kPublished || draft.status == ArticleStatus::kScheduled ||
               draft.status == ArticleStatus::kUnpublished;
  if (dated) article.published_at = draft.published_at.value_or(now);
  Result<std::string> slug = UniqueSlug(writer, draft.slug, article.headline);
  if (!slug.ok()) return std::move(slug).error();
  article.slug = *slug;
  return writer.InsertArticle(article);
}

Result<std::string> Publisher::UniqueSlug(ContentWriter& writer, std::string_view wanted,
                                          std::string_view headline) const {
  std::string base_slug = wanted.empty() ? base::Slugify(headline) : std::string(wanted);
  if (base_slug.empty()) base_slug = "article";
  for (int n = 1; n < 10000; ++n) {
    std::string candidate = n == 1 ? base_slug : base_slug + "-" + std::to_string(n);
    Result<bool> taken = writer.ArticleSlugTaken(candidate);
    if (!taken.ok()) return std::move(taken).error();
    if (!*taken) return candidate;
  }
  return Error::Conflict("Too many articles share this slug; choose another.", "slug");
}

Result<Section> FindSectionNamed(ContentReader& reader, std::string_view name) {
  std::string slug = base::Slugify(base::Trim(name));
  Result<Section> found = slug.empty() ? Result<Section>(Error::NotFound("There is no such section."))
                                       : reader.FindSection(slug);
  if (found.ok() || found.error().code != base::ErrorCode::kNotFound) return found;
  if (!slug.empty()) {
    Result<std::optional<std::string>> renamed = reader.RenamedSection(slug);  // a name from before a rename
    if (renamed.ok() && *renamed) return reader.FindSection(**renamed);
  }
  return ByName(reader.ListSections(), name, std::move(found));  // renamed, keeping its old address
}

Result<Section> Publisher::EnsureSection(ContentWriter& writer, std::string_view name) const {
  return FindOrInsert<Section>(
      name, "section", [&](const std::string&) { return FindSectionNamed(writer, name); },
      [&](Section fresh) -> Result<Section> {
        Result<std::vector<Section>> all = writer.ListSections();
        if (!all.ok()) return std::move(all).error();
        fresh.position = all->empty() ? 1 : all->back().position + 1;
        return writer.InsertSection(fresh);
      });
}

Result<Tag> Publisher::EnsureTag(ContentWriter& writer, std::string_view name) const {
  return FindOrInsert<Tag>(
      name, "tags",
      [&](const std::string& slug) -> Result<Tag> {
        Result<Tag> found = writer.FindTag(slug);
        if (found.ok() || found.error().code != base::ErrorCode::kNotFound) return found;
        Result<std::optional<std::string>> renamed = writer.RenamedTag(slug);  // renamed or merged away
        if (renamed.ok() && *renamed) return writer.FindTag(**renamed);
        return ByName(writer.ListTags(), name, std::move(found));
      },
      [&](const Tag& fresh) { return writer.InsertTag(fresh); });
}

Result<Author> Publisher::EnsureAuthor(ContentWriter& writer, std::string_view name) const {
  return FindOrInsert<Author>(
      name, "authors", [&](const std::string& slug) { return writer.FindAuthor(slug); },
      [&](const Author& fresh) { return writer.InsertAuthor(fresh); });
}

}  // namespace gazette::core
