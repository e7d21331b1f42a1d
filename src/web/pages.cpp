#include "web/pages.h"

#include "base/log.h"
#include "http/status.h"
#include "web/json.h"
#include "web/urls.h"

namespace gazette::web {
namespace {

void FillLayout(render::Dict& layout, const ViewContext& view, const PageFrame& frame,
                const std::vector<core::Section>& sections) {
  layout.SetGlobal("site_name", view.settings.name);
  layout.SetGlobal("lang", view.locale.code());
  layout.Set("title", frame.title.empty() ? view.settings.name : frame.title + " — " + view.settings.name);
  // Pages that search engines should not index (404, errors) name no canonical address.
  if (!frame.noindex) layout.Add("CANONICAL").Set("url", view.settings.base_url + frame.path);
  if (!frame.description.empty()) layout.Add("DESCRIPTION").Set("description", frame.description);
  if (frame.noindex) layout.Show("NOINDEX");
  for (const core::Section& section : sections) {
    render::Dict item = layout.Add("NAV");
    std::string path = "/section/" + section.slug;
    item.Set("url", path).Set("name", section.name);
    if (section.slug == frame.current_section) {
      // "page" on the section's own pages, "true" on the articles filed under it.
      bool own_page = frame.path == path || frame.path.starts_with(path + "?");
      item.Add("CURRENT").Set("value", own_page ? "page" : "true");
    }
  }
  for (const std::string& script : frame.scripts) layout.Add("SCRIPT").Set("src", script);
  // Every page names the site's feeds, then its own.
  std::vector<FeedLink> feeds = {{"application/rss+xml", view.settings.name + " (RSS)", RssPath("")},
                                 {"application/atom+xml", view.settings.name + " (Atom)", AtomPath("")}};
  feeds.insert(feeds.end(), frame.feeds.begin(), frame.feeds.end());
  for (const FeedLink& feed : feeds) {
    layout.Add("FEED").Set("type", feed.type).Set("title", feed.title).Set("url", view.settings.base_url + feed.path);
  }
  for (const MetaTag& meta : frame.meta) {
    layout.Add(meta.kind == MetaTag::Kind::kProperty ? "META_PROPERTY" : "META_NAME")
        .Set("key", meta.key)
        .Set("content", meta.content);
  }
  // JSON, not script: the CSP allows it. ScriptSafeJson escapes < > & so that
  // nothing in a value can close the element, which makes it safe as *_html.
  for (const std::string& json : frame.json_ld) layout.Add("JSON_LD").Set("json_ld_html", ScriptSafeJson(json));
  base::LocalDateTime local = view.settings.zone.ToLocal(view.now);
  layout.Set("year", static_cast<long>(local.date.year));
  // How times are labelled (render/time_labels.h), for the script that
  // relabels an open page after midnight; whether pages follow live updates.
  std::string months;
  for (int month = 1; month <= 12; ++month) months += (month > 1 ? "|" : "") + view.locale.MonthShort(month);
  layout.Set("time_zone", view.settings.zone.name())
      .Set("format_date_time", view.locale.Text("format_date_time"))
      .Set("format_date_time_year", view.locale.Text("format_date_time_year"))
      .Set("months_short", months);
  if (view.settings.live) layout.Show("LIVE");
}

}  // namespace

http::Response Pages::Render(int status, std::string_view content_template, const PageFrame& frame,
                             const std::function<void(render::Dict&)>& fill) const {
  ViewContext view = View();
  base::Result<std::vector<core::Section>> sections = reading_.Sections();
  PageFrame resolved = frame;
  for (std::string& script : resolved.scripts) {
    const render::Asset* asset = theme_.assets().Find(script);
    script = asset ? asset->url : "/assets/" + script;
  }
  std::string html = theme_.Render(content_template, [&](render::Dict& layout, render::Dict& content) {
    FillLayout(layout, view, resolved, sections.ok() ? *sections : std::vector<core::Section>{});
    fill(content);
  });
  http::Response response = http::Response::Html(status, std::move(html));
  response.Set("Cache-Control", frame.personal ? "private, no-store" : "no-cache");
  return response;
}

http::Response Pages::NotFound() const {
  PageFrame frame;
  frame.title = locale().Text("not_found_title");
  frame.path = "/";
  frame.noindex = true;
  return Render(404, "not_found.tpl", frame, [](render::Dict&) {});
}

std::string Pages::Message(const base::Error& error) const {
  if (error.key.empty()) return error.message;
  auto it = locale().texts().find("err_" + error.key);
  if (it == locale().texts().end()) return error.message;
  std::string text = it->second;
  if (std::size_t at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, std::to_string(error.number));
  return text;
}

http::Response Pages::Error(const base::Error& error) const {
  int status = http::StatusFor(error.code);
  if (status == 404 && error.key.empty()) return NotFound();
  if (status >= 500) {
    base::LogError("page failed: " + error.message + (error.detail.empty() ? "" : " (" + error.detail + ")"));
  }
  PageFrame frame;
  frame.title = locale().Text(status >= 500 ? "error_title" : status == 404 ? "not_found_title" : "bad_request_title");
  if (status == 403) frame.title = locale().Text("forbidden_title");
  if (status == 429) frame.title = locale().Text("too_many_title");
  frame.path = "/";
  frame.noindex = true;
  frame.personal = true;
  std::string message = status >= 500 ? locale().Text("error_text") : Message(error);
  http::Response response = Render(status, "error.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title).Set("message", message);
  });
  if (error.retry_after > 0) response.Set("Retry-After", std::to_string(error.retry_after));
  if (status == 503 && error.retry_after == 0) response.Set("Retry-After", "5");
  return response;
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

http::Response SeeOther(const std::string& location) {
  http::Response r = http::Response::Redirect(303, location);
  r.Set("Cache-Control", "private, no-store");
  return r;
}

std::string ArticleAddress(std::int64_t id, std::string_view slug) {
  std::string out = "/news/" + std::to_string(id);
  if (!slug.empty()) out.append("-").append(slug);
  return out;
}

std::string PagedPath(std::string_view path, int page) {
  std::string out(path);
  if (page > 1) out += (out.find('?') == std::string::npos ? "?page=" : "&page=") + std::to_string(page);
  return out;
}

void FillPagination(render::Dict& dict, const ViewContext& view, int page, int pages, const std::string& path) {
  if (pages <= 1) return;
  render::Dict nav = dict.Add("PAGINATION");
  std::string position = view.locale.Text("page_n_of_m");
  auto replace = [&](std::string_view key, int value) {
    std::size_t at = position.find(key);
    if (at != std::string::npos) position.replace(at, key.size(), std::to_string(value));
  };
  replace("{page}", page);
  replace("{pages}", pages);
  nav.Set("position", position);
  if (page > 1) nav.Add("PREVIOUS").Set("url", PagedPath(path, page - 1));
  if (page < pages) nav.Add("NEXT").Set("url", PagedPath(path, page + 1));
}

}  // namespace gazette::web
