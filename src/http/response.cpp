#include "http/response.h"

#include <strings.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace gazette::http {

Response& Response::Set(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) {
      existing = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response& Response::Add(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response Response::Later(std::shared_ptr<Deferred> deferred) {
  Response r;
  r.deferred = std::move(deferred);
  return r;
}

Response Response::Streaming(std::shared_ptr<Stream> stream, std::string content_type) {
  Response r;
  r.stream = std::move(stream);
  r.Set("Content-Type", std::move(content_type));
  r.Set("Cache-Control", "no-store");
  r.Set("X-Accel-Buffering", "no");
  return r;
}

void Deferred::Complete(Response response) {
  std::function<void(Response)> done;
  {
    std::lock_guard lock(mutex_);
    if (completed_) return;
    completed_ = true;
    if (!done_) {
      response_ = std::move(response);
      return;
    }
    done = std::move(done_);
  }
  done(std::move(response));
}

void Deferred::OnComplete(std::function<void(Response)> done) {
  Response ready;
  {
    std::lock_guard lock(mutex_);
    if (!response_) {
      done_ = std::move(done);
      return;
    }
    ready = std::move(*response_);
    response_.reset();
  }
  done(std::move(ready));
}

std::string_view Response::Get(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) return value;
  }
  return {};
}

Response Response::Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response Response::Text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  return r;
}

Response Response::Redirect(int status, std::string location) {
  Response r = Text(status, "Moved to " + location + "\n");
  r.Set("Location", std::move(location));
  return r;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

namespace {

// The status line, the handler's headers and the common ones, up to (not
// including) Date.
void AppendHead(const Response& response, const HeaderList& common, std::string& out) {
  out.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ").append(ReasonPhrase(response.status));
  out.append("\r\n");
  for (const auto& [name, value] : response.headers) out.append(name).append(": ").append(value).append("\r\n");
  for (const auto& [name, value] : common) {
    if (response.Get(name).empty()) out.append(name).append(": ").append(value).append("\r\n");
  }
}

// 1xx, 204 and 304 carry no body and so no length.
bool Bodiless(int status) { return status < 200 || status == 204 || status == 304; }

}  // namespace

void SerializeStreamHead(const Response& response, const HeaderList& common, std::string_view date, bool chunked,
                         std::string& out) {
  AppendHead(response, common, out);
  out.append("Date: ").append(date).append("\r\n");
  if (chunked) out.append("Transfer-Encoding: chunked\r\n");
  out.append("Connection: close\r\n\r\n");
}

void Serialize(const Response& response, const HeaderList& common, std::string_view date, bool keep_alive,
               bool head_only, std::string& out) {
  out.reserve(out.size() + 256 + (head_only ? 0 : response.body.size()));
  AppendHead(response, common, out);
  out.append("Date: ").append(date).append("\r\n");
  bool bodiless = Bodiless(response.status);
  if (!bodiless) out.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
  out.append(keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
  out.append("\r\n");
  if (!head_only && !bodiless) out.append(response.body);
}

Prepared Prepare(const Response& response, const HeaderList& common) {
  Prepared p;
  p.status = response.status;
  AppendHead(response, common, p.head);
  if (!Bodiless(response.status)) {
    p.head.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
    p.body = response.body;
  }
  return p;
}

namespace {

std::atomic<long> open_body_files{0};

long BodyFileBudget() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 4096;
  return static_cast<long>(limit.rlim_cur / 4);
}

}  // namespace

std::shared_ptr<const BodyFile> BodyFile::Make(std::string_view body) {
  static const long budget = BodyFileBudget();
  if (open_body_files.fetch_add(1) >= budget) {
    open_body_files.fetch_sub(1);
    return nullptr;
  }
  int fd = memfd_create("gazette-page", MFD_CLOEXEC);
  if (fd < 0) {
    open_body_files.fetch_sub(1);
    return nullptr;
  }
  for (std::size_t written = 0; written < body.size();) {
    ssize_t n = ::write(fd, body.data() + written, body.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      open_body_files.fetch_sub(1);
      return nullptr;
    }
    written += static_cast<std::size_t>(n);
  }
  return std::shared_ptr<const BodyFile>(new BodyFile(fd, body.size()));
}

BodyFile::~BodyFile() {
  ::close(fd_);
  open_body_files.fetch_sub(1);
}

}  // namespace gazette::http
