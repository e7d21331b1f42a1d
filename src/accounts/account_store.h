// The port accounts need from storage. Each call is its own transaction.
// Implemented by storage/sqlite and storage/memory; tests/contract holds
// them to the same behaviour.
#pragma once

#include <vector>

#include "accounts/account.h"
#include "base/result.h"

namespace gazette::accounts {

using base::Result;
using base::Status;

struct NewAccount {
  std::string email;
  std::string display_name;
  std::string password_hash;
  Role role = Role::kReader;
  bool email_verified = false;
  Timestamp created_at{};
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // kNotFound when there is no such account (deleted ones are found, marked).
  virtual Result<Account> FindAccount(Id id) = 0;
  // A live account by its (lower-case) email; kNotFound otherwise.
  virtual Result<Account> FindAccountByEmail(std::string_view email) = 0;
  // The stored password hash of a live account.
  virtual Result<std::string> PasswordHash(Id id) = 0;
  // kConflict (field "email") when a live account has the email.
  virtual Result<Id> CreateAccount(const NewAccount& account) = 0;
  // Replaces the password hash and ends every session but `keep_session`.
  virtual Status SetPassword(Id id, std::string_view password_hash, std::optional<Id> keep_session) = 0;
  virtual Status SetRole(Id id, Role role) = 0;
  virtual Status SetEmailVerified(Id id) = 0;
  // Forgets the person: email, name and password go, sessions end, the IP
  // addresses stored with their comments are erased. The comments stay.
  virtual Status DeleteAccount(Id id, Timestamp at) = 0;

  virtual Result<Id> CreateSession(const Session& session) = 0;
  // The session with this token hash and its account; kNotFound when there
  // is none or it expired before `now`.
  virtual Result<std::pair<Session, Account>> FindSession(std::string_view token_hash, Timestamp now) = 0;
  virtual Status TouchSession(Id session_id, Timestamp last_seen, Timestamp expires_at) = 0;
  // Live sessions of the account, newest first.
  virtual Result<std::vector<Session>> ListSessions(Id account_id, Timestamp now) = 0;
  // kNotFound when the session is not the account's.
  virtual Status EndSession(Id account_id, Id session_id) = 0;
  virtual Status EndSessionByHash(std::string_view token_hash) = 0;

  // Email confirmation links: one-time tokens, stored hashed.
  virtual Status StoreVerification(Id account_id, std::string_view token_hash, Timestamp expires_at) = 0;
  // The account the token belongs to, consuming the token; kNotFound when
  // unknown, used or expired.
  virtual Result<Id> UseVerification(std::string_view token_hash, Timestamp now) = 0;

  // Live staff accounts (every role but reader; not tokens' service
  // accounts), by name.
  virtual Result<std::vector<Account>> ListStaff() = 0;

  // API tokens. Creating one creates its service account (named after the
  // token, with its role) and returns the token with both ids.
  virtual Result<ApiToken> CreateToken(const ApiToken& token, std::string_view token_hash) = 0;
  // The live (unrevoked) token with this hash and its account; kNotFound otherwise.
  virtual Result<std::pair<ApiToken, Account>> FindToken(std::string_view token_hash) = 0;
  virtual Status TouchToken(Id token_id, Timestamp at) = 0;
  // Every token, revoked ones too, newest first.
  virtual Result<std::vector<ApiToken>> ListTokens() = 0;
  // kNotFound when there is no such live token.
  virtual Status RevokeToken(Id token_id, Timestamp at) = 0;
};

}  // namespace gazette::accounts
