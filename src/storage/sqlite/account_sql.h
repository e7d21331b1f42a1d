// The account queries of the SQLite backend, over one connection.
#pragma once

#include "accounts/account_store.h"
#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite::account_sql {

using accounts::Id;

// Columns of accounts read into an Account, from `first` on: see kAccountColumns.
extern const char* const kAccountColumns;
accounts::Account AccountAt(const Statement& st, int first);

base::Result<accounts::Account> FindAccount(Connection& c, Id id);
base::Result<accounts::Account> FindAccountByEmail(Connection& c, std::string_view email);
base::Result<std::string> PasswordHash(Connection& c, Id id);
base::Result<Id> CreateAccount(Connection& c, const accounts::NewAccount& account);
base::Status SetPassword(Connection& c, Id id, std::string_view hash, std::optional<Id> keep_session);
base::Status SetRole(Connection& c, Id id, accounts::Role role);
base::Status SetEmailVerified(Connection& c, Id id);
base::Status DeleteAccount(Connection& c, Id id, base::Timestamp at);
base::Result<Id> CreateSession(Connection& c, const accounts::Session& session);
base::Result<std::pair<accounts::Session, accounts::Account>> FindSession(Connection& c, std::string_view token_hash,
                                                                          base::Timestamp now);
base::Status TouchSession(Connection& c, Id session_id, base::Timestamp last_seen, base::Timestamp expires_at);
base::Result<std::vector<accounts::Session>> ListSessions(Connection& c, Id account_id, base::Timestamp now);
base::Status EndSession(Connection& c, Id account_id, Id session_id);
base::Status EndSessionByHash(Connection& c, std::string_view token_hash);
base::Status StoreVerification(Connection& c, Id account_id, std::string_view token_hash, base::Timestamp expires_at);
base::Result<Id> UseVerification(Connection& c, std::string_view token_hash, base::Timestamp now);
base::Result<std::vector<accounts::Account>> ListStaff(Connection& c);
base::Result<accounts::ApiToken> CreateToken(Connection& c, const accounts::ApiToken& token, std::string_view token_hash);
base::Result<std::pair<accounts::ApiToken, accounts::Account>> FindToken(Connection& c, std::string_view token_hash);
base::Status TouchToken(Connection& c, Id token_id, base::Timestamp at);
base::Result<std::vector<accounts::ApiToken>> ListTokens(Connection& c);
base::Status RevokeToken(Connection& c, Id token_id, base::Timestamp at);

}  // namespace gazette::storage::sqlite::account_sql
