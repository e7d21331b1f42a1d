// libFuzzer target: the text page parser takes any bytes without crashing,
// and what it accepts is well-formed (valid UTF-8, a headline, sane times).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/text.h"
#include "importer/text_page.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gazette::importer::PageMarkers markers{
      {"Read next", "Читайте также"}, {"What is your opinion on this topic?"}, {"Source:", "Источник:"}};
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto page = gazette::importer::ParseTextPage(text, markers);
  if (!page.ok()) {
    if (page.error().message.rfind("line ", 0) != 0) std::abort();  // every error names its line
    return 0;
  }
  if (page->headline.empty() || !gazette::base::IsValidUtf8(page->headline)) std::abort();
  for (const auto& entry : page->read_next) {
    if (entry.text.empty() || entry.time.hour > 23 || entry.time.minute > 59) std::abort();
  }
  return 0;
}
