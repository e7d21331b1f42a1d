// How a delivery is signed, so that its receiver can tell it came from this
// site and was not replayed much later (docs/webhooks.md):
//
//   X-Gazette-Timestamp: T   (Unix seconds when the attempt was made)
//   X-Gazette-Signature: sha256=HEX
//
// where HEX is the lower-case hex HMAC-SHA256, keyed with the webhook's
// secret (its characters as ASCII bytes, "whsec_" prefix included), of the
// bytes of T in decimal, a full stop, and the request body exactly as
// received: HMAC(secret, "T.BODY").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace gazette::webhooks {

// Lower-case hex HMAC-SHA256 of `message` keyed with `key` (any length).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// The X-Gazette-Signature value: "sha256=" + HmacSha256Hex(secret, "T.BODY").
std::string Sign(std::string_view secret, std::int64_t timestamp, std::string_view body);

// What a receiver does: true when `signature` is Sign(secret, timestamp,
// body) (compared in constant time) and `timestamp` is within `tolerance`
// of `now` (both ways), so that a captured request cannot be replayed later.
bool Verify(std::string_view secret, std::string_view signature, std::int64_t timestamp, std::string_view body,
            std::int64_t now, std::chrono::seconds tolerance = std::chrono::minutes(5));

// A new secret: "whsec_" and 32 random bytes in base64url (43 characters).
std::string NewSecret();

}  // namespace gazette::webhooks
