#include "web/offload.h"

namespace gazette::web {

http::Response Offload(base::WorkerPool& pool, std::function<http::Response()> work) {
  auto deferred = std::make_shared<http::Deferred>();
  bool queued = pool.TrySubmit([deferred, work = std::move(work)] {
    http::Response response;
    try {
      response = work();
    } catch (const std::exception& e) {
      response = http::Response::Text(500, "Something went wrong on our side.\n");
    }
    deferred->Complete(std::move(response));
  });
  if (!queued) {
    http::Response busy = http::Response::Text(503, "The server is busy. Try again in a moment.\n");
    busy.Set("Retry-After", "2");
    return busy;
  }
  return http::Response::Later(deferred);
}

}  // namespace gazette::web
