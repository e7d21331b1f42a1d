// Staff sign in and out of the newsroom. The password rules, throttling
// and the shorter staff sessions are the account service's.
#include "admin/admin_pages.h"
#include "http/cookies.h"
#include "http/status.h"
#include "web/offload.h"

namespace gazette::admin {
namespace {

web::PageFrame SignInFrame(const render::Locale& locale) {
  web::PageFrame frame;
  frame.title = locale.Text("admin_sign_in");
  frame.path = "/admin/signin";
  return frame;
}

}  // namespace

http::Response AdminPages::SignInPage(const http::Request& request) const {
  std::string next = SafeAdminNext(request.QueryParam("next").value_or("/admin"));
  if (std::optional<accounts::Visitor> visitor = identity_.Visitor(request);
      visitor && accounts::IsStaff(visitor->account.role)) {
    return web::SeeOther(next);
  }
  return Page(request, nullptr, 200, "admin_signin.tpl", SignInFrame(pages_.locale()), [&](render::Dict& content) {
    content.Set("next", next);
  });
}

http::Response AdminPages::SignIn(const http::Request& request) const {
  if (!http::HasContentType(request, "application/x-www-form-urlencoded")) {
    return Refused(base::Error::Invalid("Send this form from its page.").Keyed("form_type"));
  }
  std::optional<http::Form> parsed = http::Form::Parse(request.body);
  if (!parsed) return Refused(base::Error::Invalid("The form could not be read.").Keyed("form_bad"));
  base::Status csrf = identity_.CheckCsrf(request, parsed->Get("csrf"));
  if (!csrf.ok()) return Refused(csrf.error());
  return web::Offload(pools_.hashing, [this, &request, form = std::move(*parsed)] {
    std::string email = form.Get("email");
    std::string next = SafeAdminNext(form.Get("next"));
    auto refuse = [&](const base::Error& error) {
      http::Response page =
          Page(request, nullptr, http::StatusFor(error.code), "admin_signin.tpl", SignInFrame(pages_.locale()),
               [&](render::Dict& content) {
                 content.Set("next", next).Set("email", email);
                 content.Add("SIGNIN_ERROR").Set("message", pages_.Message(error));
               });
      if (error.retry_after > 0) page.Set("Retry-After", std::to_string(error.retry_after));
      return page;
    };
    base::Result<accounts::SignedIn> signed_in =
        s_.accounts.SignIn(email, form.Get("password"), identity_.Client(request));
    if (!signed_in.ok()) return refuse(signed_in.error());
    if (!accounts::IsStaff(signed_in->account.role)) {
      // The password was right, but readers have no business here: no session.
      (void)s_.accounts.SignOut(signed_in->token);
      return refuse(base::Error::Forbidden("This is a reader's account: the newsroom is for the site's staff. "
                                           "Readers sign in on the site's own sign-in page.")
                        .Keyed("admin_reader_refused"));
    }
    // A new token at every sign-in; the browser's earlier session ends.
    if (auto old = http::GetCookie(request, identity_.session_cookie()); old && !old->empty()) {
      (void)s_.accounts.SignOut(*old);
    }
    http::Response done = web::SeeOther(next);
    done.Add("Set-Cookie", identity_.SessionCookie(*signed_in));
    return done;
  });
}

http::Response AdminPages::SignOut(const http::Request& request) const {
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  if (auto token = http::GetCookie(request, identity_.session_cookie()); token && !token->empty()) {
    (void)s_.accounts.SignOut(*token);
  }
  http::Response done = web::SeeOther("/admin/signin");
  done.Add("Set-Cookie", identity_.EndSessionCookie());
  return done;
}

}  // namespace gazette::admin
