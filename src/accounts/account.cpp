#include "accounts/account.h"

namespace gazette::accounts {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kReader: return "reader";
    case Role::kAuthor: return "author";
    case Role::kEditor: return "editor";
    case Role::kModerator: return "moderator";
    case Role::kAdmin: return "admin";
  }
  return "reader";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kReader, Role::kAuthor, Role::kEditor, Role::kModerator, Role::kAdmin}) {
    if (name == RoleName(role)) return role;
  }
  return std::nullopt;
}

bool IsStaff(Role role) { return role != Role::kReader; }

bool CanModerate(Role role) { return role == Role::kModerator || role == Role::kEditor || role == Role::kAdmin; }

}  // namespace gazette::accounts
