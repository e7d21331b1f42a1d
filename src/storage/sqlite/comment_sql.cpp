#include "storage/sqlite/comment_sql.h"

#include <algorithm>
#include <set>

#include "comments/checks.h"

namespace gazette::storage::sqlite::comment_sql {

using base::Error;
using base::Result;
using base::Status;
using comments::Comment;

namespace {

constexpr std::string_view kColumns =
    "SELECT c.id, c.article_id, c.parent_id, c.root_id, c.account_id, a.display_name, a.deleted_at IS NOT NULL, c.body, "
    "c.body_html, c.status, c.hidden, c.featured, c.upvotes, c.downvotes, c.score, c.reports, c.created_at, "
    "c.edited_at, c.ip, c.nonce, c.moderation_note FROM comments c JOIN accounts a ON a.id = c.account_id ";

// A comment readers see in full, or a placeholder kept for the replies under it.
constexpr std::string_view kShownTopLevel =
    "WHERE c.article_id = ?1 AND c.parent_id IS NULL AND ((c.status = 'visible' AND c.hidden = 0) OR "
    "((c.status IN ('deleted', 'rejected') OR c.hidden = 1) AND EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = "
    "c.id AND r.status IN ('visible', 'deleted', 'rejected'))))";

// The same count as "SELECT count(*) ... kShownTopLevel": the shown
// top-level comments as the writes below keep them (migration 0010), and the
// placeholders above replies counted from their partial index (migration
// 0008; named: without statistics SQLite would walk all of the article's
// threads instead).
constexpr std::string_view kCountShownTopLevel =
    "SELECT coalesce((SELECT shown FROM article_threads WHERE article_id = ?1), 0) + (SELECT count(*) FROM comments c "
    "INDEXED BY comments_top_level_placeholders WHERE c.article_id = ?1 AND c.parent_id IS NULL AND (c.status <> "
    "'visible' OR c.hidden = 1) AND EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.status IN "
    "('visible', 'deleted', 'rejected')))";

// ?2: +1 or -1, a thread the article's page shows came or went.
constexpr std::string_view kCountThread =
    "INSERT INTO article_threads (article_id, shown) VALUES (?1, ?2) "
    "ON CONFLICT (article_id) DO UPDATE SET shown = shown + excluded.shown";
constexpr std::string_view kThreadBefore =
    "SELECT article_id, parent_id IS NULL, status = 'visible' AND hidden = 0 FROM comments WHERE id = ?1";

constexpr std::string_view kInsert =
    "INSERT INTO comments (id, article_id, parent_id, root_id, account_id, status, hidden, featured, upvotes, "
    "downvotes, score, reports, created_at, edited_at, ip, nonce, moderation_note, body, body_html, repeat_key) "
    "VALUES (?20, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
// The next comment's id, read in the inserting transaction (which holds the
// write lock): a thread's first comment is its own root, so the id goes into
// the row at once. An INSERT ... SELECT from comments itself would make
// SQLite copy the selected row into a temporary table and open a statement
// journal for every comment.
constexpr std::string_view kNextId = "SELECT coalesce(max(id), 0) + 1 FROM comments";
constexpr std::string_view kUpdate =
    "UPDATE comments SET status = ?2, hidden = ?3, featured = ?4, upvotes = ?5, downvotes = ?6, score = ?7, "
    "reports = ?8, edited_at = ?9, moderation_note = ?10, body = ?11, body_html = ?12, repeat_key = ?13 WHERE id = ?1";
constexpr std::string_view kAdjustCount =
    "UPDATE articles SET comment_count = max(0, comment_count + ?2) WHERE id = ?1";
constexpr std::string_view kAddApproved =
    "UPDATE accounts SET approved_comments = max(0, approved_comments + ?2) WHERE id = ?1";
constexpr std::string_view kDeleteVote = "DELETE FROM comment_votes WHERE comment_id = ?1 AND account_id = ?2";
constexpr std::string_view kUpsertVote =
    "INSERT INTO comment_votes (comment_id, account_id, value) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (comment_id, account_id) DO UPDATE SET value = excluded.value";
constexpr std::string_view kVoteTotals =
    "SELECT coalesce(sum(value = 1), 0), coalesce(sum(value = -1), 0) FROM comment_votes WHERE comment_id = ?1";
constexpr std::string_view kArticle =
    "SELECT a.id, a.headline, a.slug, a.status = 'published', a.published_at, a.comment_policy, s.comment_policy, "
    "a.comment_count FROM articles a LEFT JOIN sections s ON s.id = a.section_id WHERE a.id = ?1";
constexpr std::string_view kVotesByAccount =
    "SELECT v.comment_id, c.article_id, v.value FROM comment_votes v JOIN comments c ON c.id = v.comment_id "
    "WHERE v.account_id = ?1 ORDER BY v.comment_id";

Comment CommentAt(const Statement& st) {
  Comment c;
  c.id = st.Int(0);
  c.article_id = st.Int(1);
  c.parent_id = st.OptionalInt(2);
  c.root_id = st.Int(3);
  c.account_id = st.Int(4);
  c.author_name = st.Text(5);
  c.author_deleted = st.Int(6) != 0;
  c.body = st.Text(7);
  c.body_html = st.Text(8);
  c.status = comments::ParseCommentStatus(st.Text(9)).value_or(comments::CommentStatus::kPending);
  c.hidden = st.Int(10) != 0;
  c.featured = st.Int(11) != 0;
  c.upvotes = st.Int(12);
  c.downvotes = st.Int(13);
  c.score = st.Double(14);
  c.reports = st.Int(15);
  c.created_at = base::FromUnixSeconds(st.Int(16));
  if (!st.IsNull(17)) c.edited_at = base::FromUnixSeconds(st.Int(17));
  c.ip = st.Text(18);
  c.nonce = st.Text(19);
  c.moderation_note = st.Text(20);
  return c;
}

Result<std::vector<Comment>> List(Connection& c, const std::string& sql, const std::function<void(Statement&)>& bind) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  bind(*st);
  std::vector<Comment> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(CommentAt(*st));
  }
}

const char* OrderFor(comments::Sort sort) {
  switch (sort) {
    case comments::Sort::kOldest: return " ORDER BY c.created_at, c.id";
    case comments::Sort::kNewest: return " ORDER BY c.created_at DESC, c.id DESC";
    case comments::Sort::kBest: return " ORDER BY c.score DESC, c.upvotes DESC, c.created_at, c.id";
  }
  return " ORDER BY c.created_at, c.id";
}

bool IsPlaceholder(const Comment& c) {
  return c.status == comments::CommentStatus::kDeleted || c.status == comments::CommentStatus::kRejected || c.hidden;
}

}  // namespace

Result<Comment> FindComment(Connection& c, Id id) {
  Result<std::vector<Comment>> found =
      List(c, std::string(kColumns) + "WHERE c.id = ?1", [&](Statement& st) { st.Bind(1, id); });
  if (!found.ok()) return std::move(found).error();
  if (found->empty()) return Error::NotFound("There is no such comment.");
  return std::move(found->front());
}

Result<std::optional<Comment>> FindByNonce(Connection& c, Id account_id, std::string_view nonce) {
  if (nonce.empty()) return std::optional<Comment>();
  // "nonce <> ''" lets SQLite use the partial index comments_nonce: without
  // it the reader's every comment was read (the parameter might be empty).
  Result<std::vector<Comment>> found =
      List(c, std::string(kColumns) + "WHERE c.account_id = ?1 AND c.nonce = ?2 AND c.nonce <> ''",
           [&](Statement& st) { st.Bind(1, account_id).Bind(2, nonce); });
  if (!found.ok()) return std::move(found).error();
  if (found->empty()) return std::optional<Comment>();
  return std::optional<Comment>(std::move(found->front()));
}

Result<comments::ThreadPage> Threads(Connection& c, Id article_id, comments::Sort sort, int offset, int limit) {
  comments::ThreadPage page;
  Result<std::int64_t> total = c.Number(kCountShownTopLevel, [&](Statement& st) { st.Bind(1, article_id); });
  if (!total.ok()) return std::move(total).error();
  page.total_threads = *total;
  Result<std::vector<Comment>> tops =
      List(c, std::string(kColumns) + std::string(kShownTopLevel) + OrderFor(sort) + " LIMIT ?2 OFFSET ?3",
           [&](Statement& st) { st.Bind(1, article_id).Bind(2, std::int64_t{limit}).Bind(3, std::int64_t{offset}); });
  if (!tops.ok()) return std::move(tops).error();
  if (tops->empty()) return page;

  std::string in;
  for (std::size_t i = 0; i < tops->size(); ++i) in += (i ? ", ?" : "?") + std::to_string(i + 1);
  Result<std::vector<Comment>> replies =
      List(c,
           std::string(kColumns) + "WHERE c.root_id IN (" + in +
               ") AND c.parent_id IS NOT NULL AND c.status IN ('visible', 'deleted', 'rejected') "
               "ORDER BY c.created_at, c.id",
           [&](Statement& st) {
             for (std::size_t i = 0; i < tops->size(); ++i) st.Bind(static_cast<int>(i + 1), (*tops)[i].id);
           });
  if (!replies.ok()) return std::move(replies).error();

  // Placeholders stay only while something under them is shown.
  std::vector<Comment>& all = *replies;
  for (bool changed = true; changed;) {
    changed = false;
    std::set<Id> parents;
    for (const Comment& r : all) parents.insert(*r.parent_id);
    for (auto it = all.begin(); it != all.end();) {
      if (IsPlaceholder(*it) && !parents.count(it->id)) {
        it = all.erase(it);
        changed = true;
      } else {
        ++it;
      }
    }
  }
  for (Comment& top : *tops) {
    Id root = top.id;
    bool has_replies = std::any_of(all.begin(), all.end(), [&](const Comment& r) { return r.parent_id == root; });
    if (IsPlaceholder(top) && !has_replies) continue;  // everything under it went
    page.comments.push_back(std::move(top));
    for (Comment& r : all) {
      if (r.root_id == root) page.comments.push_back(r);
    }
  }
  return page;
}

Result<std::vector<Comment>> Featured(Connection& c, Id article_id) {
  return List(c,
              std::string(kColumns) +
                  "WHERE c.article_id = ?1 AND c.featured = 1 AND c.status = 'visible' AND c.hidden = 0 "
                  "ORDER BY c.created_at, c.id",
              [&](Statement& st) { st.Bind(1, article_id); });
}

Result<std::vector<Comment>> RecentVisible(Connection& c, Id article_id, int limit) {
  return List(c,
              std::string(kColumns) +
                  "WHERE c.article_id = ?1 AND c.status = 'visible' AND c.hidden = 0 "
                  "ORDER BY c.created_at DESC, c.id DESC LIMIT ?2",
              [&](Statement& st) { st.Bind(1, article_id).Bind(2, std::int64_t{std::max(0, limit)}); });
}

Result<std::vector<Comment>> ByAccountSince(Connection& c, Id account_id, base::Timestamp since) {
  return List(c, std::string(kColumns) + "WHERE c.account_id = ?1 AND c.created_at > ?2 ORDER BY c.created_at DESC, c.id DESC",
              [&](Statement& st) { st.Bind(1, account_id).Bind(2, base::ToUnixSeconds(since)); });
}

Result<std::vector<Comment>> ByAccount(Connection& c, Id account_id) {
  return List(c, std::string(kColumns) + "WHERE c.account_id = ?1 ORDER BY c.created_at DESC, c.id DESC",
              [&](Statement& st) { st.Bind(1, account_id); });
}

Result<std::vector<comments::Vote>> VotesByAccount(Connection& c, Id account_id) {
  Result<Statement> st = c.Prepare(kVotesByAccount);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, account_id);
  std::vector<comments::Vote> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back({st->Int(0), st->Int(1), static_cast<int>(st->Int(2))});
  }
}

Result<std::vector<Comment>> Queue(Connection& c, comments::QueueKind kind, int offset, int limit) {
  std::string where = kind == comments::QueueKind::kPending
                          ? "WHERE c.status = 'pending' ORDER BY c.created_at, c.id"
                          : "WHERE c.status = 'visible' AND c.reports > 0 ORDER BY c.reports DESC, c.created_at, c.id";
  return List(c, std::string(kColumns) + where + " LIMIT ?1 OFFSET ?2",
              [&](Statement& st) { st.Bind(1, std::int64_t{limit}).Bind(2, std::int64_t{offset}); });
}

Result<std::int64_t> QueueSize(Connection& c, comments::QueueKind kind) {
  return c.Number(kind == comments::QueueKind::kPending
                      ? "SELECT count(*) FROM comments WHERE status = 'pending'"
                      : "SELECT count(*) FROM comments WHERE status = 'visible' AND reports > 0",
                  [](Statement&) {});
}

Result<comments::ArticleInfo> Article(Connection& c, Id article_id) {
  Result<Statement> st = c.Prepare(kArticle);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, article_id);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound("There is no such article.");
  comments::ArticleInfo a;
  a.id = st->Int(0);
  a.headline = st->Text(1);
  a.slug = st->Text(2);
  a.published = st->Int(3) != 0;
  if (!st->IsNull(4)) a.published_at = base::FromUnixSeconds(st->Int(4));
  if (!st->IsNull(5)) a.article_policy = comments::ParsePolicy(st->Text(5));
  if (!st->IsNull(6)) a.section_policy = comments::ParsePolicy(st->Text(6));
  a.comment_count = st->Int(7);
  return a;
}

namespace {

// A top-level comment readers see: a thread of the article's page.
bool ShownThread(const Comment& m, bool top_level) {
  return top_level && m.status == comments::CommentStatus::kVisible && !m.hidden;
}

Status CountThread(Connection& c, Id article_id, int delta) {
  return c.Run(kCountThread, [&](Statement& st) { st.Bind(1, article_id).Bind(2, std::int64_t{delta}); });
}

}  // namespace

Result<Id> InsertComment(Connection& c, const Comment& m) {
  Id id = 0;
  {
    Result<Statement> next = c.Prepare(kNextId);
    if (!next.ok()) return std::move(next).error();
    Result<bool> row = next->Step();
    if (!row.ok()) return std::move(row).error();
    id = next->Int(0);
  }
  Result<Statement> st = c.Prepare(kInsert);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, m.article_id)
      .Bind(2, m.parent_id)
      .Bind(3, m.root_id == 0 ? id : m.root_id)
      .Bind(4, m.account_id)
      .Bind(5, std::string_view(comments::StatusName(m.status)))
      .Bind(6, std::int64_t{m.hidden})
      .Bind(7, std::int64_t{m.featured})
      .Bind(8, m.upvotes)
      .Bind(9, m.downvotes)
      .Bind(10, m.score)
      .Bind(11, m.reports)
      .Bind(12, base::ToUnixSeconds(m.created_at))
      .Bind(13, m.edited_at ? std::optional<std::int64_t>(base::ToUnixSeconds(*m.edited_at)) : std::nullopt)
      .Bind(14, std::string_view(m.ip))
      .Bind(15, std::string_view(m.nonce))
      .Bind(16, std::string_view(m.moderation_note))
      .Bind(17, std::string_view(m.body))
      .Bind(18, std::string_view(m.body_html))
      .Bind(19, std::string_view(comments::RepeatKey(m.body)))
      .Bind(20, id);
  GZ_TRY(st->Run());
  if (ShownThread(m, !m.parent_id)) GZ_TRY(CountThread(c, m.article_id, +1));
  return id;
}

Status UpdateComment(Connection& c, const Comment& m) {
  Id article = 0;
  bool top = false;
  bool was_shown = false;
  {
    Result<Statement> before = c.Prepare(kThreadBefore);
    if (!before.ok()) return std::move(before).error();
    before->Bind(1, m.id);
    Result<bool> row = before->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("There is no such comment.");
    article = before->Int(0);
    top = before->Int(1) != 0;
    was_shown = top && before->Int(2) != 0;
  }
  GZ_TRY(c.Run(kUpdate, [&](Statement& st) {
    st.Bind(1, m.id)
        .Bind(2, std::string_view(comments::StatusName(m.status)))
        .Bind(3, std::int64_t{m.hidden})
        .Bind(4, std::int64_t{m.featured})
        .Bind(5, m.upvotes)
        .Bind(6, m.downvotes)
        .Bind(7, m.score)
        .Bind(8, m.reports)
        .Bind(9, m.edited_at ? std::optional<std::int64_t>(base::ToUnixSeconds(*m.edited_at)) : std::nullopt)
        .Bind(10, std::string_view(m.moderation_note))
        .Bind(11, std::string_view(m.body))
        .Bind(12, std::string_view(m.body_html))
        .Bind(13, std::string_view(comments::RepeatKey(m.body)));
  }));
  if (sqlite3_changes(c.raw()) == 0) return Error::NotFound("There is no such comment.");
  bool shown = ShownThread(m, top);
  if (shown != was_shown) GZ_TRY(CountThread(c, article, shown ? +1 : -1));
  return {};
}

Status AdjustCommentCount(Connection& c, Id article_id, int delta) {
  return c.Run(kAdjustCount, [&](Statement& st) { st.Bind(1, article_id).Bind(2, std::int64_t{delta}); });
}

Status AddApproved(Connection& c, Id account_id, int delta) {
  return c.Run(kAddApproved, [&](Statement& st) { st.Bind(1, account_id).Bind(2, std::int64_t{delta}); });
}

Result<std::pair<std::int64_t, std::int64_t>> SetVote(Connection& c, Id comment_id, Id account_id, int value) {
  if (value == 0) {
    GZ_TRY(c.Run(kDeleteVote, [&](Statement& st) { st.Bind(1, comment_id).Bind(2, account_id); }));
  } else {
    GZ_TRY(c.Run(kUpsertVote,
               [&](Statement& st) { st.Bind(1, comment_id).Bind(2, account_id).Bind(3, std::int64_t{value}); }));
  }
  Result<Statement> st = c.Prepare(kVoteTotals);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, comment_id);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  return std::make_pair(st->Int(0), st->Int(1));
}

}  // namespace gazette::storage::sqlite::comment_sql
