#include "reader/reader.h"

#include "base/text.h"
#include "http/cookies.h"

namespace gazette::reader {

std::string SafeNext(std::string_view next) {
  if (next.empty() || next.front() != '/' || next.size() > 500) return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";  // another host
  for (unsigned char c : next) {
    if (c < 0x21 || c == 0x7F || c == '\\') return "/";
  }
  return std::string(next);
}

void Reader::AddRoutes(http::Router& router) {
  using R = const http::Request&;
  using P = const http::PathParams&;
  router.Get("/account/signup", [this](R r, P) { return SignUpPage(r); });
  router.Post("/account/signup", [this](R r, P) { return SignUp(r); });
  router.Get("/account/signin", [this](R r, P) { return SignInPage(r); });
  router.Post("/account/signin", [this](R r, P) { return SignIn(r); });
  router.Post("/account/signout", [this](R r, P) { return SignOut(r); });
  router.Get("/account", [this](R r, P) { return AccountPage(r); });
  router.Post("/account/password", [this](R r, P) { return ChangePassword(r); });
  router.Post("/account/sessions/{id}/end", [this](R r, P p) { return EndSession(r, p.Get("id")); });
  router.Get("/account/export", [this](R r, P) { return Export(r); });
  router.Post("/account/delete", [this](R r, P) { return DeleteAccount(r); });
  router.Get("/account/confirm", [this](R r, P) { return Confirm(r); });
  router.Post("/account/confirm", [this](R r, P) { return ResendConfirmation(r); });

  router.Get("/news/{id}/comment", [this](R r, P p) { return ComposePage(r, p.Get("id")); });
  router.Post("/news/{id}/comments", [this](R r, P p) { return PostForm(r, p.Get("id")); });
  router.Get("/comments/{id}", [this](R r, P p) { return ActionsPage(r, p.Get("id")); });
  router.Post("/comments/{id}/{action}", [this](R r, P p) { return ActionForm(r, p.Get("id"), p.Get("action")); });

  router.Get("/api/v1/session", [this](R r, P) { return SessionJson(r); });
  router.Post("/api/v1/articles/{id}/comments", [this](R r, P p) { return PostJson(r, p.Get("id")); });
  router.Add(http::Method::kPut, "/api/v1/comments/{id}", [this](R r, P p) { return EditJson(r, p.Get("id")); });
  router.Add(http::Method::kDelete, "/api/v1/comments/{id}", [this](R r, P p) { return DeleteJson(r, p.Get("id")); });
  router.Post("/api/v1/comments/{id}/vote", [this](R r, P p) { return VoteJson(r, p.Get("id")); });
  router.Post("/api/v1/comments/{id}/report", [this](R r, P p) { return ReportJson(r, p.Get("id")); });
}

std::variant<http::Form, http::Response> Reader::CheckedForm(const http::Request& request) const {
  if (!http::HasContentType(request, "application/x-www-form-urlencoded")) {
    return pages_.Error(base::Error::Invalid("Send this form from its page.").Keyed("form_type"));
  }
  std::optional<http::Form> form = http::Form::Parse(request.body);
  if (!form) return pages_.Error(base::Error::Invalid("The form could not be read.").Keyed("form_bad"));
  base::Status csrf = identity_.CheckCsrf(request, form->Get("csrf"));
  if (!csrf.ok()) return pages_.Error(csrf.error());
  return std::move(*form);
}

std::variant<accounts::Visitor, http::Response> Reader::SignedInOrRedirect(const http::Request& request) const {
  std::optional<accounts::Visitor> visitor = identity_.Visitor(request);
  if (visitor) return std::move(*visitor);
  // After signing in, come back to the page; a form's address would answer GET with 405.
  std::string target = request.method == http::Method::kGet ? std::string(request.target) : "/account";
  return web::SeeOther("/account/signin?next=" + http::QueryEncode(SafeNext(target)));
}

http::Response Reader::FormPage(const http::Request& request, int status, std::string_view tpl, web::PageFrame frame,
                                const std::function<void(render::Dict&)>& fill) const {
  web::Identity::Csrf csrf = identity_.CsrfToken(request);
  frame.personal = true;
  frame.noindex = true;
  http::Response response = pages_.Render(status, tpl, frame, [&](render::Dict& content) {
    content.SetGlobal("csrf", csrf.token);
    fill(content);
  });
  if (csrf.set_cookie) response.Add("Set-Cookie", *csrf.set_cookie);
  return response;
}

http::Response Reader::Notice(const http::Request& request, int status, const std::string& heading,
                              const std::string& text, const std::string& link, const std::string& link_text) const {
  web::PageFrame frame;
  frame.title = heading;
  frame.path = std::string(request.path);
  return FormPage(request, status, "notice.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", heading).Set("text", text);
    if (!link.empty()) content.Add("LINK").Set("url", link).Set("label", link_text);
  });
}

}  // namespace gazette::reader
