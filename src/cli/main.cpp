// The gazette command. Exit codes: 0 success, 1 failure (a message on
// stderr), 2 bad usage.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return gazette::cli::Run(args, std::cout, std::cerr);
}
