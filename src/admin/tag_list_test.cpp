#include "admin/tag_list.h"

#include <gtest/gtest.h>

namespace gazette::admin {
namespace {

std::vector<core::Tag> Numbered(int n) {
  std::vector<core::Tag> tags;
  for (int i = 1; i <= n; ++i) tags.push_back({i, "tag-" + std::to_string(i), "Tag " + std::to_string(i)});
  return tags;
}

std::vector<std::string> Names(const TagPage& page) {
  std::vector<std::string> names;
  for (const core::Tag& t : page.tags) names.push_back(t.name);
  return names;
}

TEST(TagList, PagesHoldAHundredAndAPagePastTheEndShowsTheLast) {
  std::vector<core::Tag> all = Numbered(2 * kTagsPerPage + 30);
  TagPage first = PageOfTags(all, "", 1);
  EXPECT_EQ(first.total, all.size());
  EXPECT_EQ(first.pages, 3);
  ASSERT_EQ(first.tags.size(), static_cast<std::size_t>(kTagsPerPage));
  EXPECT_EQ(first.tags.front().name, "Tag 1");
  TagPage last = PageOfTags(all, "", 3);
  ASSERT_EQ(last.tags.size(), 30u);
  EXPECT_EQ(last.tags.front().name, "Tag 201");
  TagPage beyond = PageOfTags(all, "", 9);
  EXPECT_EQ(beyond.page, 3);
  EXPECT_EQ(Names(beyond), Names(last));
  EXPECT_EQ(PageOfTags(all, "", 0).page, 1);
}

TEST(TagList, TheFilterFindsNamesWhateverTheirCaseAndAddresses) {
  std::vector<core::Tag> all = {{1, "ferries", "Ferries"}, {2, "parom", "Паромы Невы"},
                                {3, "quays", "Quays"}, {4, "old-harbour", "Old Harbour"}};
  EXPECT_EQ(Names(PageOfTags(all, "FERR", 1)), (std::vector<std::string>{"Ferries"}));
  EXPECT_EQ(Names(PageOfTags(all, "паром", 1)), (std::vector<std::string>{"Паромы Невы"}));
  EXPECT_EQ(Names(PageOfTags(all, "d har", 1)), (std::vector<std::string>{"Old Harbour"}));
  EXPECT_EQ(Names(PageOfTags(all, "old-h", 1)), (std::vector<std::string>{"Old Harbour"}));
  EXPECT_EQ(Names(PageOfTags(all, "parom", 1)), (std::vector<std::string>{"Паромы Невы"}));
  TagPage none = PageOfTags(all, "tram", 1);
  EXPECT_EQ(none.total, 0u);
  EXPECT_EQ(none.pages, 1);
  EXPECT_TRUE(none.tags.empty());
  EXPECT_EQ(PageOfTags(all, "-", 1).total, 1u);  // only the address that has one
}

TEST(TagList, TheListsPlaceLeavesOutWhatIsTheDefault) {
  EXPECT_EQ(TagListQuery("", 1), "");
  EXPECT_EQ(TagListQuery("", 2), "?page=2");
  EXPECT_EQ(TagListQuery("old harbour", 1), "?q=old%20harbour");
  EXPECT_EQ(TagListQuery("a&b", 3, "done=merged"), "?q=a%26b&page=3&done=merged");
  EXPECT_EQ(TagListQuery("", 1, "done=added"), "?done=added");
}

}  // namespace
}  // namespace gazette::admin
