// Walks the whole permission matrix: every role against every action, as
// the issue and docs/permissions.md state it, and checks that the document
// shows the same table as the code.
#include "accounts/permissions.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace gazette::accounts {
namespace {

constexpr Role kRoles[] = {Role::kAdmin, Role::kEditor, Role::kAuthor, Role::kModerator, Role::kReader};

// The matrix as the newsroom describes it, written out by hand: rows are
// actions, columns admin, editor, author, moderator, reader.
const std::map<Action, std::string> kExpected = {
    {Action::kUseNewsroom, "YYYYN"},    {Action::kWriteArticles, "YYYNN"}, {Action::kEditAnyArticle, "YYNNN"},
    {Action::kPublish, "YYNNN"},        {Action::kManageTaxonomy, "YYNNN"}, {Action::kModerate, "YYNYN"},
    {Action::kViewAudit, "YYNNN"},      {Action::kManageStaff, "YNNNN"},   {Action::kManageSettings, "YNNNN"},
    {Action::kManageTokens, "YNNNN"},   {Action::kManageWebhooks, "YNNNN"},
};

TEST(Permissions, EveryRoleAndActionIsAsDescribed) {
  ASSERT_EQ(AllActions().size(), kExpected.size());
  for (Action action : AllActions()) {
    const std::string& row = kExpected.at(action);
    for (std::size_t i = 0; i < std::size(kRoles); ++i) {
      EXPECT_EQ(Allowed(kRoles[i], action), row[i] == 'Y') << RoleName(kRoles[i]) << " / " << ActionName(action);
      Account someone;
      someone.role = kRoles[i];
      EXPECT_EQ(Require(someone, action).ok(), row[i] == 'Y');
    }
  }
}

TEST(Permissions, RefusalsSayWhatWasRefusedAndDeletedAccountsMayDoNothing) {
  Account author;
  author.role = Role::kAuthor;
  auto refused = Require(author, Action::kPublish);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().message, "Your role (author) may not publish, schedule or unpublish articles.");
  Account gone;
  gone.role = Role::kAdmin;
  gone.deleted = true;
  EXPECT_FALSE(Require(gone, Action::kUseNewsroom).ok());
  EXPECT_TRUE(Require(CommandLine(), Action::kManageTokens).ok());
}

TEST(Permissions, StaffRolesAndModeratorsAreTheExpectedOnes) {
  EXPECT_FALSE(IsStaff(Role::kReader));
  for (Role role : {Role::kAuthor, Role::kEditor, Role::kModerator, Role::kAdmin}) EXPECT_TRUE(IsStaff(role));
  for (Role role : kRoles) EXPECT_EQ(CanModerate(role), Allowed(role, Action::kModerate)) << RoleName(role);
  for (Role role : kRoles) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_EQ(ParseRole("owner"), std::nullopt);
}

// docs/permissions.md has a table with a row per action ("`publish`") and
// a column per role; its cells must match the code.
TEST(Permissions, TheDocumentShowsTheSameMatrix) {
  std::ifstream file(std::string(GAZETTE_SOURCE_DIR) + "/docs/permissions.md");
  ASSERT_TRUE(file) << "docs/permissions.md is missing";
  std::map<std::string, std::string> rows;
  std::string line;
  while (std::getline(file, line)) {
    if (!line.starts_with("| `")) continue;
    std::stringstream cells(line);
    std::string cell, name, marks;
    std::getline(cells, cell, '|');
    std::getline(cells, name, '|');
    name = name.substr(name.find('`') + 1);
    name = name.substr(0, name.find('`'));
    while (std::getline(cells, cell, '|')) {
      if (cell.find("yes") != std::string::npos) marks += 'Y';
      else if (cell.find("no") != std::string::npos) marks += 'N';
    }
    rows[name] = marks;
  }
  for (Action action : AllActions()) {
    ASSERT_TRUE(rows.contains(ActionName(action))) << ActionName(action) << " is not in docs/permissions.md";
    std::string expected;
    for (Role role : kRoles) expected += Allowed(role, action) ? 'Y' : 'N';
    EXPECT_EQ(rows[ActionName(action)], expected) << ActionName(action);
  }
}

}  // namespace
}  // namespace gazette::accounts
