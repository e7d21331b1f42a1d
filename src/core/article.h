// The newsroom's content: articles and what files them (sections, tags,
// authors). Plain values; the rules live in publishing.h and reading.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"

namespace gazette::core {

using Id = std::int64_t;
using base::Timestamp;

// A rubric of the site ("Russia", "World"); shown in the navigation by position.
struct Section {
  Id id = 0;
  std::string slug;
  std::string name;
  int position = 0;
  bool operator==(const Section&) const = default;
};

struct Tag {
  Id id = 0;
  std::string slug;
  std::string name;
  bool operator==(const Tag&) const = default;
};

struct Author {
  Id id = 0;
  std::string slug;
  std::string name;
  bool operator==(const Author&) const = default;
};

// Whom an article cites: "Kommersant", optionally with a link.
struct Source {
  std::string name;
  std::string url;
  bool operator==(const Source&) const = default;
};

// An article's place in the editorial workflow: written (draft), waiting
// for an editor (review), due at a time (scheduled), live (published), or
// taken down (unpublished). Readers see published articles only.
enum class ArticleStatus { kDraft, kReview, kScheduled, kPublished, kUnpublished };

// "draft", "review", "scheduled", "published", "unpublished".
const char* StatusName(ArticleStatus status);
std::optional<ArticleStatus> ParseStatus(std::string_view name);

// A story. A brief is an article with an empty body: readers see its
// headline in the feeds and nothing more.
struct Article {
  Id id = 0;
  std::string slug;
  std::string headline;
  std::string lead;
  std::string body;       // Markdown, as the newsroom wrote it
  std::string body_html;  // safe HTML made from `body` when it was saved
  std::optional<Section> section;
  std::vector<Tag> tags;
  std::vector<Author> authors;
  Source source;
  ArticleStatus status = ArticleStatus::kDraft;
  bool top = false;  // an editor's pick for the front page's top story
  std::optional<Timestamp> published_at;
  Timestamp created_at{};
  Timestamp updated_at{};  // the last change readers can see
  std::int64_t comment_count = 0;
  bool breaking = false;        // breaking news: shown prominently
  std::string seo_title;        // for search engines; the headline when empty
  std::string seo_description;  // for search engines; the lead when empty
  std::int64_t version = 1;     // counts saves, for optimistic locking
  std::int64_t created_by = 0;  // the staff account that created it; 0: an import or the demo
  std::string correction_note;  // shown with "Updated" after a correction
  std::optional<Timestamp> corrected_at;

  bool IsBrief() const { return body.empty(); }
};

// What lists of articles show: no body, no tags.
struct ArticleSummary {
  Id id = 0;
  std::string slug;
  std::string headline;
  std::string lead;
  std::optional<Section> section;
  Timestamp published_at{};
  Timestamp updated_at{};
  std::int64_t comment_count = 0;
  bool has_body = false;
  bool top = false;
  bool breaking = false;
  ArticleStatus status = ArticleStatus::kPublished;
  std::int64_t created_by = 0;
};

}  // namespace gazette::core
