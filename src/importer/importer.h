// Stores parsed text pages: the page's article, published now, and each
// "Read next" entry as a published brief at its time. One file is one
// transaction: all of it or nothing.
#pragma once

#include <optional>

#include "base/time.h"
#include "core/publishing.h"
#include "importer/text_page.h"

namespace gazette::importer {

struct ImportOptions {
  // Put the entries' times on this day, and publish the article at its end
  // (or now, if the day has not ended). Without it, times go on the latest
  // day on which all of them are past.
  std::optional<base::LocalDate> date;
};

struct ImportReport {
  core::Id article_id = 0;
  bool article_existed = false;  // the same headline was already stored
  int briefs_created = 0;
  int briefs_existing = 0;  // same headline at the same time, already stored
};

// When each entry happened: entries run newest first, so a time later than
// the one before it belongs to the previous day.
std::vector<base::Timestamp> PlaceEntries(const std::vector<BriefEntry>& entries, base::Timestamp now,
                                          const base::TimeZone& zone, std::optional<base::LocalDate> date);

class Importer {
 public:
  Importer(core::ContentStore& store, const core::Publisher& publisher, const base::Clock& clock,
           const base::TimeZone& zone)
      : store_(store), publisher_(publisher), clock_(clock), zone_(zone) {}

  // Importing the same page again adds nothing: an article with the same
  // headline, or a brief with the same headline and time, is kept as is.
  base::Result<ImportReport> Import(const TextPage& page, const ImportOptions& options);

 private:
  core::ContentStore& store_;
  const core::Publisher& publisher_;
  const base::Clock& clock_;
  const base::TimeZone& zone_;
};

}  // namespace gazette::importer
