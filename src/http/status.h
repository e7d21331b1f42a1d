// The one place where Gazette's error codes become HTTP statuses.
#pragma once

#include "base/result.h"

namespace gazette::http {

int StatusFor(base::ErrorCode code);

}  // namespace gazette::http
