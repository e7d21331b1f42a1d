// The breaking-news strip at the top of the front page: breaking articles
// published in the last few hours, newest first.
#pragma once

#include <chrono>
#include <vector>

#include "core/reading.h"
#include "render/theme.h"
#include "web/pages.h"

namespace gazette::site {

// How long a breaking article stays in the strip, and how many it shows.
inline constexpr std::chrono::hours kBreakingFor{6};
inline constexpr std::size_t kBreakingItems = 3;

// The breaking articles of the front page that are recent enough, newest first.
std::vector<core::ArticleSummary> RecentBreaking(const core::FrontPage& front, base::Timestamp now);

// {{#BREAKING_STRIP}}{{#B_ITEM}}{{url}} {{headline}} {{iso}} {{time_label}}{{/B_ITEM}}{{/BREAKING_STRIP}}
// when there is anything to show.
void FillBreaking(render::Dict& content, const web::ViewContext& view, const core::FrontPage& front);

}  // namespace gazette::site
