// Parsing the command line and running a subcommand.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace gazette::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Runs `gazette ARGS...`, writing results to `out` and messages to `err`.
// Returns the process exit code.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The text of `gazette --help`.
std::string HelpText();

}  // namespace gazette::cli
