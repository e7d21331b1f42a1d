// View-models: core values turned into what templates show (labels, URLs,
// ISO times), written into render dictionaries.
#pragma once

#include <string>
#include <vector>

#include "base/time.h"
#include "core/article.h"
#include "core/reading.h"
#include "render/theme.h"

namespace gazette::site {

struct SiteSettings {
  std::string name = "Gazette";
  std::string base_url = "http://127.0.0.1:8080";  // no trailing slash
  base::TimeZone zone = base::TimeZone::Utc();
};

// What every view needs to turn values into text.
struct ViewContext {
  const SiteSettings& settings;
  const render::Locale& locale;
  base::Timestamp now;
};

// The page frame: <title>, description, canonical URL, navigation.
struct PageFrame {
  std::string title;        // without the site's name
  std::string description;
  std::string path;         // canonical path, with the query that matters
  std::string current_section;  // slug, to mark the navigation
  bool noindex = false;
};

void FillLayout(render::Dict& layout, const ViewContext& view, const PageFrame& frame,
                const std::vector<core::Section>& sections);

// One feed item: {{url}} {{headline}} {{iso}} {{time_label}}
// {{#ITEM_RUBRIC}} {{#ITEM_COMMENTS}} {{#ITEM_BRIEF}}. (ctemplate looks a
// section up in the enclosing dictionaries when an item lacks it, so item
// sections carry names no page uses: an article's own RUBRIC must not show
// on the items of its "Read next".)
void FillItem(render::Dict item, const ViewContext& view, const core::ArticleSummary& summary);

// Items grouped under day headings: {{#DAY}}{{heading}}{{#ITEM}}...{{/ITEM}}{{/DAY}}.
// The headings are h2 or h3 (`heading_level`), to fit the page's outline.
void FillFeedByDay(render::Dict& feed, const ViewContext& view, const std::vector<core::ArticleSummary>& items,
                   int heading_level);

// {{#PAGINATION}} with previous/next links when the listing has more pages.
void FillPagination(render::Dict& dict, const ViewContext& view, const core::Listing& listing, const std::string& path);

// {{#RUBRIC}}{{url}}{{name}}{{/RUBRIC}} (or the section `name`) when there is a section.
void FillRubric(render::Dict& dict, const std::optional<core::Section>& section, std::string_view name = "RUBRIC");

}  // namespace gazette::site
