// The admin API's sections and tags: list, create, rename (the old address
// redirects), order sections, merge tags. Editors and admins (the
// newsroom's manage_taxonomy), as in the newsroom's pages.
#include <boost/json/array.hpp>

#include "api/api.h"
#include "web/article_json.h"

namespace gazette::api {

namespace {

// What a section or tag PUT may send back unchanged.
Status SameAsNow(const json::object& body, const json::object& now, const char* what) {
  for (std::string_view key : {"id", "url", "position"}) {
    auto sent = body.find(json::string_view(key.data(), key.size()));
    if (sent == body.end()) continue;
    auto have = now.find(json::string_view(key.data(), key.size()));
    if (have != now.end() && sent->value() == have->value()) continue;
    std::string instead = key == "position" ? "order sections with POST /api/v1/admin/sections/order"
                          : key == "url"    ? "the address follows the slug: change \"slug\""
                                            : std::string("a ") + what + " keeps its id";
    return base::Error::Invalid(std::string(key) + " is read-only: " + instead + ".", std::string(key));
  }
  return {};
}

// "name" and "slug" of a create or rename; absent ones keep `name`/`slug`.
Status NameAndSlug(const json::object& body, std::string& name, std::string& slug) {
  Result<std::optional<std::string>> n = StringField(body, "name");
  if (!n.ok()) return std::move(n).error();
  Result<std::optional<std::string>> s = StringField(body, "slug", true);
  if (!s.ok()) return std::move(s).error();
  if (*n) name = **n;
  if (*s) slug = **s;
  return {};
}

template <class T>
std::optional<T> ById(const std::vector<T>& items, core::Id id) {
  for (const T& item : items) {
    if (item.id == id) return item;
  }
  return std::nullopt;
}

}  // namespace

http::Response Api::ListSections(const http::Request& request) const {
  return Read(request, [&](const Actor& actor) {
    if (Status may = accounts::Require(actor, accounts::Action::kUseNewsroom); !may.ok()) return ApiError(may.error());
    Result<std::vector<core::Section>> sections = s_.content.ListSections();
    if (!sections.ok()) return ApiError(sections.error());
    json::array out;
    for (const core::Section& s : *sections) out.push_back(web::SectionJson(s, s_.site));
    return Json(200, json::object{{"sections", std::move(out)}});
  });
}

http::Response Api::CreateSection(const http::Request& request) const {
  return Write(request, false, [this](const Actor& actor, const json::object& body) {
    if (Status may = accounts::Require(actor, accounts::Action::kManageTaxonomy); !may.ok())
      return ApiError(may.error());
    if (Status known = OnlyFields(body, {"name", "slug"}, "a section"); !known.ok()) return ApiError(known.error());
    std::string name, slug;
    if (Status read = NameAndSlug(body, name, slug); !read.ok()) return ApiError(read.error());
    Result<core::Section> made = s_.newsroom.CreateSection(actor, name, slug);
    if (!made.ok()) return ApiError(made.error());
    return Json(201, web::SectionJson(*made, s_.site));
  });
}

http::Response Api::UpdateSection(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  return Write(request, false, [this, id](const Actor& actor, const json::object& body) {
    if (Status may = accounts::Require(actor, accounts::Action::kManageTaxonomy); !may.ok())
      return ApiError(may.error());
    if (Status known = OnlyFields(body, {"name", "slug", "id", "url", "position"}, "a section"); !known.ok()) {
      return ApiError(known.error());
    }
    Result<std::vector<core::Section>> all = s_.content.ListSections();
    if (!all.ok()) return ApiError(all.error());
    std::optional<core::Section> now = id ? ById(*all, *id) : std::nullopt;
    if (!now) return ApiError(base::Error::NotFound("There is no such section."));
    if (Status same = SameAsNow(body, web::SectionJson(*now, s_.site), "section"); !same.ok())
      return ApiError(same.error());
    std::string name = now->name, slug = now->slug;
    if (Status read = NameAndSlug(body, name, slug); !read.ok()) return ApiError(read.error());
    Result<core::Section> renamed = s_.newsroom.UpdateSection(actor, *id, name, slug);
    if (!renamed.ok()) return ApiError(renamed.error());
    return Json(200, web::SectionJson(*renamed, s_.site));
  });
}

http::Response Api::OrderSections(const http::Request& request) const {
  return Write(request, false, [this](const Actor& actor, const json::object& body) {
    if (Status may = accounts::Require(actor, accounts::Action::kManageTaxonomy); !may.ok())
      return ApiError(may.error());
    if (Status known = OnlyFields(body, {"order"}, "an order's body"); !known.ok()) return ApiError(known.error());
    auto it = body.find("order");
    base::Error bad = base::Error::Invalid("order must be a list of section ids: [3, 1, 2].", "order");
    if (it == body.end() || !it->value().is_array()) return ApiError(bad);
    std::vector<core::Id> order;
    for (const json::value& v : it->value().as_array()) {
      if (!v.is_int64() && !v.is_uint64()) return ApiError(bad);
      boost::system::error_code ec;
      std::int64_t n = v.to_number<std::int64_t>(ec);
      if (ec || n < 1) return ApiError(bad);
      order.push_back(n);
    }
    if (Status done = s_.newsroom.OrderSections(actor, order); !done.ok()) return ApiError(done.error());
    Result<std::vector<core::Section>> sections = s_.content.ListSections();
    if (!sections.ok()) return ApiError(sections.error());
    json::array out;
    for (const core::Section& s : *sections) out.push_back(web::SectionJson(s, s_.site));
    return Json(200, json::object{{"sections", std::move(out)}});
  });
}

http::Response Api::ListTags(const http::Request& request) const {
  return Read(request, [&](const Actor& actor) {
    if (Status may = accounts::Require(actor, accounts::Action::kUseNewsroom); !may.ok()) return ApiError(may.error());
    Result<Paging> paging = PagingParams(request);
    if (!paging.ok()) return ApiError(paging.error());
    Result<std::vector<core::Tag>> tags = s_.content.ListTags();
    if (!tags.ok()) return ApiError(tags.error());
    json::array out;
    for (std::size_t i = static_cast<std::size_t>(paging->offset);
         i < tags->size() && out.size() < static_cast<std::size_t>(paging->limit); ++i) {
      out.push_back(web::TagJson((*tags)[i], s_.site));
    }
    return Json(200, json::object{{"tags", std::move(out)},
                                  {"total", static_cast<std::int64_t>(tags->size())},
                                  {"limit", paging->limit},
                                  {"offset", paging->offset}});
  });
}

http::Response Api::CreateTag(const http::Request& request) const {
  return Write(request, false, [this](const Actor& actor, const json::object& body) {
    if (Status may = accounts::Require(actor, accounts::Action::kManageTaxonomy); !may.ok())
      return ApiError(may.error());
    if (Status known = OnlyFields(body, {"name", "slug"}, "a tag"); !known.ok()) return ApiError(known.error());
    std::string name, slug;
    if (Status read = NameAndSlug(body, name, slug); !read.ok()) return ApiError(read.error());
    Result<core::Tag> made = s_.newsroom.CreateTag(actor, name, slug);
    if (!made.ok()) return ApiError(made.error());
    return Json(201, web::TagJson(*made, s_.site));
  });
}

http::Response Api::UpdateTag(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  return Write(request, false, [this, id](const Actor& actor, const json::object& body) {
    if (Status may = accounts::Require(actor, accounts::Action::kManageTaxonomy); !may.ok())
      return ApiError(may.error());
    if (Status known = OnlyFields(body, {"name", "slug", "id", "url"}, "a tag"); !known.ok())
      return ApiError(known.error());
    Result<std::vector<core::Tag>> all = s_.content.ListTags();
    if (!all.ok()) return ApiError(all.error());
    std::optional<core::Tag> now = id ? ById(*all, *id) : std::nullopt;
    if (!now) return ApiError(base::Error::NotFound("There is no such tag."));
    if (Status same = SameAsNow(body, web::TagJson(*now, s_.site), "tag"); !same.ok()) return ApiError(same.error());
    std::string name = now->name, slug = now->slug;
    if (Status read = NameAndSlug(body, name, slug); !read.ok()) return ApiError(read.error());
    Result<core::Tag> renamed = s_.newsroom.UpdateTag(actor, *id, name, slug);
    if (!renamed.ok()) return ApiError(renamed.error());
    return Json(200, web::TagJson(*renamed, s_.site));
  });
}

http::Response Api::MergeTag(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  return Write(request, false, [this, id](const Actor& actor, const json::object& body) {
    if (Status may = accounts::Require(actor, accounts::Action::kManageTaxonomy); !may.ok())
      return ApiError(may.error());
    if (Status known = OnlyFields(body, {"into"}, "a merge's body"); !known.ok()) return ApiError(known.error());
    Result<std::optional<std::int64_t>> into = IntField(body, "into");
    if (!into.ok() || !*into || **into < 1) {
      return ApiError(base::Error::Invalid("into must be the id of the tag to merge this one into.", "into"));
    }
    if (!id) return ApiError(base::Error::NotFound("There is no such tag."));
    if (Status done = s_.newsroom.MergeTags(actor, *id, **into); !done.ok()) return ApiError(done.error());
    Result<std::vector<core::Tag>> all = s_.content.ListTags();
    if (!all.ok()) return ApiError(all.error());
    std::optional<core::Tag> target = ById(*all, **into);
    if (!target) return ApiError(base::Error::NotFound("There is no such tag."));
    return Json(200, web::TagJson(*target, s_.site));
  });
}

}  // namespace gazette::api
