#include "http/access_log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace gazette::http {
namespace {

// Request targets come from the network: keep control bytes and quotes out
// of the log so a line cannot be forged.
void AppendSafe(std::string& out, std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
}

}  // namespace

std::string FormatAccessLine(const AccessRecord& r, std::string_view time) {
  std::string line;
  line.reserve(128 + r.target.size());
  line.append(r.remote_address).append(" [").append(time).append("] \"");
  AppendSafe(line, r.method);
  line += ' ';
  AppendSafe(line, r.target);
  line.append(r.version == 10 ? " HTTP/1.0\" " : " HTTP/1.1\" ");
  char tail[64];
  std::snprintf(tail, sizeof tail, "%d %zu %.3fms\n", r.status, r.bytes, static_cast<double>(r.duration.count()) / 1000.0);
  line += tail;
  return line;
}

std::function<void(const AccessRecord&)> AccessLogTo(int fd) {
  return [fd](const AccessRecord& record) {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::string line = FormatAccessLine(record, std::string_view(stamp, n));
    ssize_t ignored = ::write(fd, line.data(), line.size());
    (void)ignored;
  };
}

}  // namespace gazette::http
