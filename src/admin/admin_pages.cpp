#include "admin/admin_pages.h"

#include "render/time_labels.h"

namespace gazette::admin {
namespace {

using accounts::Action;

// The newsroom's bar: where each role may go.
struct NavItem {
  const char* path;
  const char* text_key;
  Action action;
};

constexpr NavItem kNav[] = {
    {"/admin", "admin_articles", Action::kWriteArticles},
    {"/admin/articles/new", "admin_new_article", Action::kWriteArticles},
    {"/admin/sections", "admin_sections", Action::kManageTaxonomy},
    {"/admin/tags", "admin_tags", Action::kManageTaxonomy},
    {"/admin/staff", "admin_staff", Action::kManageStaff},
    {"/admin/settings", "admin_settings", Action::kManageSettings},
    {"/admin/tokens", "admin_tokens", Action::kManageTokens},
    {"/admin/webhooks", "admin_webhooks", Action::kManageWebhooks},
    {"/admin/audit", "admin_audit", Action::kViewAudit},
    {"/moderation", "moderation", Action::kModerate},
};

// Whether the page at `path` belongs under the bar's item `item`.
bool Under(std::string_view path, std::string_view item) {
  if (item == "/admin") return path == "/admin" || (path.starts_with("/admin/articles/") && path != "/admin/articles/new");
  return path == item || path.starts_with(std::string(item) + "/");
}

}  // namespace

std::string SafeAdminNext(std::string_view next) {
  if (next != "/admin" && !next.starts_with("/admin/") && !next.starts_with("/admin?")) return "/admin";
  if (next.size() > 500 || next.starts_with("/admin/signin") || next.starts_with("/admin/signout")) return "/admin";
  for (unsigned char c : next) {
    if (c < 0x21 || c == 0x7F || c == '\\') return "/admin";
  }
  return std::string(next);
}

void AdminPages::AddRoutes(http::Router& router) {
  using R = const http::Request&;
  using P = const http::PathParams&;
  router.Get("/admin", [this](R r, P) { return ArticleList(r); });
  router.Get("/admin/signin", [this](R r, P) { return SignInPage(r); });
  router.Post("/admin/signin", [this](R r, P) { return SignIn(r); });
  router.Post("/admin/signout", [this](R r, P) { return SignOut(r); });

  router.Get("/admin/articles/new", [this](R r, P) { return NewArticle(r); });
  router.Post("/admin/articles", [this](R r, P) { return CreateArticle(r); });
  router.Get("/admin/articles/{id}", [this](R r, P p) { return EditArticle(r, p.Get("id")); });
  router.Post("/admin/articles/{id}", [this](R r, P p) { return ActOnArticle(r, p.Get("id")); });
  router.Post("/admin/preview", [this](R r, P) { return Preview(r); });
  router.Get("/admin/articles/{id}/revisions", [this](R r, P p) { return RevisionList(r, p.Get("id")); });
  router.Get("/admin/articles/{id}/revisions/{rid}",
             [this](R r, P p) { return RevisionPage(r, p.Get("id"), p.Get("rid")); });
  router.Post("/admin/articles/{id}/revisions/{rid}/restore",
              [this](R r, P p) { return Restore(r, p.Get("id"), p.Get("rid")); });

  router.Get("/admin/sections", [this](R r, P) { return Sections(r); });
  router.Post("/admin/sections", [this](R r, P) { return CreateSection(r); });
  router.Post("/admin/sections/{id}/{action}",
              [this](R r, P p) { return SectionAction(r, p.Get("id"), p.Get("action")); });
  router.Get("/admin/tags", [this](R r, P) { return Tags(r); });
  router.Post("/admin/tags", [this](R r, P) { return CreateTag(r); });
  router.Post("/admin/tags/merge", [this](R r, P) { return TagAction(r, "", "merge"); });
  router.Post("/admin/tags/{id}/{action}", [this](R r, P p) { return TagAction(r, p.Get("id"), p.Get("action")); });

  router.Get("/admin/staff", [this](R r, P) { return StaffList(r); });
  router.Post("/admin/staff", [this](R r, P) { return AddStaff(r); });
  router.Post("/admin/staff/{id}/role", [this](R r, P p) { return SetRole(r, p.Get("id")); });
  router.Get("/admin/settings", [this](R r, P) { return SettingsPage(r); });
  router.Post("/admin/settings", [this](R r, P) { return SaveSettings(r); });
  router.Get("/admin/tokens", [this](R r, P) { return TokenList(r); });
  router.Post("/admin/tokens", [this](R r, P) { return CreateToken(r); });
  router.Post("/admin/tokens/{id}/revoke", [this](R r, P p) { return RevokeToken(r, p.Get("id")); });
  router.Get("/admin/webhooks", [this](R r, P) { return WebhookList(r); });
  router.Post("/admin/webhooks", [this](R r, P) { return CreateWebhook(r); });
  router.Get("/admin/webhooks/{id}", [this](R r, P p) { return DeliveryLog(r, p.Get("id")); });
  router.Post("/admin/webhooks/{id}/{action}",
              [this](R r, P p) { return WebhookAction(r, p.Get("id"), p.Get("action")); });
  router.Post("/admin/webhooks/{id}/deliveries/{did}/send-again",
              [this](R r, P p) { return SendAgain(r, p.Get("id"), p.Get("did")); });
  router.Get("/admin/audit", [this](R r, P) { return AuditLog(r); });
}

std::variant<accounts::Visitor, http::Response> AdminPages::Staff(const http::Request& request) const {
  std::optional<accounts::Visitor> visitor = identity_.Visitor(request);
  if (!visitor) {
    // After signing in, come back here; a form's address would answer GET with 405.
    std::string back = request.method == http::Method::kGet ? SafeAdminNext(request.target) : "/admin";
    return web::SeeOther("/admin/signin?next=" + http::QueryEncode(back));
  }
  if (!accounts::IsStaff(visitor->account.role) || visitor->account.service) {
    return Refused(base::Error::Forbidden("The newsroom is for the site's staff; this account is a reader's.")
                       .Keyed("admin_staff_only"));
  }
  return std::move(*visitor);
}

std::variant<accounts::Visitor, http::Response> AdminPages::Allowed(const http::Request& request,
                                                                    accounts::Action action) const {
  auto staff = Staff(request);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  base::Status allowed = accounts::Require(std::get<accounts::Visitor>(staff).account, action);
  if (!allowed.ok()) return Refused(allowed.error());
  return staff;
}

AdminPages::Checked AdminPages::StaffForm(const http::Request& request) const {
  if (!http::HasContentType(request, "application/x-www-form-urlencoded")) {
    return Refused(base::Error::Invalid("Send this form from its page.").Keyed("form_type"));
  }
  std::optional<http::Form> form = http::Form::Parse(request.body);
  if (!form) return Refused(base::Error::Invalid("The form could not be read.").Keyed("form_bad"));
  base::Status csrf = identity_.CheckCsrf(request, form->Get("csrf"));
  if (!csrf.ok()) return Refused(csrf.error());
  auto staff = Staff(request);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  return std::make_pair(std::get<accounts::Visitor>(std::move(staff)), std::move(*form));
}

http::Response AdminPages::Page(const http::Request& request, const accounts::Account* actor, int status,
                                std::string_view tpl, web::PageFrame frame,
                                const std::function<void(render::Dict&)>& fill) const {
  web::Identity::Csrf csrf = identity_.CsrfToken(request);
  frame.personal = true;
  frame.noindex = true;
  std::string here = frame.path.substr(0, frame.path.find('?'));
  http::Response response = pages_.Render(status, tpl, frame, [&](render::Dict& content) {
    content.SetGlobal("csrf", csrf.token);
    render::Dict bar = content.Include("ADMIN_BAR", "admin_bar.tpl");
    if (actor) {
      render::Dict nav = bar.Add("ADMIN_NAV");
      nav.Set("who", actor->display_name);
      nav.Set("role", pages_.locale().Text(std::string("role_") + accounts::RoleName(actor->role)));
      for (const NavItem& item : kNav) {
        if (!accounts::Allowed(actor->role, item.action)) continue;
        render::Dict link = nav.Add("ADMIN_LINK");
        link.Set("url", item.path).Set("label", pages_.locale().Text(item.text_key));
        if (Under(here, item.path)) link.Show("ADMIN_HERE");
      }
    }
    fill(content);
  });
  if (csrf.set_cookie) response.Add("Set-Cookie", *csrf.set_cookie);
  return response;
}

http::Response AdminPages::Refused(const base::Error& error) const { return pages_.Error(error); }

std::string AdminPages::Text(std::string_view key, std::string_view name, std::string_view value) const {
  std::string text = pages_.locale().Text(key);
  if (!name.empty()) {
    std::string marker = "{" + std::string(name) + "}";
    if (std::size_t at = text.find(marker); at != std::string::npos) text.replace(at, marker.size(), value);
  }
  return text;
}

void AdminPages::SetTime(render::Dict dict, std::string_view prefix, base::Timestamp t) const {
  const base::TimeZone& zone = pages_.settings().zone;
  dict.Set(std::string(prefix) + "_iso", base::FormatIso8601(t, zone));
  dict.Set(std::string(prefix) + "_label", render::TimeLabel(t, pages_.Now(), zone, pages_.locale()));
}

}  // namespace gazette::admin
