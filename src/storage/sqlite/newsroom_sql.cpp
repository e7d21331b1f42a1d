#include "storage/sqlite/newsroom_sql.h"

#include <sstream>

namespace gazette::storage::sqlite::newsroom_sql {

using base::Error;
using base::Result;
using base::Status;

namespace {

// The content columns shared by revisions and pending edits, in this order.
constexpr std::string_view kContentColumns =
    "headline, lead, section, tags, authors, source_name, source_url, seo_title, seo_description, breaking, body, top";
constexpr int kContentCount = 12;

constexpr std::string_view kRevisionColumns =
    "SELECT id, article_id, version, account_id, account_name, kind, note, created_at, slug, ";
constexpr std::string_view kPendingColumns =
    "SELECT article_id, account_id, account_name, state, version, publish_at, updated_at, note, slug, ";
constexpr std::string_view kDueArticles =
    "SELECT id FROM articles WHERE status = 'scheduled' AND published_at <= ?1 ORDER BY published_at, id";
constexpr std::string_view kDuePending =
    "SELECT article_id FROM pending_edits WHERE state = 'scheduled' AND publish_at <= ?1 ORDER BY publish_at, article_id";
constexpr std::string_view kNextDue =
    "SELECT min(t) FROM (SELECT min(published_at) AS t FROM articles WHERE status = 'scheduled' "
    "UNION ALL SELECT min(publish_at) FROM pending_edits WHERE state = 'scheduled')";
constexpr std::string_view kAudit =
    "SELECT id, actor_id, actor_name, action, target_type, target_id, detail, created_at FROM audit_log "
    "ORDER BY id DESC LIMIT ?1 OFFSET ?2";
constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (actor_id, actor_name, action, target_type, target_id, detail, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kSettings = "SELECT key, value FROM settings";
constexpr std::string_view kSaveSetting =
    "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr std::string_view kDeleteSetting = "DELETE FROM settings WHERE key = ?1";
constexpr std::string_view kDeletePending = "DELETE FROM pending_edits WHERE article_id = ?1";

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += '\n';
    out += item;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

core::ArticleDraft ContentAt(const Statement& st, int first) {
  core::ArticleDraft d;
  d.headline = st.Text(first);
  d.lead = st.Text(first + 1);
  d.section = st.Text(first + 2);
  d.tags = SplitLines(st.Text(first + 3));
  d.authors = SplitLines(st.Text(first + 4));
  d.source = {st.Text(first + 5), st.Text(first + 6)};
  d.seo_title = st.Text(first + 7);
  d.seo_description = st.Text(first + 8);
  d.breaking = st.Int(first + 9) != 0;
  d.body = st.Text(first + 10);
  d.top = st.Int(first + 11) != 0;
  return d;
}

// Binds the content columns to parameters first .. first + kContentCount - 1.
void BindContent(Statement& st, int first, const core::ArticleDraft& d, std::string& tags, std::string& authors) {
  tags = JoinLines(d.tags);
  authors = JoinLines(d.authors);
  st.Bind(first, std::string_view(d.headline))
      .Bind(first + 1, std::string_view(d.lead))
      .Bind(first + 2, std::string_view(d.section))
      .Bind(first + 3, std::string_view(tags))
      .Bind(first + 4, std::string_view(authors))
      .Bind(first + 5, std::string_view(d.source.name))
      .Bind(first + 6, std::string_view(d.source.url))
      .Bind(first + 7, std::string_view(d.seo_title))
      .Bind(first + 8, std::string_view(d.seo_description))
      .Bind(first + 9, std::int64_t{d.breaking ? 1 : 0})
      .Bind(first + 10, std::string_view(d.body))
      .Bind(first + 11, std::int64_t{d.top ? 1 : 0});
}

// "?1, ?2, ..., ?n".
std::string Placeholders(int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) out += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return out;
}

Revision RevisionAt(const Statement& st) {
  Revision r;
  r.id = st.Int(0);
  r.article_id = st.Int(1);
  r.version = st.Int(2);
  r.account_id = st.Int(3);
  r.account_name = st.Text(4);
  r.kind = st.Text(5);
  r.note = st.Text(6);
  r.created_at = base::FromUnixSeconds(st.Int(7));
  r.slug = st.Text(8);
  r.content = ContentAt(st, 9);
  r.content.slug = r.slug;
  return r;
}

Result<std::vector<Id>> Ids(Connection& c, std::string_view sql, base::Timestamp now) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, base::ToUnixSeconds(now));
  return CollectRows(*st, [](const Statement& s) { return s.Int(0); });
}

}  // namespace

Result<std::vector<Revision>> Revisions(Connection& c, Id article_id) {
  Result<Statement> st = c.Prepare(std::string(kRevisionColumns) + std::string(kContentColumns) +
                                   " FROM revisions WHERE article_id = ?1 ORDER BY id DESC");
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, article_id);
  return CollectRows(*st, RevisionAt);
}

Result<Revision> FindRevision(Connection& c, Id revision_id) {
  Result<Statement> st =
      c.Prepare(std::string(kRevisionColumns) + std::string(kContentColumns) + " FROM revisions WHERE id = ?1");
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, revision_id);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound("There is no such revision.");
  return RevisionAt(*st);
}

Result<std::optional<PendingEdit>> Pending(Connection& c, Id article_id) {
  Result<Statement> st = c.Prepare(std::string(kPendingColumns) + std::string(kContentColumns) +
                                   " FROM pending_edits WHERE article_id = ?1");
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, article_id);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return std::optional<PendingEdit>();
  PendingEdit p;
  p.article_id = st->Int(0);
  p.account_id = st->Int(1);
  p.account_name = st->Text(2);
  p.state = newsroom::ParsePendingState(st->Text(3)).value_or(PendingEdit::State::kDraft);
  p.version = st->Int(4);
  if (!st->IsNull(5)) p.publish_at = base::FromUnixSeconds(st->Int(5));
  p.updated_at = base::FromUnixSeconds(st->Int(6));
  p.note = st->Text(7);
  p.content = ContentAt(*st, 9);
  p.content.slug = st->Text(8);
  return std::optional<PendingEdit>(std::move(p));
}

Result<std::vector<Id>> DueArticles(Connection& c, base::Timestamp now) { return Ids(c, kDueArticles, now); }
Result<std::vector<Id>> DuePending(Connection& c, base::Timestamp now) { return Ids(c, kDuePending, now); }

Result<std::optional<base::Timestamp>> NextDue(Connection& c) {
  Result<Statement> st = c.Prepare(kNextDue);
  if (!st.ok()) return std::move(st).error();
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row || st->IsNull(0)) return std::optional<base::Timestamp>();
  return std::optional<base::Timestamp>(base::FromUnixSeconds(st->Int(0)));
}

Result<std::vector<AuditEntry>> Audit(Connection& c, int offset, int limit) {
  Result<Statement> st = c.Prepare(kAudit);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, std::int64_t{limit}).Bind(2, std::int64_t{offset});
  return CollectRows(*st, [](const Statement& s) {
    return AuditEntry{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Int(5), s.Text(6),
                      base::FromUnixSeconds(s.Int(7))};
  });
}

Result<std::map<std::string, std::string>> LoadSettings(Connection& c) {
  Result<Statement> st = c.Prepare(kSettings);
  if (!st.ok()) return std::move(st).error();
  auto rows = CollectRows(*st, [](const Statement& s) { return std::make_pair(s.Text(0), s.Text(1)); });
  if (!rows.ok()) return std::move(rows).error();
  return std::map<std::string, std::string>(rows->begin(), rows->end());
}

Result<Id> InsertRevision(Connection& c, const Revision& r) {
  Result<Statement> st = c.Prepare(
      "INSERT INTO revisions (article_id, version, account_id, account_name, kind, note, created_at, slug, " +
      std::string(kContentColumns) + ") VALUES (" + Placeholders(8 + kContentCount) + ")");
  if (!st.ok()) return std::move(st).error();
  std::string tags, authors;
  st->Bind(1, r.article_id)
      .Bind(2, r.version)
      .Bind(3, r.account_id)
      .Bind(4, std::string_view(r.account_name))
      .Bind(5, std::string_view(r.kind))
      .Bind(6, std::string_view(r.note))
      .Bind(7, base::ToUnixSeconds(r.created_at))
      .Bind(8, std::string_view(r.slug));
  BindContent(*st, 9, r.content, tags, authors);
  GZ_TRY(st->Run());
  return c.LastInsertId();
}

Status SavePending(Connection& c, const PendingEdit& p) {
  Result<Statement> st = c.Prepare(
      "INSERT OR REPLACE INTO pending_edits (article_id, account_id, account_name, state, version, publish_at, "
      "updated_at, note, slug, " +
      std::string(kContentColumns) + ") VALUES (" + Placeholders(9 + kContentCount) + ")");
  if (!st.ok()) return std::move(st).error();
  std::string tags, authors;
  st->Bind(1, p.article_id)
      .Bind(2, p.account_id)
      .Bind(3, std::string_view(p.account_name))
      .Bind(4, std::string_view(newsroom::PendingStateName(p.state)))
      .Bind(5, p.version);
  if (p.publish_at) {
    st->Bind(6, base::ToUnixSeconds(*p.publish_at));
  } else {
    st->BindNull(6);
  }
  st->Bind(7, base::ToUnixSeconds(p.updated_at)).Bind(8, std::string_view(p.note)).Bind(9, std::string_view(p.content.slug));
  BindContent(*st, 10, p.content, tags, authors);
  return st->Run();
}

Status DeletePending(Connection& c, Id article_id) {
  Result<Statement> st = c.Prepare(kDeletePending);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, article_id);
  return st->Run();
}

Status AppendAudit(Connection& c, const AuditEntry& e) {
  Result<Statement> st = c.Prepare(kInsertAudit);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, e.actor_id)
      .Bind(2, std::string_view(e.actor_name))
      .Bind(3, std::string_view(e.action))
      .Bind(4, std::string_view(e.target_type))
      .Bind(5, e.target_id)
      .Bind(6, std::string_view(e.detail))
      .Bind(7, base::ToUnixSeconds(e.created_at));
  return st->Run();
}

Status SaveSettings(Connection& c, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    Result<Statement> st = c.Prepare(value.empty() ? kDeleteSetting : kSaveSetting);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, std::string_view(key));
    if (!value.empty()) st->Bind(2, std::string_view(value));
    GZ_TRY(st->Run());
  }
  return {};
}

}  // namespace gazette::storage::sqlite::newsroom_sql
