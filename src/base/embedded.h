// Files compiled into the binary (see cmake/EmbedFiles.cmake).
#pragma once

#include <span>
#include <string_view>

namespace gazette::base {

struct EmbeddedFile {
  std::string_view name;  // the file's name, without folders
  std::string_view data;
};

// The file called `name` in `files`, or null.
inline const EmbeddedFile* FindEmbedded(std::span<const EmbeddedFile> files, std::string_view name) {
  for (const EmbeddedFile& f : files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace gazette::base
