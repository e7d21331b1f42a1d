// The accounts and comments contract: both backends, one behaviour. The
// accounts' part; the comments' part is in comment_contract.cpp.
#include "community_fixture.h"

namespace gazette::community {
namespace {

TEST_P(CommunityContract, AccountsAreFoundByIdAndEmail) {
  accounts::Id id = NewAccount("anna@example.org");
  auto by_id = accounts_->FindAccount(id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->email, "anna@example.org");
  EXPECT_EQ(by_id->display_name, "Name anna@example.org");
  EXPECT_EQ(by_id->role, Role::kReader);
  EXPECT_FALSE(by_id->deleted);
  EXPECT_EQ(accounts_->FindAccountByEmail("anna@example.org")->id, id);
  EXPECT_EQ(*accounts_->PasswordHash(id), "hash-anna@example.org");
  EXPECT_EQ(accounts_->FindAccountByEmail("nobody@example.org").error().code, base::ErrorCode::kNotFound);
  auto dup = accounts_->CreateAccount({"anna@example.org", "Other", "h", Role::kReader, false, At(1)});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "email");
}

TEST_P(CommunityContract, SessionsLiveUntilTheyExpireOrEnd) {
  accounts::Id id = NewAccount("a@example.org");
  accounts::Session s{0, id, "hash-1", At(0), At(0), At(60), "Browser", "192.0.2.1"};
  auto sid = accounts_->CreateSession(s);
  ASSERT_TRUE(sid.ok());
  auto found = accounts_->FindSession("hash-1", At(30));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->first.id, *sid);
  EXPECT_EQ(found->first.user_agent, "Browser");
  EXPECT_EQ(found->second.id, id);
  EXPECT_FALSE(accounts_->FindSession("hash-1", At(61)).ok());  // expired
  ASSERT_TRUE(accounts_->TouchSession(*sid, At(50), At(200)).ok());
  EXPECT_TRUE(accounts_->FindSession("hash-1", At(100)).ok());
  EXPECT_EQ(accounts_->ListSessions(id, At(100))->size(), 1u);

  accounts::Id other = NewAccount("b@example.org");
  EXPECT_EQ(accounts_->EndSession(other, *sid).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(accounts_->EndSession(id, *sid).ok());
  EXPECT_FALSE(accounts_->FindSession("hash-1", At(100)).ok());
}

TEST_P(CommunityContract, ANewPasswordEndsTheOtherSessions) {
  accounts::Id id = NewAccount("a@example.org");
  auto keep = accounts_->CreateSession({0, id, "keep", At(0), At(0), At(100), "", ""});
  ASSERT_TRUE(accounts_->CreateSession({0, id, "other", At(0), At(0), At(100), "", ""}).ok());
  ASSERT_TRUE(accounts_->SetPassword(id, "new-hash", *keep).ok());
  EXPECT_EQ(*accounts_->PasswordHash(id), "new-hash");
  EXPECT_TRUE(accounts_->FindSession("keep", At(1)).ok());
  EXPECT_FALSE(accounts_->FindSession("other", At(1)).ok());
}

TEST_P(CommunityContract, DeletingAnAccountForgetsThePersonButKeepsTheComments) {
  accounts::Id id = NewAccount("gone@example.org");
  ASSERT_TRUE(accounts_->CreateSession({0, id, "s", At(0), At(0), At(100), "", ""}).ok());
  comments::Id c = Post(id, 1);
  ASSERT_TRUE(accounts_->DeleteAccount(id, At(5)).ok());
  auto account = accounts_->FindAccount(id);
  ASSERT_TRUE(account.ok());
  EXPECT_TRUE(account->deleted);
  EXPECT_EQ(account->email, "");
  EXPECT_EQ(account->display_name, "");
  EXPECT_FALSE(accounts_->PasswordHash(id).ok());
  EXPECT_FALSE(accounts_->FindSession("s", At(1)).ok());
  EXPECT_FALSE(accounts_->FindAccountByEmail("gone@example.org").ok());
  auto comment = comments_->FindComment(c);
  ASSERT_TRUE(comment.ok());
  EXPECT_TRUE(comment->author_deleted);
  EXPECT_EQ(comment->ip, "");
  EXPECT_EQ(comment->body, "text 1");
  // The address is free again.
  EXPECT_TRUE(accounts_->CreateAccount({"gone@example.org", "New", "h", Role::kReader, false, At(9)}).ok());
}

TEST_P(CommunityContract, ConfirmationTokensWorkOnce) {
  accounts::Id id = NewAccount("a@example.org");
  ASSERT_TRUE(accounts_->StoreVerification(id, "tok", At(10)).ok());
  EXPECT_FALSE(accounts_->UseVerification("tok", At(11)).ok());  // expired
  ASSERT_TRUE(accounts_->StoreVerification(id, "tok2", At(10)).ok());
  EXPECT_EQ(*accounts_->UseVerification("tok2", At(1)), id);
  EXPECT_FALSE(accounts_->UseVerification("tok2", At(1)).ok());
  ASSERT_TRUE(accounts_->SetEmailVerified(id).ok());
  EXPECT_TRUE(accounts_->FindAccount(id)->email_verified);
}

TEST_P(CommunityContract, StaffAreListedByNameWithoutReadersOrTokens) {
  accounts::Id editor = *accounts_->CreateAccount({"ed@example.org", "Zoe Editor", "h", Role::kEditor, true, At(0)});
  accounts::Id author = *accounts_->CreateAccount({"au@example.org", "Al Author", "h", Role::kAuthor, true, At(0)});
  NewAccount("reader@example.org");
  ASSERT_TRUE(accounts_->CreateToken({0, 0, "Robot", Role::kEditor, editor, At(1), {}, {}}, "th").ok());
  auto staff = accounts_->ListStaff();
  ASSERT_TRUE(staff.ok());
  ASSERT_EQ(staff->size(), 2u);
  EXPECT_EQ((*staff)[0].id, author);
  EXPECT_EQ((*staff)[0].role, Role::kAuthor);
  EXPECT_EQ((*staff)[1].id, editor);
}

TEST_P(CommunityContract, TokensActAsTheirServiceAccountUntilRevoked) {
  accounts::Id admin = *accounts_->CreateAccount({"admin@example.org", "Admin", "h", Role::kAdmin, true, At(0)});
  auto token = accounts_->CreateToken({0, 0, "Wire importer", Role::kAuthor, admin, At(5), {}, {}}, "hash-a");
  ASSERT_TRUE(token.ok());
  EXPECT_GT(token->id, 0);
  EXPECT_GT(token->account_id, 0);
  auto found = accounts_->FindToken("hash-a");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->first.id, token->id);
  EXPECT_EQ(found->first.name, "Wire importer");
  EXPECT_EQ(found->first.role, Role::kAuthor);
  EXPECT_EQ(found->first.created_by, admin);
  EXPECT_EQ(found->second.id, token->account_id);
  EXPECT_EQ(found->second.display_name, "Wire importer");
  EXPECT_TRUE(found->second.service);
  EXPECT_EQ(found->second.email, "");
  EXPECT_FALSE(accounts_->PasswordHash(token->account_id).ok());  // no password: cannot sign in
  EXPECT_FALSE(accounts_->FindToken("hash-b").ok());
  // A second token: two service accounts without email do not collide.
  auto second = accounts_->CreateToken({0, 0, "Other", Role::kEditor, admin, At(6), {}, {}}, "hash-b");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(accounts_->TouchToken(token->id, At(9)).ok());
  auto list = accounts_->ListTokens();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, second->id);
  EXPECT_EQ((*list)[1].last_used_at, At(9));
  ASSERT_TRUE(accounts_->RevokeToken(token->id, At(10)).ok());
  EXPECT_EQ(accounts_->RevokeToken(token->id, At(11)).error().code, base::ErrorCode::kNotFound);
  EXPECT_FALSE(accounts_->FindToken("hash-a").ok());
  EXPECT_EQ((*accounts_->ListTokens())[1].revoked_at, At(10));
}

INSTANTIATE_TEST_SUITE_P(Backends, CommunityContract,
                         ::testing::Values(NamedOpen{"memory", [](const std::filesystem::path&) {
                                             return Wrap(std::make_unique<storage::MemoryStore>());
                                           }},
                                           NamedOpen{"sqlite",
                                                     [](const std::filesystem::path& dir) {
                                                       storage::sqlite::SqliteOptions options;
                                                       options.path = (dir / "gazette.db").string();
                                                       auto store = storage::sqlite::SqliteStore::Open(options);
                                                       if (!store.ok() || !(*store)->Migrate().ok()) return AnyStore{};
                                                       return Wrap(std::move(*store));
                                                     }}),
                         [](const ::testing::TestParamInfo<NamedOpen>& info) { return info.param.name; });

}  // namespace
}  // namespace gazette::community
