// The access log: one line per request, in a form close to the common log
// format with the time taken added:
//   127.0.0.1 [2026-11-25T12:48:23Z] "GET /latest HTTP/1.1" 200 5120 0.214ms
#pragma once

#include <string>

#include "http/server.h"

namespace gazette::http {

// Formats one record as a line (with its newline).
std::string FormatAccessLine(const AccessRecord& record, std::string_view time);

// A sink that writes each line to `fd` with one write(2), so lines from
// several threads never interleave.
std::function<void(const AccessRecord&)> AccessLogTo(int fd);

}  // namespace gazette::http
