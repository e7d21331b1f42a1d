// The server over real sockets on 127.0.0.1, with a trivial handler.
#include "http/server.h"
#include "http/stream.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>
#include <thread>

namespace gazette::http {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void Start(ServerOptions options) {
    options.port = 0;
    options.threads = 2;
    options.access_log = [this](const AccessRecord&) { ++logged_; };
    server_ = std::make_unique<Server>(options, [this](const Request& r) {
      if (r.path == "/echo") return Response::Text(200, std::string(r.body));
      if (r.path == "/later" || r.path == "/at-once") {
        // Finished by another thread, later or before the server even waits.
        auto deferred = std::make_shared<Deferred>();
        std::string body = "deferred " + std::string(r.query);
        if (r.path == "/at-once") {
          deferred->Complete(Response::Text(200, body));
        } else {
          std::lock_guard lock(helpers_mutex_);
          helpers_.emplace_back([deferred, body] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            deferred->Complete(Response::Text(200, body));
          });
        }
        return Response::Later(deferred);
      }
      if (r.path == "/stream") {
        // Kept by the test, which pushes to it from its own thread.
        StreamOptions stream_options = stream_options_;
        auto stream = std::make_shared<Stream>(stream_options);
        std::lock_guard lock(helpers_mutex_);
        streams_.push_back(stream);
        return Response::Streaming(stream, "text/event-stream");
      }
      if (r.path == "/throw") throw std::runtime_error("handler bug");
      if (r.path == "/prepared") {
        static const auto prepared = std::make_shared<const Prepared>(
            Prepare(Response::Text(200, "stored bytes"), {{"X-Common", "yes"}}));
        Response answer;
        answer.prepared = prepared;
        return answer;
      }
      if (r.path == "/prepared-file") {
        // Larger than a socket's buffers: sending waits for room.
        static const auto prepared = [] {
          std::string body;
          for (int i = 0; body.size() < 3 * 1024 * 1024; ++i) body += "line " + std::to_string(i) + "\n";
          auto p = std::make_shared<Prepared>(Prepare(Response::Text(200, body), {}));
          p->body_file = BodyFile::Make(p->body);
          return std::shared_ptr<const Prepared>(p);
        }();
        Response answer;
        answer.prepared = prepared;
        return answer;
      }
      return Response::Text(200, "path=" + r.path);
    });
    ASSERT_TRUE(server_->Listen().ok());
    thread_ = std::thread([this] { server_->Run(false); });
  }
  void TearDown() override {
    for (std::thread& t : helpers_) t.join();
    if (server_) server_->Shutdown();
    if (thread_.joinable()) thread_.join();
  }

  int Connect() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_->port());
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
  }
  static void Send(int fd, std::string_view data) { ASSERT_EQ(::send(fd, data.data(), data.size(), MSG_NOSIGNAL), static_cast<ssize_t>(data.size())); }
  // Reads until the peer closes (or 5 s pass).
  static std::string ReadAll(int fd) {
    std::string out;
    char buf[65536];
    for (;;) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  std::string Exchange(std::string_view request) {
    int fd = Connect();
    Send(fd, request);
    std::string out = ReadAll(fd);
    ::close(fd);
    return out;
  }

  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::mutex helpers_mutex_;
  std::vector<std::thread> helpers_;
  std::vector<std::shared_ptr<Stream>> streams_;
  StreamOptions stream_options_;
  std::atomic<int> logged_{0};

  // The stream the handler made for the `n`th request to /stream, once it exists.
  std::shared_ptr<Stream> StreamNumber(std::size_t n) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard lock(helpers_mutex_);
        if (streams_.size() > n) return streams_[n];
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return nullptr;
  }
  // Reads until `needle` shows up, the peer closes, or 5 s pass.
  static std::string ReadUntil(int fd, std::string_view needle) {
    std::string out;
    char buf[4096];
    while (out.find(needle) == std::string::npos) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
};

TEST_F(ServerTest, AnswersAndKeepsConnectionsAlive) {
  Start({});
  int fd = Connect();
  Send(fd, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string out = ReadAll(fd);
  ::close(fd);
  EXPECT_NE(out.find("path=/a"), std::string::npos);
  EXPECT_NE(out.find("Connection: keep-alive"), std::string::npos);
  EXPECT_NE(out.find("path=/b"), std::string::npos);
  EXPECT_NE(out.find("Connection: close"), std::string::npos);
  EXPECT_EQ(logged_.load(), 2);
}

TEST_F(ServerTest, HeadHasTheLengthButNoBody) {
  Start({});
  std::string out = Exchange("HEAD /abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(out.find("Content-Length: 9\r\n"), std::string::npos);
  EXPECT_EQ(out.find("path=/abc"), std::string::npos);
}

TEST_F(ServerTest, PreparedResponsesAreSentAsStoredWithDateAndConnection) {
  Start({});
  int fd = Connect();
  Send(fd, "GET /prepared HTTP/1.1\r\nHost: x\r\n\r\nHEAD /prepared HTTP/1.1\r\nHost: x\r\n\r\n"
           "GET /prepared HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string out = ReadAll(fd);
  ::close(fd);
  std::size_t first = out.find("HTTP/1.1 200 OK\r\n");
  ASSERT_NE(first, std::string::npos);
  std::string one = out.substr(first, out.find("stored bytes") + 12 - first);
  EXPECT_NE(one.find("Content-Type: text/plain; charset=utf-8\r\nX-Common: yes\r\nContent-Length: 12\r\nDate: "),
            std::string::npos);
  EXPECT_NE(one.find(" GMT\r\nConnection: keep-alive\r\n\r\nstored bytes"), std::string::npos);
  // HEAD: the same headers, no body; the last answer closes.
  EXPECT_EQ(std::count(out.begin(), out.end(), 'X'), 3);
  std::size_t bodies = 0;
  for (std::size_t at = out.find("stored bytes"); at != std::string::npos; at = out.find("stored bytes", at + 1)) ++bodies;
  EXPECT_EQ(bodies, 2u);
  EXPECT_NE(out.find("Connection: close\r\n\r\nstored bytes"), std::string::npos);
  EXPECT_EQ(logged_.load(), 3);
}

// A body kept as a file in memory goes out by sendfile: the same bytes,
// after the same head, also when the socket fills up on the way.
TEST_F(ServerTest, PreparedBodiesFromAFileAreSentWhole) {
  Start({});
  int fd = Connect();
  Send(fd, "GET /prepared-file HTTP/1.1\r\nHost: x\r\n\r\nHEAD /prepared-file HTTP/1.1\r\nHost: x\r\n\r\n"
           "GET /prepared-file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string out = ReadAll(fd);
  ::close(fd);
  std::string body;
  for (int i = 0; body.size() < 3 * 1024 * 1024; ++i) body += "line " + std::to_string(i) + "\n";
  std::string length = "Content-Length: " + std::to_string(body.size()) + "\r\n";
  std::size_t first = out.find(" GMT\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_NE(first, std::string::npos);
  first += std::strlen(" GMT\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_EQ(out.compare(first, body.size(), body), 0);
  std::size_t last = out.find(" GMT\r\nConnection: close\r\n\r\n");
  ASSERT_NE(last, std::string::npos);
  last += std::strlen(" GMT\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(out.size() - last, body.size());
  EXPECT_EQ(out.compare(last, body.size(), body), 0);
  std::size_t heads = 0;
  for (std::size_t at = out.find(length); at != std::string::npos; at = out.find(length, at + 1)) ++heads;
  EXPECT_EQ(heads, 3u);  // the HEAD answer too, with the length and no body
}

TEST_F(ServerTest, ReadsBodiesIncludingChunkedAndExpectContinue) {
  Start({});
  EXPECT_NE(Exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello").find("\r\n\r\nhello"),
            std::string::npos);
  EXPECT_NE(Exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                     "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                .find("\r\n\r\nabcde"),
            std::string::npos);
  int fd = Connect();
  Send(fd, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
  char buf[64];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)), "HTTP/1.1 100 Continue\r\n\r\n");
  Send(fd, "ok");
  EXPECT_NE(ReadAll(fd).find("\r\n\r\nok"), std::string::npos);
  ::close(fd);
}

TEST_F(ServerTest, RefusesBadRequestsWithTheRightStatus) {
  ServerOptions options;
  options.max_header_bytes = 2048;
  options.max_body_bytes = 100;
  Start(options);
  EXPECT_EQ(Exchange("GARBAGE\r\n\r\n").rfind("HTTP/1.1 400 ", 0), 0u);
  EXPECT_EQ(Exchange("GET / HTTP/1.1\r\nno colon here\r\n\r\n").rfind("HTTP/1.1 400 ", 0), 0u);
  EXPECT_EQ(Exchange("GET / HTTP/1.1\r\n\r\n").rfind("HTTP/1.1 400 ", 0), 0u);  // no Host
  EXPECT_EQ(Exchange("GET nopath HTTP/1.1\r\nHost: x\r\n\r\n").rfind("HTTP/1.1 400 ", 0), 0u);
  EXPECT_EQ(Exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n").rfind("HTTP/1.1 431 ", 0), 0u);
  EXPECT_EQ(Exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n").rfind("HTTP/1.1 413 ", 0), 0u);
  EXPECT_EQ(Exchange("GET / HTTP/2.0\r\nHost: x\r\n\r\n").rfind("HTTP/1.1 505 ", 0), 0u);
  std::string refused = Exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
  EXPECT_NE(refused.find("Connection: close"), std::string::npos);
}

// Regression: the coroutine waiting for a deferred response freed it twice
// under GCC 12 (found by AddressSanitizer).
TEST_F(ServerTest, DeferredResponsesAreWaitedForWithoutBlocking) {
  Start({});
  int fd = Connect();
  Send(fd, "GET /later?1 HTTP/1.1\r\nHost: x\r\n\r\nGET /at-once?2 HTTP/1.1\r\nHost: x\r\n\r\n"
           "GET /later?3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string out = ReadAll(fd);
  ::close(fd);
  std::size_t first = out.find("deferred 1"), second = out.find("deferred 2"), third = out.find("deferred 3");
  ASSERT_NE(first, std::string::npos) << out;
  ASSERT_NE(second, std::string::npos) << out;
  ASSERT_NE(third, std::string::npos) << out;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  // Meanwhile the thread serves others.
  EXPECT_EQ(Exchange("GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 200 ", 0), 0u);
}

TEST_F(ServerTest, AHandlerExceptionIsA500AndTheServerGoesOn) {
  Start({});
  EXPECT_EQ(Exchange("GET /throw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 500 ", 0), 0u);
  EXPECT_EQ(Exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 200 ", 0), 0u);
}

TEST_F(ServerTest, IdleConnectionsAreClosed) {
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  Start(options);
  int fd = Connect();
  Send(fd, "GET / HT");  // a slow client that never finishes
  auto started = std::chrono::steady_clock::now();
  std::string out = ReadAll(fd);
  auto waited = std::chrono::steady_clock::now() - started;
  ::close(fd);
  EXPECT_TRUE(out.empty());
  EXPECT_LT(waited, std::chrono::seconds(4));
}

TEST_F(ServerTest, ShutdownFinishesTheRequestInFlight) {
  Start({});
  int fd = Connect();
  Send(fd, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server_->Shutdown();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Send(fd, "cd");
  std::string out = ReadAll(fd);
  ::close(fd);
  EXPECT_EQ(out.rfind("HTTP/1.1 200 ", 0), 0u) << out;
  EXPECT_NE(out.find("Connection: close"), std::string::npos);
  EXPECT_NE(out.find("\r\n\r\nabcd"), std::string::npos);
  thread_.join();  // Run returns once the connection is done
}

TEST_F(ServerTest, StreamsChunkedUntilTheProducerCloses) {
  Start({});
  int fd = Connect();
  Send(fd, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::shared_ptr<Stream> stream = StreamNumber(0);
  ASSERT_TRUE(stream);
  std::string head = ReadUntil(fd, "\r\n\r\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 200 ", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Type: text/event-stream\r\n"), std::string::npos);
  EXPECT_NE(head.find("Cache-Control: no-store\r\n"), std::string::npos);
  EXPECT_NE(head.find("X-Accel-Buffering: no\r\n"), std::string::npos);
  EXPECT_NE(head.find("Transfer-Encoding: chunked\r\n"), std::string::npos);
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
  // Pushed from another thread, written as it comes.
  std::thread producer([stream] { EXPECT_TRUE(stream->Push("data: one\n\n")); });
  producer.join();
  std::string first = ReadUntil(fd, "data: one\n\n\r\n");
  EXPECT_NE(first.find("b\r\ndata: one\n\n\r\n"), std::string::npos) << first;
  stream->Push("data: two\n\n");
  stream->Close();
  EXPECT_FALSE(stream->Push("late"));
  std::string rest = ReadAll(fd);
  ::close(fd);
  EXPECT_NE(rest.find("b\r\ndata: two\n\n\r\n0\r\n\r\n"), std::string::npos) << rest;
  EXPECT_EQ(logged_.load(), 1);
}

TEST_F(ServerTest, StreamsToHttp10UntilTheConnectionCloses) {
  Start({});
  int fd = Connect();
  Send(fd, "GET /stream HTTP/1.0\r\n\r\n");
  std::shared_ptr<Stream> stream = StreamNumber(0);
  ASSERT_TRUE(stream);
  stream->Push("data: plain\n\n");
  stream->Close();
  std::string out = ReadAll(fd);
  ::close(fd);
  EXPECT_EQ(out.find("Transfer-Encoding"), std::string::npos) << out;
  EXPECT_NE(out.find("Connection: close\r\n\r\ndata: plain\n\n"), std::string::npos) << out;
}

TEST_F(ServerTest, QuietStreamsGetHeartbeatsAndOutliveTheIdleTimeout) {
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  stream_options_.heartbeat = ": ping\n\n";
  stream_options_.heartbeat_interval = std::chrono::milliseconds(300);
  Start(options);
  int fd = Connect();
  Send(fd, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::shared_ptr<Stream> stream = StreamNumber(0);
  ASSERT_TRUE(stream);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // past two sweeps of the idle timeout
  EXPECT_TRUE(stream->Push("data: still here\n\n"));
  std::string out = ReadUntil(fd, "still here");
  ::close(fd);
  EXPECT_NE(out.find("still here"), std::string::npos) << out;
  std::size_t pings = 0;
  for (std::size_t at = out.find(": ping"); at != std::string::npos; at = out.find(": ping", at + 1)) ++pings;
  EXPECT_GE(pings, 5u) << out;
}

TEST_F(ServerTest, StreamsBeyondTheLimitAreRefusedWith503) {
  ServerOptions options;
  options.max_streams = 1;
  Start(options);
  int first = Connect();
  Send(first, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(StreamNumber(0));
  ReadUntil(first, "\r\n\r\n");
  std::string refused = Exchange("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(refused.rfind("HTTP/1.1 503 ", 0), 0u) << refused;
  EXPECT_NE(refused.find("Retry-After: 5\r\n"), std::string::npos);
  std::shared_ptr<Stream> second = StreamNumber(1);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->closed());  // its producer learns that nobody listens
  // The first reader leaves: the server notices without writing to it, and
  // the place is free again.
  ::close(first);
  std::shared_ptr<Stream> stream = StreamNumber(0);
  for (int i = 0; i < 100 && !stream->closed(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(stream->closed());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  int third = Connect();
  Send(third, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(ReadUntil(third, "\r\n\r\n").rfind("HTTP/1.1 200 ", 0), 0u);
  ::close(third);
}

TEST_F(ServerTest, ASlowReaderIsDroppedInsteadOfPinningMemory) {
  stream_options_.max_queued_bytes = 64 * 1024;
  Start({});
  int fd = Connect();
  int small = 4096;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  Send(fd, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::shared_ptr<Stream> stream = StreamNumber(0);
  ASSERT_TRUE(stream);
  std::string block(16 * 1024, 'x');
  bool refused = false;
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!refused && std::chrono::steady_clock::now() < until) {  // the reader never reads
    refused = !stream->Push(block);
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(refused);
  EXPECT_TRUE(stream->closed());
  ::close(fd);
}

TEST_F(ServerTest, ShutdownEndsOpenStreamsPromptly) {
  Start({});
  int fd = Connect();
  Send(fd, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::shared_ptr<Stream> stream = StreamNumber(0);
  ASSERT_TRUE(stream);
  ReadUntil(fd, "\r\n\r\n");
  auto started = std::chrono::steady_clock::now();
  server_->Shutdown();
  std::string rest = ReadAll(fd);
  ::close(fd);
  thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_NE(rest.find("0\r\n\r\n"), std::string::npos) << rest;  // a clean end
  EXPECT_TRUE(stream->closed());
}

TEST_F(ServerTest, ListenFailsClearlyWhenThePortIsTaken) {
  Start({});
  ServerOptions options;
  options.port = server_->port();
  Server second(options, [](const Request&) { return Response::Text(200, ""); });
  base::Status st = second.Listen();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("127.0.0.1:" + std::to_string(server_->port())), std::string::npos);
}

}  // namespace
}  // namespace gazette::http
