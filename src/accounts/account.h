// Reader and staff accounts, and their sign-in sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace gazette::accounts {

using Id = std::int64_t;
using base::Timestamp;

// Readers comment; moderators and admins also moderate. The newsroom adds
// its own roles later.
enum class Role { kReader, kModerator, kAdmin };

const char* RoleName(Role role);  // "reader", "moderator", "admin"
std::optional<Role> ParseRole(std::string_view name);
bool CanModerate(Role role);

struct Account {
  Id id = 0;
  std::string email;         // lower case; empty once deleted
  std::string display_name;  // empty once deleted
  Role role = Role::kReader;
  bool deleted = false;
  bool email_verified = false;
  std::optional<Timestamp> banned_until;  // set while banned from commenting
  std::string ban_reason;
  std::int64_t approved_comments = 0;  // comments a moderator or the pipeline let through
  Timestamp created_at{};

  bool BannedAt(Timestamp now) const { return banned_until && *banned_until > now; }
};

// A ban that never ends is stored as this moment (the year 9999).
inline constexpr std::int64_t kForeverUnixSeconds = 253402300799;

struct Session {
  Id id = 0;  // public: shown in the session list, never the token
  Id account_id = 0;
  std::string token_hash;  // the cookie's token is never stored
  Timestamp created_at{};
  Timestamp last_seen_at{};
  Timestamp expires_at{};
  std::string user_agent;
  std::string ip;
};

}  // namespace gazette::accounts
