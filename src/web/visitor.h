// Who is asking, and may they change anything: the session cookie, the
// client's address, and the CSRF defence (a token plus an Origin/Referer
// check) that every state-changing request passes.
#pragma once

#include <optional>
#include <string>

#include "accounts/account_service.h"
#include "http/request.h"
#include "web/pages.h"

namespace gazette::web {

// Thread-safe.
class Identity {
 public:
  Identity(accounts::AccountService& accounts, const SiteSettings& settings);

  // The cookies' names: "__Host-" prefixed when the site is https.
  const std::string& session_cookie() const { return session_cookie_; }
  const std::string& csrf_cookie() const { return csrf_cookie_; }

  // The signed-in visitor, when the request carries a live session cookie.
  std::optional<accounts::Visitor> Visitor(const http::Request& request) const;
  // The address (through trusted proxies) and browser of the request.
  accounts::ClientInfo Client(const http::Request& request) const;

  // Set-Cookie values that start and end a signed-in session.
  std::string SessionCookie(const accounts::SignedIn& signed_in) const;
  std::string EndSessionCookie() const;

  // The request's CSRF token, or a new one with the Set-Cookie that stores it.
  struct Csrf {
    std::string token;
    std::optional<std::string> set_cookie;
  };
  Csrf CsrfToken(const http::Request& request) const;

  // kForbidden unless the request comes from this site (Origin, or else
  // Referer, names it) and `submitted` matches the request's CSRF cookie.
  base::Status CheckCsrf(const http::Request& request, std::string_view submitted) const;

 private:
  accounts::AccountService& accounts_;
  const SiteSettings& settings_;
  std::string session_cookie_;
  std::string csrf_cookie_;
};

}  // namespace gazette::web
