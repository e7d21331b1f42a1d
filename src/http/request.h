// An HTTP request as handlers see it: parsed, limits already enforced, the
// path percent-decoded. Views point into the connection's buffers and live
// as long as the handler call.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "POST"...; kOther for any method Gazette does not implement.
Method ParseMethod(std::string_view name);
const char* MethodName(Method method);

struct Request {
  Method method = Method::kGet;
  std::string_view method_name;
  std::string_view target;  // as sent: path and query
  std::string path;         // percent-decoded, starts with '/'
  std::string_view query;   // the raw part after '?', without it
  int version = 11;         // 10 for HTTP/1.0, 11 for HTTP/1.1
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;
  std::string remote_address;

  // The first header of this name (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  // The decoded value of the first query parameter of this name.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

// Splits an origin-form target ("/a%20b?x=1") into its decoded path and raw
// query. False for anything else (absolute-form, bad escapes, NUL bytes).
bool SplitTarget(std::string_view target, std::string& path, std::string_view& query);

}  // namespace gazette::http
