// View-models: core values turned into what templates show (labels, URLs,
// ISO times), written into render dictionaries.
#pragma once

#include <string>
#include <vector>

#include "base/time.h"
#include "core/article.h"
#include "core/reading.h"
#include "render/theme.h"
#include "web/pages.h"

namespace gazette::site {

using web::ViewContext;

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

// {{#RUBRIC}}{{url}}{{name}}{{/RUBRIC}} (or the section `name`) when there is a section.
void FillRubric(render::Dict& dict, const std::optional<core::Section>& section, std::string_view name = "RUBRIC");

}  // namespace gazette::site
