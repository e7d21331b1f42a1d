#include "importer/text_page.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/text.h"

namespace gazette::importer {
namespace {

using base::Error;

Error At(int line, const std::string& what) { return Error::Invalid("line " + std::to_string(line) + ": " + what, "line"); }

bool IsOneOf(std::string_view line, const std::vector<std::string>& markers) {
  return std::any_of(markers.begin(), markers.end(), [&](const std::string& m) { return line == m; });
}

bool LooksLikeTime(std::string_view line) {
  return line.size() == 5 && line[2] == ':' && std::isdigit(static_cast<unsigned char>(line[0])) &&
         std::isdigit(static_cast<unsigned char>(line[1])) && std::isdigit(static_cast<unsigned char>(line[3])) &&
         std::isdigit(static_cast<unsigned char>(line[4]));
}

// "Source: Name" or "Source: Name https://url"; false when the line is not one.
bool ParseSource(std::string_view line, const PageMarkers& markers, TextPage& page) {
  for (const std::string& label : markers.source_label) {
    if (!line.starts_with(label)) continue;
    std::string_view rest = base::Trim(line.substr(label.size()));
    std::size_t space = rest.rfind(' ');
    std::string_view last = space == std::string_view::npos ? rest : rest.substr(space + 1);
    if (last.starts_with("http://") || last.starts_with("https://")) {
      page.source_url = std::string(last);
      rest = base::Trim(space == std::string_view::npos ? std::string_view() : rest.substr(0, space));
    }
    page.source_name = std::string(rest);
    return true;
  }
  return false;
}

// Closes the entry being read: it needs text, and at most a rubric before it.
base::Status FinishEntry(BriefEntry& entry, std::vector<std::pair<int, std::string>>& lines, TextPage& page) {
  if (lines.empty()) return At(entry.line, "the entry at this time has no text; expected its text on the next line");
  if (lines.size() > 2) {
    return At(lines[2].first,
              "an entry is a time, an optional rubric and one line of text; this is a third line of text "
              "(is a time missing before it?)");
  }
  if (lines.size() == 2) {
    if (base::CountCodePoints(lines[0].second) > kMaxRubric) {
      return At(lines[0].first, "a rubric is at most " + std::to_string(kMaxRubric) +
                                    " characters; is a time missing before the next line?");
    }
    entry.rubric = lines[0].second;
  }
  entry.text = lines.back().second;
  page.read_next.push_back(std::move(entry));
  lines.clear();
  return {};
}

}  // namespace

base::Result<TextPage> ParseTextPage(std::string_view text, const PageMarkers& markers) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  std::vector<std::string_view> lines = base::SplitLines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!base::IsValidUtf8(lines[i])) return At(static_cast<int>(i + 1), "the text is not valid UTF-8");
    if (base::HasControlCharacters(lines[i])) return At(static_cast<int>(i + 1), "the line holds a control character");
  }

  enum class Part { kHeadline, kBody, kReadNext } part = Part::kHeadline;
  TextPage page;
  std::optional<BriefEntry> entry;
  std::vector<std::pair<int, std::string>> entry_lines;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i + 1);
    std::string_view line = base::Trim(lines[i]);
    if (line.empty()) continue;
    if (IsOneOf(line, markers.comments_prompt)) {
      if (part == Part::kHeadline) return At(number, "expected the headline before the comment prompt");
      break;
    }
    switch (part) {
      case Part::kHeadline:
        if (IsOneOf(line, markers.read_next)) return At(number, "expected the headline before \"" + std::string(line) + "\"");
        page.headline = std::string(line);
        part = Part::kBody;
        break;
      case Part::kBody:
        if (IsOneOf(line, markers.read_next)) {
          part = Part::kReadNext;
        } else if (!ParseSource(line, markers, page)) {
          page.paragraphs.emplace_back(line);
        }
        break;
      case Part::kReadNext:
        if (LooksLikeTime(line)) {
          base::Result<base::LocalTime> time = base::ParseLocalTime(line);
          if (!time.ok()) return At(number, time.error().message);
          if (entry) GZ_TRY(FinishEntry(*entry, entry_lines, page));
          entry = BriefEntry{number, *time, {}, {}};
        } else if (!entry) {
          return At(number, "expected a time like 19:29 to start a \"Read next\" entry");
        } else {
          entry_lines.emplace_back(number, std::string(line));
        }
        break;
    }
  }
  if (part == Part::kHeadline) return At(1, "the file is empty; its first line should be the headline");
  if (entry) GZ_TRY(FinishEntry(*entry, entry_lines, page));
  return page;
}

}  // namespace gazette::importer
