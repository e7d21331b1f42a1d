#include "web/visitor.h"

#include "accounts/secrets.h"
#include "http/cookies.h"
#include "http/form.h"

namespace gazette::web {
namespace {

bool SameOrigin(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

base::Error CsrfRefused() {
  return base::Error::Forbidden("This form has expired or came from another site. Reload the page and try again.")
      .Keyed("csrf");
}

}  // namespace

Identity::Identity(accounts::AccountService& accounts, const SiteSettings& settings)
    : accounts_(accounts), settings_(settings) {
  std::string prefix = settings.https() ? "__Host-" : "";
  session_cookie_ = prefix + "gz_session";
  csrf_cookie_ = prefix + "gz_csrf";
}

std::optional<accounts::Visitor> Identity::Visitor(const http::Request& request) const {
  std::optional<std::string_view> token = http::GetCookie(request, session_cookie_);
  if (!token || token->empty()) return std::nullopt;
  base::Result<accounts::Visitor> visitor = accounts_.Authenticate(*token);
  if (!visitor.ok()) return std::nullopt;
  return std::move(*visitor);
}

accounts::ClientInfo Identity::Client(const http::Request& request) const {
  return {http::ClientAddress(request, settings_.trusted_proxies), std::string(request.Header("User-Agent"))};
}

std::string Identity::SessionCookie(const accounts::SignedIn& signed_in) const {
  http::CookieOptions options;
  options.secure = settings_.https();
  options.max_age = std::chrono::duration_cast<std::chrono::seconds>(signed_in.expires_at - base::SystemClock().Now());
  return http::SetCookieValue(session_cookie_, signed_in.token, options);
}

std::string Identity::EndSessionCookie() const {
  http::CookieOptions options;
  options.secure = settings_.https();
  options.max_age = std::chrono::seconds(0);
  return http::SetCookieValue(session_cookie_, "", options);
}

Identity::Csrf Identity::CsrfToken(const http::Request& request) const {
  std::optional<std::string_view> existing = http::GetCookie(request, csrf_cookie_);
  if (existing && existing->size() >= 20 && existing->size() <= 64) return {std::string(*existing), std::nullopt};
  Csrf fresh;
  fresh.token = accounts::NewShortToken();
  http::CookieOptions options;
  options.secure = settings_.https();
  fresh.set_cookie = http::SetCookieValue(csrf_cookie_, fresh.token, options);
  return fresh;
}

base::Status Identity::CheckCsrf(const http::Request& request, std::string_view submitted) const {
  std::string_view origin = request.Header("Origin");
  if (!origin.empty()) {
    if (!SameOrigin(origin, settings_.base_url)) return CsrfRefused();
  } else {
    std::string_view referer = request.Header("Referer");
    std::string base = settings_.base_url + "/";
    if (referer.size() < base.size() || !SameOrigin(referer.substr(0, base.size()), base)) return CsrfRefused();
  }
  std::optional<std::string_view> cookie = http::GetCookie(request, csrf_cookie_);
  if (!cookie || cookie->empty() || !accounts::ConstantTimeEquals(*cookie, submitted)) return CsrfRefused();
  return {};
}

}  // namespace gazette::web
