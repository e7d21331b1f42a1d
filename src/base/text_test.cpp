#include "base/text.h"

#include <gtest/gtest.h>

#include "base/hash.h"
#include "base/result.h"

namespace gazette::base {
namespace {

TEST(IsValidUtf8, AcceptsTextAndRefusesBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("ёлка — 🚋"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // cut short
}

TEST(Text, CountsTrimsAndSplits) {
  EXPECT_EQ(CountCodePoints("ёлка"), 4u);
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  auto lines = SplitLines("one\r\ntwo\n\nthree");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "one");
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[3], "three");
  EXPECT_TRUE(HasControlCharacters("a\x01"));
  EXPECT_TRUE(HasControlCharacters("next\u0085line"));  // C1
  EXPECT_FALSE(HasControlCharacters("café ёлка"));
  EXPECT_TRUE(HasFormatCharacters("evil\u202Egnp.exe"));
  EXPECT_TRUE(HasFormatCharacters("\u200B\u200B"));
  EXPECT_FALSE(HasFormatCharacters("Anna Reyes"));
  EXPECT_FALSE(HasControlCharacters("a\tb"));
}

TEST(FoldedWords, JoinsFoldedWordsBySingleSpaces) {
  EXPECT_EQ(FoldedWords("  Ёлка, ЁЖ -- и STRASSE!! "), "елка еж и strasse");
  EXPECT_EQ(FoldedWords("a\xff\xfe b"), "a b");  // broken UTF-8 separates
  EXPECT_EQ(FoldedWords("--"), "");
  EXPECT_EQ(FoldedWords("Café 42"), "café 42");
}

TEST(MatchingWords, FoldsCaseAndYo) {
  EXPECT_EQ(MatchingWords("Ёлка, ЁЖ и Straße!"), (std::vector<std::string>{"елка", "еж", "и", "strasse"}));
  EXPECT_EQ(MatchingWords("  --  "), std::vector<std::string>{});
  EXPECT_EQ(MatchingWords("Buy NOW: cheap-pills"), (std::vector<std::string>{"buy", "now", "cheap", "pills"}));
}

TEST(HexDigest, IsStableAndShortenable) {
  EXPECT_EQ(HexDigest("abc").size(), 64u);
  EXPECT_EQ(HexDigest("abc", 10), HexDigest("abc").substr(0, 10));
  EXPECT_NE(HexDigest("abc"), HexDigest("abd"));
}

Result<int> Half(int n) {
  if (n % 2) return Error::Invalid("odd", "n");
  return n / 2;
}

Status Chain(int n, int& out) {
  Result<int> half = Half(n);
  GZ_TRY(half);
  out = *half;
  return {};
}

TEST(Result, CarriesValuesOrErrors) {
  EXPECT_EQ(*Half(4), 2);
  EXPECT_EQ(Half(3).error().field, "n");
  int out = 0;
  EXPECT_TRUE(Chain(8, out).ok());
  EXPECT_EQ(out, 4);
  Status failed = Chain(5, out);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalid);
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
}

}  // namespace
}  // namespace gazette::base
