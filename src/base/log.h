// Process-wide logging: one line per call, written with a single write(2) so
// lines from several threads never interleave. Application messages go to
// stderr; the HTTP access log has its own sink (see http/access_log.h).
#pragma once

#include <string_view>

namespace gazette::base {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// Messages below this level are dropped. Default: kInfo. Thread-safe.
void SetLogLevel(LogLevel level);

void Log(LogLevel level, std::string_view message);
inline void LogInfo(std::string_view message) { Log(LogLevel::kInfo, message); }
inline void LogWarning(std::string_view message) { Log(LogLevel::kWarning, message); }
inline void LogError(std::string_view message) { Log(LogLevel::kError, message); }

}  // namespace gazette::base
