#include "base/words.h"

#include <gtest/gtest.h>

#include <thread>

namespace gazette::base {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const WordSpan& w : FindWords(text)) out.emplace_back(text.substr(w.begin, w.end - w.begin));
  return out;
}

TEST(FindWords, SplitsOnWhatIsNotALetterOrDigit) {
  EXPECT_EQ(Words("Путин, Уиткофф и «COVID-19» — 2025!"),
            (std::vector<std::string>{"Путин", "Уиткофф", "и", "COVID", "19", "2025"}));
  EXPECT_TRUE(FindWords(" ,.;\"*()").empty());
  // Bytes that are not UTF-8 separate words and are never part of one.
  EXPECT_EQ(Words("ab\xff\xfe" "cd"), (std::vector<std::string>{"ab", "cd"}));
  // A combining mark stays in its word (и + U+0306 is й written in two parts).
  EXPECT_EQ(Words("сои\xcc\x86ка"), (std::vector<std::string>{"сои\xcc\x86ка"}));
}

TEST(FindWords, GivesByteOffsetsIntoTheText) {
  std::string text = "«Ёлка» stands";
  auto words = FindWords(text);
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(text.substr(words[0].begin, words[0].end - words[0].begin), "Ёлка");
  EXPECT_EQ(words[1].begin, text.size() - 6);
  EXPECT_EQ(words[1].end, text.size());
}

TEST(WordKey, RussianInflectionsShareAStem) {
  EXPECT_EQ(WordKey("новости"), WordKey("новостей"));
  EXPECT_EQ(WordKey("новость"), WordKey("новостей"));
  EXPECT_EQ(WordKey("Выборы"), WordKey("выборов"));
  EXPECT_NE(WordKey("выборы"), WordKey("новости"));
}

TEST(WordKey, EnglishInflectionsShareAStem) {
  EXPECT_EQ(WordKey("running"), WordKey("runs"));
  EXPECT_EQ(WordKey("run"), WordKey("Running"));
  EXPECT_EQ(WordKey("elected"), WordKey("election"));
  EXPECT_NE(WordKey("harbour"), WordKey("harvest"));
}

TEST(WordKey, FoldsCaseAndYo) {
  EXPECT_EQ(WordKey("Ёлка"), WordKey("елка"));
  EXPECT_EQ(WordKey("ЁЛКИ"), WordKey("ёлки"));
  EXPECT_EQ(FoldWord("Ёлка"), "елка");
  EXPECT_EQ(FoldWord("STRASSE"), "strasse");
  EXPECT_EQ(WordKey("Straße"), WordKey("STRASSE"));
}

TEST(WordKey, LeavesOtherScriptsAndNumbersUnstemmed) {
  EXPECT_EQ(WordKey("2025"), "2025");
  EXPECT_EQ(WordKey("東京"), "東京");
  EXPECT_EQ(WordKey("Αθήνα"), FoldWord("Αθήνα"));
  std::string long_word(200, 'a');
  EXPECT_EQ(WordKey(long_word), long_word);
}

TEST(WordKey, IsSafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> keys(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&keys, i] {
      for (int n = 0; n < 200; ++n) keys[i] = WordKey(i % 2 ? "выборов" : "elections");
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(keys[i], WordKey(i % 2 ? "выборы" : "elected"));
}

TEST(WordKeys, KeysEveryWordInOrder) {
  EXPECT_EQ(WordKeys("Running, runs!"), (std::vector<std::string>{"run", "run"}));
}

TEST(HtmlText, DropsTagsAndDecodesEntities) {
  EXPECT_EQ(HtmlText("<p>The <strong>port</strong> grows &amp; <a href=\"/x\">cranes</a> arrive.</p>\n<p>Next</p>"),
            "The port grows & cranes arrive. Next");
  EXPECT_EQ(HtmlText("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), "one two");
  EXPECT_EQ(HtmlText("a&lt;b&gt;c &#1105;&#x451; &quot;q&quot; &bogus; x&nbsp;y"), "a<b>c ёё \"q\" &bogus; x y");
  EXPECT_EQ(HtmlText("line<br />\nbreak"), "line break");
  EXPECT_EQ(HtmlText(""), "");
  EXPECT_EQ(HtmlText("<p>cut <b"), "cut");
}

}  // namespace
}  // namespace gazette::base
