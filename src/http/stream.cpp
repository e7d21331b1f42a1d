#include "http/stream.h"

namespace gazette::http {

bool Stream::Push(std::string_view data) {
  bool accepted = true;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    if (queued_.size() + data.size() > options_.max_queued_bytes) {
      closed_ = true;
      dropped_ = true;
      queued_.clear();
      accepted = false;
    } else {
      queued_.append(data);
    }
  }
  Wake();
  return accepted;
}

void Stream::Close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
  }
  Wake();
}

bool Stream::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

Stream::Taken Stream::Take() {
  std::lock_guard lock(mutex_);
  Taken taken;
  taken.data.swap(queued_);
  taken.closed = closed_;
  taken.dropped = dropped_;
  return taken;
}

void Stream::OnWake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void Stream::Wake() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    wake = wake_;
  }
  if (wake) wake();
}

}  // namespace gazette::http
