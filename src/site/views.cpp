#include "site/views.h"

#include "render/time_labels.h"
#include "site/urls.h"

namespace gazette::site {

void FillLayout(render::Dict& layout, const ViewContext& view, const PageFrame& frame,
                const std::vector<core::Section>& sections) {
  layout.SetGlobal("site_name", view.settings.name);
  layout.SetGlobal("lang", view.locale.code());
  layout.Set("title", frame.title.empty() ? view.settings.name : frame.title + " — " + view.settings.name);
  // Pages that search engines should not index (404, errors) name no canonical address.
  if (!frame.noindex) layout.Add("CANONICAL").Set("url", view.settings.base_url + frame.path);
  if (!frame.description.empty()) layout.Add("DESCRIPTION").Set("description", frame.description);
  if (frame.noindex) layout.Show("NOINDEX");
  if (!sections.empty()) layout.Show("HAS_NAV");
  for (const core::Section& section : sections) {
    render::Dict item = layout.Add("NAV");
    item.Set("url", SectionPath(section.slug)).Set("name", section.name);
    if (section.slug == frame.current_section) {
      // "page" on the section's own pages, "true" on the articles filed under it.
      std::string path = SectionPath(section.slug);
      bool own_page = frame.path == path || frame.path.starts_with(path + "?");
      item.Add("CURRENT").Set("value", own_page ? "page" : "true");
    }
  }
  base::LocalDateTime local = view.settings.zone.ToLocal(view.now);
  layout.Set("year", static_cast<long>(local.date.year));
}

void FillRubric(render::Dict& dict, const std::optional<core::Section>& section, std::string_view name) {
  if (!section) return;
  dict.Add(name).Set("url", SectionPath(section->slug)).Set("name", section->name);
}

void FillItem(render::Dict item, const ViewContext& view, const core::ArticleSummary& s) {
  item.Set("url", ArticlePath(s.id, s.slug));
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

void FillPagination(render::Dict& dict, const ViewContext& view, const core::Listing& listing, const std::string& path) {
  if (listing.pages <= 1) return;
  render::Dict nav = dict.Add("PAGINATION");
  std::string position = view.locale.Text("page_n_of_m");
  auto replace = [&](std::string_view key, int value) {
    std::size_t at = position.find(key);
    if (at != std::string::npos) position.replace(at, key.size(), std::to_string(value));
  };
  replace("{page}", listing.page);
  replace("{pages}", listing.pages);
  nav.Set("position", position);
  if (listing.page > 1) nav.Add("PREVIOUS").Set("url", PagedPath(path, listing.page - 1));
  if (listing.page < listing.pages) nav.Add("NEXT").Set("url", PagedPath(path, listing.page + 1));
}

}  // namespace gazette::site
