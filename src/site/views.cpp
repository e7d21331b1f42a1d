#include "site/views.h"

#include "render/time_labels.h"
#include "web/urls.h"

namespace gazette::site {

void FillRubric(render::Dict& dict, const std::optional<core::Section>& section, std::string_view name) {
  if (!section) return;
  dict.Add(name).Set("url", web::SectionPath(section->slug)).Set("name", section->name);
}

void FillItem(render::Dict item, const ViewContext& view, const core::ArticleSummary& s) {
  item.Set("url", web::ArticlePath(s.id, s.slug));
  item.Set("headline", s.headline);
  item.Set("iso", base::FormatIso8601(s.published_at, view.settings.zone));
  item.Set("time_label", render::TimeLabel(s.published_at, view.now, view.settings.zone, view.locale));
  FillRubric(item, s.section, "ITEM_RUBRIC");
  if (s.comment_count > 0) {
    item.Add("ITEM_COMMENTS").Set("label", view.locale.Plural("comments", static_cast<long>(s.comment_count)));
  }
  if (!s.has_body) item.Show("ITEM_BRIEF");
}

void FillFeedByDay(render::Dict& feed, const ViewContext& view, const std::vector<core::ArticleSummary>& items,
                   int heading_level) {
  base::LocalDate current{};
  bool first = true;
  render::Dict day(nullptr);
  for (const core::ArticleSummary& s : items) {
    base::LocalDate date = view.settings.zone.ToLocal(s.published_at).date;
    if (first || date != current) {
      day = feed.Add("DAY");
      day.Set("heading", render::DayHeading(s.published_at, view.now, view.settings.zone, view.locale));
      day.Show(heading_level == 2 ? "H2" : "H3");
      current = date;
      first = false;
    }
    FillItem(day.Add("ITEM"), view, s);
  }
}

}  // namespace gazette::site
