// The plain-text page layout Gazette imports (the layout of the seed page):
//
//   Headline / summary line
//   Body paragraph, one per line (blank lines are ignored)
//   ...
//   Source: Kommersant https://www.kommersant.ru/   (optional; URL optional)
//   Read next                                        (optional block)
//   19:29
//   Russia                                           (optional rubric)
//   Text of the brief
//   18:32
//   ...
//   What is your opinion on this topic?              (the rest is ignored)
//
// The marker lines ("Read next", "Source:", the comment prompt) are
// recognised in every language the theme ships.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"

namespace gazette::importer {

struct BriefEntry {
  int line = 0;  // of its time
  base::LocalTime time;
  std::string rubric;  // empty when the entry has none
  std::string text;
};

struct TextPage {
  std::string headline;
  std::vector<std::string> paragraphs;
  std::string source_name;
  std::string source_url;
  std::vector<BriefEntry> read_next;  // in file order (newest first)
};

struct PageMarkers {
  std::vector<std::string> read_next;        // "Read next", "Читайте также"
  std::vector<std::string> comments_prompt;  // "What is your opinion on this topic?"
  std::vector<std::string> source_label;     // "Source:", "Источник:"
};

// Longest rubric line accepted, in characters.
inline constexpr std::size_t kMaxRubric = 60;

// Parses one file's text. Fails with kInvalid whose message starts with
// "line N: " and says what was expected there.
base::Result<TextPage> ParseTextPage(std::string_view text, const PageMarkers& markers);

}  // namespace gazette::importer
