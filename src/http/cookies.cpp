#include "http/cookies.h"

namespace gazette::http {

std::optional<std::string_view> GetCookie(const Request& request, std::string_view name) {
  for (const auto& [key, header] : request.headers) {
    if (key.size() != 6 || (key[0] | 0x20) != 'c' || (key[1] | 0x20) != 'o' || (key[2] | 0x20) != 'o' ||
        (key[3] | 0x20) != 'k' || (key[4] | 0x20) != 'i' || (key[5] | 0x20) != 'e') {
      continue;
    }
    std::string_view rest = header;
    while (!rest.empty()) {
      std::size_t end = rest.find(';');
      std::string_view pair = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
      std::string_view value = pair.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    }
  }
  return std::nullopt;
}

std::string SetCookieValue(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string out;
  out.append(name).append("=").append(value).append("; Path=/");
  if (o.max_age) out.append("; Max-Age=").append(std::to_string(o.max_age->count()));
  if (o.secure) out.append("; Secure");
  if (o.http_only) out.append("; HttpOnly");
  if (!o.same_site.empty()) out.append("; SameSite=").append(o.same_site);
  return out;
}

}  // namespace gazette::http
