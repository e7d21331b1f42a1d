#include "accounts/account.h"

namespace gazette::accounts {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kReader: return "reader";
    case Role::kModerator: return "moderator";
    case Role::kAdmin: return "admin";
  }
  return "reader";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "reader") return Role::kReader;
  if (name == "moderator") return Role::kModerator;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

bool CanModerate(Role role) { return role == Role::kModerator || role == Role::kAdmin; }

}  // namespace gazette::accounts
