// Request bodies of HTML forms (application/x-www-form-urlencoded) and the
// client's address behind trusted proxies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.h"

namespace gazette::http {

class Form {
 public:
  // Parses a urlencoded body ('+' is a space); nothing when it is malformed.
  static std::optional<Form> Parse(std::string_view body);

  // The first value of `name`, or "" when absent.
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// `text` percent-encoded for use in a query value.
std::string QueryEncode(std::string_view text);

// True when the request's Content-Type is this media type (parameters such
// as charset are ignored).
bool HasContentType(const Request& request, std::string_view media_type);

// The client's address: the peer's, or, when the peer is one of
// `trusted_proxies`, the last address in X-Forwarded-For that is not one of
// them.
std::string ClientAddress(const Request& request, const std::vector<std::string>& trusted_proxies);

}  // namespace gazette::http
