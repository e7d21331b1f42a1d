// Things that happened, for whoever listens: webhooks, live updates. An
// event names what happened and to what ("article.published", 42); the
// listener looks up the rest. Publishers send events after their write
// committed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gazette::base {

struct Event {
  // "article.published", "article.updated", "article.unpublished",
  // "article.scheduled", "comment.created", "comment.approved" (a held or
  // hidden comment that a moderator brought up)
  std::string type;
  std::int64_t id = 0;
  // For comment events, the comment's article when the publisher knows it
  // (0: listeners look it up), and whether readers see the comment (a held
  // one they do not).
  std::int64_t article = 0;
  bool shown = false;
  // A moderator's action (a reader's own edits, votes and reports are not):
  // the page cache renders the changed page before the moderator hears back.
  bool by_moderator = false;
  bool operator==(const Event&) const = default;
};

// Hands each event to every subscriber, on the publisher's thread:
// subscribers queue the event and return, except the page cache's
// invalidation, which renders a few pages for newsroom and moderators'
// actions so that those answer once readers get the new pages from memory.
// Thread-safe.
class EventBus {
 public:
  using Listener = std::function<void(const Event&)>;

  void Subscribe(Listener listener) {
    std::lock_guard lock(mutex_);
    auto more = std::make_shared<std::vector<Listener>>(*listeners_);
    more->push_back(std::move(listener));
    listeners_ = std::move(more);
  }

  // Subscribing replaces the list, so publishing takes it without copying.
  void Publish(const Event& event) const {
    std::shared_ptr<const std::vector<Listener>> listeners;
    {
      std::lock_guard lock(mutex_);
      listeners = listeners_;
    }
    for (const Listener& listener : *listeners) listener(event);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const std::vector<Listener>> listeners_ = std::make_shared<const std::vector<Listener>>();
};

}  // namespace gazette::base
