#include "comments/comment.h"

#include <cmath>

namespace gazette::comments {

const char* StatusName(CommentStatus status) {
  switch (status) {
    case CommentStatus::kVisible: return "visible";
    case CommentStatus::kPending: return "pending";
    case CommentStatus::kRejected: return "rejected";
    case CommentStatus::kDeleted: return "deleted";
  }
  return "visible";
}

std::optional<CommentStatus> ParseCommentStatus(std::string_view name) {
  if (name == "visible") return CommentStatus::kVisible;
  if (name == "pending") return CommentStatus::kPending;
  if (name == "rejected") return CommentStatus::kRejected;
  if (name == "deleted") return CommentStatus::kDeleted;
  return std::nullopt;
}

const char* PolicyName(Policy policy) {
  switch (policy) {
    case Policy::kOpen: return "open";
    case Policy::kPremoderated: return "premoderated";
    case Policy::kClosed: return "closed";
  }
  return "open";
}

std::optional<Policy> ParsePolicy(std::string_view name) {
  if (name == "open") return Policy::kOpen;
  if (name == "premoderated") return Policy::kPremoderated;
  if (name == "closed") return Policy::kClosed;
  return std::nullopt;
}

const char* SortName(Sort sort) {
  switch (sort) {
    case Sort::kOldest: return "oldest";
    case Sort::kNewest: return "newest";
    case Sort::kBest: return "best";
  }
  return "oldest";
}

std::optional<Sort> ParseSort(std::string_view name) {
  if (name == "oldest") return Sort::kOldest;
  if (name == "newest") return Sort::kNewest;
  if (name == "best") return Sort::kBest;
  return std::nullopt;
}

double WilsonScore(std::int64_t up, std::int64_t down) {
  double n = static_cast<double>(up + down);
  if (n <= 0) return 0;
  constexpr double z = 1.96;  // 95% confidence
  double p = static_cast<double>(up) / n;
  return (p + z * z / (2 * n) - z * std::sqrt((p * (1 - p) + z * z / (4 * n)) / n)) / (1 + z * z / n);
}

Policy EffectivePolicy(const ArticleInfo& article, const CommentSettings& settings, Timestamp now) {
  if (article.article_policy) return *article.article_policy;
  Policy policy = article.section_policy.value_or(settings.site_policy);
  if (policy != Policy::kClosed && settings.close_after_days > 0 && article.published_at &&
      now >= *article.published_at + std::chrono::hours(24 * settings.close_after_days)) {
    return Policy::kClosed;
  }
  return policy;
}

}  // namespace gazette::comments
