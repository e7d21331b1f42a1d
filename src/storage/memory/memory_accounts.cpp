#include "storage/memory/memory_accounts.h"

#include <algorithm>

namespace gazette::storage::memory_accounts {

using base::Error;

namespace {

Error NoAccount() { return Error::NotFound("There is no such account."); }

}  // namespace

Result<accounts::Account> FindAccount(const MemoryState& s, Id id) {
  auto it = s.accounts.find(id);
  if (it == s.accounts.end()) return NoAccount();
  return it->second.account;
}

Result<accounts::Account> FindAccountByEmail(const MemoryState& s, std::string_view email) {
  for (const auto& [id, stored] : s.accounts) {
    if (!stored.account.deleted && stored.account.email == email) return stored.account;
  }
  return NoAccount();
}

Result<std::string> PasswordHash(const MemoryState& s, Id id) {
  auto it = s.accounts.find(id);
  if (it == s.accounts.end() || it->second.account.deleted || it->second.account.service) return NoAccount();
  return it->second.password_hash;
}

Result<Id> CreateAccount(MemoryState& s, const accounts::NewAccount& a) {
  if (FindAccountByEmail(s, a.email).ok()) return Error::Conflict("An account with this email exists.", "email");
  StoredAccount stored;
  stored.account.id = ++s.last_id;
  stored.account.email = a.email;
  stored.account.display_name = a.display_name;
  stored.account.role = a.role;
  stored.account.email_verified = a.email_verified;
  stored.account.created_at = a.created_at;
  stored.password_hash = a.password_hash;
  s.accounts[stored.account.id] = stored;
  return stored.account.id;
}

Status SetPassword(MemoryState& s, Id id, std::string_view hash, std::optional<Id> keep) {
  auto it = s.accounts.find(id);
  if (it == s.accounts.end() || it->second.account.deleted) return NoAccount();
  it->second.password_hash = std::string(hash);
  std::erase_if(s.sessions, [&](const auto& e) { return e.second.account_id == id && e.first != keep.value_or(0); });
  return {};
}

Status SetRole(MemoryState& s, Id id, accounts::Role role) {
  auto it = s.accounts.find(id);
  if (it == s.accounts.end()) return NoAccount();
  it->second.account.role = role;
  return {};
}

Status SetEmailVerified(MemoryState& s, Id id) {
  auto it = s.accounts.find(id);
  if (it == s.accounts.end()) return NoAccount();
  it->second.account.email_verified = true;
  return {};
}

Status DeleteAccount(MemoryState& s, Id id, base::Timestamp) {
  auto it = s.accounts.find(id);
  if (it == s.accounts.end() || it->second.account.deleted) return NoAccount();
  accounts::Account& a = it->second.account;
  a.deleted = true;
  a.email.clear();
  a.display_name.clear();
  a.ban_reason.clear();
  it->second.password_hash.clear();
  std::erase_if(s.sessions, [&](const auto& e) { return e.second.account_id == id; });
  std::erase_if(s.confirmations, [&](const auto& e) { return e.second.first == id; });
  for (auto& [cid, c] : s.comments) {
    if (c.account_id == id) c.ip.clear();
  }
  return {};
}

Result<Id> CreateSession(MemoryState& s, const accounts::Session& session) {
  for (const auto& [id, existing] : s.sessions) {
    if (existing.token_hash == session.token_hash) return Error::Conflict("The session exists.");
  }
  accounts::Session stored = session;
  stored.id = ++s.last_id;
  s.sessions[stored.id] = stored;
  return stored.id;
}

Result<std::pair<accounts::Session, accounts::Account>> FindSession(const MemoryState& s, std::string_view hash,
                                                                    base::Timestamp now) {
  for (const auto& [id, session] : s.sessions) {
    if (session.token_hash != hash) continue;
    if (session.expires_at <= now) break;
    Result<accounts::Account> account = FindAccount(s, session.account_id);
    if (!account.ok()) break;
    return std::make_pair(session, *account);
  }
  return Error::NotFound("Not signed in.");
}

Status TouchSession(MemoryState& s, Id id, base::Timestamp last_seen, base::Timestamp expires_at) {
  auto it = s.sessions.find(id);
  if (it == s.sessions.end()) return {};
  it->second.last_seen_at = last_seen;
  it->second.expires_at = expires_at;
  return {};
}

Result<std::vector<accounts::Session>> ListSessions(const MemoryState& s, Id account_id, base::Timestamp now) {
  std::vector<accounts::Session> out;
  for (const auto& [id, session] : s.sessions) {
    if (session.account_id == account_id && session.expires_at > now) out.push_back(session);
  }
  std::sort(out.begin(), out.end(), [](const accounts::Session& a, const accounts::Session& b) {
    return a.last_seen_at != b.last_seen_at ? a.last_seen_at > b.last_seen_at : a.id > b.id;
  });
  return out;
}

Status EndSession(MemoryState& s, Id account_id, Id session_id) {
  auto it = s.sessions.find(session_id);
  if (it == s.sessions.end() || it->second.account_id != account_id) return Error::NotFound("There is no such session.");
  s.sessions.erase(it);
  return {};
}

Status EndSessionByHash(MemoryState& s, std::string_view hash) {
  std::erase_if(s.sessions, [&](const auto& e) { return e.second.token_hash == hash; });
  return {};
}

Status StoreVerification(MemoryState& s, Id account_id, std::string_view hash, base::Timestamp expires) {
  s.confirmations[std::string(hash)] = {account_id, expires};
  return {};
}

Result<Id> UseVerification(MemoryState& s, std::string_view hash, base::Timestamp now) {
  auto it = s.confirmations.find(std::string(hash));
  if (it == s.confirmations.end() || it->second.second <= now) {
    return Error::NotFound("This confirmation link is unknown, used or expired.");
  }
  Id id = it->second.first;
  s.confirmations.erase(it);
  return id;
}

Result<std::vector<accounts::Account>> ListStaff(const MemoryState& s) {
  std::vector<accounts::Account> out;
  for (const auto& [id, stored] : s.accounts) {
    const accounts::Account& a = stored.account;
    if (accounts::IsStaff(a.role) && !a.service && !a.deleted) out.push_back(a);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.display_name < y.display_name; });
  return out;
}

Result<accounts::ApiToken> CreateToken(MemoryState& s, const accounts::ApiToken& token, std::string_view hash) {
  for (const auto& [id, stored] : s.tokens) {
    if (stored.hash == hash) return Error::Conflict("This token exists.");
  }
  StoredAccount account;
  account.account.id = ++s.last_id;
  account.account.display_name = token.name;
  account.account.role = token.role;
  account.account.service = true;
  account.account.email_verified = true;
  account.account.created_at = token.created_at;
  s.accounts[account.account.id] = account;
  StoredToken stored{token, std::string(hash)};
  stored.token.id = ++s.last_id;
  stored.token.account_id = account.account.id;
  s.tokens[stored.token.id] = stored;
  return stored.token;
}

namespace {

accounts::ApiToken WithRole(const MemoryState& s, accounts::ApiToken token) {
  auto account = s.accounts.find(token.account_id);
  if (account != s.accounts.end()) token.role = account->second.account.role;
  return token;
}

}  // namespace

Result<std::pair<accounts::ApiToken, accounts::Account>> FindToken(const MemoryState& s, std::string_view hash) {
  for (const auto& [id, stored] : s.tokens) {
    if (stored.hash != hash || stored.token.revoked_at) continue;
    auto account = s.accounts.find(stored.token.account_id);
    if (account == s.accounts.end() || account->second.account.deleted) break;
    return std::make_pair(WithRole(s, stored.token), account->second.account);
  }
  return Error::NotFound("There is no such token.");
}

Status TouchToken(MemoryState& s, Id token_id, base::Timestamp at) {
  auto it = s.tokens.find(token_id);
  if (it != s.tokens.end()) it->second.token.last_used_at = at;
  return {};
}

Result<std::vector<accounts::ApiToken>> ListTokens(const MemoryState& s) {
  std::vector<accounts::ApiToken> out;
  for (auto it = s.tokens.rbegin(); it != s.tokens.rend(); ++it) out.push_back(WithRole(s, it->second.token));
  return out;
}

Status RevokeToken(MemoryState& s, Id token_id, base::Timestamp at) {
  auto it = s.tokens.find(token_id);
  if (it == s.tokens.end() || it->second.token.revoked_at) return Error::NotFound("There is no such token.");
  it->second.token.revoked_at = at;
  return {};
}

}  // namespace gazette::storage::memory_accounts
