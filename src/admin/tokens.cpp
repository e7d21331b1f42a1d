// API tokens (/admin/tokens, admins): create one (the token is shown once,
// on the answer to the form; only its hash is stored), the list, revoking.
#include "admin/admin_pages.h"
#include "http/status.h"
#include "web/offload.h"

namespace gazette::admin {
namespace {

constexpr accounts::Role kTokenRoles[] = {accounts::Role::kAuthor, accounts::Role::kEditor, accounts::Role::kModerator,
                                          accounts::Role::kAdmin};

}  // namespace

http::Response AdminPages::TokenList(const http::Request& request) const {
  auto staff = Allowed(request, accounts::Action::kManageTokens);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  return TokenPage(request, std::get<accounts::Visitor>(staff).account, 200, {}, "", "");
}

http::Response AdminPages::TokenPage(const http::Request& request, const accounts::Account& actor, int status,
                                     const RowError& error, const std::string& made_name,
                                     const std::string& token) const {
  base::Result<std::vector<accounts::ApiToken>> tokens = s_.accounts.Tokens(actor);
  if (!tokens.ok()) return Refused(tokens.error());
  web::PageFrame frame;
  frame.title = Text("admin_tokens");
  frame.path = "/admin/tokens";
  std::optional<std::string> done = request.QueryParam("done");
  return Page(request, &actor, status, "admin_tokens.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    if (done && *done == "revoked" && error.message.empty()) {
      content.Add("TOKEN_NOTICE").Set("message", Text("admin_done_revoked"));
    }
    if (!token.empty()) content.Add("NEW_TOKEN").Set("name", made_name).Set("token", token);
    bool making = error.at == "new" && !error.message.empty();
    content.Set("new_name", making ? error.name : "");
    if (making) {
      content.Add("TOKEN_ERROR").Set("message", error.message);
      content.Show(error.field == "role" ? "TOKEN_ROLE_INVALID" : "TOKEN_NAME_INVALID");
    }
    for (accounts::Role role : kTokenRoles) {
      render::Dict option = content.Add("TOKEN_ROLE");
      option.Set("value", accounts::RoleName(role)).Set("label", Text(std::string("role_") + accounts::RoleName(role)));
      if (making ? error.role == accounts::RoleName(role) : role == accounts::Role::kEditor) option.Show("TOKEN_ROLE_CHOSEN");
    }
    if (tokens->empty()) content.Show("NO_TOKENS");
    for (const accounts::ApiToken& t : *tokens) {
      render::Dict row = content.Add("TOKEN");
      row.Set("id", static_cast<long>(t.id)).Set("name", t.name);
      row.Set("role", Text(std::string("role_") + accounts::RoleName(t.role)));
      SetTime(row, "created", t.created_at);
      if (t.last_used_at) {
        SetTime(row.Add("USED"), "used", *t.last_used_at);
      } else {
        row.Show("NEVER_USED");
      }
      if (t.revoked_at) {
        SetTime(row.Add("REVOKED"), "revoked", *t.revoked_at);
      } else {
        row.Show("CAN_REVOKE");
      }
    }
  });
}

http::Response AdminPages::CreateToken(const http::Request& request) const {
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), form = std::move(form)] {
    const accounts::Account& actor = visitor.account;
    RowError error;
    error.at = "new";
    error.name = form.Get("name");
    error.role = form.Get("role");
    std::optional<accounts::Role> role = accounts::ParseRole(error.role);
    using Made = std::pair<accounts::ApiToken, std::string>;
    base::Result<Made> made = role ? s_.accounts.CreateToken(actor, error.name, *role)
                                   : base::Result<Made>(base::Error::Invalid("Choose the token's role.", "role"));
    if (!made.ok()) {
      const base::Error& e = made.error();
      if (e.code == base::ErrorCode::kForbidden) return Refused(e);
      error.message = pages_.Message(e);
      error.field = e.field;
      return TokenPage(request, actor, http::StatusFor(e.code), error, "", "");
    }
    (void)s_.newsroom.Record(actor, "token.create", "token", made->first.id,
                             made->first.name + " (" + accounts::RoleName(made->first.role) + ")");
    return TokenPage(request, actor, 200, {}, made->first.name, made->second);
  });
}

http::Response AdminPages::RevokeToken(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  return web::Offload(pools_.writes, [this, visitor = std::move(visitor), id] {
    base::Status revoked = s_.accounts.RevokeToken(visitor.account, *id);
    if (!revoked.ok()) return Refused(revoked.error());
    (void)s_.newsroom.Record(visitor.account, "token.revoke", "token", *id, "");
    return web::SeeOther("/admin/tokens?done=revoked");
  });
}

}  // namespace gazette::admin
