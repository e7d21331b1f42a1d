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

// Readers comment. Staff: authors write, editors publish and moderate,
// moderators moderate comments only, admins do everything (the newsroom's
// full matrix is in newsroom/permissions.h and docs/permissions.md).
enum class Role { kReader, kAuthor, kEditor, kModerator, kAdmin };

const char* RoleName(Role role);  // "reader", "author", "editor", "moderator", "admin"
std::optional<Role> ParseRole(std::string_view name);
bool IsStaff(Role role);      // every role but reader: shorter sessions, the /admin sign-in
bool CanModerate(Role role);  // moderators, editors and admins

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
  bool service = false;  // an API token's account: no email, no password, no sign-in

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

// A bearer token for the admin API. It acts as its own service account
// (named after the token, with the token's role); only its hash is stored.
struct ApiToken {
  Id id = 0;
  Id account_id = 0;
  std::string name;
  Role role = Role::kReader;
  Id created_by = 0;  // the admin who made it; 0: the command line
  Timestamp created_at{};
  std::optional<Timestamp> last_used_at;
  std::optional<Timestamp> revoked_at;
};

}  // namespace gazette::accounts
