// One connection's life: read a request, answer it, repeat while kept alive.
// Modeled on Beast's advanced server, with a plain socket and the worker's
// coarse sweep in place of a timer per operation.
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "base/hand_offs.h"
#include "base/log.h"
#include "http/server_internal.h"
#include "http/stream.h"

namespace gazette::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
using std::chrono::steady_clock;

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

constexpr std::string_view kKeepAliveLine = "Connection: keep-alive\r\n\r\n";
constexpr std::string_view kCloseLine = "Connection: close\r\n\r\n";

// "Date: <date>\r\n" into `out`; its length.
std::size_t DateLine(std::string_view date, std::array<char, 64>& out) {
  constexpr std::string_view kName = "Date: ";
  std::size_t n = std::min(date.size(), out.size() - kName.size() - 2);
  std::copy(kName.begin(), kName.end(), out.begin());
  std::copy_n(date.begin(), n, out.begin() + kName.size());
  out[kName.size() + n] = '\r';
  out[kName.size() + n + 1] = '\n';
  return kName.size() + n + 2;
}

// Lists the connection with its worker for as long as it lives.
class Listed {
 public:
  Listed(Worker& worker, Connection& c) : worker_(worker) { it_ = worker.connections.insert(worker.connections.end(), &c); }
  ~Listed() { worker_.connections.erase(it_); }
  Listed(const Listed&) = delete;
  Listed& operator=(const Listed&) = delete;

 private:
  Worker& worker_;
  std::list<Connection*>::iterator it_;
};

struct Counted {
  std::atomic<int>& n;
  ~Counted() { --n; }
};

// A read error worth answering (the connection closes after the answer);
// 0 for errors where the peer is gone or went quiet.
int StatusForReadError(const boost::system::error_code& ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message || ec == asio::error::eof ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
      ec == asio::error::bad_descriptor || ec == asio::error::broken_pipe) {
    return 0;
  }
  static const boost::system::error_category& kParseErrors = bhttp::make_error_code(bhttp::error::bad_method).category();
  if (ec.category() == kParseErrors) return 400;
  return 0;
}

// Beast reads only HTTP/1.x: a well-formed request line naming another
// version ("GET / HTTP/2.0") is 505, anything else malformed is 400.
int StatusForBadVersion(const beast::flat_buffer& buffer) {
  std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
  std::string_view line = data.substr(0, data.find("\r\n"));
  std::string_view version = line.substr(line.rfind(' ') == std::string_view::npos ? 0 : line.rfind(' ') + 1);
  bool well_formed = version.size() == 8 && version.starts_with("HTTP/") && std::isdigit(static_cast<unsigned char>(version[5])) &&
                     version[6] == '.' && std::isdigit(static_cast<unsigned char>(version[7]));
  return well_formed && version[5] != '1' ? 505 : 400;
}

std::string MessageFor(int status) {
  switch (status) {
    case 400: return "The request could not be understood.\n";
    case 413: return "The request's body is too large.\n";
    case 431: return "The request's headers are too large.\n";
    case 505: return "Only HTTP/1.0 and HTTP/1.1 are supported.\n";
    default: return std::string(ReasonPhrase(status)) + "\n";
  }
}

std::string RemoteAddress(const tcp::socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("-") : endpoint.address().to_string();
}

// Starts waiting for a Deferred: resumes the coroutine with its response.
struct DeferredInitiation {
  Deferred* deferred;
  const asio::any_io_executor* executor;
  Response* out;
  template <class Handler>
  void operator()(Handler handler) const {
    auto shared = std::make_shared<Handler>(std::move(handler));
    asio::any_io_executor ex = *executor;
    Response* target = out;
    deferred->OnComplete([shared, ex, target](Response response) {
      // Resume on the connection's own thread; responses finished together
      // (a batch of commits) go to it together.
      base::HandOffs::HandOff(
          &asio::query(ex, asio::execution::context), [ex](std::function<void()> fn) { asio::post(ex, std::move(fn)); },
          [shared, target, response = std::move(response)]() mutable {
            *target = std::move(response);
            (*shared)();
          });
    });
  }
};

// Waits, without blocking the thread, for a response finished elsewhere.
//
// The initiation is a named object holding only pointers: GCC 12 can destroy
// temporaries of a co_await expression twice (GCC bug 100611), which
// AddressSanitizer caught when the lambda here owned a shared_ptr.
// A prepared response whose body is a file in memory: the head (status
// line, headers, Date, Connection) with MSG_MORE so that it leaves with the
// body, then the body by sendfile(2): the socket gets the file's pages, not
// a copy. Waits for room in the socket as an asynchronous write would.
asio::awaitable<boost::system::error_code> SendWithFile(tcp::socket& socket, std::array<asio::const_buffer, 3> head,
                                                        const BodyFile& file) {
  if (!socket.native_non_blocking()) {  // once per connection: it is a system call
    boost::system::error_code ec;
    socket.native_non_blocking(true, ec);
    if (ec) co_return ec;
  }
  const int fd = socket.native_handle();
  std::array<iovec, 3> iov{};
  std::size_t parts = 0;
  for (const asio::const_buffer& b : head) {
    iov[parts++] = iovec{const_cast<void*>(b.data()), b.size()};
  }
  std::size_t first = 0;
  while (first < parts) {
    msghdr msg{};
    msg.msg_iov = iov.data() + first;
    msg.msg_iovlen = parts - first;
    ssize_t n = ::sendmsg(fd, &msg, MSG_MORE | MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) co_return boost::system::error_code(errno, boost::system::system_category());
      auto [wait_ec] = co_await socket.async_wait(tcp::socket::wait_write, asio::as_tuple(asio::use_awaitable));
      if (wait_ec) co_return wait_ec;
      continue;
    }
    auto left = static_cast<std::size_t>(n);
    while (first < parts && left >= iov[first].iov_len) left -= iov[first++].iov_len;
    if (first < parts) {
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
      iov[first].iov_len -= left;
    }
  }
  off_t offset = 0;
  while (static_cast<std::size_t>(offset) < file.size()) {
    ssize_t n = ::sendfile(fd, file.fd(), &offset, file.size() - static_cast<std::size_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) co_return boost::system::error_code(errno, boost::system::system_category());
      auto [wait_ec] = co_await socket.async_wait(tcp::socket::wait_write, asio::as_tuple(asio::use_awaitable));
      if (wait_ec) co_return wait_ec;
    } else if (n == 0) {
      co_return boost::system::error_code(EIO, boost::system::system_category());
    }
  }
  co_return boost::system::error_code();
}

asio::awaitable<Response> AwaitDeferred(std::shared_ptr<Deferred> deferred) {
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  Response out;
  DeferredInitiation initiation{deferred.get(), &executor, &out};
  co_await asio::async_initiate<const asio::use_awaitable_t<>, void()>(initiation, asio::use_awaitable);
  co_return out;
}

// What a streamed response's loop, the reader watching its peer and the
// producers' wake-ups share; touched only on the connection's thread.
struct StreamWatch {
  asio::steady_timer* timer = nullptr;  // the loop's wait; null once the stream is over
  bool peer_gone = false;
  bool woken = false;  // a wake-up came while the loop was not waiting (writing, say)
  std::array<char, 512> sink{};
};

void Nudge(StreamWatch& watch) {
  watch.woken = true;
  if (watch.timer) watch.timer->cancel();
}

// Reads (and ignores) what the peer sends while its stream runs, to notice
// at once when it goes away. Touches the socket only while the stream runs.
asio::awaitable<void> WatchPeer(tcp::socket& socket, std::shared_ptr<StreamWatch> watch) {
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(watch->sink), asio::as_tuple(asio::use_awaitable));
    if (!watch->timer) co_return;
    if (ec) {
      watch->peer_gone = true;
      Nudge(*watch);
      co_return;
    }
  }
}

// Ties a stream to its connection for as long as the stream runs, and
// unties it however that ends (the coroutine's frame may also be destroyed
// with its io_context): producers then find it closed and wake nothing.
class StreamAttachment {
 public:
  StreamAttachment(Stream& stream, Connection& c, asio::steady_timer& timer, std::shared_ptr<StreamWatch> watch,
                   const asio::any_io_executor& executor)
      : stream_(stream), c_(c), watch_(std::move(watch)) {
    watch_->timer = &timer;
    c_.state = Connection::State::kStreaming;
    c_.stream_wait = &timer;
    stream_.OnWake([watch = watch_, executor] { asio::post(executor, [watch] { Nudge(*watch); }); });
  }
  ~StreamAttachment() {
    stream_.OnWake({});
    stream_.Close();
    watch_->timer = nullptr;
    c_.stream_wait = nullptr;
    c_.state = Connection::State::kBusy;
  }
  StreamAttachment(const StreamAttachment&) = delete;
  StreamAttachment& operator=(const StreamAttachment&) = delete;

 private:
  Stream& stream_;
  Connection& c_;
  std::shared_ptr<StreamWatch> watch_;
};

void AppendChunk(std::string& out, std::string_view data, bool chunked) {
  if (data.empty()) return;
  if (!chunked) {
    out.append(data);
    return;
  }
  char size[20];
  int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  out.append(size, static_cast<std::size_t>(n)).append(data).append("\r\n");
}

// Writes a streamed response: the head, then what the producer pushes and
// heartbeats in quiet spells, until the producer closes the stream, the
// peer leaves, the peer reads too slowly or the server drains. Returns the
// body bytes written.
asio::awaitable<std::size_t> ServeStream(Server::Impl& server, Worker& worker, Connection& c, Stream& stream,
                                         const Response& response, bool chunked, bool head) {
  const ServerOptions& o = server.options;
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  auto watch = std::make_shared<StreamWatch>();
  std::optional<StreamAttachment> attached;
  attached.emplace(stream, c, timer, watch, executor);
  asio::co_spawn(executor, WatchPeer(c.socket, watch), asio::detached);

  const std::string& heartbeat = stream.options().heartbeat;
  const auto interval = stream.options().heartbeat_interval;
  const bool beats = !heartbeat.empty() && interval.count() > 0;
  std::string out;
  SerializeStreamHead(response, o.common_headers, worker.date, chunked, out);
  std::size_t bytes = 0;
  bool clean = true;
  auto last_write = steady_clock::now();
  for (;;) {
    Stream::Taken taken = stream.Take();
    if (taken.dropped) {  // too far behind: drop the connection
      clean = false;
      break;
    }
    if (!head) {
      AppendChunk(out, taken.data, chunked);
      bytes += taken.data.size();
    }
    if (!out.empty()) {
      c.deadline = steady_clock::now() + o.write_timeout;
      auto [ec, n] = co_await asio::async_write(c.socket, asio::buffer(out), asio::as_tuple(asio::use_awaitable));
      c.deadline = SteadyTime::max();
      if (ec) {
        clean = false;
        break;
      }
      out.clear();
      last_write = steady_clock::now();
    }
    if (head || taken.closed || watch->peer_gone || server.draining.load()) break;
    if (watch->woken) {  // pushed or closed meanwhile: take it before waiting
      watch->woken = false;
      continue;
    }
    timer.expires_at(beats ? last_write + interval : SteadyTime::max());
    auto [wait_ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    watch->woken = false;
    if (!wait_ec && beats && !watch->peer_gone) {
      AppendChunk(out, heartbeat, chunked);
      bytes += heartbeat.size();
    }
  }
  attached.reset();
  if (clean && chunked && !head && !watch->peer_gone) {
    static constexpr std::string_view kLastChunk = "0\r\n\r\n";
    c.deadline = steady_clock::now() + o.write_timeout;
    co_await asio::async_write(c.socket, asio::buffer(kLastChunk), asio::as_tuple(asio::use_awaitable));
  }
  co_return bytes;
}

}  // namespace

asio::awaitable<void> ServeConnection(Server::Impl& server, Worker& worker, tcp::socket socket) {
  Counted counted{server.open_connections};
  const ServerOptions& o = server.options;
  Connection c{std::move(socket)};
  Listed listed(worker, c);
  std::string remote = RemoteAddress(c.socket);
  beast::flat_buffer buffer;
  std::string out;
  bool lingering = false;

  for (;;) {
    if (server.draining.load()) break;
    c.state = Connection::State::kIdle;
    c.deadline = Deadline(worker, o.idle_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(o.max_header_bytes));
    parser.body_limit(o.max_body_bytes);
    auto [read_ec, read_n] = co_await bhttp::async_read_header(c.socket, buffer, parser, asio::as_tuple(asio::use_awaitable));
    c.state = Connection::State::kBusy;
    auto started = o.access_log ? steady_clock::now() : SteadyTime();

    Response response;
    Request request;
    bool close_after = false;
    int error_status = 0;
    if (read_ec) {
      error_status = read_ec == bhttp::error::bad_version ? StatusForBadVersion(buffer) : StatusForReadError(read_ec);
      if (error_status == 0) break;
    } else if (parser.get().version() != 10 && parser.get().version() != 11) {
      error_status = 505;
    } else if (!parser.is_done()) {
      if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        c.deadline = Deadline(worker, o.write_timeout);
        auto [ec, n] = co_await asio::async_write(c.socket, asio::buffer(kContinue), asio::as_tuple(asio::use_awaitable));
        if (ec) break;
      }
      c.deadline = Deadline(worker, o.body_timeout);
      auto [body_ec, body_n] = co_await bhttp::async_read(c.socket, buffer, parser, asio::as_tuple(asio::use_awaitable));
      if (body_ec) {
        error_status = StatusForReadError(body_ec);
        if (error_status == 0) break;
      }
    }

    const auto& message = parser.get();
    if (error_status == 0) {
      request.method_name = View(message.method_string());
      request.method = ParseMethod(request.method_name);
      request.target = View(message.target());
      request.version = static_cast<int>(message.version());
      request.remote_address = remote;
      request.body = message.body();
      request.headers.reserve(16);
      for (const auto& field : message) request.headers.emplace_back(View(field.name_string()), View(field.value()));
      bool host_missing = request.version == 11 && message.find(bhttp::field::host) == message.end();
      if (host_missing || !SplitTarget(request.target, request.path, request.query)) error_status = 400;
    }
    if (error_status != 0) {
      response = Response::Text(error_status, MessageFor(error_status));
      close_after = true;
    } else {
      try {
        response = server.handler(request);
      } catch (const std::exception& e) {
        base::LogError("handler failed on " + std::string(request.target) + ": " + e.what());
        response = Response::Text(500, "Something went wrong on our side.\n");
      }
      if (response.deferred) {
        c.deadline = steady_clock::time_point::max();  // the work has its own bounds
        response = co_await AwaitDeferred(std::move(response.deferred));
      }
    }

    bool head = error_status == 0 && request.method == Method::kHead;
    if (response.stream) {
      std::shared_ptr<Stream> stream = std::move(response.stream);
      bool refused = server.draining.load();
      if (!refused && ++server.open_streams > o.max_streams) {
        --server.open_streams;
        refused = true;
      }
      if (refused) {
        stream->Close();
        response = Response::Text(503, "Too many live connections are open; try again shortly.\n");
        response.Set("Retry-After", "5");
      } else {
        std::size_t sent = co_await ServeStream(server, worker, c, *stream, response, request.version == 11, head);
        --server.open_streams;
        if (o.access_log) {
          AccessRecord record;
          record.remote_address = remote;
          record.method = request.method_name;
          record.target = request.target;
          record.version = request.version;
          record.status = response.status;
          record.bytes = sent;
          record.duration = std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - started);
          o.access_log(record);
        }
        break;  // a stream ends its connection
      }
    }

    bool keep_alive = !close_after && message.keep_alive() && !server.draining.load();
    c.deadline = Deadline(worker, o.write_timeout);
    boost::system::error_code write_ec;
    if (response.prepared) {
      // Sent as stored: only the Date line is copied (onto the stack).
      const Prepared& p = *response.prepared;
      response.status = p.status;
      std::array<char, 64> date;
      std::size_t date_n = DateLine(worker.date, date);
      std::string_view connection = keep_alive ? kKeepAliveLine : kCloseLine;
      bool with_body = !head && !p.bodiless();
      if (with_body && p.body_file) {
        write_ec = co_await SendWithFile(c.socket,
                                         {asio::buffer(p.head), asio::buffer(date.data(), date_n),
                                          asio::buffer(connection.data(), connection.size())},
                                         *p.body_file);
      } else {
        std::array<asio::const_buffer, 4> buffers{asio::buffer(p.head), asio::buffer(date.data(), date_n),
                                                  asio::buffer(connection.data(), connection.size()),
                                                  asio::buffer(with_body ? std::string_view(p.body) : std::string_view())};
        auto [ec, n] = co_await asio::async_write(c.socket, buffers, asio::as_tuple(asio::use_awaitable));
        write_ec = ec;
      }
    } else {
      out.clear();
      Serialize(response, o.common_headers, worker.date, keep_alive, head, out);
      auto [ec, n] = co_await asio::async_write(c.socket, asio::buffer(out), asio::as_tuple(asio::use_awaitable));
      write_ec = ec;
    }
    if (o.access_log) {
      AccessRecord record;
      record.remote_address = remote;
      record.method = error_status == 0 ? request.method_name : std::string_view("-");
      record.target = error_status == 0 ? request.target : std::string_view("-");
      record.version = error_status == 0 ? request.version : 11;
      record.status = response.status;
      record.bytes = head ? 0 : response.prepared ? response.prepared->body.size() : response.body.size();
      record.duration = std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - started);
      o.access_log(record);
    }
    lingering = close_after && !write_ec;
    if (write_ec || !keep_alive) break;
    // The next request is rarely there yet when the answer has just gone:
    // reading at once mostly failed (a third of all receive calls), so the
    // other connections' ready work runs first. A pipelined request is
    // already in the buffer.
    if (buffer.size() == 0) co_await asio::post(c.socket.get_executor(), asio::use_awaitable);
  }

  boost::system::error_code ignored;
  c.socket.shutdown(tcp::socket::shutdown_send, ignored);
  if (lingering) {
    // After refusing a request the peer may still be sending it; reading a
    // little more before closing keeps its socket from resetting before it
    // has read our answer.
    c.deadline = steady_clock::now() + std::chrono::seconds(2);
    std::array<char, 16384> sink;
    for (std::size_t drained = 0; drained < 1024 * 1024;) {
      auto [ec, n] = co_await c.socket.async_read_some(asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
      if (ec) break;
      drained += n;
    }
  }
  c.socket.close(ignored);
}

}  // namespace gazette::http
