// Which articles the front page's breaking strip shows.
#include "site/breaking.h"

#include <gtest/gtest.h>

namespace gazette::site {
namespace {

const base::Timestamp kNow = base::FromUnixSeconds(1'764'000'000);

core::ArticleSummary Item(core::Id id, std::chrono::minutes ago, bool breaking) {
  core::ArticleSummary s;
  s.id = id;
  s.slug = "story-" + std::to_string(id);
  s.headline = "Story " + std::to_string(id);
  s.published_at = kNow - ago;
  s.breaking = breaking;
  return s;
}

std::vector<core::Id> Ids(const std::vector<core::ArticleSummary>& items) {
  std::vector<core::Id> out;
  for (const auto& s : items) out.push_back(s.id);
  return out;
}

TEST(Breaking, RecentBreakingArticlesNewestFirstAtMostThree) {
  core::FrontPage front;
  front.latest = {Item(1, std::chrono::minutes(5), false), Item(2, std::chrono::minutes(10), true),
                  Item(3, std::chrono::minutes(30), true), Item(4, std::chrono::minutes(60), true),
                  Item(5, std::chrono::minutes(90), true), Item(6, std::chrono::minutes(7 * 60), true)};
  core::Article top;
  top.id = 7;
  top.headline = "Top";
  top.breaking = true;
  top.published_at = kNow - std::chrono::minutes(20);
  front.top_story = top;
  // 1 is not breaking, 6 is older than the strip keeps, 5 is the fourth.
  EXPECT_EQ(Ids(RecentBreaking(front, kNow)), (std::vector<core::Id>{2, 7, 3}));
}

TEST(Breaking, NothingWhenNoBreakingNewsIsRecent) {
  core::FrontPage front;
  front.latest = {Item(1, std::chrono::minutes(5), false), Item(2, std::chrono::hours(6) + std::chrono::minutes(1), true)};
  EXPECT_TRUE(RecentBreaking(front, kNow).empty());
}

}  // namespace
}  // namespace gazette::site
