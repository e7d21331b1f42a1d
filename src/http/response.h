// An HTTP response as handlers build it. The server adds Date,
// Content-Length and Connection, and leaves the body out for HEAD.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::http {

class Deferred;
struct Prepared;
class Stream;

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the real response comes later from another thread (see
  // Deferred); the connection waits for it, and the rest of this one is
  // ignored.
  std::shared_ptr<Deferred> deferred;
  // When set, the response as sent before (the page cache): the server
  // writes these bytes as they are, with its own Date and Connection, and
  // the rest of this one is ignored.
  std::shared_ptr<const Prepared> prepared;
  // Set by handlers whose answer is the same for every visitor: what the
  // page shows ("article:42", "list"...), so that a cache in front may keep
  // it until one of them changes. Empty: never cached.
  std::vector<std::string> cache_tags;
  // When what the page shows changes with the clock (today's "19:29"
  // becoming a date at midnight, comments closing): the moment it does.
  std::optional<std::chrono::system_clock::time_point> cache_until;
  // When set, the body is written as the stream's producer pushes it (see
  // http/stream.h), and `body` is ignored.
  std::shared_ptr<Stream> stream;

  // Sets a header, replacing one of the same name.
  Response& Set(std::string name, std::string value);
  // Adds a header even when one of the same name exists (Set-Cookie).
  Response& Add(std::string name, std::string value);
  // The value of a header set on this response, or "".
  std::string_view Get(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(int status, std::string location);
  static Response Later(std::shared_ptr<Deferred> deferred);
  // A streamed body of `content_type`, never stored by caches nor buffered
  // by proxies (Cache-Control: no-store, X-Accel-Buffering: no).
  static Response Streaming(std::shared_ptr<Stream> stream, std::string content_type);
};

// A response that work on another thread finishes: a handler hands it to
// that work and returns Response::Later(it). The request the handler got
// stays valid until Complete is called, because the connection waits.
class Deferred {
 public:
  // Thread-safe; the first call wins.
  void Complete(Response response);
  // Called by the server: `done` runs once, with the response, on the
  // thread that calls Complete (or at once if it already was).
  void OnComplete(std::function<void(Response)> done);

 private:
  std::mutex mutex_;
  std::optional<Response> response_;
  std::function<void(Response)> done_;
  bool completed_ = false;
};

// A response serialized once and sent many times: the status line and the
// headers through Content-Length, then the body. The server adds Date and
// Connection when it sends one, copying nothing.
// The body of a prepared response again, as a file in memory (memfd): the
// server sends it with sendfile(2), so the kernel gives the socket the
// file's pages instead of copying the bytes in, as a static file server does.
class BodyFile {
 public:
  // Null when the system cannot make one, or when a quarter of the
  // process's file descriptors are body files already (connections need the
  // rest): the bytes are then written as usual.
  static std::shared_ptr<const BodyFile> Make(std::string_view body);
  ~BodyFile();
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  int fd() const { return fd_; }
  std::size_t size() const { return size_; }

 private:
  BodyFile(int fd, std::size_t size) : fd_(fd), size_(size) {}
  int fd_;
  std::size_t size_;
};

struct Prepared {
  int status = 200;
  std::string head;
  std::string body;
  std::shared_ptr<const BodyFile> body_file;  // when set, holds `body` too
  // 1xx, 204 and 304 carry no body and so no length.
  bool bodiless() const { return status < 200 || status == 204 || status == 304; }
};

// "OK", "Not Found"...; "Unknown" for codes Gazette never sends.
const char* ReasonPhrase(int status);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Appends the status line, the handler's headers, `common` (those the
// response does not set itself), and the server's own (Date,
// Content-Length, Connection) to `out`, then the body unless `head_only`.
void Serialize(const Response& response, const HeaderList& common, std::string_view date, bool keep_alive,
               bool head_only, std::string& out);

// `response` serialized once for sending many times: its status line and
// headers, `common` (those it does not set itself), Content-Length.
Prepared Prepare(const Response& response, const HeaderList& common);

// The head of a streamed response: like Serialize, but with
// Transfer-Encoding: chunked when `chunked` (HTTP/1.1) and no length (the
// body then ends when the connection closes, for HTTP/1.0).
void SerializeStreamHead(const Response& response, const HeaderList& common, std::string_view date, bool chunked,
                         std::string& out);

}  // namespace gazette::http
