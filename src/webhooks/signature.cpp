#include "webhooks/signature.h"

#include <sodium.h>

#include <stdexcept>

#include "accounts/secrets.h"

namespace gazette::webhooks {

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string(hex, crypto_auth_hmacsha256_BYTES * 2);
}

std::string Sign(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  std::string message = std::to_string(timestamp);
  message += '.';
  message += body;
  return "sha256=" + HmacSha256Hex(secret, message);
}

bool Verify(std::string_view secret, std::string_view signature, std::int64_t timestamp, std::string_view body,
            std::int64_t now, std::chrono::seconds tolerance) {
  std::int64_t age = now - timestamp;
  if (age > tolerance.count() || -age > tolerance.count()) return false;
  return accounts::ConstantTimeEquals(Sign(secret, timestamp, body), signature);
}

std::string NewSecret() { return "whsec_" + accounts::NewToken(); }

}  // namespace gazette::webhooks
