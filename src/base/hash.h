// Content hashing (BLAKE2b via libsodium) for fingerprints and ETags.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gazette::base {

// The first `hex_chars` hex digits (at most 64) of the BLAKE2b-256 hash of `data`.
std::string HexDigest(std::string_view data, std::size_t hex_chars = 64);

}  // namespace gazette::base
