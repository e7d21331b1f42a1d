// The webhook dispatcher: a thread that turns the events the service queued
// into stored deliveries (one per subscribed webhook, with the payload built
// now), and sends the deliveries that are due, signed, one at a time. A
// delivery is stored before it is sent, so pending ones survive a restart
// and go out after it. 2xx is delivered; anything else (or no answer) is
// tried again with backoff (backoff.h) until max_attempts.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "comments/comment_store.h"
#include "core/content_store.h"
#include "web/pages.h"
#include "webhooks/backoff.h"
#include "webhooks/http_post.h"
#include "webhooks/webhook_service.h"

namespace gazette::webhooks {

struct DispatcherOptions {
  RetryPolicy retry;                 // webhooks.retry_base_seconds, webhooks.max_attempts
  std::chrono::seconds timeout{10};  // webhooks.timeout_seconds, per attempt
  int batch = 20;                    // deliveries read at a time
  std::chrono::seconds poll{5};      // look anyway this often (deliveries queued by another process)
};

class Dispatcher {
 public:
  using SiteSettingsFn = std::function<web::SiteSettings()>;

  // `site` returns the live settings (base URL, time zone) for payloads.
  // `transport`: how to POST; libcurl when null.
  Dispatcher(WebhookService& service, WebhookStore& store, core::ContentReader& content,
             comments::CommentReader& comments, SiteSettingsFn site, const base::Clock& clock,
             DispatcherOptions options, std::unique_ptr<Transport> transport = nullptr);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Runs the thread; Stop stores what is still queued, abandons a request
  // in flight (it stays pending, not counted) and joins.
  void Start();
  void Stop();
  // Look again: something was queued.
  void Wake();

  // The steps of the thread, for tests (never while the thread runs).
  // StoreQueued stores the deliveries of the queued events and returns how
  // many; SendDue sends up to one batch of due deliveries and returns how
  // many were attempted.
  Result<int> StoreQueued();
  Result<int> SendDue();

  // The headers of an attempt at `delivery` made at Unix time `timestamp`.
  static std::vector<std::pair<std::string, std::string>> Headers(const Delivery& delivery, std::string_view secret,
                                                                  std::int64_t timestamp);

 private:
  void Run();
  bool Stopping() const { return stopping_.load(); }
  Attempt Outcome(const Delivery& delivery, const HttpOutcome& http, Timestamp now) const;

  WebhookService& service_;
  WebhookStore& store_;
  core::ContentReader& content_;
  comments::CommentReader& comments_;
  SiteSettingsFn site_;
  const base::Clock& clock_;
  DispatcherOptions options_;
  std::unique_ptr<Transport> transport_;
  std::vector<QueuedEvent> held_;  // taken but not stored (the store failed): tried again first
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;  // guards woken_, thread_
  std::condition_variable wake_;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace gazette::webhooks
