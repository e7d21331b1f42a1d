// Passwords and tokens, with libsodium: Argon2id password hashes (OWASP
// ASVS 5: at least 19 MiB and 2 passes), random 256-bit tokens, and the
// hashes under which tokens are stored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gazette::accounts {

struct PasswordCost {
  std::size_t memory_bytes = 19u * 1024 * 1024;
  unsigned long long passes = 2;
};

// An encoded Argon2id hash ("$argon2id$v=19$m=19456,t=2,p=1$...").
// kInternal when the machine lacks the memory. Takes tens of milliseconds:
// call it off the threads that serve pages.
base::Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost);
// True when `password` matches `hash`. As slow as hashing.
bool VerifyPassword(std::string_view hash, std::string_view password);

// A random token of 32 bytes, base64url without padding (43 characters).
std::string NewToken();
// A random token of 16 bytes, base64url (22 characters): CSRF tokens.
std::string NewShortToken();
// The hash a token is stored under (BLAKE2b-256, hex).
std::string TokenHash(std::string_view token);
// A password a person can type: 20 characters from an unambiguous alphabet.
std::string GeneratePassword();
// Equality that takes the same time wherever the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace gazette::accounts
