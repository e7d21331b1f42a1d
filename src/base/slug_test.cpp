#include "base/slug.h"

#include <gtest/gtest.h>

namespace gazette::base {
namespace {

TEST(Slugify, LatinTextBecomesLowerCaseWordsJoinedByDashes) {
  EXPECT_EQ(Slugify("Port Halden's council votes, 31 to 6!"), "port-haldens-council-votes-31-to-6");
  EXPECT_EQ(Slugify("  --Already--a--slug--  "), "already-a-slug");
  EXPECT_EQ(Slugify("U.S. Special Envoy"), "u-s-special-envoy");
}

TEST(Slugify, CyrillicIsTransliteratedReadably) {
  EXPECT_EQ(Slugify("Путин встретится с Уиткоффом"), "putin-vstretitsya-s-uitkoffom");
  EXPECT_EQ(Slugify("Щедрый объём: ёлка и подъезд"), "shchedryy-obyem-yelka-i-podyezd");
  EXPECT_EQ(Slugify("В Веринске открылся мост"), "v-verinske-otkrylsya-most");
}

TEST(Slugify, OtherScriptsAndAccentsBecomeAscii) {
  EXPECT_EQ(Slugify("Café naïve Straße"), "cafe-naive-strasse");
  EXPECT_EQ(Slugify("Україна"), "ukraina");
}

TEST(Slugify, NothingToNameGivesEmpty) {
  EXPECT_EQ(Slugify(""), "");
  EXPECT_EQ(Slugify("— … !!!"), "");
}

TEST(Slugify, LongTextIsCutAtAWordBoundary) {
  std::string slug = Slugify(
      "Russian President Vladimir Putin is set to meet with U.S. Special Envoy Steve Witkoff, according to a report");
  EXPECT_LE(slug.size(), 80u);
  EXPECT_EQ(slug.back(), 'e');  // "...steve", not a cut word or a dash
  EXPECT_EQ(slug, "russian-president-vladimir-putin-is-set-to-meet-with-u-s-special-envoy-steve");
  EXPECT_TRUE(IsValidSlug(slug));
}

TEST(IsValidSlug, AcceptsOnlyTheSlugForm) {
  EXPECT_TRUE(IsValidSlug("a-b-9"));
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug("-a"));
  EXPECT_FALSE(IsValidSlug("a-"));
  EXPECT_FALSE(IsValidSlug("a--b"));
  EXPECT_FALSE(IsValidSlug("A"));
  EXPECT_FALSE(IsValidSlug("a b"));
  EXPECT_FALSE(IsValidSlug("путин"));
}

}  // namespace
}  // namespace gazette::base
