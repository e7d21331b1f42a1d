// Publishes scheduled articles and approved pending edits when they come
// due: a thread that sleeps until the next due time (waking early when
// something new is scheduled, and at least every few seconds for schedules
// made by other nodes), and catches up at once on start after a stop that
// missed some.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "newsroom/newsroom_service.h"

namespace gazette::newsroom {

class Scheduler {
 public:
  // `bus` (optional): "article.scheduled" events wake the scheduler.
  Scheduler(NewsroomService& service, NewsroomReader& store, base::EventBus* bus = nullptr);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void Start();
  void Stop();
  // Look again at what is due (something was scheduled).
  void Wake();

 private:
  void Run();

  NewsroomService& service_;
  NewsroomReader& store_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace gazette::newsroom
