#include "core/article.h"

namespace gazette::core {

const char* StatusName(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::kDraft: return "draft";
    case ArticleStatus::kScheduled: return "scheduled";
    case ArticleStatus::kPublished: return "published";
  }
  return "draft";
}

std::optional<ArticleStatus> ParseStatus(std::string_view name) {
  if (name == "draft") return ArticleStatus::kDraft;
  if (name == "scheduled") return ArticleStatus::kScheduled;
  if (name == "published") return ArticleStatus::kPublished;
  return std::nullopt;
}

}  // namespace gazette::core
