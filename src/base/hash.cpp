#include "base/hash.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace gazette::base {

std::string HexDigest(std::string_view data, std::size_t hex_chars) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, std::min<std::size_t>(hex_chars, 64));
}

}  // namespace gazette::base
