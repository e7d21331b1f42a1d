// Sending one delivery over HTTP(S) with libcurl: a POST that follows no
// redirects, gives up after a timeout, and keeps the start of the answer.
// Behind an interface so that the dispatcher's tests need no network.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gazette::webhooks {

struct HttpPost {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::seconds timeout{10};
};

struct HttpOutcome {
  int status = 0;       // the HTTP status; 0 when none came
  std::string error;    // why none came (connection refused, timeout...)
  std::string excerpt;  // the start of the answer's body, at most 1 KB, valid UTF-8
  std::chrono::milliseconds duration{0};
  bool interrupted = false;  // `stopping` said stop: the attempt does not count
};

// Thread-safe: each Post is independent.
class Transport {
 public:
  virtual ~Transport() = default;
  // `stopping` is asked now and then during the request; true abandons it.
  virtual HttpOutcome Post(const HttpPost& post, const std::function<bool()>& stopping) = 0;
};

// The real one: libcurl, http and https only, no redirects followed.
std::unique_ptr<Transport> CurlTransport();

// `bytes` cut to at most `limit` bytes of valid UTF-8 (not splitting a
// character); "(N bytes of binary data)" when it is not text at all.
std::string Excerpt(std::string_view bytes, std::size_t limit);

}  // namespace gazette::webhooks
