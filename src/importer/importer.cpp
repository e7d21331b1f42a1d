#include "importer/importer.h"

#include <algorithm>

namespace gazette::importer {

using base::LocalDate;
using base::Timestamp;

namespace {

// The id of a published article with this headline (and time, when given).
base::Result<std::optional<core::Id>> Existing(core::ContentReader& reader, const std::string& headline,
                                               std::optional<Timestamp> at) {
  core::ArticleQuery query;
  query.status.reset();
  query.headline = headline;
  query.limit = 100;
  base::Result<std::vector<core::ArticleSummary>> found = reader.ListArticles(query);
  if (!found.ok()) return std::move(found).error();
  for (const core::ArticleSummary& s : *found) {
    if (!at || s.published_at == *at) return std::optional<core::Id>(s.id);
  }
  return std::optional<core::Id>();
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const std::string& p : paragraphs) {
    if (!body.empty()) body += "\n\n";
    body += p;
  }
  return body;
}

}  // namespace

std::vector<Timestamp> PlaceEntries(const std::vector<BriefEntry>& entries, Timestamp now, const base::TimeZone& zone,
                                    std::optional<LocalDate> date) {
  // Days back from the first entry's day, for each entry.
  std::vector<int> back(entries.size(), 0);
  for (std::size_t i = 1; i < entries.size(); ++i) {
    back[i] = back[i - 1] + (entries[i].time > entries[i - 1].time ? 1 : 0);
  }
  LocalDate day = date.value_or(zone.ToLocal(now).date);
  auto place = [&](LocalDate first_day) {
    std::vector<Timestamp> out;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      out.push_back(zone.FromLocal(base::AddDays(first_day, -back[i]), entries[i].time));
    }
    return out;
  };
  std::vector<Timestamp> placed = place(day);
  if (!date) {
    // The latest day on which every entry is already past.
    while (!placed.empty() && *std::max_element(placed.begin(), placed.end()) > now) {
      day = base::AddDays(day, -1);
      placed = place(day);
    }
  }
  return placed;
}

base::Result<ImportReport> Importer::Import(const TextPage& page, const ImportOptions& options) {
  Timestamp now = clock_.Now();
  std::vector<Timestamp> times = PlaceEntries(page.read_next, now, zone_, options.date);
  Timestamp article_time = now;
  if (options.date) {
    Timestamp end_of_day = zone_.FromLocal(*options.date, base::LocalTime{23, 59, 59});
    article_time = std::min(end_of_day, now);
  }

  ImportReport report;
  base::Status written = store_.Write([&](core::ContentWriter& writer) -> base::Status {
    for (std::size_t i = 0; i < page.read_next.size(); ++i) {
      const BriefEntry& entry = page.read_next[i];
      base::Result<std::optional<core::Id>> existing = Existing(writer, entry.text, times[i]);
      if (!existing.ok()) return std::move(existing).error();
      if (*existing) {
        ++report.briefs_existing;
        continue;
      }
      core::ArticleDraft brief;
      brief.headline = entry.text;
      brief.section = entry.rubric;
      brief.status = core::ArticleStatus::kPublished;
      brief.published_at = times[i];
      base::Result<core::Id> id = publisher_.Create(writer, brief);
      if (!id.ok()) {
        base::Error error = std::move(id).error();
        error.message = "line " + std::to_string(entry.line) + ": " + error.message;
        return error;
      }
      ++report.briefs_created;
    }
    base::Result<std::optional<core::Id>> existing = Existing(writer, page.headline, std::nullopt);
    if (!existing.ok()) return std::move(existing).error();
    if (*existing) {
      report.article_existed = true;
      report.article_id = **existing;
      return {};
    }
    core::ArticleDraft article;
    article.headline = page.headline;
    article.body = JoinParagraphs(page.paragraphs);
    article.source = {page.source_name, page.source_url};
    article.status = core::ArticleStatus::kPublished;
    article.published_at = article_time;
    base::Result<core::Id> id = publisher_.Create(writer, article);
    if (!id.ok()) {
      base::Error error = std::move(id).error();
      error.message = "line 1: " + error.message;
      return error;
    }
    report.article_id = *id;
    return {};
  });
  if (!written.ok()) return std::move(written).error();
  return report;
}

}  // namespace gazette::importer
