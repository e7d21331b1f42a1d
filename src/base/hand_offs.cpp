#include "base/hand_offs.h"

#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "base/log.h"

namespace gazette::base {

namespace {

struct Held {
  const void* target;
  HandOffs::Post post;
  std::vector<std::function<void()>> fns;
};

struct ThreadHandOffs {
  int open = 0;  // Batches open on this thread
  std::vector<Held> held;
};

thread_local ThreadHandOffs this_thread;

}  // namespace

void HandOffs::HandOff(const void* target, Post post, std::function<void()> fn) {
  if (this_thread.open == 0) return post(std::move(fn));
  for (Held& h : this_thread.held) {
    if (h.target == target) {
      h.fns.push_back(std::move(fn));
      return;
    }
  }
  Held& h = this_thread.held.emplace_back(Held{target, std::move(post), {}});
  h.fns.push_back(std::move(fn));
}

HandOffs::Batch::Batch() { ++this_thread.open; }

HandOffs::Batch::~Batch() {
  if (--this_thread.open > 0) return;
  // What is handed over now goes at once, even if a post hands off more.
  std::vector<Held> held = std::move(this_thread.held);
  this_thread.held.clear();
  for (Held& h : held) {
    try {
      if (h.fns.size() == 1) {
        h.post(std::move(h.fns.front()));
        continue;
      }
      auto fns = std::make_shared<std::vector<std::function<void()>>>(std::move(h.fns));
      h.post([fns] {
        for (auto& fn : *fns) fn();
      });
    } catch (const std::exception& e) {  // a destructor must not throw; the others still go
      LogError(std::string("could not hand work to another thread: ") + e.what());
    }
  }
}

}  // namespace gazette::base
