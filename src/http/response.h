// An HTTP response as handlers build it. The server adds Date,
// Content-Length and Connection, and leaves the body out for HEAD.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& Set(std::string name, std::string value);
  // The value of a header set on this response, or "".
  std::string_view Get(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(int status, std::string location);
};

// "OK", "Not Found"...; "Unknown" for codes Gazette never sends.
const char* ReasonPhrase(int status);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Appends the status line, the handler's headers, `common` (those the
// response does not set itself), and the server's own (Date,
// Content-Length, Connection) to `out`, then the body unless `head_only`.
void Serialize(const Response& response, const HeaderList& common, std::string_view date, bool keep_alive,
               bool head_only, std::string& out);

}  // namespace gazette::http
