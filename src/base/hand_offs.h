// Work handed to other threads, held back while this thread finishes a batch.
//
// A thread that finishes many things at once (the committing thread telling
// twenty posters their comments are durable) would otherwise wake the
// server's thread and the live-updates thread once for each: on a busy core
// each woken thread runs ahead of the rest of the batch, for one item, and
// goes back to sleep. While a Batch is open on a thread, what it hands to the
// same target is joined and handed over once, when the Batch closes.
#pragma once

#include <functional>
#include <vector>

namespace gazette::base {

class HandOffs {
 public:
  // Gives a function to another thread to run there (asio::post, a pool's
  // TrySubmit...).
  using Post = std::function<void(std::function<void()>)>;

  // Hands `fn` to `post` now, or, while a Batch is open on this thread, when
  // it closes: then every function given for the same `target` runs in one
  // call of the first one's `post`, in the order they were given.
  static void HandOff(const void* target, Post post, std::function<void()> fn);

  // Holds this thread's hand-offs until destroyed. Batches may nest: the
  // outermost one hands over.
  class Batch {
   public:
    Batch();
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
  };
};

}  // namespace gazette::base
