#include "http/form.h"

#include <algorithm>
#include <boost/url/parse_query.hpp>

namespace gazette::http {

std::optional<Form> Form::Parse(std::string_view body) {
  Form form;
  if (body.empty()) return form;
  const std::string text(body);  // Boost.URL 1.81 reads up to a NUL: give it one
  auto parsed = boost::urls::parse_query(boost::core::string_view(text.data(), text.size()));
  if (!parsed) return std::nullopt;
  const boost::urls::encoding_opts plus_is_space(true);
  for (auto param : *parsed) {
    form.fields_.emplace_back(param.key.decode(plus_is_space), param.has_value ? param.value.decode(plus_is_space) : "");
  }
  return form;
}

std::string Form::Get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return {};
}

bool Form::Has(std::string_view name) const {
  return std::any_of(fields_.begin(), fields_.end(), [&](const auto& f) { return f.first == name; });
}

std::string QueryEncode(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool HasContentType(const Request& request, std::string_view media_type) {
  std::string_view type = request.Header("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type.size() != media_type.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    char a = type[i], b = media_type[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string ClientAddress(const Request& request, const std::vector<std::string>& trusted) {
  auto is_trusted = [&](std::string_view address) {
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
  };
  if (!is_trusted(request.remote_address)) return request.remote_address;
  // Walk X-Forwarded-For from the right: the nearest hops were added by our proxies.
  std::string_view forwarded = request.Header("X-Forwarded-For");
  while (!forwarded.empty()) {
    std::size_t comma = forwarded.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
    forwarded = comma == std::string_view::npos ? std::string_view() : forwarded.substr(0, comma);
    while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
    while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
    if (hop.empty()) continue;
    if (!is_trusted(hop)) return std::string(hop);
  }
  return request.remote_address;
}

}  // namespace gazette::http
