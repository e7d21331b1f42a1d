#include "newsroom/scheduler.h"

#include <pthread.h>

#include "base/log.h"

namespace gazette::newsroom {

namespace {

// How often to look anyway, for schedules made by another node.
constexpr auto kPoll = std::chrono::seconds(5);

}  // namespace

Scheduler::Scheduler(NewsroomService& service, NewsroomReader& store, base::EventBus* bus)
    : service_(service), store_(store) {
  if (bus) {
    bus->Subscribe([this](const base::Event& event) {
      if (event.type == "article.scheduled") Wake();
    });
  }
}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "scheduler");
    Run();
  });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Scheduler::Run() {
  for (;;) {
    auto now = std::chrono::system_clock::now();
    base::Result<int> published = service_.PublishDue(std::chrono::floor<std::chrono::seconds>(now));
    if (!published.ok()) {
      base::LogError("scheduler: " + published.error().message + " " + published.error().detail);
    } else if (*published > 0) {
      base::LogInfo("scheduler: published " + std::to_string(*published) + " due item(s)");
    }
    auto until = std::chrono::system_clock::now() + kPoll;
    base::Result<std::optional<base::Timestamp>> next = store_.NextDue();
    if (next.ok() && *next && *next < until) until = **next;
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, until, [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace gazette::newsroom
