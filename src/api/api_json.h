// What every endpoint of the JSON API shares: the error shape and its
// statuses, reading request bodies, fields and query parameters, times, and
// the caching headers of the public content API (docs/api.md).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "http/request.h"
#include "http/response.h"

namespace gazette::api {

namespace json = boost::json;
using base::Result;
using base::Status;

// The Cache-Control of the content API's answers: CDNs may keep them a
// minute and serve a stale copy while they fetch a fresh one.
inline constexpr std::string_view kPublicCache = "public, max-age=60, s-maxage=60, stale-while-revalidate=30";

// `value` serialized as JSON, never stored by caches.
http::Response Json(int status, const json::value& value);

// The API's status for an error: http::StatusFor's, except kInvalid, which
// is 422 here (the rest of the site keeps 400 for its forms).
int StatusFor(base::ErrorCode code);

// {"error": {"code", "message", "field"}} (field null when the error names
// none), with Retry-After when the error has one.
http::Response ApiError(const base::Error& error);
// 400 for a body that cannot be read as a JSON object (code "bad_request").
http::Response BadRequest(std::string message);
// 401 with WWW-Authenticate: Bearer (code "unauthorized").
http::Response Unauthorized(std::string message, bool invalid_token);

// The body as a JSON object. An empty (or blank) body is an empty object
// when `empty_ok`. Otherwise nothing, and `problem` says what is wrong.
std::optional<json::object> ParseBody(std::string_view body, bool empty_ok, std::string& problem);

// kInvalid naming the first key of `body` that is not one of `known`.
Status OnlyFields(const json::object& body, std::initializer_list<std::string_view> known, std::string_view what);

// Typed optional fields: nothing when absent, the value when of the right
// type, kInvalid naming the field otherwise. `null` counts as absent for
// strings only where `null_is_empty` (it then reads as "").
Result<std::optional<std::string>> StringField(const json::object& o, std::string_view key, bool null_is_empty = false);
Result<std::optional<bool>> BoolField(const json::object& o, std::string_view key);
Result<std::optional<std::int64_t>> IntField(const json::object& o, std::string_view key);
// A list of strings; null reads as an empty list.
Result<std::optional<std::vector<std::string>>> StringListField(const json::object& o, std::string_view key);

// The whole-number query parameter `name` in [min, max]; `fallback` when
// it is absent; kInvalid naming it otherwise.
Result<int> IntParam(const http::Request& request, std::string_view name, int min, int max, int fallback);

// Paging of every list: ?limit= (1..100, default 20) and ?offset= (0 or more).
inline constexpr int kDefaultLimit = 20;
inline constexpr int kMaxLimit = 100;
struct Paging {
  int limit = kDefaultLimit;
  int offset = 0;
};
Result<Paging> PagingParams(const http::Request& request);

// A moment in a query: an ISO 8601 instant with its offset
// ("2026-11-25T19:29:00+03:00", "...Z") or a date ("2026-11-25", its first
// second in `zone`). kInvalid naming `field` otherwise.
Result<base::Timestamp> ParseMoment(std::string_view text, const base::TimeZone& zone, const std::string& field);
// When to publish: an ISO 8601 instant with its offset, or a wall-clock
// time in `zone` ("2026-11-25T19:29", seconds optional). kInvalid naming "at".
Result<base::Timestamp> ParsePublishTime(std::string_view text, const base::TimeZone& zone);

// A strong entity tag of the body: "\"<32 hex digits>\"".
std::string StrongEtag(std::string_view body);
// Whether an If-None-Match header names `etag` ("*" matches anything;
// the comparison is weak, as RFC 9110 asks for If-None-Match).
bool EtagMatches(std::string_view if_none_match, std::string_view etag);
// Access-Control-Allow-Origin: * (and the ETag readable by scripts).
void AllowAnyOrigin(http::Response& response);
// 200 with `value`, the public cache policy, an ETag and CORS; 304 without
// a body when the request's If-None-Match names the same ETag.
http::Response Public(const http::Request& request, const json::value& value);
// The same for a ready JSON text (the embedded OpenAPI document).
http::Response PublicText(const http::Request& request, std::string body);

}  // namespace gazette::api
