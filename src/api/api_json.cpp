#include "api/api_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "base/hash.h"
#include "base/text.h"
#include "http/status.h"

namespace gazette::api {

using base::Error;

namespace {

json::value const* Find(const json::object& o, std::string_view key) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  return it == o.end() ? nullptr : &it->value();
}

std::string Key(std::string_view key) { return std::string(key); }

http::Response ErrorBody(int status, std::string_view code, std::string message, std::string field,
                         long retry_after = 0) {
  json::object error{{"code", code}, {"message", std::move(message)}};
  error["field"] = field.empty() ? json::value(nullptr) : json::value(field);
  if (retry_after > 0) error["retry_after"] = retry_after;
  http::Response r = Json(status, json::object{{"error", std::move(error)}});
  if (retry_after > 0) r.Set("Retry-After", std::to_string(retry_after));
  return r;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

http::Response Json(int status, const json::value& value) {
  http::Response r;
  r.status = status;
  r.body = json::serialize(value);
  r.Set("Content-Type", "application/json");
  r.Set("Cache-Control", "no-store");
  return r;
}

int StatusFor(base::ErrorCode code) { return code == base::ErrorCode::kInvalid ? 422 : http::StatusFor(code); }

http::Response ApiError(const base::Error& error) {
  return ErrorBody(StatusFor(error.code), base::ErrorCodeName(error.code), error.message, error.field,
                   error.retry_after);
}

http::Response BadRequest(std::string message) { return ErrorBody(400, "bad_request", std::move(message), "body"); }

http::Response Unauthorized(std::string message, bool invalid_token) {
  http::Response r = ErrorBody(401, "unauthorized", std::move(message), "");
  r.Set("WWW-Authenticate",
        invalid_token ? "Bearer realm=\"gazette\", error=\"invalid_token\"" : "Bearer realm=\"gazette\"");
  return r;
}

std::optional<json::object> ParseBody(std::string_view body, bool empty_ok, std::string& problem) {
  if (base::Trim(body).empty()) {
    if (empty_ok) return json::object{};
    problem = "Send a JSON object in the request's body.";
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value value = json::parse(json::string_view(body.data(), body.size()), ec);
  if (ec) {
    problem = "The request's body is not valid JSON (" + ec.message() + ").";
    return std::nullopt;
  }
  if (!value.is_object()) {
    problem = "The request's body must be a JSON object: {...}.";
    return std::nullopt;
  }
  return std::move(value.as_object());
}

Status OnlyFields(const json::object& body, std::initializer_list<std::string_view> known, std::string_view what) {
  for (const auto& entry : body) {
    std::string_view key(entry.key().data(), entry.key().size());
    bool ok = false;
    for (std::string_view k : known) ok = ok || k == key;
    if (!ok) return Error::Invalid("There is no field \"" + Key(key) + "\" in " + std::string(what) + ".", Key(key));
  }
  return {};
}

Result<std::optional<std::string>> StringField(const json::object& o, std::string_view key, bool null_is_empty) {
  const json::value* v = Find(o, key);
  if (!v) return std::optional<std::string>();
  if (v->is_null() && null_is_empty) return std::optional<std::string>(std::string());
  if (!v->is_string()) return Error::Invalid(Key(key) + " must be a string.", Key(key));
  std::string text(v->as_string());
  return std::optional<std::string>(std::move(text));
}

Result<std::optional<bool>> BoolField(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  if (!v) return std::optional<bool>();
  if (!v->is_bool()) return Error::Invalid(Key(key) + " must be true or false.", Key(key));
  return std::optional<bool>(v->as_bool());
}

Result<std::optional<std::int64_t>> IntField(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  if (!v) return std::optional<std::int64_t>();
  if (v->is_int64()) return std::optional<std::int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->as_uint64()));
  }
  if (v->is_double()) {
    double d = v->as_double();
    if (d == static_cast<double>(static_cast<std::int64_t>(d)) && d > -9e15 && d < 9e15) {
      return std::optional<std::int64_t>(static_cast<std::int64_t>(d));
    }
  }
  return Error::Invalid(Key(key) + " must be a whole number.", Key(key));
}

Result<std::optional<std::vector<std::string>>> StringListField(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  if (!v) return std::optional<std::vector<std::string>>();
  std::vector<std::string> out;
  if (v->is_null()) return std::optional<std::vector<std::string>>(std::move(out));
  if (!v->is_array()) return Error::Invalid(Key(key) + " must be a list of names: [\"...\", ...].", Key(key));
  for (const json::value& item : v->as_array()) {
    if (!item.is_string()) return Error::Invalid(Key(key) + " must be a list of names: [\"...\", ...].", Key(key));
    out.emplace_back(item.as_string());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<int> IntParam(const http::Request& request, std::string_view name, int min, int max, int fallback) {
  std::optional<std::string> text = request.QueryParam(name);
  if (!text) return fallback;
  std::string range = std::to_string(min) + (max == INT32_MAX ? " or more" : " to " + std::to_string(max));
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (!AllDigits(*text) || ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return Error::Invalid(Key(name) + " must be a whole number from " + range + ".", Key(name));
  }
  return value;
}

Result<Paging> PagingParams(const http::Request& request) {
  Paging p;
  Result<int> limit = IntParam(request, "limit", 1, kMaxLimit, kDefaultLimit);
  if (!limit.ok()) return std::move(limit).error();
  Result<int> offset = IntParam(request, "offset", 0, INT32_MAX, 0);
  if (!offset.ok()) return std::move(offset).error();
  p.limit = *limit;
  p.offset = *offset;
  return p;
}

Result<base::Timestamp> ParseMoment(std::string_view text, const base::TimeZone& zone, const std::string& field) {
  if (text.size() == 10) {
    Result<base::LocalDate> date = base::ParseLocalDate(text);
    if (date.ok()) return zone.FromLocal(*date, base::LocalTime{});
  } else {
    Result<base::Timestamp> instant = base::ParseIso8601(text);
    if (instant.ok()) return *instant;
  }
  return Error::Invalid(field + " must be a date (2026-11-25, in the site's time zone, " + zone.name() +
                            ") or a time with its offset (2026-11-25T19:29:00+03:00).",
                        field);
}

Result<base::Timestamp> ParsePublishTime(std::string_view text, const base::TimeZone& zone) {
  // A wall-clock time: "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", no offset.
  if ((text.size() == 16 || text.size() == 19) && text[10] == 'T') {
    Result<base::LocalDate> date = base::ParseLocalDate(text.substr(0, 10));
    Result<base::LocalTime> time = base::ParseLocalTime(text.substr(11, 5));
    int seconds = 0;
    bool seconds_ok = text.size() == 16;
    if (text.size() == 19 && text[16] == ':' && AllDigits(text.substr(17, 2))) {
      seconds = (text[17] - '0') * 10 + (text[18] - '0');
      seconds_ok = seconds <= 59;
    }
    if (date.ok() && time.ok() && seconds_ok) {
      base::LocalTime t = *time;
      t.second = seconds;
      return zone.FromLocal(*date, t);
    }
  } else {
    Result<base::Timestamp> instant = base::ParseIso8601(text);
    if (instant.ok()) return *instant;
  }
  return Error::Invalid(
      "at must be a time with its offset (2026-11-25T19:29:00+03:00) or a time in the site's time zone, " +
          zone.name() + " (2026-11-25T19:29).",
      "at");
}

std::string StrongEtag(std::string_view body) { return "\"" + base::HexDigest(body, 32) + "\""; }

bool EtagMatches(std::string_view header, std::string_view etag) {
  auto opaque = [](std::string_view tag) {
    tag = base::Trim(tag);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  std::string_view want = opaque(etag);
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = base::Trim(header.substr(0, comma));
    if (item == "*" || (!item.empty() && opaque(item) == want)) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

void AllowAnyOrigin(http::Response& response) {
  response.Set("Access-Control-Allow-Origin", "*");
  response.Set("Access-Control-Expose-Headers", "ETag");
}

http::Response PublicText(const http::Request& request, std::string body) {
  http::Response r;
  r.Set("Content-Type", "application/json");
  r.Set("Cache-Control", std::string(kPublicCache));
  std::string etag = StrongEtag(body);
  r.Set("ETag", etag);
  AllowAnyOrigin(r);
  if (EtagMatches(request.Header("If-None-Match"), etag)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.body = std::move(body);
  return r;
}

http::Response Public(const http::Request& request, const json::value& value) {
  return PublicText(request, json::serialize(value));
}

}  // namespace gazette::api
