#include "web/json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "http/status.h"

namespace gazette::web {

http::Response Json(int status, const boost::json::value& value) {
  http::Response r;
  r.status = status;
  r.body = boost::json::serialize(value);
  r.Set("Content-Type", "application/json");
  r.Set("Cache-Control", "private, no-store");
  return r;
}

http::Response JsonError(const base::Error& error, std::string_view message) {
  boost::json::object body;
  body["code"] = base::ErrorCodeName(error.code);
  body["message"] = message.empty() ? error.message : std::string(message);
  if (!error.field.empty()) body["field"] = error.field;
  if (error.retry_after > 0) body["retry_after"] = error.retry_after;
  http::Response r = Json(http::StatusFor(error.code), boost::json::object{{"error", std::move(body)}});
  if (error.retry_after > 0) r.Set("Retry-After", std::to_string(error.retry_after));
  return r;
}

std::string ScriptSafeJson(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

base::Result<boost::json::object> JsonBody(const http::Request& request) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(boost::json::string_view(request.body.data(), request.body.size()), ec);
  if (ec || !value.is_object()) return base::Error::Invalid("The request's body must be a JSON object.", "body");
  return std::move(value.as_object());
}

std::optional<std::string> JsonString(const boost::json::object& o, std::string_view key) {
  auto it = o.find(boost::json::string_view(key.data(), key.size()));
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().as_string());
}

std::optional<std::int64_t> JsonInt(const boost::json::object& o, std::string_view key) {
  auto it = o.find(boost::json::string_view(key.data(), key.size()));
  if (it == o.end()) return std::nullopt;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64() && it->value().as_uint64() <= INT64_MAX) return static_cast<std::int64_t>(it->value().as_uint64());
  return std::nullopt;
}

}  // namespace gazette::web
