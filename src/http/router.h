// Maps method and path to a handler. Patterns are literal segments and
// "{name}" segments that match one non-empty segment: "/section/{slug}".
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace gazette::http {

// The values of a pattern's "{name}" segments, in order.
class PathParams {
 public:
  std::string_view Get(std::string_view name) const;
  void Add(std::string_view name, std::string_view value) { values_.emplace_back(name, value); }

 private:
  std::vector<std::pair<std::string_view, std::string_view>> values_;
};

using Handler = std::function<Response(const Request&)>;
using RouteHandler = std::function<Response(const Request&, const PathParams&)>;

// Build once at start, then use from any thread.
class Router {
 public:
  // GET routes also answer HEAD (the server drops the body).
  void Get(std::string pattern, RouteHandler handler) { Add(Method::kGet, std::move(pattern), std::move(handler)); }
  void Post(std::string pattern, RouteHandler handler) { Add(Method::kPost, std::move(pattern), std::move(handler)); }
  void Add(Method method, std::string pattern, RouteHandler handler);

  // Answers paths that no route matches (the site's 404 page).
  void SetNotFound(Handler handler) { not_found_ = std::move(handler); }

  // Dispatches: the matching route; 405 with Allow when the path matches
  // under other methods; 501 for methods Gazette does not implement;
  // otherwise the not-found handler.
  Response Dispatch(const Request& request) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;  // "{x}" for parameters
    RouteHandler handler;
  };
  // `parts`: the request path's segments, split once for all routes.
  static bool Match(const Route& route, const std::vector<std::string_view>& parts, PathParams& params);

  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace gazette::http
