// Who may do what: the permission matrix of staff roles, in one table.
// docs/permissions.md shows the same matrix; permissions_test.cpp walks
// all of it. Services check it, so the admin UI and the admin API refuse
// the same things with the same messages.
#pragma once

#include <span>

#include "accounts/account.h"
#include "base/result.h"

namespace gazette::accounts {

enum class Action {
  kUseNewsroom,      // sign in at /admin, see the article list
  kWriteArticles,    // create articles, edit one's own drafts, submit them for review
  kEditAnyArticle,   // edit anyone's article, published ones too (live at once)
  kPublish,          // publish, schedule, unpublish; approve or send back what was submitted
  kManageTaxonomy,   // sections and tags: create, rename, merge, order
  kModerate,         // reader comments and their authors
  kViewAudit,        // the audit log of staff actions
  kManageStaff,      // add staff, change roles
  kManageSettings,   // the site's settings
  kManageTokens,     // API tokens
  kManageWebhooks,   // webhooks and their delivery log
};

// Every action, in the order above (for the matrix and its test).
std::span<const Action> AllActions();
// "use_newsroom", "write_articles", ...: stable names for docs and errors.
const char* ActionName(Action action);
// What the action lets someone do, for people: "publish articles".
const char* ActionDescription(Action action);

// The matrix: whether the role may take the action at all. Whose article it
// is matters too (authors edit only their own): see newsroom's rules.
bool Allowed(Role role, Action action);

// Success when the account may take the action; kForbidden with a message
// naming the action otherwise. Deleted accounts may do nothing.
base::Status Require(const Account& account, Action action);

// The command line acts as this account: an admin with id 0.
Account CommandLine();

}  // namespace gazette::accounts
