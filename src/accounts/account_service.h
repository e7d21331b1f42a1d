// Signing up, in and out; sessions; passwords; deleting an account; staff
// accounts. The rules of identity live here, storage behind AccountStore.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/account_store.h"
#include "accounts/permissions.h"
#include "accounts/secrets.h"
#include "base/events.h"
#include "base/rate_limiter.h"

namespace gazette::accounts {

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

struct AccountSettings {
  PasswordCost password_cost;
  std::size_t min_password_length = 10;
  std::chrono::seconds reader_session = std::chrono::hours(24 * 30);
  std::chrono::seconds staff_session = std::chrono::hours(12);
  std::size_t signin_failures = 10;                    // per address and per account...
  std::chrono::seconds signin_window = std::chrono::minutes(10);  // ...within this time
  bool verify_email = false;  // readers confirm their address before commenting
  std::string base_url;       // for links in mail
};

// Sends mail (email confirmation). Implemented in app.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status Send(std::string_view to, std::string_view subject, std::string_view body) = 0;
};

// A signed-in browser: the cookie's token (never stored) and when it ends.
struct SignedIn {
  Account account;
  std::string token;
  Timestamp expires_at{};
};

// Who sent a request, from their session cookie.
struct Visitor {
  Account account;
  Session session;
};

// API tokens start with this, so that secret scanners and people spot them.
inline constexpr std::string_view kTokenPrefix = "gzt_";

// Limits on what people type.
inline constexpr std::size_t kMinNameChars = 2;
inline constexpr std::size_t kMaxNameChars = 50;
inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// "Anna  Reyes " -> "Anna Reyes"; kInvalid (field "display_name") when unusable.
Result<std::string> NormalizeDisplayName(std::string_view name);
// " Anna@Example.ORG" -> "anna@example.org"; kInvalid (field "email") when not an address.
Result<std::string> NormalizeEmail(std::string_view email);

// Thread-safe. The methods that hash passwords take tens of milliseconds.
class AccountService {
 public:
  // `events` hears "account.deleted" (pages show a deleted reader's
  // comments under another name).
  AccountService(AccountStore& store, const base::Clock& clock, AccountSettings settings, Mailer* mailer = nullptr,
                 base::EventBus* events = nullptr);

  const AccountSettings& settings() const { return settings_; }

  // Creates a reader account and signs it in. kConflict (field "email")
  // when the email is taken.
  Result<SignedIn> SignUp(std::string_view display_name, std::string_view email, std::string_view password,
                          const ClientInfo& client);
  // A new session for the right email and password. The same kInvalid
  // error for an unknown email and a wrong password; kRateLimited after
  // too many failures from the address or for the account.
  Result<SignedIn> SignIn(std::string_view email, std::string_view password, const ClientInfo& client);
  Status SignOut(std::string_view token);
  // The visitor a session token belongs to; kNotFound for unknown, ended
  // or expired sessions.
  Result<Visitor> Authenticate(std::string_view token);

  // Needs the current password; ends the account's other sessions.
  Status ChangePassword(const Visitor& visitor, std::string_view current, std::string_view replacement);
  Result<std::vector<Session>> Sessions(const Visitor& visitor);
  Status EndSession(const Visitor& visitor, Id session_id);
  // Needs the password. See AccountStore::DeleteAccount.
  Status DeleteAccount(const Visitor& visitor, std::string_view password);

  // An account with a generated password, which is returned: for an
  // existing email, its role is set and its password replaced. An empty
  // name is taken from the email. For `gazette user add`.
  Result<std::string> AddUser(std::string_view email, std::string_view display_name, Role role);

  // Staff, for admins (`actor`): the list, a new member (or an existing
  // account given a staff role) with a generated password, which is
  // returned; a role change (kReader takes someone off the staff). The last
  // admin cannot be demoted.
  Result<std::vector<Account>> Staff(const Account& actor);
  Result<std::string> AddStaff(const Account& actor, std::string_view email, std::string_view display_name, Role role);
  Status SetStaffRole(const Account& actor, Id account_id, Role role);

  // API tokens, for admins: a new token (returned once, never stored) with
  // its own service account of the given role; the list; revoking one.
  Result<std::pair<ApiToken, std::string>> CreateToken(const Account& actor, std::string_view name, Role role);
  Result<std::vector<ApiToken>> Tokens(const Account& actor);
  Status RevokeToken(const Account& actor, Id token_id);
  // The service account a bearer token acts as; kNotFound when the token is
  // unknown or revoked.
  Result<Account> AuthenticateToken(std::string_view token);

  // Email confirmation (when settings().verify_email).
  Status SendConfirmation(const Account& account);
  Status ConfirmEmail(std::string_view token);

 private:
  Result<SignedIn> StartSession(const Account& account, const ClientInfo& client);
  Status CheckPassword(std::string_view password) const;
  // kInvalid when `leaving` is the only admin.
  Status KeepAnAdmin(Id leaving);

  AccountStore& store_;
  const base::Clock& clock_;
  AccountSettings settings_;
  Mailer* mailer_;
  base::EventBus* events_;
  base::RateLimiter failures_;
  std::string dummy_hash_;  // verified against when the email is unknown, to take the same time
};

}  // namespace gazette::accounts
