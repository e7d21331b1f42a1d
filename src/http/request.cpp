#include "http/request.h"

#include <boost/url/params_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>

namespace gazette::http {

Method ParseMethod(std::string_view name) {
  if (name == "GET") return Method::kGet;
  if (name == "HEAD") return Method::kHead;
  if (name == "POST") return Method::kPost;
  if (name == "PUT") return Method::kPut;
  if (name == "PATCH") return Method::kPatch;
  if (name == "DELETE") return Method::kDelete;
  if (name == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < key.size() && same; ++i) {
      char a = key[i], b = name[i];
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
      same = a == b;
    }
    if (same) return value;
  }
  return {};
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  if (query.empty()) return std::nullopt;
  auto parsed = boost::urls::parse_query(boost::core::string_view(query.data(), query.size()));
  if (!parsed) return std::nullopt;
  for (auto param : *parsed) {
    if (param.key == name) return param.has_value ? std::string(param.value) : std::string();
  }
  return std::nullopt;
}

bool SplitTarget(std::string_view target, std::string& path, std::string_view& query) {
  auto parsed = boost::urls::parse_origin_form(boost::core::string_view(target.data(), target.size()));
  if (!parsed) return false;
  std::string decoded = parsed->path();
  if (decoded.empty() || decoded.front() != '/' || decoded.find('\0') != std::string::npos) return false;
  path = std::move(decoded);
  query = parsed->has_query() ? std::string_view(parsed->encoded_query()) : std::string_view();
  return true;
}

}  // namespace gazette::http
