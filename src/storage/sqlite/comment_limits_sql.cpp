// The SQL of comment limits: allowances per reader and address, and the
// repeat keys of comments (comments/allowance.h, comments/checks.h).
#include <utility>
#include <vector>

#include "comments/checks.h"
#include "storage/sqlite/comment_sql.h"

namespace gazette::storage::sqlite::comment_sql {

using base::Result;
using base::Status;

namespace {

constexpr std::string_view kPostedSince =
    "SELECT EXISTS (SELECT 1 FROM comments WHERE account_id = ?1 AND repeat_key = ?2 AND created_at > ?3 "
    "AND status <> 'deleted')";
constexpr std::string_view kAllowance = "SELECT full_at FROM comment_allowances WHERE name = ?1";
constexpr std::string_view kSetAllowance =
    "INSERT INTO comment_allowances (name, full_at) VALUES (?1, ?2) "
    "ON CONFLICT (name) DO UPDATE SET full_at = excluded.full_at";
constexpr std::string_view kForgetAllowances = "DELETE FROM comment_allowances WHERE full_at <= ?1";
constexpr std::string_view kWithoutRepeatKey =
    "SELECT id, body FROM comments WHERE repeat_key IS NULL AND created_at > ?1";
constexpr std::string_view kSetRepeatKey = "UPDATE comments SET repeat_key = ?2 WHERE id = ?1";

}  // namespace

Result<bool> PostedSince(Connection& c, Id account_id, std::string_view repeat_key, base::Timestamp since) {
  Result<Statement> st = c.Prepare(kPostedSince);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, account_id).Bind(2, repeat_key).Bind(3, base::ToUnixSeconds(since));
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  return *row && st->Int(0) != 0;
}

Result<comments::AllowanceTime> AllowanceFullAt(Connection& c, std::string_view name) {
  Result<Statement> st = c.Prepare(kAllowance);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, name);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  return *row ? st->Int(0) : 0;
}

Status SetAllowanceFullAt(Connection& c, std::string_view name, comments::AllowanceTime full_at) {
  Result<Statement> st = c.Prepare(kSetAllowance);
  if (!st.ok()) return std::move(st).error();
  return st->Bind(1, name).Bind(2, full_at).Run();
}

Status ForgetFullAllowances(Connection& c, base::Timestamp now) {
  Result<Statement> st = c.Prepare(kForgetAllowances);
  if (!st.ok()) return std::move(st).error();
  return st->Bind(1, base::ToUnixSeconds(now) * 1'000'000).Run();
}

Status KeyRecentComments(Connection& c, base::Timestamp since) {
  std::vector<std::pair<Id, std::string>> todo;
  {
    Result<Statement> st = c.Prepare(kWithoutRepeatKey);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, base::ToUnixSeconds(since));
    for (;;) {
      Result<bool> row = st->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) break;
      todo.emplace_back(st->Int(0), comments::RepeatKey(st->Text(1)));
    }
  }
  for (const auto& [id, key] : todo) {
    Result<Statement> st = c.Prepare(kSetRepeatKey);
    if (!st.ok()) return std::move(st).error();
    GZ_TRY(st->Bind(1, id).Bind(2, std::string_view(key)).Run());
  }
  return {};
}

}  // namespace gazette::storage::sqlite::comment_sql
