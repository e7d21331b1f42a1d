// The SQL of moderation: reports, bans, comment policies and the
// moderation log (comments/moderation.h).
#include <string>
#include <vector>

#include "storage/sqlite/comment_sql.h"

namespace gazette::storage::sqlite::comment_sql {

using base::Error;
using base::Result;
using base::Status;

namespace {

constexpr std::string_view kInsertReport =
    "INSERT INTO comment_reports (comment_id, account_id, reason, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kOpenReports = "SELECT count(*) FROM comment_reports WHERE comment_id = ?1 AND resolved = 0";
constexpr std::string_view kResolveReports = "UPDATE comment_reports SET resolved = 1 WHERE comment_id = ?1";
constexpr std::string_view kSetBan = "UPDATE accounts SET banned_until = ?2, ban_reason = ?3 WHERE id = ?1";
constexpr std::string_view kArticlePolicy = "UPDATE articles SET comment_policy = ?2 WHERE id = ?1";
constexpr std::string_view kSectionPolicy = "UPDATE sections SET comment_policy = ?2 WHERE slug = ?1";
constexpr std::string_view kAppendLog =
    "INSERT INTO moderation_log (actor_id, actor_name, action, comment_id, account_id, article_id, detail, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kReports =
    "SELECT r.comment_id, r.account_id, a.display_name, r.reason, r.text, r.created_at FROM comment_reports r "
    "JOIN accounts a ON a.id = r.account_id WHERE r.comment_id = ?1 AND r.resolved = 0 ORDER BY r.created_at";
constexpr std::string_view kLog =
    "SELECT id, coalesce(actor_id, 0), actor_name, action, comment_id, account_id, article_id, detail, created_at "
    "FROM moderation_log ORDER BY id DESC LIMIT ?1 OFFSET ?2";

}  // namespace

Result<std::vector<comments::Report>> Reports(Connection& c, Id comment_id) {
  Result<Statement> st = c.Prepare(kReports);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, comment_id);
  std::vector<comments::Report> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back({st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), base::FromUnixSeconds(st->Int(5))});
  }
}

Result<std::vector<comments::LogEntry>> Log(Connection& c, int offset, int limit) {
  Result<Statement> st = c.Prepare(kLog);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, std::int64_t{limit}).Bind(2, std::int64_t{offset});
  std::vector<comments::LogEntry> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    comments::LogEntry e;
    e.id = st->Int(0);
    e.actor_id = st->Int(1);
    e.actor_name = st->Text(2);
    e.action = st->Text(3);
    e.comment_id = st->OptionalInt(4);
    e.account_id = st->OptionalInt(5);
    e.article_id = st->OptionalInt(6);
    e.detail = st->Text(7);
    e.created_at = base::FromUnixSeconds(st->Int(8));
    out.push_back(std::move(e));
  }
}

Result<std::int64_t> AddReport(Connection& c, const comments::Report& r) {
  Status inserted = c.Run(kInsertReport, [&](Statement& st) {
    st.Bind(1, r.comment_id)
        .Bind(2, r.account_id)
        .Bind(3, std::string_view(r.reason))
        .Bind(4, std::string_view(r.text))
        .Bind(5, base::ToUnixSeconds(r.created_at));
  });
  if (!inserted.ok()) return std::move(inserted).error();
  return c.Number(kOpenReports, [&](Statement& st) { st.Bind(1, r.comment_id); });
}

Status ResolveReports(Connection& c, Id comment_id) {
  return c.Run(kResolveReports, [&](Statement& st) { st.Bind(1, comment_id); });
}

Status SetBan(Connection& c, Id account_id, std::optional<base::Timestamp> until, std::string_view reason) {
  return c.Run(kSetBan, [&](Statement& st) {
    st.Bind(1, account_id)
        .Bind(2, until ? std::optional<std::int64_t>(base::ToUnixSeconds(*until)) : std::nullopt)
        .Bind(3, reason);
  });
}

Status SetArticlePolicy(Connection& c, Id article_id, std::optional<comments::Policy> policy) {
  GZ_TRY(c.Run(kArticlePolicy, [&](Statement& st) {
    st.Bind(1, article_id);
    if (policy) st.Bind(2, std::string_view(comments::PolicyName(*policy))); else st.BindNull(2);
  }));
  if (sqlite3_changes(c.raw()) == 0) return Error::NotFound("There is no such article.");
  return {};
}

Status SetSectionPolicy(Connection& c, std::string_view section_slug, std::optional<comments::Policy> policy) {
  GZ_TRY(c.Run(kSectionPolicy, [&](Statement& st) {
    st.Bind(1, section_slug);
    if (policy) st.Bind(2, std::string_view(comments::PolicyName(*policy))); else st.BindNull(2);
  }));
  if (sqlite3_changes(c.raw()) == 0) return Error::NotFound("There is no such section.");
  return {};
}

Status AppendLog(Connection& c, const comments::LogEntry& e) {
  return c.Run(kAppendLog, [&](Statement& st) {
    if (e.actor_id) st.Bind(1, e.actor_id); else st.BindNull(1);
    st.Bind(2, std::string_view(e.actor_name))
        .Bind(3, std::string_view(e.action))
        .Bind(4, e.comment_id)
        .Bind(5, e.account_id)
        .Bind(6, e.article_id)
        .Bind(7, std::string_view(e.detail))
        .Bind(8, base::ToUnixSeconds(e.created_at));
  });
}

}  // namespace gazette::storage::sqlite::comment_sql
