// Work that must not hold up the threads serving pages (password hashing,
// durable writes) runs on a worker pool; the connection waits for it
// without blocking its thread.
#pragma once

#include <functional>

#include "base/worker_pool.h"
#include "http/response.h"

namespace gazette::web {

// Runs `work` on `pool` and answers with what it returns. When the pool's
// queue is full, answers 503 with Retry-After at once instead. The request
// the handler got stays valid while `work` runs.
http::Response Offload(base::WorkerPool& pool, std::function<http::Response()> work);

}  // namespace gazette::web
