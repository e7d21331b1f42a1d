// An article's revisions (/admin/articles/{id}/revisions): who saved what,
// when and why; one revision with its diff against the one before; and
// restoring it (an edit like any other: the version it replaces is checked).
#include "admin/admin_pages.h"
#include "http/status.h"
#include "web/offload.h"

namespace gazette::admin {

http::Response AdminPages::RevisionList(const http::Request& request, std::string_view id_text) const {
  auto staff = Allowed(request, accounts::Action::kWriteArticles);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  const accounts::Account& actor = std::get<accounts::Visitor>(staff).account;
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  base::Result<newsroom::Story> story = s_.newsroom.Open(actor, *id);
  if (!story.ok()) return Refused(story.error());
  base::Result<std::vector<newsroom::Revision>> revisions = s_.newsroom.Revisions(actor, *id);
  if (!revisions.ok()) return Refused(revisions.error());
  web::PageFrame frame;
  frame.title = Text("admin_revisions") + ": " + story->article.headline;
  frame.path = "/admin/articles/" + std::to_string(*id) + "/revisions";
  return Page(request, &actor, 200, "admin_revisions.tpl", frame, [&](render::Dict& content) {
    content.Set("headline", story->article.headline);
    content.Set("article_url", "/admin/articles/" + std::to_string(*id));
    if (revisions->empty()) content.Show("NO_REVISIONS");
    for (const newsroom::Revision& r : *revisions) {
      render::Dict row = content.Add("REVISION");
      row.Set("url", frame.path + "/" + std::to_string(r.id));
      row.Set("version", static_cast<long>(r.version));
      row.Set("kind", Text("admin_kind_" + r.kind));
      row.Set("who", r.account_id == 0 && r.account_name.empty() ? Text("admin_nobody") : r.account_name);
      row.Set("headline", r.content.headline);
      SetTime(row, "when", r.created_at);
      if (!r.note.empty()) row.Add("REVISION_NOTE").Set("note", r.note);
    }
  });
}

http::Response AdminPages::RevisionPage(const http::Request& request, std::string_view id_text,
                                        std::string_view revision_text) const {
  auto staff = Allowed(request, accounts::Action::kWriteArticles);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  std::optional<std::int64_t> id = web::ParseId(id_text);
  std::optional<std::int64_t> revision = web::ParseId(revision_text);
  if (!id || !revision) return pages_.NotFound();
  return ShowRevision(request, std::get<accounts::Visitor>(staff).account, *id, *revision, 200, "");
}

http::Response AdminPages::ShowRevision(const http::Request& request, const accounts::Account& actor, core::Id id,
                                        core::Id revision, int status, const std::string& error) const {
  base::Result<newsroom::Story> story = s_.newsroom.Open(actor, id);
  if (!story.ok()) return Refused(story.error());
  base::Result<newsroom::RevisionView> shown = s_.newsroom.ShowRevision(actor, id, revision);
  if (!shown.ok()) return Refused(shown.error());
  newsroom::Abilities can = s_.newsroom.Can(actor, *story);
  const newsroom::Revision& r = shown->revision;
  web::PageFrame frame;
  frame.title = Text("admin_revision_n", "n", std::to_string(r.version)) + ": " + story->article.headline;
  frame.path = "/admin/articles/" + std::to_string(id) + "/revisions/" + std::to_string(revision);
  return Page(request, &actor, status, "admin_revision.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", Text("admin_revision_n", "n", std::to_string(r.version)));
    content.Set("headline", story->article.headline);
    content.Set("article_url", "/admin/articles/" + std::to_string(id));
    content.Set("list_url", "/admin/articles/" + std::to_string(id) + "/revisions");
    content.Set("kind", Text("admin_kind_" + r.kind));
    content.Set("who", r.account_id == 0 && r.account_name.empty() ? Text("admin_nobody") : r.account_name);
    SetTime(content, "when", r.created_at);
    if (!r.note.empty()) content.Add("REVISION_NOTE").Set("note", r.note);
    if (shown->previous) {
      content.Add("AGAINST_PREVIOUS").Set("previous", Text("admin_revision_n", "n", std::to_string(shown->previous->version)));
    } else {
      content.Show("FIRST_REVISION");
    }
    bool changed = false;
    for (const newsroom::DiffLine& line : shown->diff) {
      render::Dict row = content.Add("DIFF_LINE");
      row.Set("text", line.text);
      switch (line.kind) {
        case newsroom::DiffLine::Kind::kAdded: row.Show("DIFF_ADDED"); changed = true; break;
        case newsroom::DiffLine::Kind::kRemoved: row.Show("DIFF_REMOVED"); changed = true; break;
        case newsroom::DiffLine::Kind::kSame: row.Show("DIFF_SAME"); break;
      }
    }
    if (!changed) content.Show("NO_CHANGES");
    if (!error.empty()) content.Add("RESTORE_ERROR").Set("message", error);
    if (can.edit) {
      content.Add("CAN_RESTORE")
          .Set("restore_url", frame.path + "/restore")
          .Set("version", static_cast<long>(story->article.version));
    }
  });
}

http::Response AdminPages::Restore(const http::Request& request, std::string_view id_text,
                                   std::string_view revision_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  std::optional<std::int64_t> revision = web::ParseId(revision_text);
  if (!id || !revision) return pages_.NotFound();
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  std::optional<std::int64_t> version = web::ParseId(form.Get("version"));
  if (!version) return Refused(base::Error::Invalid("The form lost track of the article's version; reload the page.", "version"));
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), id, revision, version] {
    base::Result<newsroom::Story> restored = s_.newsroom.Restore(visitor.account, *id, *revision, *version);
    if (!restored.ok()) {
      const base::Error& error = restored.error();
      if (error.code == base::ErrorCode::kNotFound) return Refused(error);
      return ShowRevision(request, visitor.account, *id, *revision, http::StatusFor(error.code), pages_.Message(error));
    }
    return web::SeeOther("/admin/articles/" + std::to_string(*id) + "?done=restored");
  });
}

}  // namespace gazette::admin
