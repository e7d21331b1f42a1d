#include "accounts/permissions.h"

#include <array>

namespace gazette::accounts {

namespace {

constexpr std::array kActions = {Action::kUseNewsroom,    Action::kWriteArticles, Action::kEditAnyArticle,
                                 Action::kPublish,        Action::kManageTaxonomy, Action::kModerate,
                                 Action::kViewAudit,      Action::kManageStaff,   Action::kManageSettings,
                                 Action::kManageTokens,   Action::kManageWebhooks};

}  // namespace

std::span<const Action> AllActions() { return kActions; }

const char* ActionName(Action action) {
  switch (action) {
    case Action::kUseNewsroom: return "use_newsroom";
    case Action::kWriteArticles: return "write_articles";
    case Action::kEditAnyArticle: return "edit_any_article";
    case Action::kPublish: return "publish";
    case Action::kManageTaxonomy: return "manage_taxonomy";
    case Action::kModerate: return "moderate";
    case Action::kViewAudit: return "view_audit";
    case Action::kManageStaff: return "manage_staff";
    case Action::kManageSettings: return "manage_settings";
    case Action::kManageTokens: return "manage_tokens";
    case Action::kManageWebhooks: return "manage_webhooks";
  }
  return "unknown";
}

const char* ActionDescription(Action action) {
  switch (action) {
    case Action::kUseNewsroom: return "use the newsroom";
    case Action::kWriteArticles: return "write articles";
    case Action::kEditAnyArticle: return "edit other people's articles";
    case Action::kPublish: return "publish, schedule or unpublish articles";
    case Action::kManageTaxonomy: return "change sections and tags";
    case Action::kModerate: return "moderate comments";
    case Action::kViewAudit: return "read the audit log";
    case Action::kManageStaff: return "manage staff";
    case Action::kManageSettings: return "change the site's settings";
    case Action::kManageTokens: return "manage API tokens";
    case Action::kManageWebhooks: return "manage webhooks";
  }
  return "do this";
}

bool Allowed(Role role, Action action) {
  switch (role) {
    case Role::kAdmin: return true;
    case Role::kEditor:
      return action == Action::kUseNewsroom || action == Action::kWriteArticles || action == Action::kEditAnyArticle ||
             action == Action::kPublish || action == Action::kManageTaxonomy || action == Action::kModerate ||
             action == Action::kViewAudit;
    case Role::kAuthor: return action == Action::kUseNewsroom || action == Action::kWriteArticles;
    case Role::kModerator: return action == Action::kUseNewsroom || action == Action::kModerate;
    case Role::kReader: return false;
  }
  return false;
}

base::Status Require(const Account& account, Action action) {
  if (!account.deleted && Allowed(account.role, action)) return {};
  return base::Error::Forbidden(std::string("Your role (") + RoleName(account.role) + ") may not " +
                                ActionDescription(action) + ".");
}

Account CommandLine() {
  Account a;
  a.display_name = "command line";
  a.role = Role::kAdmin;
  a.email_verified = true;
  return a;
}

}  // namespace gazette::accounts
