// The bare server of the cached-page benchmark: the least work any HTTP server can do
// to answer a keep-alive GET with a file's bytes. One thread, epoll, and per
// request one head sent with MSG_MORE and one sendfile(2); no parsing beyond
// counting request ends, no headers read, no Date. `make bench` runs it beside
// Gazette and nginx on the same core with the same bytes: when all three give
// the same figure, the limit is the load generator and the loopback, not the
// server.
//
//   gazette_bare PORT FILE [HEADER]...   (each HEADER a "Name: value" line)
//
// Listens on 127.0.0.1 only. Not part of the product.

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>

namespace {

struct Connection {
  int pending = 0;        // requests received, not yet answered
  std::size_t head_sent = 0;
  off_t body_sent = 0;
  bool answering = false;  // the current answer has started
  int matched = 0;         // how much of "\r\n\r\n" the last bytes matched
};

struct Answer {
  std::string head;
  int file = -1;
  off_t size = 0;
};

// Counts request ends ("\r\n\r\n") in what arrived, across reads.
int CountEnds(Connection& c, const char* data, std::size_t n) {
  static constexpr char kEnd[] = "\r\n\r\n";
  int ends = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (data[i] == kEnd[c.matched]) {
      if (++c.matched == 4) {
        ++ends;
        c.matched = 0;
      }
    } else {
      c.matched = data[i] == '\r' ? 1 : 0;
    }
  }
  return ends;
}

// Sends what is owed; false when the socket is full (wait for EPOLLOUT) or gone.
bool Drain(int fd, Connection& c, const Answer& a) {
  while (c.pending > 0) {
    if (!c.answering) {
      c.answering = true;
      c.head_sent = 0;
      c.body_sent = 0;
    }
    while (c.head_sent < a.head.size()) {
      ssize_t n = send(fd, a.head.data() + c.head_sent, a.head.size() - c.head_sent, MSG_MORE | MSG_NOSIGNAL);
      if (n < 0) return false;
      c.head_sent += static_cast<std::size_t>(n);
    }
    while (c.body_sent < a.size) {
      ssize_t n = sendfile(fd, a.file, &c.body_sent, static_cast<std::size_t>(a.size - c.body_sent));
      if (n < 0) return false;
    }
    c.answering = false;
    --c.pending;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s PORT FILE [HEADER]...\n", argv[0]);
    return 2;
  }
  Answer answer;
  answer.file = open(argv[2], O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (answer.file < 0 || fstat(answer.file, &st) != 0) {
    std::perror(argv[2]);
    return 1;
  }
  answer.size = st.st_size;
  answer.head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                std::to_string(answer.size) + "\r\n";
  for (int i = 3; i < argc; ++i) answer.head += std::string(argv[i]) + "\r\n";
  answer.head += "\r\n";

  int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[1])));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(listener, 1024) != 0) {
    std::perror("listen");
    return 1;
  }
  int poll = epoll_create1(EPOLL_CLOEXEC);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = listener;
  epoll_ctl(poll, EPOLL_CTL_ADD, listener, &event);

  std::unordered_map<int, Connection> connections;
  std::array<epoll_event, 64> ready{};
  std::array<char, 16384> buffer{};
  for (;;) {
    int n = epoll_wait(poll, ready.data(), static_cast<int>(ready.size()), -1);
    for (int i = 0; i < n; ++i) {
      int fd = ready[i].data.fd;
      if (fd == listener) {
        for (int c; (c = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;) {
          setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          epoll_event e{};
          e.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
          e.data.fd = c;
          epoll_ctl(poll, EPOLL_CTL_ADD, c, &e);
          connections[c] = Connection{};
        }
        continue;
      }
      Connection& c = connections[fd];
      bool open = true;
      for (;;) {
        ssize_t got = recv(fd, buffer.data(), buffer.size(), 0);
        if (got > 0) {
          c.pending += CountEnds(c, buffer.data(), static_cast<std::size_t>(got));
          // A short read emptied the socket; edge-triggered epoll reports the next arrival.
          if (static_cast<std::size_t>(got) < buffer.size()) break;
          continue;
        }
        open = got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        break;
      }
      if (open && !Drain(fd, c, answer)) open = errno == EAGAIN || errno == EWOULDBLOCK;
      if (!open) {
        connections.erase(fd);
        close(fd);
      }
    }
  }
}
