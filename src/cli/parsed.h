// What the command-line commands share: the parsed arguments, and how a
// command reads a flag and reports a failure. The webhook commands live in
// webhook_command.cpp, the others in commands.cpp.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "app/app.h"
#include "cli/commands.h"

namespace gazette::cli {

// The parsed command line: --flag VALUE (or --flag=VALUE), switches, and
// the rest as positional arguments.
struct Parsed {
  std::string command;
  std::map<std::string, std::string> flags;
  std::set<std::string> switches;
  std::vector<std::string> positional;
};

inline std::optional<std::string> Flag(const Parsed& p, const std::string& name) {
  auto it = p.flags.find(name);
  if (it == p.flags.end()) return std::nullopt;
  return it->second;
}

inline int Fail(std::ostream& err, const std::string& message) {
  err << "gazette: " << message << "\n";
  return kExitFailure;
}

// `gazette webhook add|list|remove|deliveries|send-again`.
int WebhookCommand(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err);

}  // namespace gazette::cli
