#include "http/status.h"

namespace gazette::http {

int StatusFor(base::ErrorCode code) {
  switch (code) {
    case base::ErrorCode::kInvalid: return 400;
    case base::ErrorCode::kNotFound: return 404;
    case base::ErrorCode::kConflict: return 409;
    case base::ErrorCode::kForbidden: return 403;
    case base::ErrorCode::kUnavailable: return 503;
    case base::ErrorCode::kRateLimited: return 429;
    case base::ErrorCode::kInternal: return 500;
  }
  return 500;
}

}  // namespace gazette::http
