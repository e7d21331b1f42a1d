#include "demo/demo.h"

#include <cmath>
#include <span>
#include <toml++/toml.h>

#include "base/embedded.h"

namespace gazette::demo {

std::span<const base::EmbeddedFile> DemoContent();

namespace {

base::Error ContentError(std::string_view file, const toml::source_region& where, const std::string& what) {
  return base::Error::Internal("demo content " + std::string(file) + ":" + std::to_string(where.begin.line) + ": " + what);
}

std::vector<std::string> Strings(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> out;
  if (const toml::array* array = node.as_array()) {
    for (const toml::node& item : *array) {
      if (auto s = item.value<std::string>()) out.push_back(*s);
    }
  }
  return out;
}

}  // namespace

base::Result<bool> IsEmpty(core::ContentReader& reader) {
  core::ArticleQuery any;
  any.status.reset();
  base::Result<std::int64_t> count = reader.CountArticles(any);
  if (!count.ok()) return std::move(count).error();
  return *count == 0;
}

base::Result<DemoReport> CreateDemo(core::ContentStore& store, const core::Publisher& publisher,
                                    const base::Clock& clock, std::string_view language) {
  std::string name = std::string(language) + ".toml";
  const base::EmbeddedFile* file = base::FindEmbedded(DemoContent(), name);
  if (!file) file = base::FindEmbedded(DemoContent(), "en.toml");
  if (!file) return base::Error::Internal("no demo content is compiled in");
  toml::table root;
  try {
    root = toml::parse(file->data, file->name);
  } catch (const toml::parse_error& e) {
    return ContentError(file->name, e.source(), std::string(e.description()));
  }

  base::Timestamp now = clock.Now();
  DemoReport report;
  base::Status written = store.Write([&](core::ContentWriter& writer) -> base::Status {
    if (const toml::array* sections = root["section"].as_array()) {
      for (const toml::node& node : *sections) {
        std::optional<std::string> section_name = node.at_path("name").value<std::string>();
        if (!section_name) return ContentError(file->name, node.source(), "a section needs a name");
        base::Result<core::Section> section = publisher.EnsureSection(writer, *section_name);
        if (!section.ok()) return std::move(section).error();
        ++report.sections;
      }
    }
    const toml::array* articles = root["article"].as_array();
    if (!articles) return ContentError(file->name, root.source(), "no [[article]] entries");
    for (const toml::node& node : *articles) {
      const toml::table* t = node.as_table();
      if (!t) return ContentError(file->name, node.source(), "an article must be a table");
      const toml::table& a = *t;
      core::ArticleDraft draft;
      draft.headline = a["headline"].value_or(std::string());
      draft.lead = a["lead"].value_or(std::string());
      draft.body = a["body"].value_or(std::string());
      draft.section = a["section"].value_or(std::string());
      draft.tags = Strings(a["tags"]);
      draft.authors = Strings(a["authors"]);
      draft.source.name = a["source"]["name"].value_or(std::string());
      draft.source.url = a["source"]["url"].value_or(std::string());
      draft.top = a["top"].value_or(false);
      draft.status = core::ArticleStatus::kPublished;
      double hours = a["hours_ago"].value_or(1.0);
      draft.published_at = now - std::chrono::seconds(static_cast<long>(std::lround(hours * 3600)));
      base::Result<core::Id> id = publisher.Create(writer, draft);
      if (!id.ok()) {
        base::Error error = std::move(id).error();
        error.detail = "demo content " + std::string(file->name) + ":" + std::to_string(a.source().begin.line) + ": " +
                       error.message;
        return error;
      }
      ++(draft.body.empty() ? report.briefs : report.articles);
    }
    return {};
  });
  if (!written.ok()) return std::move(written).error();
  return report;
}

}  // namespace gazette::demo
