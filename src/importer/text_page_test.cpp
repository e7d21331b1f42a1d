#include "importer/text_page.h"

#include <gtest/gtest.h>

namespace gazette::importer {
namespace {

PageMarkers Markers() {
  return {{"Read next", "Читайте также"}, {"What is your opinion on this topic?"}, {"Source:", "Источник:"}};
}

// The seed page's layout, with its text shortened.
constexpr std::string_view kSeedLike =
    "Putin is set to meet Witkoff, according to a report by Kommersant.\n"
    "Russian President Vladimir Putin is set to meet with U.S. Special Envoy Steve Witkoff.\n"
    "Read next\n"
    "19:29\n"
    "The UK has withdrawn accreditation for a Russian diplomat.\n"
    "18:32\n"
    "Patrushev claimed that Europe and NATO escalate.\n"
    "16:18\n"
    "Ushakov dismissed the idea of a 30-day ceasefire.\n"
    "13:27\n"
    "Russia\n"
    "Russian forces have retaken control of Sudzha.\n"
    "03:53\n"
    "Putin made a surprise visit to troops in the Kursk region.\n"
    "What is your opinion on this topic?\n"
    "Leave the first comment";

TEST(ParseTextPage, ReadsTheSeedLayout) {
  auto page = ParseTextPage(kSeedLike, Markers());
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->headline, "Putin is set to meet Witkoff, according to a report by Kommersant.");
  ASSERT_EQ(page->paragraphs.size(), 1u);
  ASSERT_EQ(page->read_next.size(), 5u);
  std::vector<int> hours;
  for (const auto& e : page->read_next) hours.push_back(e.time.hour);
  EXPECT_EQ(hours, (std::vector<int>{19, 18, 16, 13, 3}));
  EXPECT_EQ(page->read_next[3].rubric, "Russia");
  EXPECT_EQ(page->read_next[3].text, "Russian forces have retaken control of Sudzha.");
  EXPECT_EQ(page->read_next[3].line, 10);
  EXPECT_TRUE(page->read_next[0].rubric.empty());
}

TEST(ParseTextPage, SourceLineAndBlankLinesAndCrlf) {
  auto page = ParseTextPage("\xEF\xBB\xBFHeadline\r\n\r\nFirst.\r\n\r\nSecond.\r\nSource: Halden Courier https://example.org/a\r\n",
                            Markers());
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->headline, "Headline");
  EXPECT_EQ(page->paragraphs, (std::vector<std::string>{"First.", "Second."}));
  EXPECT_EQ(page->source_name, "Halden Courier");
  EXPECT_EQ(page->source_url, "https://example.org/a");
  auto named = ParseTextPage("H\nSource: Interfax\n", Markers());
  EXPECT_EQ(named->source_name, "Interfax");
  EXPECT_TRUE(named->source_url.empty());
}

TEST(ParseTextPage, AHeadlineAloneIsABrief) {
  auto page = ParseTextPage("Only a headline.\n", Markers());
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->paragraphs.empty());
  EXPECT_TRUE(page->read_next.empty());
}

TEST(ParseTextPage, RussianMarkers) {
  auto page = ParseTextPage("Заголовок\nТекст.\nЧитайте также\n22:40\nКультура\nВыставка.\n", Markers());
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->read_next.size(), 1u);
  EXPECT_EQ(page->read_next[0].rubric, "Культура");
}

void ExpectError(std::string_view text, const std::string& starts_with) {
  auto page = ParseTextPage(text, Markers());
  ASSERT_FALSE(page.ok()) << text;
  EXPECT_EQ(page.error().code, base::ErrorCode::kInvalid);
  EXPECT_EQ(page.error().message.rfind(starts_with, 0), 0u) << page.error().message;
}

TEST(ParseTextPage, ErrorsNameTheLine) {
  ExpectError("", "line 1: the file is empty");
  ExpectError("\n\n  \n", "line 1:");
  ExpectError("Read next\n10:00\nText\n", "line 1: expected the headline");
  ExpectError("H\nRead next\nNo time.\n", "line 3: expected a time");
  ExpectError("H\nRead next\n10:00\n11:00\nText\n", "line 3: the entry at this time has no text");
  ExpectError("H\nRead next\n10:00\nA\nB\nC\n", "line 6: an entry is a time");
  ExpectError("H\nRead next\n25:00\nText\n", "line 3:");
  ExpectError("H\nRead next\n10:00\n" + std::string(61, 'r') + "\nText\n", "line 4: a rubric is at most");
  ExpectError("H\nbad \xC3\x28 byte\n", "line 2: the text is not valid UTF-8");
  ExpectError("H\nbell\x07\n", "line 2: the line holds a control character");
  ExpectError("H\nRead next\n10:00\n", "line 3: the entry at this time has no text");
}

TEST(ParseTextPage, TheRestAfterTheCommentPromptIsIgnored) {
  auto page = ParseTextPage("H\nBody.\nWhat is your opinion on this topic?\nLeave the first comment\n12:00\nanything\n", Markers());
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->paragraphs.size(), 1u);
}

}  // namespace
}  // namespace gazette::importer
