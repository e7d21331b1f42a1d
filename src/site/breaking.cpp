#include "site/breaking.h"

#include <algorithm>

#include "render/time_labels.h"
#include "web/urls.h"

namespace gazette::site {

std::vector<core::ArticleSummary> RecentBreaking(const core::FrontPage& front, base::Timestamp now) {
  std::vector<core::ArticleSummary> out;
  auto recent = [&](base::Timestamp published) { return published <= now && published >= now - kBreakingFor; };
  if (front.top_story && front.top_story->breaking) {
    const core::Article& top = *front.top_story;
    base::Timestamp published = top.published_at.value_or(top.created_at);
    if (recent(published)) {
      core::ArticleSummary s;
      s.id = top.id;
      s.slug = top.slug;
      s.headline = top.headline;
      s.section = top.section;
      s.published_at = published;
      s.breaking = true;
      out.push_back(std::move(s));
    }
  }
  for (const core::ArticleSummary& s : front.latest) {
    if (s.breaking && recent(s.published_at)) out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.published_at > b.published_at; });
  if (out.size() > kBreakingItems) out.resize(kBreakingItems);
  return out;
}

void FillBreaking(render::Dict& content, const web::ViewContext& view, const core::FrontPage& front) {
  std::vector<core::ArticleSummary> items = RecentBreaking(front, view.now);
  if (items.empty()) return;
  render::Dict strip = content.Add("BREAKING_STRIP");
  for (const core::ArticleSummary& s : items) {
    strip.Add("B_ITEM")
        .Set("url", web::ArticlePath(s.id, s.slug))
        .Set("headline", s.headline)
        .Set("iso", base::FormatIso8601(s.published_at, view.settings.zone))
        .Set("time_label", render::TimeLabel(s.published_at, view.now, view.settings.zone, view.locale));
  }
}

}  // namespace gazette::site
