// Live updates for open pages, as Server-Sent Events: the hub hears what
// happened on the event bus, looks each subject up as readers may see it,
// keeps the recent events (for clients that reconnect with Last-Event-ID)
// and sends them to the open streams that asked for them.
//
//   GET /live/news                    new, updated and unpublished articles (event "article")
//   GET /live/comments/{article_id}   new visible comments of an article (event "comment");
//                                     with ?news=1 the article events too, on one connection
//
// docs/live.md describes the protocol.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "base/events.h"
#include "base/worker_pool.h"
#include "comments/comment_store.h"
#include "core/reading.h"
#include "http/router.h"
#include "http/stream.h"

namespace gazette::live {

struct HubOptions {
  std::chrono::seconds heartbeat{20};      // ": ping" after this long without anything else
  std::chrono::milliseconds retry{3000};   // how long browsers wait before reconnecting
  std::size_t recent = 500;                // events kept for clients that reconnect
  std::size_t max_queued_bytes = 1024 * 1024;  // a client this far behind is dropped
};

// The channel of the news stream, and of an article's comments.
inline constexpr std::string_view kNewsChannel = "news";
std::string CommentsChannel(core::Id article_id);

// Thread-safe.
class Hub {
 public:
  // `epoch` tells this run's event ids from those of earlier runs (the
  // process's start in milliseconds).
  Hub(core::ReadingService& reading, comments::CommentReader& comments, HubOptions options, std::int64_t epoch);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Hears `bus` from now on; events are looked up and sent on the hub's
  // own thread, never on the publisher's.
  void Listen(base::EventBus& bus);
  // Looks `event` up and sends it (what the hub's thread does for each).
  void Handle(const base::Event& event);

  // A stream of the `channels`' events, from now on. With `last_event_id`
  // (the Last-Event-ID header of a reconnecting client) it starts with the
  // events since that one, or with a "reset" event when that id is not one
  // the hub still has (too old, or from an earlier run).
  std::shared_ptr<http::Stream> Open(const std::vector<std::string>& channels, std::string_view last_event_id);

  // GET /live/news and GET /live/comments/{article_id}.
  void AddRoutes(http::Router& router);

  // Open streams (those the hub knows to have ended are not counted).
  std::size_t streams();
  // The id of the newest event ("<epoch>-<n>").
  std::string LastId();

 private:
  struct Recent {
    std::uint64_t seq;
    std::string channel;
    std::string text;  // the whole SSE message
  };
  struct Subscriber {
    std::shared_ptr<http::Stream> stream;
    std::vector<std::string> channels;
  };

  void Send(const std::string& channel, std::string_view name, const std::string& data);
  std::string IdOf(std::uint64_t seq) const;
  std::optional<std::uint64_t> ParseId(std::string_view id) const;
  void PruneLocked();
  void Drain();
  // Handle, for one of a batch of events: `articles` holds those the batch read so far.
  using ArticlesRead = std::unordered_map<comments::Id, base::Result<comments::ArticleInfo>>;
  void Handle(const base::Event& event, ArticlesRead& articles);

  core::ReadingService& reading_;
  comments::CommentReader& comments_;
  const HubOptions options_;
  const std::string epoch_;
  std::mutex mutex_;
  std::uint64_t last_seq_ = 0;
  std::deque<Recent> recent_;
  std::vector<Subscriber> subscribers_;
  // Events heard and not yet handled; one job on the thread takes them all,
  // so a batch of comments stored together wakes it once.
  std::mutex pending_mutex_;
  std::vector<base::Event> pending_;
  bool drain_queued_ = false;
  // Last: stopped (its queue finished) before the rest goes.
  base::WorkerPool thread_;
};

}  // namespace gazette::live
