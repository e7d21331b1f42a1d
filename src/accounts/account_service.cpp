#include "accounts/account_service.h"

#include <algorithm>

#include "base/log.h"
#include "base/text.h"

namespace gazette::accounts {
namespace {

using base::Error;

constexpr auto kTouchEvery = std::chrono::minutes(5);
constexpr auto kConfirmationLifetime = std::chrono::hours(48);

bool IsEmailChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '+' ||
         c == '\'' || c >= 0x80;
}

}  // namespace

Result<std::string> NormalizeDisplayName(std::string_view name) {
  std::string_view trimmed = base::Trim(name);
  if (!base::IsValidUtf8(trimmed) || base::HasControlCharacters(trimmed) || base::HasFormatCharacters(trimmed) ||
      (!trimmed.empty() && base::MatchingWords(trimmed).empty())) {
    return Error::Invalid("The name needs letters or digits, and may not hold control or invisible characters.",
                          "display_name")
        .Keyed("name_bad");
  }
  std::string out;
  for (char c : trimmed) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  std::size_t chars = base::CountCodePoints(out);
  if (chars < kMinNameChars || chars > kMaxNameChars) {
    return Error::Invalid("The name must be " + std::to_string(kMinNameChars) + " to " + std::to_string(kMaxNameChars) +
                              " characters long.",
                          "display_name")
        .Keyed("name_length");
  }
  return out;
}

Result<std::string> NormalizeEmail(std::string_view email) {
  std::string out = base::AsciiLower(base::Trim(email));
  auto bad = [] { return Error::Invalid("This is not an email address.", "email").Keyed("email_bad"); };
  std::size_t at = out.find('@');
  if (out.empty() || out.size() > kMaxEmailBytes || at == std::string::npos || at == 0 || at > 64 ||
      out.find('@', at + 1) != std::string::npos || !base::IsValidUtf8(out)) {
    return bad();
  }
  std::string_view domain = std::string_view(out).substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return bad();
  }
  for (unsigned char c : out) {
    if (c != '@' && !IsEmailChar(c)) return bad();
  }
  return out;
}

AccountService::AccountService(AccountStore& store, const base::Clock& clock, AccountSettings settings, Mailer* mailer,
                               base::EventBus* events)
    : store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      mailer_(mailer),
      events_(events),
      failures_(settings_.signin_failures, settings_.signin_window) {
  Result<std::string> dummy = HashPassword(NewToken(), settings_.password_cost);
  if (dummy.ok()) dummy_hash_ = *dummy;
}

Status AccountService::CheckPassword(std::string_view password) const {
  if (!base::IsValidUtf8(password)) return Error::Invalid("The password is not valid text.", "password").Keyed("password_bad");
  if (base::CountCodePoints(password) < settings_.min_password_length) {
    return Error::Invalid("The password must be at least " + std::to_string(settings_.min_password_length) +
                              " characters long.",
                          "password")
        .Keyed("password_short", static_cast<long>(settings_.min_password_length));
  }
  if (password.size() > kMaxPasswordBytes) {
    return Error::Invalid("The password is too long.", "password").Keyed("password_long");
  }
  return {};
}

Result<SignedIn> AccountService::StartSession(const Account& account, const ClientInfo& client) {
  Timestamp now = clock_.Now();
  Session session;
  session.account_id = account.id;
  std::string token = NewToken();
  session.token_hash = TokenHash(token);
  session.created_at = session.last_seen_at = now;
  session.expires_at = now + (IsStaff(account.role) ? settings_.staff_session : settings_.reader_session);
  session.user_agent = std::string(client.user_agent.substr(0, 300));
  session.ip = client.ip;
  Result<Id> id = store_.CreateSession(session);
  if (!id.ok()) return std::move(id).error();
  return SignedIn{account, token, session.expires_at};
}

Result<SignedIn> AccountService::SignUp(std::string_view display_name, std::string_view email, std::string_view password,
                                        const ClientInfo& client) {
  Result<std::string> name = NormalizeDisplayName(display_name);
  if (!name.ok()) return std::move(name).error();
  Result<std::string> address = NormalizeEmail(email);
  if (!address.ok()) return std::move(address).error();
  GZ_TRY(CheckPassword(password));
  Result<std::string> hash = HashPassword(password, settings_.password_cost);
  if (!hash.ok()) return std::move(hash).error();
  NewAccount fresh{*address, *name, *hash, Role::kReader, !settings_.verify_email, clock_.Now()};
  Result<Id> id = store_.CreateAccount(fresh);
  if (!id.ok()) {
    Error error = std::move(id).error();
    if (error.code == base::ErrorCode::kConflict) {
      return Error::Conflict("An account with this email exists. Sign in instead.", "email").Keyed("email_taken");
    }
    return error;
  }
  Result<Account> account = store_.FindAccount(*id);
  if (!account.ok()) return std::move(account).error();
  if (settings_.verify_email) {
    Status sent = SendConfirmation(*account);
    if (!sent.ok()) base::LogWarning("could not send the confirmation mail: " + sent.error().detail);
  }
  return StartSession(*account, client);
}

Result<SignedIn> AccountService::SignIn(std::string_view email, std::string_view password, const ClientInfo& client) {
  Timestamp now = clock_.Now();
  std::string address = base::AsciiLower(base::Trim(email));
  std::string ip_key = "ip:" + client.ip;
  std::string account_key = "account:" + address;
  auto wait = std::max(failures_.RetryAfter(ip_key, now), failures_.RetryAfter(account_key, now));
  if (wait.count() > 0) {
    return Error::RateLimited("Too many failed sign-ins. Try again in a few minutes.", wait.count()).Keyed("signin_throttled");
  }
  Result<Account> account = store_.FindAccountByEmail(address);
  bool ok = false;
  if (account.ok() && password.size() <= kMaxPasswordBytes) {
    Result<std::string> hash = store_.PasswordHash(account->id);
    ok = hash.ok() && VerifyPassword(*hash, password);
  } else if (!dummy_hash_.empty()) {
    (void)VerifyPassword(dummy_hash_, password);  // the same time as for a known email
  }
  if (!ok) {
    failures_.Record(ip_key, now);
    failures_.Record(account_key, now);
    return Error::Invalid("The email or the password is wrong.", "password").Keyed("signin_wrong");
  }
  failures_.Clear(account_key);
  return StartSession(*account, client);
}

Status AccountService::SignOut(std::string_view token) { return store_.EndSessionByHash(TokenHash(token)); }

Result<Visitor> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100) return Error::NotFound("Not signed in.");
  Timestamp now = clock_.Now();
  Result<std::pair<Session, Account>> found = store_.FindSession(TokenHash(token), now);
  if (!found.ok()) return std::move(found).error();
  auto& [session, account] = *found;
  if (account.deleted) return Error::NotFound("Not signed in.");
  // Sliding expiry, written at most every few minutes rather than on every request.
  if (now - session.last_seen_at >= kTouchEvery) {
    session.last_seen_at = now;
    session.expires_at = now + (IsStaff(account.role) ? settings_.staff_session : settings_.reader_session);
    (void)store_.TouchSession(session.id, session.last_seen_at, session.expires_at);
  }
  return Visitor{account, session};
}

Status AccountService::ChangePassword(const Visitor& visitor, std::string_view current, std::string_view replacement) {
  Result<std::string> hash = store_.PasswordHash(visitor.account.id);
  if (!hash.ok()) return std::move(hash).error();
  if (!VerifyPassword(*hash, current)) {
    return Error::Invalid("The current password is wrong.", "current_password").Keyed("password_wrong");
  }
  GZ_TRY(CheckPassword(replacement));
  Result<std::string> fresh = HashPassword(replacement, settings_.password_cost);
  if (!fresh.ok()) return std::move(fresh).error();
  return store_.SetPassword(visitor.account.id, *fresh, visitor.session.id);
}

Result<std::vector<Session>> AccountService::Sessions(const Visitor& visitor) {
  return store_.ListSessions(visitor.account.id, clock_.Now());
}

Status AccountService::EndSession(const Visitor& visitor, Id session_id) {
  return store_.EndSession(visitor.account.id, session_id);
}

Status AccountService::DeleteAccount(const Visitor& visitor, std::string_view password) {
  Result<std::string> hash = store_.PasswordHash(visitor.account.id);
  if (!hash.ok()) return std::move(hash).error();
  if (!VerifyPassword(*hash, password)) return Error::Invalid("The password is wrong.", "password").Keyed("password_wrong");
  GZ_TRY(store_.DeleteAccount(visitor.account.id, clock_.Now()));
  if (events_) events_->Publish({"account.deleted", visitor.account.id});
  return {};
}

Result<std::string> AccountService::AddUser(std::string_view email, std::string_view display_name, Role role) {
  Result<std::string> address = NormalizeEmail(email);
  if (!address.ok()) return std::move(address).error();
  std::string name_source(display_name);
  if (name_source.empty()) name_source = address->substr(0, address->find('@'));
  Result<std::string> name = NormalizeDisplayName(name_source);
  if (!name.ok()) return std::move(name).error();
  std::string password = GeneratePassword();
  Result<std::string> hash = HashPassword(password, settings_.password_cost);
  if (!hash.ok()) return std::move(hash).error();
  Result<Account> existing = store_.FindAccountByEmail(*address);
  if (existing.ok()) {
    GZ_TRY(store_.SetRole(existing->id, role));
    GZ_TRY(store_.SetPassword(existing->id, *hash, std::nullopt));
    return password;
  }
  Result<Id> id = store_.CreateAccount({*address, *name, *hash, role, true, clock_.Now()});
  if (!id.ok()) return std::move(id).error();
  return password;
}

Result<std::vector<Account>> AccountService::Staff(const Account& actor) {
  GZ_TRY(Require(actor, Action::kManageStaff));
  return store_.ListStaff();
}

Result<std::string> AccountService::AddStaff(const Account& actor, std::string_view email,
                                             std::string_view display_name, Role role) {
  GZ_TRY(Require(actor, Action::kManageStaff));
  if (!IsStaff(role)) return Error::Invalid("Choose a staff role.", "role");
  Result<std::string> address = NormalizeEmail(email);
  if (!address.ok()) return std::move(address).error();
  Result<Account> existing = store_.FindAccountByEmail(*address);
  if (existing.ok() && existing->role == Role::kAdmin && role != Role::kAdmin) GZ_TRY(KeepAnAdmin(existing->id));
  return AddUser(email, display_name, role);
}

Status AccountService::SetStaffRole(const Account& actor, Id account_id, Role role) {
  GZ_TRY(Require(actor, Action::kManageStaff));
  Result<Account> target = store_.FindAccount(account_id);
  if (!target.ok() || target->deleted || target->service) return Error::NotFound("There is no such account.");
  if (target->role == Role::kAdmin && role != Role::kAdmin) GZ_TRY(KeepAnAdmin(account_id));
  return store_.SetRole(account_id, role);
}

Status AccountService::KeepAnAdmin(Id leaving) {
  Result<std::vector<Account>> staff = store_.ListStaff();
  if (!staff.ok()) return std::move(staff).error();
  for (const Account& a : *staff) {
    if (a.role == Role::kAdmin && a.id != leaving) return {};
  }
  return Error::Invalid("The site needs at least one admin: make someone else admin first.", "role");
}

Result<std::pair<ApiToken, std::string>> AccountService::CreateToken(const Account& actor, std::string_view name,
                                                                     Role role) {
  GZ_TRY(Require(actor, Action::kManageTokens));
  Result<std::string> clean = NormalizeDisplayName(name);
  if (!clean.ok()) {
    Error error = std::move(clean).error();
    error.field = "name";
    return error;
  }
  if (!IsStaff(role)) return Error::Invalid("Choose a staff role for the token.", "role");
  std::string token = std::string(kTokenPrefix) + NewToken();
  ApiToken made;
  made.name = *clean;
  made.role = role;
  made.created_by = actor.id;
  made.created_at = clock_.Now();
  Result<ApiToken> stored = store_.CreateToken(made, TokenHash(token));
  if (!stored.ok()) return std::move(stored).error();
  return std::make_pair(*stored, token);
}

Result<std::vector<ApiToken>> AccountService::Tokens(const Account& actor) {
  GZ_TRY(Require(actor, Action::kManageTokens));
  return store_.ListTokens();
}

Status AccountService::RevokeToken(const Account& actor, Id token_id) {
  GZ_TRY(Require(actor, Action::kManageTokens));
  return store_.RevokeToken(token_id, clock_.Now());
}

Result<Account> AccountService::AuthenticateToken(std::string_view token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 200) return Error::NotFound("This token is not valid.");
  Result<std::pair<ApiToken, Account>> found = store_.FindToken(TokenHash(token));
  if (!found.ok()) return Error::NotFound("This token is unknown or was revoked.");
  Timestamp now = clock_.Now();
  // Remember the use, at most once a minute per token.
  if (!found->first.last_used_at || now - *found->first.last_used_at >= std::chrono::minutes(1)) {
    (void)store_.TouchToken(found->first.id, now);
  }
  return found->second;
}

Status AccountService::SendConfirmation(const Account& account) {
  if (!mailer_) return Error::Internal("no mail command is configured");
  std::string token = NewToken();
  GZ_TRY(store_.StoreVerification(account.id, TokenHash(token), clock_.Now() + kConfirmationLifetime));
  std::string link = settings_.base_url + "/account/confirm?token=" + token;
  std::string body = "Hello " + account.display_name + ",\n\nPlease confirm your email address by opening this link:\n\n" +
                     link + "\n\nThe link works for 48 hours. If you did not sign up, ignore this message.\n";
  return mailer_->Send(account.email, "Confirm your email address", body);
}

Status AccountService::ConfirmEmail(std::string_view token) {
  Result<Id> id = store_.UseVerification(TokenHash(token), clock_.Now());
  if (!id.ok()) {
    return Error::NotFound("This confirmation link is unknown, used or expired.").Keyed("confirm_bad");
  }
  return store_.SetEmailVerified(*id);
}

}  // namespace gazette::accounts
