// Sections and tags: the newsroom's side (create, rename, order, merge).
#include <algorithm>

#include "base/slug.h"
#include "base/text.h"
#include "newsroom/newsroom_service.h"

namespace gazette::newsroom {

using accounts::Action;
using base::Error;

namespace {

// The trimmed name and the slug (given, or made from the name), checked.
Result<std::pair<std::string, std::string>> NameAndSlug(std::string_view name, std::string_view slug) {
  std::string clean(base::Trim(name));
  if (clean.empty()) return Error::Invalid("The name is empty.", "name");
  if (!base::IsValidUtf8(clean) || base::HasControlCharacters(clean) || base::HasFormatCharacters(clean)) {
    return Error::Invalid("The name contains characters that cannot be shown.", "name");
  }
  if (base::CountCodePoints(clean) > core::kMaxName) {
    return Error::Invalid("The name is longer than " + std::to_string(core::kMaxName) + " characters.", "name");
  }
  std::string address(base::Trim(slug));
  if (address.empty()) address = base::Slugify(clean);
  if (address.empty()) return Error::Invalid("\"" + clean + "\" has no letters or digits to make an address of.", "slug");
  if (!base::IsValidSlug(address)) {
    return Error::Invalid("An address may hold only lower-case latin letters, digits and single dashes.", "slug");
  }
  return std::make_pair(clean, address);
}

template <class T>
Error Clash(Error error, const char* what) {
  if (error.code == base::ErrorCode::kConflict) {
    error.message = std::string("Another ") + what + " has this address.";
    error.field = "slug";
  }
  return error;
}

}  // namespace

template <class T>
Result<T> NewsroomService::Taxonomy(const Account& actor, const std::function<Result<T>(NewsroomWriter&)>& work) {
  GZ_TRY(accounts::Require(actor, Action::kManageTaxonomy));
  std::optional<T> value;
  GZ_TRY(store_.WriteNewsroom([&](NewsroomWriter& w) -> Status {
    Result<T> r = work(w);
    if (!r.ok()) return std::move(r).error();
    value = std::move(*r);
    return {};
  }));
  // Names and addresses of sections and tags show on every page (the
  // navigation, rubrics, tags): pages that cache them hear of it.
  if (events_) events_->Publish({"taxonomy.changed", 0});
  return std::move(*value);
}

Result<core::Section> NewsroomService::CreateSection(const Account& actor, std::string_view name, std::string_view slug) {
  auto named = NameAndSlug(name, slug);
  if (!named.ok()) return std::move(named).error();
  return Taxonomy<core::Section>(actor, [&](NewsroomWriter& w) -> Result<core::Section> {
    Result<std::vector<core::Section>> all = w.ListSections();
    if (!all.ok()) return std::move(all).error();
    int position = all->empty() ? 1 : all->back().position + 1;
    Result<core::Section> made = w.InsertSection({0, named->second, named->first, position});
    if (!made.ok()) return Clash<core::Section>(std::move(made).error(), "section");
    GZ_TRY(Log(w, actor, "section.create", "section", made->id, made->name + " (/" + made->slug + ")"));
    return made;
  });
}

Result<core::Section> NewsroomService::UpdateSection(const Account& actor, core::Id id, std::string_view name,
                                                     std::string_view slug) {
  auto named = NameAndSlug(name, slug);
  if (!named.ok()) return std::move(named).error();
  return Taxonomy<core::Section>(actor, [&](NewsroomWriter& w) -> Result<core::Section> {
    Result<std::vector<core::Section>> all = w.ListSections();
    if (!all.ok()) return std::move(all).error();
    auto it = std::find_if(all->begin(), all->end(), [&](const core::Section& s) { return s.id == id; });
    if (it == all->end()) return Error::NotFound("There is no such section.");
    core::Section before = *it;
    core::Section after{id, named->second, named->first, before.position};
    Status updated = w.UpdateSection(after);
    if (!updated.ok()) return Clash<core::Section>(std::move(updated).error(), "section");
    GZ_TRY(Log(w, actor, "section.rename", "section", id,
               before.name + " (/" + before.slug + ") to " + after.name + " (/" + after.slug + ")"));
    return after;
  });
}

Status NewsroomService::OrderSections(const Account& actor, const std::vector<core::Id>& order) {
  Result<bool> done = Taxonomy<bool>(actor, [&](NewsroomWriter& w) -> Result<bool> {
    Result<std::vector<core::Section>> all = w.ListSections();
    if (!all.ok()) return std::move(all).error();
    std::vector<core::Section> ordered;
    for (core::Id id : order) {
      auto it = std::find_if(all->begin(), all->end(), [&](const core::Section& s) { return s.id == id; });
      if (it == all->end()) return Error::NotFound("There is no section " + std::to_string(id) + ".");
      if (std::find(ordered.begin(), ordered.end(), *it) == ordered.end()) ordered.push_back(*it);
    }
    for (const core::Section& s : *all) {
      if (std::find(ordered.begin(), ordered.end(), s) == ordered.end()) ordered.push_back(s);
    }
    std::string names;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      core::Section s = ordered[i];
      s.position = static_cast<int>(i) + 1;
      if (s.position != ordered[i].position) GZ_TRY(w.UpdateSection(s));
      names += (i ? ", " : "") + s.name;
    }
    GZ_TRY(Log(w, actor, "section.order", "section", 0, names));
    return true;
  });
  if (!done.ok()) return std::move(done).error();
  return {};
}

Result<core::Tag> NewsroomService::CreateTag(const Account& actor, std::string_view name, std::string_view slug) {
  auto named = NameAndSlug(name, slug);
  if (!named.ok()) return std::move(named).error();
  return Taxonomy<core::Tag>(actor, [&](NewsroomWriter& w) -> Result<core::Tag> {
    Result<core::Tag> made = w.InsertTag({0, named->second, named->first});
    if (!made.ok()) return Clash<core::Tag>(std::move(made).error(), "tag");
    GZ_TRY(Log(w, actor, "tag.create", "tag", made->id, made->name + " (/" + made->slug + ")"));
    return made;
  });
}

Result<core::Tag> NewsroomService::UpdateTag(const Account& actor, core::Id id, std::string_view name,
                                             std::string_view slug) {
  auto named = NameAndSlug(name, slug);
  if (!named.ok()) return std::move(named).error();
  return Taxonomy<core::Tag>(actor, [&](NewsroomWriter& w) -> Result<core::Tag> {
    Result<std::vector<core::Tag>> all = w.ListTags();
    if (!all.ok()) return std::move(all).error();
    auto it = std::find_if(all->begin(), all->end(), [&](const core::Tag& t) { return t.id == id; });
    if (it == all->end()) return Error::NotFound("There is no such tag.");
    core::Tag before = *it;
    core::Tag after{id, named->second, named->first};
    Status updated = w.UpdateTag(after);
    if (!updated.ok()) return Clash<core::Tag>(std::move(updated).error(), "tag");
    GZ_TRY(Log(w, actor, "tag.rename", "tag", id,
               before.name + " (/" + before.slug + ") to " + after.name + " (/" + after.slug + ")"));
    return after;
  });
}

Status NewsroomService::MergeTags(const Account& actor, core::Id from, core::Id into) {
  if (from == into) return Error::Invalid("Choose two different tags to merge.", "into");
  Result<bool> done = Taxonomy<bool>(actor, [&](NewsroomWriter& w) -> Result<bool> {
    Result<std::vector<core::Tag>> all = w.ListTags();
    if (!all.ok()) return std::move(all).error();
    auto find = [&](core::Id id) { return std::find_if(all->begin(), all->end(), [&](const core::Tag& t) { return t.id == id; }); };
    auto a = find(from), b = find(into);
    if (a == all->end() || b == all->end()) return Error::NotFound("There is no such tag.");
    GZ_TRY(w.MergeTags(from, into));
    GZ_TRY(Log(w, actor, "tag.merge", "tag", into, a->name + " into " + b->name));
    return true;
  });
  if (!done.ok()) return std::move(done).error();
  return {};
}

}  // namespace gazette::newsroom
