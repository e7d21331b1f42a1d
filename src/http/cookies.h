// Cookies: reading the Cookie header and writing Set-Cookie.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"

namespace gazette::http {

// The value of the cookie `name` in the request, if sent.
std::optional<std::string_view> GetCookie(const Request& request, std::string_view name);

struct CookieOptions {
  bool secure = false;        // only over https
  bool http_only = true;      // not readable by scripts
  std::string same_site = "Lax";
  std::optional<std::chrono::seconds> max_age;  // none: a browser-session cookie
};

// A Set-Cookie value with Path=/ (`max_age` zero deletes the cookie).
std::string SetCookieValue(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace gazette::http
