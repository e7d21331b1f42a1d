// Staff (/admin/staff, admins): the list, adding a member (their generated
// password is shown once, on the answer to the form), changing a role.
#include "admin/admin_pages.h"
#include "http/status.h"
#include "web/offload.h"

namespace gazette::admin {
namespace {

constexpr accounts::Role kStaffRoles[] = {accounts::Role::kAuthor, accounts::Role::kEditor, accounts::Role::kModerator,
                                          accounts::Role::kAdmin};

}  // namespace

http::Response AdminPages::StaffList(const http::Request& request) const {
  auto staff = Allowed(request, accounts::Action::kManageStaff);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  return StaffPage(request, std::get<accounts::Visitor>(staff).account, 200, {}, "", "");
}

http::Response AdminPages::StaffPage(const http::Request& request, const accounts::Account& actor, int status,
                                     const RowError& error, const std::string& added,
                                     const std::string& password) const {
  base::Result<std::vector<accounts::Account>> people = s_.accounts.Staff(actor);
  if (!people.ok()) return Refused(people.error());
  web::PageFrame frame;
  frame.title = Text("admin_staff");
  frame.path = "/admin/staff";
  std::optional<std::string> done = request.QueryParam("done");
  return Page(request, &actor, status, "admin_staff.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    if (done && *done == "role" && error.message.empty()) content.Add("STAFF_NOTICE").Set("message", Text("admin_done_role"));
    if (!password.empty()) {
      content.Add("NEW_PASSWORD").Set("email", added).Set("password", password);
    }
    bool adding = error.at == "new" && !error.message.empty();
    content.Set("new_email", adding ? error.email : "").Set("new_name", adding ? error.name : "");
    if (adding) {
      content.Add("ADD_ERROR").Set("message", error.message);
      content.Show(error.field == "display_name" ? "NEW_NAME_INVALID"
                   : error.field == "role"       ? "NEW_ROLE_INVALID"
                                                 : "NEW_EMAIL_INVALID");
    }
    for (accounts::Role role : kStaffRoles) {
      render::Dict option = content.Add("NEW_ROLE");
      option.Set("value", accounts::RoleName(role)).Set("label", Text(std::string("role_") + accounts::RoleName(role)));
      if (adding ? error.role == accounts::RoleName(role) : role == accounts::Role::kAuthor) option.Show("NEW_ROLE_CHOSEN");
    }
    for (const accounts::Account& a : *people) {
      render::Dict row = content.Add("MEMBER");
      row.Set("id", static_cast<long>(a.id)).Set("name", a.display_name).Set("email", a.email);
      row.Set("role", Text(std::string("role_") + accounts::RoleName(a.role)));
      if (a.id == actor.id) row.Show("IS_YOU");
      if (error.at == std::to_string(a.id) && !error.message.empty()) row.Add("MEMBER_ERROR").Set("message", error.message);
      for (accounts::Role role : kStaffRoles) {
        render::Dict option = row.Add("ROLE_CHOICE");
        option.Set("value", accounts::RoleName(role)).Set("label", Text(std::string("role_") + accounts::RoleName(role)));
        if (role == a.role) option.Show("ROLE_CHOSEN");
      }
      row.Add("ROLE_CHOICE").Set("value", "reader").Set("label", Text("admin_role_off_staff"));
    }
  });
}

http::Response AdminPages::AddStaff(const http::Request& request) const {
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  base::Status allowed = accounts::Require(visitor.account, accounts::Action::kManageStaff);
  if (!allowed.ok()) return Refused(allowed.error());
  // The password is hashed: the hashing pool.
  return web::Offload(pools_.hashing, [this, &request, visitor = std::move(visitor), form = std::move(form)] {
    const accounts::Account& actor = visitor.account;
    RowError error;
    error.at = "new";
    error.email = form.Get("email");
    error.name = form.Get("name");
    error.role = form.Get("role");
    std::optional<accounts::Role> role = accounts::ParseRole(error.role);
    base::Result<std::string> password =
        role ? s_.accounts.AddStaff(actor, error.email, error.name, *role)
             : base::Result<std::string>(base::Error::Invalid("Choose a staff role.", "role"));
    if (!password.ok()) {
      const base::Error& e = password.error();
      if (e.code == base::ErrorCode::kForbidden) return Refused(e);
      error.message = pages_.Message(e);
      error.field = e.field;
      return StaffPage(request, actor, http::StatusFor(e.code), error, "", "");
    }
    base::Result<std::string> email = accounts::NormalizeEmail(error.email);
    std::string address = email.ok() ? *email : error.email;
    (void)s_.newsroom.Record(actor, "staff.add", "account", 0, address + " as " + error.role);
    return StaffPage(request, actor, 200, {}, address, *password);
  });
}

http::Response AdminPages::SetRole(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), form = std::move(form), id] {
    const accounts::Account& actor = visitor.account;
    std::string role_name = form.Get("role");
    std::optional<accounts::Role> role = accounts::ParseRole(role_name);
    base::Status done = role ? s_.accounts.SetStaffRole(actor, *id, *role)
                             : base::Status(base::Error::Invalid("Choose a role.", "role"));
    if (!done.ok()) {
      const base::Error& e = done.error();
      if (e.code == base::ErrorCode::kForbidden || e.code == base::ErrorCode::kNotFound) return Refused(e);
      RowError error;
      error.at = std::to_string(*id);
      error.message = pages_.Message(e);
      error.field = e.field;
      return StaffPage(request, actor, http::StatusFor(e.code), error, "", "");
    }
    (void)s_.newsroom.Record(actor, "staff.role", "account", *id, "role " + role_name);
    return web::SeeOther("/admin/staff?done=role");
  });
}

}  // namespace gazette::admin
