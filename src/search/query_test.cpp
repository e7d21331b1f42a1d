#include "search/query.h"

#include <gtest/gtest.h>

#include "search/highlight.h"

namespace gazette::search {
namespace {

using Words = std::vector<std::string>;

std::vector<Words> Terms(std::string_view text, bool prefix_last = false) {
  std::vector<Words> out;
  for (const core::SearchTerm& t : ParseQuery(text, prefix_last)) out.push_back(t.words);
  return out;
}

TEST(ParseQuery, WordsAndPhrasesInQuotes) {
  EXPECT_EQ(Terms("harbour  cranes"), (std::vector<Words>{{"harbour"}, {"cranes"}}));
  EXPECT_EQ(Terms("\"red tide\" beaches"), (std::vector<Words>{{"red", "tide"}, {"beaches"}}));
  EXPECT_EQ(Terms("выборы «мэра», 2025!"), (std::vector<Words>{{"выборы"}, {"мэра"}, {"2025"}}));
}

TEST(ParseQuery, SyntaxIsJustWordsOrNothing) {
  EXPECT_EQ(Terms("\"unbalanced phrase"), (std::vector<Words>{{"unbalanced", "phrase"}}));
  EXPECT_EQ(Terms("a AND b OR NOT c"), (std::vector<Words>{{"a"}, {"AND"}, {"b"}, {"OR"}, {"NOT"}, {"c"}}));
  EXPECT_EQ(Terms("NEAR(x y, 2)"), (std::vector<Words>{{"NEAR"}, {"x"}, {"y"}, {"2"}}));
  EXPECT_TRUE(Terms("* ( ) \"\" : ^ -").empty());
  EXPECT_TRUE(Terms("").empty());
}

TEST(ParseQuery, DropsRepeatsAndKeepsAtMostSixteenTerms) {
  EXPECT_EQ(Terms("Выборы выборов ВЫБОРЫ"), (std::vector<Words>{{"Выборы"}}));
  std::string many;
  for (int i = 0; i < 40; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_EQ(ParseQuery(many).size(), kMaxTerms);
}

TEST(ParseQuery, TheLastUnfinishedWordIsAPrefixWhenAsked) {
  auto terms = ParseQuery("harbour cra", true);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_FALSE(terms[0].prefix);
  EXPECT_TRUE(terms[1].prefix);
  EXPECT_FALSE(ParseQuery("harbour cra", false)[1].prefix);
  EXPECT_FALSE(ParseQuery("harbour cra ", true)[1].prefix);  // finished with a space
  EXPECT_FALSE(ParseQuery("\"red tide\"", true)[0].prefix);   // a phrase is whole
  EXPECT_FALSE(ParseQuery("cra \"red tide", true).back().prefix);
}

TEST(MarkedHtml, EscapesEverythingAndBalancesMarks) {
  EXPECT_EQ(MarkedHtml("a \x02<b>\x03 & \"c\" 'd'"), "a <mark>&lt;b&gt;</mark> &amp; &quot;c&quot; &#39;d&#39;");
  EXPECT_EQ(MarkedHtml("\x03stray\x02open"), "stray<mark>open</mark>");
  EXPECT_EQ(MarkedHtml("\x02\x02twice\x03\x03"), "<mark>twice</mark>");
  EXPECT_EQ(MarkedHtml("bell\x07"), "bell");
  EXPECT_EQ(Unmarked("\x02Ёлки\x03 на площади"), "Ёлки на площади");
}

}  // namespace
}  // namespace gazette::search
