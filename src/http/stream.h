// A response written piece by piece for as long as the producer has
// something to say (Server-Sent Events). The handler returns
// Response::Streaming(stream) and keeps the stream; any thread may Push to
// it. The server writes what is pushed, a heartbeat after a quiet spell,
// and ends the response when the producer closes the stream, the peer goes
// away, the peer reads too slowly, or the server shuts down.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace gazette::http {

struct StreamOptions {
  // Bytes written after `heartbeat_interval` without anything else written,
  // so that proxies keep the connection open (": ping\n\n" for SSE); empty
  // or a zero interval: none.
  std::string heartbeat;
  std::chrono::milliseconds heartbeat_interval{0};
  // A reader this far behind is dropped: Push fails and the connection closes.
  std::size_t max_queued_bytes = 256 * 1024;
};

class Stream {
 public:
  explicit Stream(StreamOptions options = {}) : options_(std::move(options)) {}
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // Queues `data` for the client. Thread-safe. False when the stream has
  // ended (closed by either side) or when the queue would pass
  // max_queued_bytes, which ends it.
  bool Push(std::string_view data);
  // Ends the stream once what is queued has been written. Thread-safe.
  void Close();
  bool closed() const;
  const StreamOptions& options() const { return options_; }

  // For the server. What is queued, and whether the stream ended (`closed`)
  // or overflowed (`dropped`: the connection closes without a clean end).
  struct Taken {
    std::string data;
    bool closed = false;
    bool dropped = false;
  };
  Taken Take();
  // `wake` runs, on the pushing thread, after each Push and on Close; an
  // empty function detaches.
  void OnWake(std::function<void()> wake);

 private:
  void Wake();

  const StreamOptions options_;
  mutable std::mutex mutex_;
  std::string queued_;
  bool closed_ = false;
  bool dropped_ = false;
  std::function<void()> wake_;
};

}  // namespace gazette::http
