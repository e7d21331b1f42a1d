#include "core/reading.h"

#include <algorithm>

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

Result<std::vector<ArticleSummary>> ReadingService::ReadNext(const Article& article, int count) {
  ArticleQuery query;
  query.exclude_id = article.id;
  query.limit = count;
  return reader_.ListArticles(query);
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
