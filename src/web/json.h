// JSON answers and request bodies for the browser's scripts and API
// clients (Boost.JSON). Errors have one shape everywhere:
//   {"error": {"code": "invalid", "message": "...", "field": "body"}}
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "base/result.h"
#include "http/request.h"
#include "http/response.h"

namespace gazette::web {

// `value` serialized, with the Content-Type and a private, no-store cache policy.
http::Response Json(int status, const boost::json::value& value);
// The error as JSON with its status (and Retry-After when it has one);
// `message` replaces the error's own (a translation) when not empty.
http::Response JsonError(const base::Error& error, std::string_view message = {});

// Serialized JSON made safe to stand inside an HTML <script> element (JSON-LD):
// every < > & becomes \u003c \u003e \u0026, which JSON reads back as the
// same characters, so no "</script>" or "<!--" in a value can end the element.
std::string ScriptSafeJson(std::string_view json);

// The request's body as a JSON object; kInvalid when it is not one.
base::Result<boost::json::object> JsonBody(const http::Request& request);

// Typed fields of a JSON object: nothing when absent or of another type.
std::optional<std::string> JsonString(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> JsonInt(const boost::json::object& o, std::string_view key);

}  // namespace gazette::web
