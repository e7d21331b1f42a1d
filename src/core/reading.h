// What readers may see, and in which order: only published articles, newest
// first. Used by the reader site and (later) the public content API.
#pragma once

#include <chrono>
#include <mutex>
#include <unordered_map>

#include <optional>
#include <string_view>
#include <vector>

#include "core/content_store.h"
#include "core/search.h"

namespace gazette::core {

// One page of a newest-first list.
struct Listing {
  std::vector<ArticleSummary> items;
  std::int64_t total = 0;  // items across all pages
  int page = 1;            // 1-based
  int pages = 1;           // at least 1, even when empty
};

struct FrontPage {
  std::optional<Article> top_story;      // the newest editor's pick, else the newest article with a body
  std::vector<ArticleSummary> latest;    // newest first, without the top story
};

// How "Read next" chooses (docs/search.md). kLatest: the latest other
// articles. kBlend: up to `related` articles related to the one shown
// (shared tags weigh most, then the same section, then similar words in
// the headline and lead, when there is a search index), published within
// `window_days` of it, and the latest news in the remaining places.
struct ReadNextOptions {
  enum class Mode { kLatest, kBlend };
  Mode mode = Mode::kBlend;
  int related = 3;
  int window_days = 30;
};

// Thread-safe when its reader and search index are.
class ReadingService {
 public:
  explicit ReadingService(ContentReader& reader, SearchIndex* search = nullptr, ReadNextOptions read_next = {})
      : reader_(reader), search_(search), read_next_(read_next) {}

  Result<FrontPage> Front(int latest_count);

  // A published article by id; kNotFound for unknown ids and for articles
  // readers may not see (drafts, scheduled).
  Result<Article> PublishedArticle(Id id);

  // `count` published articles other than `article`, chosen as the
  // options say, newest first. The related ones are kept per article for
  // up to kKeepRelated (an article published since joins them then; it is
  // among the latest at once) and chosen again after ForgetRelated.
  Result<std::vector<ArticleSummary>> ReadNext(const Article& article, int count);
  // An article was changed or taken down, or sections and tags changed:
  // every kept choice of related articles is made again when next asked for.
  void ForgetRelated();
  static constexpr std::chrono::minutes kKeepRelated{10};
  // The published articles most related to `article` (see ReadNextOptions),
  // at most `count`, most related first (ties: the higher id first).
  Result<std::vector<ArticleSummary>> Related(const Article& article, int count);

  // Page `page` (1-based) of a published list; kInvalid for a page below 1,
  // kNotFound for a page past the last (page 1 always exists).
  Result<Listing> List(ArticleQuery query, int page, int per_page);

  Result<std::vector<Section>> Sections() { return reader_.ListSections(); }
  Result<Section> FindSection(std::string_view slug) { return reader_.FindSection(slug); }
  Result<Tag> FindTag(std::string_view slug) { return reader_.FindTag(slug); }
  Result<Author> FindAuthor(std::string_view slug) { return reader_.FindAuthor(slug); }
  // The current slug of a section or tag that was renamed (or merged) away
  // from `old_slug`, for redirects.
  Result<std::optional<std::string>> RenamedSection(std::string_view old_slug) {
    return reader_.RenamedSection(old_slug);
  }
  Result<std::optional<std::string>> RenamedTag(std::string_view old_slug) { return reader_.RenamedTag(old_slug); }

 private:
  Result<std::vector<ArticleSummary>> KeptRelated(const Article& article, int count);

  ContentReader& reader_;
  SearchIndex* search_;  // null: no text similarity
  ReadNextOptions read_next_;
  // Related articles as chosen, by article: choosing asks the full-text
  // index, which costs more than the rest of an article page together.
  struct RelatedChoice {
    Timestamp updated_at{};
    int count = 0;
    std::chrono::steady_clock::time_point chosen_at{};
    std::vector<ArticleSummary> articles;
  };
  std::mutex kept_mutex_;  // guards what follows
  std::uint64_t generation_ = 0;
  std::unordered_map<Id, RelatedChoice> kept_;
};

}  // namespace gazette::core
