// Internals shared by server.cpp and session.cpp. Include only from there:
// it pulls in Asio and Beast.
#pragma once

#include <atomic>
#include <boost/asio.hpp>
#include <list>
#include <optional>
#include <thread>

#include "http/server.h"

namespace gazette::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

struct Worker;

// How often a worker sweeps its connections (server.cpp: Sweep).
constexpr std::chrono::seconds kSweepEvery{1};

// One connection's bookkeeping, seen by its worker's once-a-second sweep.
struct Connection {
  enum class State { kIdle, kBusy, kStreaming };
  tcp::socket socket;
  State state = State::kIdle;
  SteadyTime deadline{};
  // While streaming: the timer the stream waits on; cancelling it makes the
  // stream look again (at the queue, the peer, the server draining).
  asio::steady_timer* stream_wait = nullptr;
};

// A thread with its own io_context; a connection lives on one worker, so
// nothing about it needs a lock.
// Declared before the io_context, the connection list outlives it: tearing
// down the io_context destroys suspended connections, which unlist themselves.
struct Worker {
  std::list<Connection*> connections;
  std::string date;  // the HTTP Date header's value, refreshed every second
  // The time of the last sweep: the deadlines of requests and idle
  // connections count from it (a clock read less per request), one sweep
  // period later so that none comes before its timeout (Deadline).
  SteadyTime now = std::chrono::steady_clock::now();
  asio::io_context ioc{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::thread thread;
  asio::steady_timer sweep{ioc};
};

// When a connection waiting `timeout` from now is closed at the latest:
// counted from the last sweep, a sweep period later, so that it is never
// closed before `timeout` has passed, and at most two sweeps after.
inline SteadyTime Deadline(const Worker& worker, std::chrono::seconds timeout) {
  return worker.now + timeout + kSweepEvery;
}

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  std::vector<std::unique_ptr<Worker>> workers;
  std::optional<tcp::acceptor> acceptor;
  std::atomic<bool> draining{false};
  std::atomic<int> open_connections{0};
  std::atomic<int> open_streams{0};
  std::uint16_t bound_port = 0;

  Impl(ServerOptions o, Handler h) : options(std::move(o)), handler(std::move(h)) {}
};

// Serves one accepted connection until it closes; runs on `worker`.
asio::awaitable<void> ServeConnection(Server::Impl& server, Worker& worker, tcp::socket socket);

// "Wed, 25 Nov 2026 12:48:23 GMT".
std::string HttpDate(std::chrono::system_clock::time_point now);

}  // namespace gazette::http
