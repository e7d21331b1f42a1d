#include "storage/sqlite/account_sql.h"

namespace gazette::storage::sqlite::account_sql {

using base::Error;
using base::Result;
using base::Status;

const char* const kAccountColumns =
    "a.id, coalesce(a.email, ''), a.display_name, a.role, a.deleted_at IS NOT NULL, a.email_verified, a.banned_until, "
    "a.ban_reason, a.approved_comments, a.created_at, a.is_service";

namespace {

constexpr std::string_view kFindById = "FROM accounts a WHERE a.id = ?1";
constexpr std::string_view kFindByEmail = "FROM accounts a WHERE a.email = ?1 AND a.deleted_at IS NULL";
constexpr std::string_view kPasswordHash = "SELECT password_hash FROM accounts WHERE id = ?1 AND deleted_at IS NULL";
constexpr std::string_view kCreateAccount =
    "INSERT INTO accounts (email, display_name, password_hash, role, email_verified, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kSetPassword = "UPDATE accounts SET password_hash = ?2 WHERE id = ?1 AND deleted_at IS NULL";
constexpr std::string_view kEndOtherSessions = "DELETE FROM sessions WHERE account_id = ?1 AND id <> ?2";
constexpr std::string_view kSetRole = "UPDATE accounts SET role = ?2 WHERE id = ?1";
constexpr std::string_view kSetVerified = "UPDATE accounts SET email_verified = 1 WHERE id = ?1";
constexpr std::string_view kDeleteAccount =
    "UPDATE accounts SET email = NULL, display_name = '', password_hash = NULL, deleted_at = ?2, ban_reason = '' "
    "WHERE id = ?1 AND deleted_at IS NULL";
constexpr std::string_view kDeleteSessions = "DELETE FROM sessions WHERE account_id = ?1";
constexpr std::string_view kDeleteConfirmations = "DELETE FROM email_confirmations WHERE account_id = ?1";
constexpr std::string_view kForgetCommentIps = "UPDATE comments SET ip = '' WHERE account_id = ?1";
constexpr std::string_view kCreateSession =
    "INSERT INTO sessions (account_id, token_hash, created_at, last_seen_at, expires_at, user_agent, ip) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kSessionColumns =
    "s.id, s.account_id, s.token_hash, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.ip";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_seen_at = ?2, expires_at = ?3 WHERE id = ?1";
constexpr std::string_view kEndSession = "DELETE FROM sessions WHERE account_id = ?1 AND id = ?2";
constexpr std::string_view kEndSessionByHash = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr std::string_view kStoreVerification =
    "INSERT INTO email_confirmations (token_hash, account_id, expires_at) VALUES (?1, ?2, ?3)";
constexpr std::string_view kFindVerification =
    "SELECT account_id FROM email_confirmations WHERE token_hash = ?1 AND expires_at > ?2";
constexpr std::string_view kDeleteVerification = "DELETE FROM email_confirmations WHERE token_hash = ?1";
constexpr std::string_view kListStaff =
    "FROM accounts a WHERE a.role <> 'reader' AND a.is_service = 0 AND a.deleted_at IS NULL "
    "ORDER BY a.display_name, a.id";
constexpr std::string_view kCreateServiceAccount =
    "INSERT INTO accounts (email, display_name, password_hash, role, is_service, email_verified, created_at) "
    "VALUES (NULL, ?1, NULL, ?2, 1, 1, ?3)";
constexpr std::string_view kCreateToken =
    "INSERT INTO api_tokens (account_id, name, token_hash, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kTokenColumns =
    "t.id, t.account_id, t.name, a.role, t.created_by, t.created_at, t.last_used_at, t.revoked_at";
constexpr std::string_view kTouchToken = "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1";
constexpr std::string_view kRevokeToken =
    "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";

accounts::Session SessionAt(const Statement& st, int first) {
  accounts::Session s;
  s.id = st.Int(first);
  s.account_id = st.Int(first + 1);
  s.token_hash = st.Text(first + 2);
  s.created_at = base::FromUnixSeconds(st.Int(first + 3));
  s.last_seen_at = base::FromUnixSeconds(st.Int(first + 4));
  s.expires_at = base::FromUnixSeconds(st.Int(first + 5));
  s.user_agent = st.Text(first + 6);
  s.ip = st.Text(first + 7);
  return s;
}

accounts::ApiToken TokenAt(const Statement& st, int first) {
  accounts::ApiToken t;
  t.id = st.Int(first);
  t.account_id = st.Int(first + 1);
  t.name = st.Text(first + 2);
  t.role = accounts::ParseRole(st.Text(first + 3)).value_or(accounts::Role::kReader);
  t.created_by = st.Int(first + 4);
  t.created_at = base::FromUnixSeconds(st.Int(first + 5));
  if (!st.IsNull(first + 6)) t.last_used_at = base::FromUnixSeconds(st.Int(first + 6));
  if (!st.IsNull(first + 7)) t.revoked_at = base::FromUnixSeconds(st.Int(first + 7));
  return t;
}

Result<accounts::Account> FindWhere(Connection& c, std::string_view where, const std::function<void(Statement&)>& bind) {
  Result<Statement> st = c.Prepare(std::string("SELECT ") + kAccountColumns + " " + std::string(where));
  if (!st.ok()) return std::move(st).error();
  bind(*st);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound("There is no such account.");
  return AccountAt(*st, 0);
}

// Runs a statement that changes rows; kNotFound when it changed none.
Status Change(Connection& c, std::string_view sql, const std::function<void(Statement&)>& bind, const char* what) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  bind(*st);
  GZ_TRY(st->Run());
  if (sqlite3_changes(c.raw()) == 0) return Error::NotFound(std::string("There is no such ") + what + ".");
  return {};
}

}  // namespace

accounts::Account AccountAt(const Statement& st, int first) {
  accounts::Account a;
  a.id = st.Int(first);
  a.email = st.Text(first + 1);
  a.display_name = st.Text(first + 2);
  a.role = accounts::ParseRole(st.Text(first + 3)).value_or(accounts::Role::kReader);
  a.deleted = st.Int(first + 4) != 0;
  a.email_verified = st.Int(first + 5) != 0;
  if (!st.IsNull(first + 6)) a.banned_until = base::FromUnixSeconds(st.Int(first + 6));
  a.ban_reason = st.Text(first + 7);
  a.approved_comments = st.Int(first + 8);
  a.created_at = base::FromUnixSeconds(st.Int(first + 9));
  a.service = st.Int(first + 10) != 0;
  return a;
}

Result<accounts::Account> FindAccount(Connection& c, Id id) {
  return FindWhere(c, kFindById, [&](Statement& st) { st.Bind(1, id); });
}

Result<accounts::Account> FindAccountByEmail(Connection& c, std::string_view email) {
  return FindWhere(c, kFindByEmail, [&](Statement& st) { st.Bind(1, email); });
}

Result<std::string> PasswordHash(Connection& c, Id id) {
  Result<Statement> st = c.Prepare(kPasswordHash);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, id);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row || st->IsNull(0)) return Error::NotFound("There is no such account.");
  return st->Text(0);
}

Result<Id> CreateAccount(Connection& c, const accounts::NewAccount& a) {
  Result<Statement> st = c.Prepare(kCreateAccount);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, std::string_view(a.email))
      .Bind(2, std::string_view(a.display_name))
      .Bind(3, std::string_view(a.password_hash))
      .Bind(4, std::string_view(accounts::RoleName(a.role)))
      .Bind(5, std::int64_t{a.email_verified ? 1 : 0})
      .Bind(6, base::ToUnixSeconds(a.created_at));
  Status done = st->Run();
  if (!done.ok()) {
    Error error = std::move(done).error();
    if (error.code == base::ErrorCode::kConflict) error.field = "email";
    return error;
  }
  return c.LastInsertId();
}

Status SetPassword(Connection& c, Id id, std::string_view hash, std::optional<Id> keep_session) {
  GZ_TRY(Change(c, kSetPassword, [&](Statement& st) { st.Bind(1, id).Bind(2, hash); }, "account"));
  return c.Run(kEndOtherSessions, [&](Statement& st) { st.Bind(1, id).Bind(2, keep_session.value_or(0)); });
}

Status SetRole(Connection& c, Id id, accounts::Role role) {
  return Change(c, kSetRole, [&](Statement& st) { st.Bind(1, id).Bind(2, std::string_view(accounts::RoleName(role))); },
                "account");
}

Status SetEmailVerified(Connection& c, Id id) {
  return Change(c, kSetVerified, [&](Statement& st) { st.Bind(1, id); }, "account");
}

Status DeleteAccount(Connection& c, Id id, base::Timestamp at) {
  GZ_TRY(Change(c, kDeleteAccount, [&](Statement& st) { st.Bind(1, id).Bind(2, base::ToUnixSeconds(at)); }, "account"));
  for (std::string_view sql : {kDeleteSessions, kDeleteConfirmations, kForgetCommentIps}) {
    GZ_TRY(c.Run(sql, [&](Statement& st) { st.Bind(1, id); }));
  }
  return {};
}

Result<Id> CreateSession(Connection& c, const accounts::Session& s) {
  Result<Statement> st = c.Prepare(kCreateSession);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, s.account_id)
      .Bind(2, std::string_view(s.token_hash))
      .Bind(3, base::ToUnixSeconds(s.created_at))
      .Bind(4, base::ToUnixSeconds(s.last_seen_at))
      .Bind(5, base::ToUnixSeconds(s.expires_at))
      .Bind(6, std::string_view(s.user_agent))
      .Bind(7, std::string_view(s.ip));
  GZ_TRY(st->Run());
  return c.LastInsertId();
}

Result<std::pair<accounts::Session, accounts::Account>> FindSession(Connection& c, std::string_view token_hash,
                                                                    base::Timestamp now) {
  std::string sql = "SELECT " + std::string(kSessionColumns) + ", " + kAccountColumns +
                    " FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?1 AND s.expires_at > ?2";
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, token_hash).Bind(2, base::ToUnixSeconds(now));
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound("Not signed in.");
  return std::make_pair(SessionAt(*st, 0), AccountAt(*st, 8));
}

Status TouchSession(Connection& c, Id session_id, base::Timestamp last_seen, base::Timestamp expires_at) {
  return c.Run(kTouchSession, [&](Statement& st) {
    st.Bind(1, session_id).Bind(2, base::ToUnixSeconds(last_seen)).Bind(3, base::ToUnixSeconds(expires_at));
  });
}

Result<std::vector<accounts::Session>> ListSessions(Connection& c, Id account_id, base::Timestamp now) {
  std::string sql = "SELECT " + std::string(kSessionColumns) +
                    " FROM sessions s WHERE s.account_id = ?1 AND s.expires_at > ?2 ORDER BY s.last_seen_at DESC, s.id DESC";
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, account_id).Bind(2, base::ToUnixSeconds(now));
  std::vector<accounts::Session> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(SessionAt(*st, 0));
  }
}

Status EndSession(Connection& c, Id account_id, Id session_id) {
  return Change(c, kEndSession, [&](Statement& st) { st.Bind(1, account_id).Bind(2, session_id); }, "session");
}

Status EndSessionByHash(Connection& c, std::string_view token_hash) {
  return c.Run(kEndSessionByHash, [&](Statement& st) { st.Bind(1, token_hash); });
}

Status StoreVerification(Connection& c, Id account_id, std::string_view token_hash, base::Timestamp expires_at) {
  return c.Run(kStoreVerification, [&](Statement& st) {
    st.Bind(1, token_hash).Bind(2, account_id).Bind(3, base::ToUnixSeconds(expires_at));
  });
}

Result<Id> UseVerification(Connection& c, std::string_view token_hash, base::Timestamp now) {
  Id account_id = 0;
  {
    Result<Statement> st = c.Prepare(kFindVerification);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, token_hash).Bind(2, base::ToUnixSeconds(now));
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("This confirmation link is unknown, used or expired.");
    account_id = st->Int(0);
  }
  GZ_TRY(c.Run(kDeleteVerification, [&](Statement& st) { st.Bind(1, token_hash); }));
  return account_id;
}

Result<std::vector<accounts::Account>> ListStaff(Connection& c) {
  Result<Statement> st = c.Prepare(std::string("SELECT ") + kAccountColumns + " " + std::string(kListStaff));
  if (!st.ok()) return std::move(st).error();
  std::vector<accounts::Account> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(AccountAt(*st, 0));
  }
}

Result<accounts::ApiToken> CreateToken(Connection& c, const accounts::ApiToken& token, std::string_view token_hash) {
  accounts::ApiToken made = token;
  GZ_TRY(c.Run(kCreateServiceAccount, [&](Statement& st) {
    st.Bind(1, std::string_view(token.name))
        .Bind(2, std::string_view(accounts::RoleName(token.role)))
        .Bind(3, base::ToUnixSeconds(token.created_at));
  }));
  made.account_id = c.LastInsertId();
  GZ_TRY(c.Run(kCreateToken, [&](Statement& st) {
    st.Bind(1, made.account_id)
        .Bind(2, std::string_view(token.name))
        .Bind(3, token_hash)
        .Bind(4, token.created_by)
        .Bind(5, base::ToUnixSeconds(token.created_at));
  }));
  made.id = c.LastInsertId();
  return made;
}

Result<std::pair<accounts::ApiToken, accounts::Account>> FindToken(Connection& c, std::string_view token_hash) {
  std::string sql = "SELECT " + std::string(kTokenColumns) + ", " + kAccountColumns +
                    " FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
                    "WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND a.deleted_at IS NULL";
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, token_hash);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound("There is no such token.");
  return std::make_pair(TokenAt(*st, 0), AccountAt(*st, 8));
}

Status TouchToken(Connection& c, Id token_id, base::Timestamp at) {
  return c.Run(kTouchToken, [&](Statement& st) { st.Bind(1, token_id).Bind(2, base::ToUnixSeconds(at)); });
}

Result<std::vector<accounts::ApiToken>> ListTokens(Connection& c) {
  std::string sql = "SELECT " + std::string(kTokenColumns) +
                    " FROM api_tokens t JOIN accounts a ON a.id = t.account_id ORDER BY t.id DESC";
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  std::vector<accounts::ApiToken> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(TokenAt(*st, 0));
  }
}

Status RevokeToken(Connection& c, Id token_id, base::Timestamp at) {
  return Change(c, kRevokeToken, [&](Statement& st) { st.Bind(1, token_id).Bind(2, base::ToUnixSeconds(at)); },
                "token");
}

}  // namespace gazette::storage::sqlite::account_sql
