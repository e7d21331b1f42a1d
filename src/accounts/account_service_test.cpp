#include "accounts/account_service.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "storage/memory/memory_store.h"

namespace gazette::accounts {
namespace {

// Cheap hashing keeps the tests fast; the real cost is checked once below.
AccountSettings FastSettings() {
  AccountSettings s;
  s.password_cost = {crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_OPSLIMIT_MIN};
  s.signin_failures = 3;
  return s;
}

class RecordingMailer final : public Mailer {
 public:
  Status Send(std::string_view to, std::string_view, std::string_view body) override {
    to_ = std::string(to);
    body_ = std::string(body);
    return {};
  }
  std::string to_, body_;
};

class AccountsTest : public ::testing::Test {
 protected:
  AccountService& Service() {
    if (!service_) service_ = std::make_unique<AccountService>(store_, clock_, settings_, &mailer_);
    return *service_;
  }
  ClientInfo client_{"192.0.2.1", "TestBrowser/1.0"};
  storage::MemoryStore store_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  AccountSettings settings_ = FastSettings();
  RecordingMailer mailer_;
  std::unique_ptr<AccountService> service_;
};

TEST(Secrets, PasswordsHashWithArgon2idAtTheOwaspCost) {
  auto hash = HashPassword("correct horse battery staple", PasswordCost{});
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapler"));
}

TEST(Secrets, TokensAreLongRandomAndStoredHashed) {
  std::string a = NewToken(), b = NewToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(TokenHash(a).size(), 64u);
  EXPECT_NE(TokenHash(a), a);
  EXPECT_EQ(GeneratePassword().size(), 20u);
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST_F(AccountsTest, SignUpSignsInAndTheSessionAuthenticates) {
  auto signed_in = Service().SignUp("  Anna   Reyes ", " Anna@Example.ORG", "a long password", client_);
  ASSERT_TRUE(signed_in.ok()) << signed_in.error().message;
  EXPECT_EQ(signed_in->account.display_name, "Anna Reyes");
  EXPECT_EQ(signed_in->account.email, "anna@example.org");
  auto visitor = Service().Authenticate(signed_in->token);
  ASSERT_TRUE(visitor.ok());
  EXPECT_EQ(visitor->account.id, signed_in->account.id);
  EXPECT_EQ(visitor->session.user_agent, "TestBrowser/1.0");
  EXPECT_FALSE(Service().Authenticate("not-a-token").ok());
  ASSERT_TRUE(Service().SignOut(signed_in->token).ok());
  EXPECT_FALSE(Service().Authenticate(signed_in->token).ok());
}

TEST_F(AccountsTest, BadSignUpsSayWhichField) {
  EXPECT_EQ(Service().SignUp("A", "a@example.org", "a long password", client_).error().field, "display_name");
  EXPECT_EQ(Service().SignUp("Anna", "not-an-email", "a long password", client_).error().field, "email");
  EXPECT_EQ(Service().SignUp("Anna", "a@example.org", "short", client_).error().field, "password");
  EXPECT_EQ(Service().SignUp("Anna\x01", "a@example.org", "a long password", client_).error().field, "display_name");
  for (const char* name : {"Next\u0085Line", "Anna\u202Eseyer", "\u200B\u200B\u200B", "!!!"}) {
    EXPECT_EQ(Service().SignUp(name, "a@example.org", "a long password", client_).error().field, "display_name") << name;
  }
  ASSERT_TRUE(Service().SignUp("Anna", "a@example.org", "a long password", client_).ok());
  auto again = Service().SignUp("Other", "A@example.org", "a long password", client_);
  EXPECT_EQ(again.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(again.error().key, "email_taken");
}

TEST_F(AccountsTest, SignInDoesNotTellWhetherTheEmailExists) {
  ASSERT_TRUE(Service().SignUp("Anna", "a@example.org", "a long password", client_).ok());
  auto wrong_password = Service().SignIn("a@example.org", "wrong password!", client_);
  auto unknown_email = Service().SignIn("nobody@example.org", "wrong password!", {"192.0.2.2", ""});
  EXPECT_EQ(wrong_password.error().message, unknown_email.error().message);
  EXPECT_EQ(wrong_password.error().code, unknown_email.error().code);
  auto ok = Service().SignIn(" A@EXAMPLE.org ", "a long password", client_);
  ASSERT_TRUE(ok.ok());
}

TEST_F(AccountsTest, FailedSignInsAreThrottledPerAddressAndPerAccount) {
  ASSERT_TRUE(Service().SignUp("Anna", "a@example.org", "a long password", client_).ok());
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(Service().SignIn("a@example.org", "wrong", client_).ok());
  auto throttled = Service().SignIn("a@example.org", "a long password", client_);
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, base::ErrorCode::kRateLimited);
  EXPECT_GT(throttled.error().retry_after, 0);
  // Per account: another address is throttled too for this account...
  EXPECT_EQ(Service().SignIn("a@example.org", "a long password", {"198.51.100.9", ""}).error().code,
            base::ErrorCode::kRateLimited);
  // ...and after the window, the right password works again.
  clock_.Advance(std::chrono::minutes(11));
  EXPECT_TRUE(Service().SignIn("a@example.org", "a long password", client_).ok());
}

TEST_F(AccountsTest, ChangingThePasswordEndsOtherSessions) {
  auto first = Service().SignUp("Anna", "a@example.org", "a long password", client_);
  auto second = Service().SignIn("a@example.org", "a long password", client_);
  auto visitor = Service().Authenticate(first->token);
  EXPECT_EQ(Service().ChangePassword(*visitor, "wrong one", "another long one").error().field, "current_password");
  ASSERT_TRUE(Service().ChangePassword(*visitor, "a long password", "another long one").ok());
  EXPECT_TRUE(Service().Authenticate(first->token).ok());
  EXPECT_FALSE(Service().Authenticate(second->token).ok());
  EXPECT_TRUE(Service().SignIn("a@example.org", "another long one", client_).ok());
}

TEST_F(AccountsTest, SessionsCanBeListedAndEnded) {
  auto first = Service().SignUp("Anna", "a@example.org", "a long password", client_);
  auto second = Service().SignIn("a@example.org", "a long password", {"198.51.100.9", "Phone"});
  auto visitor = Service().Authenticate(first->token);
  auto sessions = Service().Sessions(*visitor);
  ASSERT_EQ(sessions->size(), 2u);
  auto other = Service().Authenticate(second->token);
  ASSERT_TRUE(Service().EndSession(*visitor, other->session.id).ok());
  EXPECT_FALSE(Service().Authenticate(second->token).ok());
}

TEST_F(AccountsTest, DeletingNeedsThePassword) {
  auto signed_in = Service().SignUp("Anna", "a@example.org", "a long password", client_);
  auto visitor = Service().Authenticate(signed_in->token);
  EXPECT_EQ(Service().DeleteAccount(*visitor, "nope").error().field, "password");
  ASSERT_TRUE(Service().DeleteAccount(*visitor, "a long password").ok());
  EXPECT_FALSE(Service().Authenticate(signed_in->token).ok());
  EXPECT_FALSE(Service().SignIn("a@example.org", "a long password", client_).ok());
}

TEST_F(AccountsTest, StaffAccountsGetAGeneratedPasswordAndShorterSessions) {
  auto password = Service().AddUser("mod@example.org", "", Role::kModerator);
  ASSERT_TRUE(password.ok());
  auto signed_in = Service().SignIn("mod@example.org", *password, client_);
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in->account.role, Role::kModerator);
  EXPECT_EQ(signed_in->account.display_name, "mod");
  EXPECT_EQ(signed_in->expires_at, clock_.Now() + settings_.staff_session);
  auto reader = Service().AddUser("x@example.org", "Xavier", Role::kReader);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(Service().SignIn("x@example.org", *reader, client_)->account.role, Role::kReader);
  // Again for the same email: the role stays, the password is new.
  auto again = Service().AddUser("mod@example.org", "", Role::kAdmin);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(Service().SignIn("mod@example.org", *password, client_).ok());
  EXPECT_EQ(Service().SignIn("mod@example.org", *again, client_)->account.role, Role::kAdmin);
}

TEST_F(AccountsTest, EmailConfirmationWhenRequired) {
  settings_.verify_email = true;
  settings_.base_url = "https://news.example.org";
  auto signed_in = Service().SignUp("Anna", "a@example.org", "a long password", client_);
  ASSERT_TRUE(signed_in.ok());
  EXPECT_FALSE(signed_in->account.email_verified);
  EXPECT_EQ(mailer_.to_, "a@example.org");
  std::size_t at = mailer_.body_.find("https://news.example.org/account/confirm?token=");
  ASSERT_NE(at, std::string::npos);
  std::string token = mailer_.body_.substr(at + 47, 43);
  ASSERT_TRUE(Service().ConfirmEmail(token).ok());
  EXPECT_TRUE(store_.FindAccount(signed_in->account.id)->email_verified);
  EXPECT_EQ(Service().ConfirmEmail(token).error().key, "confirm_bad");
}

}  // namespace
}  // namespace gazette::accounts

namespace gazette::accounts {
namespace {

class StaffTest : public AccountsTest {
 protected:
  Account Make(const std::string& email, Role role) {
    auto password = Service().AddUser(email, "", role);
    EXPECT_TRUE(password.ok());
    return *store_.FindAccountByEmail(email);
  }
};

TEST_F(StaffTest, AdminsAddStaffAndChangeRolesOthersMayNot) {
  Account admin = Make("admin@example.org", Role::kAdmin);
  Account editor = Make("editor@example.org", Role::kEditor);
  auto password = Service().AddStaff(admin, "new.author@example.org", "New Author", Role::kAuthor);
  ASSERT_TRUE(password.ok());
  auto signed_in = Service().SignIn("new.author@example.org", *password, client_);
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in->account.role, Role::kAuthor);
  EXPECT_EQ(signed_in->expires_at, clock_.Now() + settings_.staff_session);
  EXPECT_EQ(Service().AddStaff(editor, "x@example.org", "", Role::kAuthor).error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(Service().AddStaff(admin, "x@example.org", "", Role::kReader).error().field, "role");
  ASSERT_TRUE(Service().SetStaffRole(admin, signed_in->account.id, Role::kEditor).ok());
  EXPECT_EQ(store_.FindAccount(signed_in->account.id)->role, Role::kEditor);
  EXPECT_EQ(Service().SetStaffRole(editor, admin.id, Role::kReader).error().code, base::ErrorCode::kForbidden);
  auto staff = Service().Staff(admin);
  ASSERT_TRUE(staff.ok());
  EXPECT_EQ(staff->size(), 3u);
  EXPECT_FALSE(Service().Staff(editor).ok());
}

TEST_F(StaffTest, TheLastAdminStays) {
  Account admin = Make("admin@example.org", Role::kAdmin);
  auto refused = Service().SetStaffRole(admin, admin.id, Role::kEditor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kInvalid);
  EXPECT_EQ(Service().AddStaff(admin, "admin@example.org", "", Role::kEditor).error().code,
            base::ErrorCode::kInvalid);
  Account second = Make("second@example.org", Role::kAdmin);
  EXPECT_TRUE(Service().SetStaffRole(second, admin.id, Role::kEditor).ok());
}

TEST_F(StaffTest, TokensAuthenticateAsTheirRoleUntilRevoked) {
  Account admin = Make("admin@example.org", Role::kAdmin);
  Account editor = Make("editor@example.org", Role::kEditor);
  EXPECT_EQ(Service().CreateToken(editor, "Robot", Role::kEditor).error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(Service().CreateToken(admin, "", Role::kEditor).error().field, "name");
  EXPECT_EQ(Service().CreateToken(admin, "Robot", Role::kReader).error().field, "role");
  auto made = Service().CreateToken(admin, "Wire desk", Role::kAuthor);
  ASSERT_TRUE(made.ok());
  const std::string& token = made->second;
  EXPECT_TRUE(token.starts_with("gzt_"));
  EXPECT_EQ(token.size(), 4u + 43u);
  auto account = Service().AuthenticateToken(token);
  ASSERT_TRUE(account.ok());
  EXPECT_EQ(account->role, Role::kAuthor);
  EXPECT_EQ(account->display_name, "Wire desk");
  EXPECT_TRUE(account->service);
  EXPECT_FALSE(Service().AuthenticateToken(token + "x").ok());
  EXPECT_FALSE(Service().AuthenticateToken("gzt_").ok());
  auto tokens = Service().Tokens(admin);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ((*tokens)[0].last_used_at, clock_.Now());
  EXPECT_EQ((*tokens)[0].created_by, admin.id);
  ASSERT_TRUE(Service().RevokeToken(admin, made->first.id).ok());
  EXPECT_FALSE(Service().AuthenticateToken(token).ok());
  // A service account has no password: no sign-in with any.
  EXPECT_FALSE(Service().SignIn("", "", client_).ok());
}

}  // namespace
}  // namespace gazette::accounts
