// The HTTP/1.1 server: one io_context per thread, connections spread over
// them, keep-alive, request limits, timeouts, graceful drain on shutdown.
// Boost.Beast and Asio stay inside src/http's .cpp files.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "http/router.h"

namespace gazette::http {

// One served request, for the access log.
struct AccessRecord {
  std::string_view remote_address;
  std::string_view method;
  std::string_view target;
  int version = 11;
  int status = 0;
  std::size_t bytes = 0;  // body bytes sent
  std::chrono::microseconds duration{0};
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (see Server::port)
  int threads = 0;            // 0: as many as CPUs this process may run on
  // Waiting for the next request on a kept-alive connection, and reading
  // its headers, must end within this time.
  std::chrono::seconds idle_timeout{30};
  std::chrono::seconds body_timeout{60};   // reading a request's body
  std::chrono::seconds write_timeout{60};  // writing a response
  std::chrono::seconds drain_timeout{10};  // in-flight requests on shutdown
  std::size_t max_header_bytes = 16 * 1024;  // larger: 431
  std::size_t max_body_bytes = 1024 * 1024;  // larger: 413
  // Streamed responses (http/stream.h) open at once; more are answered 503
  // with Retry-After. A stream is never closed for being quiet, only for a
  // write stalled past write_timeout.
  int max_streams = 1000;
  std::function<void(const AccessRecord&)> access_log;  // empty: no access log
  // Headers every answer carries, the server's own refusals (400, 431...)
  // included: security policy and the like.
  std::vector<std::pair<std::string, std::string>> common_headers;
};

// The CPUs the process may run on (its affinity mask), at least 1.
int AvailableCpus();

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Fails with a message naming the address when it is
  // taken or invalid.
  base::Status Listen();
  // The bound port (useful with port 0). Valid after Listen().
  std::uint16_t port() const;
  int threads() const;

  // Serves until Shutdown() (or SIGTERM/SIGINT when `handle_signals`), then
  // stops accepting, lets in-flight requests finish (up to drain_timeout),
  // closes idle connections and returns.
  void Run(bool handle_signals);

  // Starts the graceful shutdown. Thread-safe; safe to call more than once.
  void Shutdown();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette::http
