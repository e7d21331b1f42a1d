#include "http/server.h"

#include <pthread.h>
#include <sys/resource.h>

#include <sched.h>

#include <ctime>

#include "base/log.h"
#include "http/server_internal.h"

namespace gazette::http {
namespace {

void Sweep(Server::Impl& server, Worker& worker);

void ArmSweep(Server::Impl& server, Worker& worker) {
  worker.sweep.expires_after(kSweepEvery);
  worker.sweep.async_wait([&server, &worker](const boost::system::error_code& ec) {
    if (!ec) Sweep(server, worker);
  });
}

// Once a second: refresh the Date header, close connections past their
// deadline (one coarse timer per thread instead of one per operation) and,
// while draining, close the ones waiting idle and end the streams.
void Sweep(Server::Impl& server, Worker& worker) {
  worker.date = HttpDate(std::chrono::system_clock::now());
  auto now = std::chrono::steady_clock::now();
  worker.now = now;
  bool draining = server.draining.load();
  for (Connection* c : worker.connections) {
    if (now >= c->deadline || (draining && c->state == Connection::State::kIdle)) {
      boost::system::error_code ignored;
      c->socket.close(ignored);
    } else if (draining && c->state == Connection::State::kStreaming && c->stream_wait) {
      c->stream_wait->cancel();  // the stream sees the server draining and ends
    }
  }
  if (draining && worker.connections.empty()) {
    worker.guard.reset();
    return;  // no more sweeps: the io_context runs out of work and returns
  }
  ArmSweep(server, worker);
}

asio::awaitable<void> AcceptLoop(Server::Impl& server) {
  std::size_t next = 0;
  for (;;) {
    Worker& worker = *server.workers[next++ % server.workers.size()];
    auto [ec, socket] = co_await server.acceptor->async_accept(worker.ioc, asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (ec == asio::error::operation_aborted || !server.acceptor->is_open()) co_return;
      base::LogWarning("accept failed: " + ec.message());
      // Out of file descriptors and the like: breathe before trying again.
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    ++server.open_connections;
    asio::co_spawn(worker.ioc, ServeConnection(server, worker, std::move(socket)), asio::detached);
  }
}

}  // namespace

std::string HttpDate(std::chrono::system_clock::time_point now) {
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[40];
  std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string(buf, n);
}

int AvailableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {
  int threads = impl_->options.threads > 0 ? impl_->options.threads : AvailableCpus();
  for (int i = 0; i < threads; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->guard.emplace(worker->ioc.get_executor());
    worker->date = HttpDate(std::chrono::system_clock::now());
    impl_->workers.push_back(std::move(worker));
  }
}

Server::~Server() {
  for (auto& worker : impl_->workers) {
    worker->guard.reset();
    worker->ioc.stop();
    if (worker->thread.joinable()) worker->thread.join();
  }
}

// A server holds a descriptor per connection (and the page cache some per
// large page): the soft limit, often 1,024, is raised to the hard one.
static void RaiseDescriptorLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) base::LogWarning("could not raise the limit of open files");
}

base::Status Server::Listen() {
  RaiseDescriptorLimit();
  const ServerOptions& o = impl_->options;
  std::string where = o.host + ":" + std::to_string(o.port);
  boost::system::error_code ec;
  auto address = asio::ip::make_address(o.host, ec);
  if (ec) return base::Error::Invalid("Cannot listen on " + where + ": \"" + o.host + "\" is not an IP address.", "listen");
  tcp::endpoint endpoint(address, o.port);
  tcp::acceptor acceptor(impl_->workers.front()->ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    base::Error error = base::Error::Invalid("Cannot listen on " + where + ": " + ec.message() + ".", "listen");
    error.code = base::ErrorCode::kUnavailable;
    return error;
  }
  impl_->bound_port = acceptor.local_endpoint().port();
  impl_->acceptor.emplace(std::move(acceptor));
  return {};
}

std::uint16_t Server::port() const { return impl_->bound_port; }
int Server::threads() const { return static_cast<int>(impl_->workers.size()); }

void Server::Run(bool handle_signals) {
  Impl& s = *impl_;
  if (!s.acceptor) {
    base::LogError("Server::Run called before a successful Listen()");
    return;
  }
  Worker& first = *s.workers.front();
  std::optional<asio::signal_set> signals;
  if (handle_signals) {
    signals.emplace(first.ioc, SIGINT, SIGTERM);
    signals->async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) Shutdown();
    });
  }
  asio::co_spawn(first.ioc, AcceptLoop(s), asio::detached);
  for (auto& worker : s.workers) ArmSweep(s, *worker);
  for (std::size_t i = 1; i < s.workers.size(); ++i) {
    Worker& w = *s.workers[i];
    w.thread = std::thread([&w] {
      pthread_setname_np(pthread_self(), "http");
      w.ioc.run();
    });
  }
  // Once draining starts, give in-flight requests drain_timeout, then stop.
  std::thread watchdog([this, &s] {
    while (!s.draining.load()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto until = std::chrono::steady_clock::now() + s.options.drain_timeout;
    while (s.open_connections.load() > 0 && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (auto& worker : s.workers) {
      worker->guard.reset();
      worker->ioc.stop();
    }
  });
  first.ioc.run();
  for (std::size_t i = 1; i < s.workers.size(); ++i) {
    if (s.workers[i]->thread.joinable()) s.workers[i]->thread.join();
  }
  s.draining.store(true);  // releases the watchdog if the loop ended without a shutdown
  watchdog.join();
  if (signals) signals->cancel();
}

void Server::Shutdown() {
  Impl& s = *impl_;
  if (s.draining.exchange(true)) return;
  base::LogInfo("shutting down: finishing requests in flight");
  asio::post(s.workers.front()->ioc, [&s] {
    boost::system::error_code ignored;
    if (s.acceptor) s.acceptor->close(ignored);
  });
  for (auto& worker : s.workers) {
    Worker* w = worker.get();
    asio::post(w->ioc, [&s, w] {
      w->sweep.cancel();
      Sweep(s, *w);
    });
  }
}

}  // namespace gazette::http
