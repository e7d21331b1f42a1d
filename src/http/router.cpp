#include "http/router.h"

namespace gazette::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

std::string_view PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return {};
}

void Router::Add(Method method, std::string pattern, RouteHandler handler) {
  Route route{method, {}, std::move(handler)};
  for (std::string_view segment : Segments(pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& parts, PathParams& params) {
  if (parts.size() != route.segments.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& want = route.segments[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      if (parts[i].empty()) return false;
      params.Add(std::string_view(want).substr(1, want.size() - 2), parts[i]);
    } else if (want != parts[i]) {
      return false;
    }
  }
  return true;
}

Response Router::Dispatch(const Request& request) const {
  if (request.method == Method::kOther) {
    return Response::Text(501, "The method " + std::string(request.method_name) + " is not implemented.\n");
  }
  Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  std::string allow;
  std::vector<std::string_view> parts = Segments(request.path);
  for (const Route& route : routes_) {
    PathParams params;
    if (!Match(route, parts, params)) continue;
    if (route.method == wanted) return route.handler(request, params);
    if (!allow.empty()) allow += ", ";
    allow += MethodName(route.method);
    if (route.method == Method::kGet) allow += ", HEAD";
  }
  if (!allow.empty()) {
    Response r = Response::Text(405, "This address does not accept " + std::string(request.method_name) + ".\n");
    r.Set("Allow", allow);
    return r;
  }
  if (not_found_) return not_found_(request);
  return Response::Text(404, "Not found.\n");
}

}  // namespace gazette::http
