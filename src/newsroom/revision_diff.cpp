// What the revisions view compares: a readable rendering of an article's
// content, and a line diff of two of them (dtl's shortest edit script).
#include <dtl/dtl.hpp>

#include "base/text.h"
#include "newsroom/newsroom_service.h"

namespace gazette::newsroom {

namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::vector<std::string> RevisionLines(const core::ArticleDraft& c) {
  std::vector<std::string> lines = {
      "Headline: " + c.headline,
      "Lead: " + c.lead,
      "Section: " + c.section,
      "Tags: " + Joined(c.tags),
      "Authors: " + Joined(c.authors),
      "Source: " + c.source.name + (c.source.url.empty() ? "" : " <" + c.source.url + ">"),
      "Address: " + c.slug,
      "SEO title: " + c.seo_title,
      "SEO description: " + c.seo_description,
      std::string("Breaking news: ") + (c.breaking ? "yes" : "no"),
      std::string("Top story: ") + (c.top ? "yes" : "no"),
      "",
  };
  for (std::string_view line : base::SplitLines(c.body)) lines.emplace_back(line);
  return lines;
}

std::vector<DiffLine> DiffLines(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  dtl::Diff<std::string, std::vector<std::string>> diff(before, after);
  diff.compose();
  std::vector<DiffLine> out;
  for (const auto& [text, info] : diff.getSes().getSequence()) {
    DiffLine line;
    line.text = text;
    switch (info.type) {
      case dtl::SES_ADD: line.kind = DiffLine::Kind::kAdded; break;
      case dtl::SES_DELETE: line.kind = DiffLine::Kind::kRemoved; break;
      default: line.kind = DiffLine::Kind::kSame; break;
    }
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace gazette::newsroom
