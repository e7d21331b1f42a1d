// Putting articles into the store: validation, slugs, names resolved to
// sections, tags and authors, and the body's HTML made once at save time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "core/content_store.h"

namespace gazette::core {

// Turns an article body (Markdown) into HTML that is safe to show as is.
// Implemented by render/markdown; thread-safe.
class BodyRenderer {
 public:
  virtual ~BodyRenderer() = default;
  virtual std::string MarkdownToHtml(std::string_view markdown) const = 0;
};

// What a newsroom (or an import) submits for a new article.
struct ArticleDraft {
  std::string headline;
  std::string lead;
  std::string body;      // Markdown; empty for a brief
  std::string section;   // a section's name; empty for none
  std::vector<std::string> tags;     // names
  std::vector<std::string> authors;  // names
  Source source;
  ArticleStatus status = ArticleStatus::kDraft;
  bool top = false;
  std::optional<Timestamp> published_at;  // defaults to now when published
  std::string slug;                       // empty: made from the headline
  bool breaking = false;
  std::string seo_title;
  std::string seo_description;
  std::int64_t created_by = 0;  // the staff account writing it
};

// Limits, in code points for text people read, bytes for the body.
inline constexpr std::size_t kMaxHeadline = 300;
inline constexpr std::size_t kMaxLead = 1000;
inline constexpr std::size_t kMaxBodyBytes = 512 * 1024;
inline constexpr std::size_t kMaxName = 100;
inline constexpr std::size_t kMaxUrl = 2000;
inline constexpr std::size_t kMaxSeoTitle = 200;
inline constexpr std::size_t kMaxSeoDescription = 500;

// kInvalid naming the first field that is wrong: empty or over-long
// headline, invalid UTF-8, control characters, a source URL that is not
// http(s), a scheduled article without a time.
Status ValidateDraft(const ArticleDraft& draft);

// The section with this name: matched by the slug the name makes, by a slug
// it had before a rename, or by its name; kNotFound when there is none.
Result<Section> FindSectionNamed(ContentReader& reader, std::string_view name);

// Stateless apart from its two collaborators; thread-safe.
class Publisher {
 public:
  Publisher(const BodyRenderer& renderer, const base::Clock& clock) : renderer_(renderer), clock_(clock) {}

  // Validates the draft and stores it through `writer`, creating the
  // section, tags and authors it names when they do not exist yet. The slug
  // is made unique by a numeric suffix ("-2", "-3"...). Returns the new id.
  Result<Id> Create(ContentWriter& writer, const ArticleDraft& draft) const;

  // Puts the draft's content (headline, lead, body, section, tags, authors,
  // source, SEO fields, breaking, top, slug when given) into `article`, validated
  // and with names resolved as Create does; the body's HTML is made anew.
  // Leaves status, times and version alone, and stores nothing but the
  // section, tags and authors it creates.
  Status ApplyContent(ContentWriter& writer, const ArticleDraft& draft, Article& article) const;

  // The section with this name (matched by its slug, or by a slug it had
  // before a rename), created at the end of the navigation when missing.
  // Tags likewise (a merged tag's name finds the tag it went into).
  Result<Section> EnsureSection(ContentWriter& writer, std::string_view name) const;
  Result<Tag> EnsureTag(ContentWriter& writer, std::string_view name) const;
  Result<Author> EnsureAuthor(ContentWriter& writer, std::string_view name) const;

 private:
  Result<std::string> UniqueSlug(ContentWriter& writer, std::string_view wanted, std::string_view headline) const;

  const BodyRenderer& renderer_;
  const base::Clock& clock_;
};

}  // namespace gazette::core
