// Sections and tags (/admin/sections, /admin/tags): create, rename (name
// and address; the service keeps the old address as a redirect), the
// order of sections in the navigation, merging a tag into another. Tags
// are listed a page at a time, filtered (tag_list.h).
#include <algorithm>

#include "admin/admin_pages.h"
#include "admin/tag_list.h"
#include "base/text.h"
#include "http/status.h"
#include "web/offload.h"
#include "web/urls.h"

namespace gazette::admin {
namespace {

void MarkRow(render::Dict& row, const RowError& error, std::string_view at, std::string_view name,
             std::string_view slug) {
  bool here = error.at == at && !error.message.empty();
  row.Set("name", here ? error.name : std::string(name));
  row.Set("slug", here ? error.slug : std::string(slug));
  if (!here) return;
  row.Add("ROW_ERROR").Set("message", error.message);
  row.Show(error.field == "slug" ? "SLUG_INVALID" : "NAME_INVALID");
}

// The tag list's filter and page, as the request's address gives them (the
// list's forms post to addresses that carry them). No page, or one that is
// not a number, reads as the first: a form's answer never fails on it.
std::string TagFilter(const http::Request& request) {
  return std::string(base::Trim(request.QueryParam("q").value_or("")));
}

int TagListPage(const http::Request& request) {
  std::optional<std::int64_t> n = web::ParseId(request.QueryParam("page").value_or("1"));
  return n && *n <= 100000 ? static_cast<int>(*n) : 1;
}

}  // namespace

http::Response AdminPages::Sections(const http::Request& request) const {
  auto staff = Allowed(request, accounts::Action::kManageTaxonomy);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  return TaxonomyPage(request, std::get<accounts::Visitor>(staff).account, false, 200, {});
}

http::Response AdminPages::Tags(const http::Request& request) const {
  auto staff = Allowed(request, accounts::Action::kManageTaxonomy);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  return TaxonomyPage(request, std::get<accounts::Visitor>(staff).account, true, 200, {});
}

http::Response AdminPages::TaxonomyPage(const http::Request& request, const accounts::Account& actor, bool tags,
                                        int status, const RowError& error) const {
  web::PageFrame frame;
  frame.title = Text(tags ? "admin_tags" : "admin_sections");
  frame.path = tags ? "/admin/tags" : "/admin/sections";
  if (std::optional<std::string> p = request.QueryParam("page"); tags && p && !web::ParseId(*p)) {
    return Refused(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
  }
  base::Result<std::vector<core::Section>> sections = s_.content.ListSections();
  base::Result<std::vector<core::Tag>> tag_list = s_.content.ListTags();
  if (!sections.ok()) return Refused(sections.error());
  if (!tag_list.ok()) return Refused(tag_list.error());
  const std::string filter = TagFilter(request);
  const TagPage listed = PageOfTags(*tag_list, filter, TagListPage(request));
  const std::string place = TagListQuery(filter, listed.page);
  if (tags) frame.path += place;
  std::optional<std::string> done = request.QueryParam("done");
  return Page(request, &actor, status, tags ? "admin_tags.tpl" : "admin_sections.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    if (done && error.message.empty()) {
      const std::string& text = pages_.locale().Text("admin_done_" + *done);
      if (text != "admin_done_" + *done) content.Add("TAXONOMY_NOTICE").Set("message", text);
    }
    render::Dict fresh = content.Add("NEW_ITEM");
    MarkRow(fresh, error, "new", "", "");
    if (!tags) {
      if (sections->empty()) content.Show("NO_ITEMS");
      for (std::size_t i = 0; i < sections->size(); ++i) {
        const core::Section& s = (*sections)[i];
        render::Dict row = content.Add("ITEM");
        row.Set("id", static_cast<long>(s.id)).Set("current_name", s.name).Set("position", static_cast<long>(i + 1));
        row.Set("public_url", web::SectionPath(s.slug));
        MarkRow(row, error, std::to_string(s.id), s.name, s.slug);
        if (i > 0) row.Show("CAN_UP");
        if (i + 1 < sections->size()) row.Show("CAN_DOWN");
      }
      return;
    }
    content.Set("q", filter);
    content.Set("create_action", "/admin/tags" + place);
    if (tag_list->empty()) content.Show("NO_ITEMS");
    else if (listed.total == 0) content.Show("NO_MATCHES");
    if (!filter.empty() || listed.pages > 1) {
      content.Add("TAG_TOTAL").Set("total", Text("admin_tags_total", "n", std::to_string(listed.total)));
    }
    for (const core::Tag& t : listed.tags) {
      render::Dict row = content.Add("ITEM");
      row.Set("id", static_cast<long>(t.id)).Set("current_name", t.name);
      row.Set("public_url", web::TagPath(t.slug));
      row.Set("rename_action", "/admin/tags/" + std::to_string(t.id) + "/rename" + place);
      MarkRow(row, error, std::to_string(t.id), t.name, t.slug);
    }
    if (listed.tags.size() >= 2) {
      render::Dict merge = content.Add("MERGE");
      merge.Set("merge_action", "/admin/tags/merge" + place);
      if (error.at == "merge" && !error.message.empty()) merge.Add("MERGE_ERROR").Set("message", error.message);
      for (const core::Tag& t : listed.tags) {
        merge.Add("FROM_TAG").Set("id", static_cast<long>(t.id)).Set("name", t.name);
        merge.Add("INTO_TAG").Set("id", static_cast<long>(t.id)).Set("name", t.name);
      }
    }
    web::FillPagination(content, pages_.View(), listed.page, listed.pages, "/admin/tags" + TagListQuery(filter, 1));
  });
}

http::Response AdminPages::CreateSection(const http::Request& request) const {
  return SectionAction(request, "", "create");
}

http::Response AdminPages::CreateTag(const http::Request& request) const { return TagAction(request, "", "create"); }

http::Response AdminPages::SectionAction(const http::Request& request, std::string_view id_text,
                                         std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if ((action != "create" && !id) || (action != "create" && action != "rename" && action != "up" && action != "down")) {
    return pages_.NotFound();
  }
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  std::string what(action);
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), form = std::move(form), id, what] {
    const accounts::Account& actor = visitor.account;
    RowError error;
    error.at = what == "create" ? "new" : std::to_string(id.value_or(0));
    error.name = form.Get("name");
    error.slug = form.Get("slug");
    base::Status done;
    if (what == "create") {
      base::Result<core::Section> made = s_.newsroom.CreateSection(actor, error.name, error.slug);
      if (!made.ok()) done = made.error();
    } else if (what == "rename") {
      base::Result<core::Section> renamed = s_.newsroom.UpdateSection(actor, *id, error.name, error.slug);
      if (!renamed.ok()) done = renamed.error();
    } else {
      base::Result<std::vector<core::Section>> all = s_.content.ListSections();
      if (!all.ok()) return Refused(all.error());
      std::vector<core::Id> order;
      for (const core::Section& s : *all) order.push_back(s.id);
      auto at = std::find(order.begin(), order.end(), *id);
      if (at == order.end()) return Refused(base::Error::NotFound("There is no such section."));
      if (what == "up" && at != order.begin()) std::iter_swap(at, at - 1);
      if (what == "down" && at + 1 != order.end()) std::iter_swap(at, at + 1);
      done = s_.newsroom.OrderSections(actor, order);
    }
    if (!done.ok()) {
      const base::Error& e = done.error();
      if (e.code == base::ErrorCode::kForbidden || e.code == base::ErrorCode::kNotFound) return Refused(e);
      error.message = pages_.Message(e);
      error.field = e.field;
      return TaxonomyPage(request, actor, false, http::StatusFor(e.code), error);
    }
    std::string notice = what == "create" ? "added" : what == "rename" ? "renamed" : "ordered";
    return web::SeeOther("/admin/sections?done=" + notice + (id ? "#section-" + std::to_string(*id) : ""));
  });
}

http::Response AdminPages::TagAction(const http::Request& request, std::string_view id_text,
                                     std::string_view action) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if ((action == "rename" && !id) || (action != "create" && action != "rename" && action != "merge")) {
    return pages_.NotFound();
  }
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  std::string what(action);
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), form = std::move(form), id, what] {
    const accounts::Account& actor = visitor.account;
    RowError error;
    error.at = what == "create" ? "new" : what == "merge" ? "merge" : std::to_string(*id);
    error.name = form.Get("name");
    error.slug = form.Get("slug");
    base::Status done;
    if (what == "create") {
      base::Result<core::Tag> made = s_.newsroom.CreateTag(actor, error.name, error.slug);
      if (!made.ok()) done = made.error();
    } else if (what == "rename") {
      base::Result<core::Tag> renamed = s_.newsroom.UpdateTag(actor, *id, error.name, error.slug);
      if (!renamed.ok()) done = renamed.error();
    } else {
      std::optional<std::int64_t> from = web::ParseId(form.Get("from"));
      std::optional<std::int64_t> into = web::ParseId(form.Get("into"));
      if (!from || !into) {
        done = base::Error::Invalid("Choose the tag to merge and the tag to merge it into.", "into");
      } else {
        done = s_.newsroom.MergeTags(actor, *from, *into);
      }
    }
    if (!done.ok()) {
      const base::Error& e = done.error();
      if (e.code == base::ErrorCode::kForbidden) return Refused(e);
      if (e.code == base::ErrorCode::kNotFound && what == "rename") return Refused(e);
      error.message = pages_.Message(e);
      error.field = e.field;
      return TaxonomyPage(request, actor, true, http::StatusFor(e.code), error);
    }
    // Back to the list where the form was; a new tag is shown by its name.
    std::string notice = what == "create" ? "added" : what == "rename" ? "renamed" : "merged";
    if (what == "create") return web::SeeOther("/admin/tags" + TagListQuery(error.name, 1, "done=" + notice));
    return web::SeeOther("/admin/tags" + TagListQuery(TagFilter(request), TagListPage(request), "done=" + notice));
  });
}

}  // namespace gazette::admin
