// For the contract suites: a fresh temporary folder per test, named after
// the suite, removed with the object (after the test's stores closed).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace gazette::contract {

class TempDir {
 public:
  explicit TempDir(std::string_view suite) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("gazette-" + std::string(suite) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace gazette::contract
