// The audit log of staff actions (/admin/audit, editors and admins), newest
// first, a page at a time.
#include "admin/admin_pages.h"

namespace gazette::admin {

http::Response AdminPages::AuditLog(const http::Request& request) const {
  auto staff = Allowed(request, accounts::Action::kViewAudit);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  const accounts::Account& actor = std::get<accounts::Visitor>(staff).account;
  int page = 1;
  if (std::optional<std::string> p = request.QueryParam("page")) {
    std::optional<std::int64_t> n = web::ParseId(*p);
    if (!n || *n > 100000) return Refused(base::Error::Invalid(pages_.locale().Text("bad_page_number")));
    page = static_cast<int>(*n);
  }
  base::Result<std::vector<newsroom::AuditEntry>> entries =
      s_.newsroom.Audit(actor, (page - 1) * kAuditPerPage, kAuditPerPage + 1);
  if (!entries.ok()) return Refused(entries.error());
  bool more = static_cast<int>(entries->size()) > kAuditPerPage;
  if (more) entries->pop_back();
  web::PageFrame frame;
  frame.title = Text("admin_audit");
  frame.path = web::PagedPath("/admin/audit", page);
  return Page(request, &actor, 200, "admin_audit.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    if (entries->empty()) content.Show("AUDIT_EMPTY");
    for (const newsroom::AuditEntry& e : *entries) {
      render::Dict row = content.Add("ENTRY");
      SetTime(row, "when", e.created_at);
      row.Set("who", e.actor_name.empty() ? Text("admin_nobody") : e.actor_name);
      row.Set("action", e.action).Set("detail", e.detail);
      if (e.target_type == "article" && e.target_id > 0) {
        row.Add("ENTRY_ARTICLE").Set("url", "/admin/articles/" + std::to_string(e.target_id));
      }
    }
    if (page > 1) content.Add("NEWER").Set("url", web::PagedPath("/admin/audit", page - 1));
    if (more) content.Add("OLDER").Set("url", web::PagedPath("/admin/audit", page + 1));
  });
}

}  // namespace gazette::admin
