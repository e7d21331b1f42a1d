#include "core/article.h"

namespace gazette::core {

const char* StatusName(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::kDraft: return "draft";
    case ArticleStatus::kReview: return "review";
    case ArticleStatus::kScheduled: return "scheduled";
    case ArticleStatus::kPublished: return "published";
    case ArticleStatus::kUnpublished: return "unpublished";
  }
  return "draft";
}

std::optional<ArticleStatus> ParseStatus(std::string_view name) {
  if (name == "draft") return ArticleStatus::kDraft;
  if (name == "review") return ArticleStatus::kReview;
  if (name == "unpublished") return ArticleStatus::kUnpublished;
  if (name == "scheduled") return ArticleStatus::kScheduled;
  if (name == "published") return ArticleStatus::kPublished;
  return std::nullopt;
}

}  // namespace gazette::core
