#include "core/reading.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"
#include "base/words.h"

namespace gazette::core {

using base::Error;

Result<FrontPage> ReadingService::Front(int latest_count) {
  FrontPage front;
  ArticleQuery pick;
  pick.top_only = true;
  pick.limit = 1;
  Result<std::vector<ArticleSummary>> picked = reader_.ListArticles(pick);
  if (!picked.ok()) return std::move(picked).error();
  if (picked->empty()) {
    ArticleQuery newest;
    newest.with_body_only = true;
    newest.limit = 1;
    picked = reader_.ListArticles(newest);
    if (!picked.ok()) return std::move(picked).error();
  }
  ArticleQuery latest;
  latest.limit = latest_count;
  if (!picked->empty()) {
    Result<Article> top = reader_.FindArticle(picked->front().id);
    if (!top.ok()) return std::move(top).error();
    front.top_story = std::move(*top);
    latest.exclude_id = front.top_story->id;
  }
  Result<std::vector<ArticleSummary>> items = reader_.ListArticles(latest);
  if (!items.ok()) return std::move(items).error();
  front.latest = std::move(*items);
  return front;
}

Result<Article> ReadingService::PublishedArticle(Id id) {
  Result<Article> article = reader_.FindArticle(id);
  if (article.ok() && article->status != ArticleStatus::kPublished) {
    return Error::NotFound("There is no such article.");
  }
  return article;
}

namespace {

// What relates two articles, in points: each shared tag, the same section,
// and (up to) the similarity of their words.
constexpr double kTagPoints = 10;
constexpr double kSectionPoints = 3;
constexpr double kTextPoints = 2;
// A text match counts from this share of the article's own score on its words.
constexpr double kTextThreshold = 0.15;
constexpr int kCandidates = 100;
// Articles whose related articles are kept at most (past it, all are forgotten).
constexpr std::size_t kMaxKeptRelated = 20000;
constexpr std::size_t kMaxTags = 10;
constexpr std::size_t kMaxWords = 12;
constexpr std::size_t kMinWordChars = 4;

bool NewestFirst(const ArticleSummary& a, const ArticleSummary& b) {
  return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
}

// The words of the headline, then the lead, that say what the story is
// about: distinct, long enough to mean something, at most kMaxWords.
std::vector<SearchTerm> TopicWords(const Article& article) {
  std::vector<SearchTerm> terms;
  std::set<std::string> seen;
  for (const std::string* text : {&article.headline, &article.lead}) {
    for (const base::WordSpan& w : base::FindWords(*text)) {
      std::string word = text->substr(w.begin, w.end - w.begin);
      if (base::CountCodePoints(word) < kMinWordChars) continue;
      if (!seen.insert(base::WordKey(word)).second) continue;
      terms.push_back(SearchTerm{{std::move(word)}, false});
      if (terms.size() == kMaxWords) return terms;
    }
  }
  return terms;
}

}  // namespace

Result<std::vector<ArticleSummary>> ReadingService::Related(const Article& article, int count) {
  std::vector<ArticleSummary> out;
  if (count <= 0) return out;
  struct Candidate {
    ArticleSummary summary;
    double points = 0;
  };
  std::map<Id, Candidate> candidates;
  Timestamp at = article.published_at.value_or(article.created_at);
  std::chrono::seconds window = std::chrono::hours(24) * std::max(0, read_next_.window_days);
  ArticleQuery near;
  near.exclude_id = article.id;
  near.published_from = at - window;
  near.published_before = at + window + std::chrono::seconds(1);
  near.limit = kCandidates;
  auto add = [&](const ArticleSummary& s, double points) {
    auto [it, fresh] = candidates.try_emplace(s.id, Candidate{s, 0});
    it->second.points += points;
  };
  for (std::size_t i = 0; i < article.tags.size() && i < kMaxTags; ++i) {
    ArticleQuery q = near;
    q.tag_id = article.tags[i].id;
    Result<std::vector<ArticleSummary>> tagged = reader_.ListArticles(q);
    if (!tagged.ok()) return std::move(tagged).error();
    for (const ArticleSummary& s : *tagged) add(s, kTagPoints);
  }
  if (article.section) {
    ArticleQuery q = near;
    q.section_id = article.section->id;
    Result<std::vector<ArticleSummary>> same = reader_.ListArticles(q);
    if (!same.ok()) return std::move(same).error();
    for (const ArticleSummary& s : *same) add(s, kSectionPoints);
  }
  if (search_) {
    SearchQuery q;
    q.terms = TopicWords(article);
    q.match_any = true;
    q.marked = false;
    q.published_from = near.published_from;
    q.published_before = near.published_before;
    q.limit = kCandidates;
    q.counted = false;
    q.newest_matches = true;
    q.exclude_id = article.id;
    if (!q.terms.empty()) {
      // The index finds the newest articles sharing any of the words; each
      // scores the share of the words its own headline and lead hold.
      std::set<std::string> topic;
      for (const SearchTerm& t : q.terms) topic.insert(base::WordKey(t.words.front()));
      Result<SearchResults> similar = search_->Search(q);
      if (!similar.ok()) return std::move(similar).error();
      for (const SearchHit& hit : similar->hits) {
        std::set<std::string> held;
        for (const std::string* text : {&hit.article.headline, &hit.article.lead}) {
          for (std::string& key : base::WordKeys(*text)) {
            if (topic.count(key)) held.insert(std::move(key));
          }
        }
        double share = static_cast<double>(held.size()) / static_cast<double>(topic.size());
        if (share >= kTextThreshold) add(hit.article, kTextPoints * std::min(1.0, share));
      }
    }
  }
  std::vector<const Candidate*> ranked;
  for (const auto& [id, c] : candidates) ranked.push_back(&c);
  std::sort(ranked.begin(), ranked.end(), [](const Candidate* a, const Candidate* b) {
    return a->points != b->points ? a->points > b->points : a->summary.id > b->summary.id;
  });
  for (std::size_t i = 0; i < ranked.size() && static_cast<int>(out.size()) < count; ++i) {
    out.push_back(ranked[i]->summary);
  }
  return out;
}

Result<std::vector<ArticleSummary>> ReadingService::KeptRelated(const Article& article, int count) {
  const auto now = std::chrono::steady_clock::now();
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(kept_mutex_);
    auto it = kept_.find(article.id);
    if (it != kept_.end() && it->second.updated_at == article.updated_at && it->second.count == count &&
        now - it->second.chosen_at < kKeepRelated) {
      return it->second.articles;
    }
    generation = generation_;
  }
  Result<std::vector<ArticleSummary>> chosen = Related(article, count);
  if (!chosen.ok()) return chosen;
  std::lock_guard lock(kept_mutex_);
  // Kept only if nothing changed while choosing; bounded, as a cache is.
  if (generation == generation_) {
    if (kept_.size() >= kMaxKeptRelated) kept_.clear();
    kept_[article.id] = RelatedChoice{article.updated_at, count, now, *chosen};
  }
  return chosen;
}

void ReadingService::ForgetRelated() {
  std::lock_guard lock(kept_mutex_);
  ++generation_;
  kept_.clear();
}

Result<std::vector<ArticleSummary>> ReadingService::ReadNext(const Article& article, int count) {
  std::vector<ArticleSummary> out;
  if (count <= 0) return out;
  if (read_next_.mode == ReadNextOptions::Mode::kBlend && read_next_.related > 0) {
    Result<std::vector<ArticleSummary>> related = KeptRelated(article, std::min(count, read_next_.related));
    if (!related.ok()) return std::move(related).error();
    out = std::move(*related);
  }
  ArticleQuery latest;
  latest.exclude_id = article.id;
  latest.limit = count + static_cast<int>(out.size());
  Result<std::vector<ArticleSummary>> newest = reader_.ListArticles(latest);
  if (!newest.ok()) return std::move(newest).error();
  for (const ArticleSummary& s : *newest) {
    if (static_cast<int>(out.size()) >= count) break;
    bool taken = std::any_of(out.begin(), out.end(), [&](const ArticleSummary& o) { return o.id == s.id; });
    if (!taken) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), NewestFirst);
  return out;
}

Result<Listing> ReadingService::List(ArticleQuery query, int page, int per_page) {
  if (page < 1) return Error::Invalid("The page number must be 1 or more.", "page");
  if (per_page < 1) per_page = 1;
  query.status = ArticleStatus::kPublished;
  Result<std::int64_t> total = reader_.CountArticles(query);
  if (!total.ok()) return std::move(total).error();
  Listing listing;
  listing.total = *total;
  listing.page = page;
  listing.pages = static_cast<int>(std::max<std::int64_t>(1, (*total + per_page - 1) / per_page));
  if (page > listing.pages) return Error::NotFound("There is no page " + std::to_string(page) + ".");
  query.limit = per_page;
  query.offset = (page - 1) * per_page;
  Result<std::vector<ArticleSummary>> items = reader_.ListArticles(query);
  if (!items.ok()) return std::move(items).error();
  listing.items = std::move(*items);
  return listing;
}

}  // namespace gazette::core
