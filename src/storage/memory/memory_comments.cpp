#include <algorithm>
#include <set>

#include "comments/checks.h"
#include "storage/memory/memory_accounts.h"

namespace gazette::storage::memory_comments {

using base::Error;

namespace {

Comment Resolved(const MemoryState& s, Comment c) {
  auto it = s.accounts.find(c.account_id);
  if (it != s.accounts.end()) {
    c.author_name = it->second.account.display_name;
    c.author_deleted = it->second.account.deleted;
  }
  return c;
}

bool IsPlaceholder(const Comment& c) {
  return c.status == comments::CommentStatus::kDeleted || c.status == comments::CommentStatus::kRejected || c.hidden;
}

bool ShownOrPlaceholder(const Comment& c) {
  return c.status == comments::CommentStatus::kVisible || c.status == comments::CommentStatus::kDeleted ||
         c.status == comments::CommentStatus::kRejected;
}

bool Before(const Comment& a, const Comment& b, comments::Sort sort) {
  switch (sort) {
    case comments::Sort::kOldest: return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
    case comments::Sort::kNewest: return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
    case comments::Sort::kBest:
      if (a.score != b.score) return a.score > b.score;
      if (a.upvotes != b.upvotes) return a.upvotes > b.upvotes;
      return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
  }
  return a.id < b.id;
}

std::vector<Comment> Select(const MemoryState& s, const std::function<bool(const Comment&)>& keep) {
  std::vector<Comment> out;
  for (const auto& [id, c] : s.comments) {
    if (keep(c)) out.push_back(Resolved(s, c));
  }
  return out;
}

void NewestFirst(std::vector<Comment>& v) { std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return Before(a, b, comments::Sort::kNewest); }); }

}  // namespace

Result<Comment> FindComment(const MemoryState& s, Id id) {
  auto it = s.comments.find(id);
  if (it == s.comments.end()) return Error::NotFound("There is no such comment.");
  return Resolved(s, it->second);
}

Result<std::optional<Comment>> FindByNonce(const MemoryState& s, Id account, std::string_view nonce) {
  for (const auto& [id, c] : s.comments) {
    if (c.account_id == account && !nonce.empty() && c.nonce == nonce) return std::optional<Comment>(Resolved(s, c));
  }
  return std::optional<Comment>();
}

Result<comments::ThreadPage> Threads(const MemoryState& s, Id article, comments::Sort sort, int offset, int limit) {
  auto has_shown_child = [&](Id id) {
    return std::any_of(s.comments.begin(), s.comments.end(),
                       [&](const auto& e) { return e.second.parent_id == id && ShownOrPlaceholder(e.second); });
  };
  std::vector<Comment> tops = Select(s, [&](const Comment& c) {
    if (c.article_id != article || c.parent_id) return false;
    if (c.status == comments::CommentStatus::kVisible && !c.hidden) return true;
    return ShownOrPlaceholder(c) && IsPlaceholder(c) && has_shown_child(c.id);
  });
  std::sort(tops.begin(), tops.end(), [&](const Comment& a, const Comment& b) { return Before(a, b, sort); });
  comments::ThreadPage page;
  page.total_threads = static_cast<std::int64_t>(tops.size());
  std::size_t begin = std::min(tops.size(), static_cast<std::size_t>(std::max(0, offset)));
  std::size_t end = std::min(tops.size(), begin + static_cast<std::size_t>(std::max(0, limit)));
  std::set<Id> roots;
  for (std::size_t i = begin; i < end; ++i) roots.insert(tops[i].id);
  std::vector<Comment> replies = Select(s, [&](const Comment& c) {
    return c.parent_id && roots.count(c.root_id) && ShownOrPlaceholder(c);
  });
  std::sort(replies.begin(), replies.end(), [](const Comment& a, const Comment& b) { return Before(a, b, comments::Sort::kOldest); });
  for (bool changed = true; changed;) {
    changed = false;
    std::set<Id> parents;
    for (const Comment& r : replies) parents.insert(*r.parent_id);
    auto gone = std::remove_if(replies.begin(), replies.end(), [&](const Comment& r) { return IsPlaceholder(r) && !parents.count(r.id); });
    if (gone != replies.end()) {
      replies.erase(gone, replies.end());
      changed = true;
    }
  }
  for (std::size_t i = begin; i < end; ++i) {
    bool has_replies = std::any_of(replies.begin(), replies.end(), [&](const Comment& r) { return r.parent_id == tops[i].id; });
    if (IsPlaceholder(tops[i]) && !has_replies) continue;  // everything under it went
    page.comments.push_back(tops[i]);
    for (const Comment& r : replies) {
      if (r.root_id == tops[i].id) page.comments.push_back(r);
    }
  }
  return page;
}

Result<std::vector<Comment>> Featured(const MemoryState& s, Id article) {
  std::vector<Comment> out = Select(s, [&](const Comment& c) { return c.article_id == article && c.featured && c.Counted(); });
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return Before(a, b, comments::Sort::kOldest); });
  return out;
}

Result<std::vector<Comment>> RecentVisible(const MemoryState& s, Id article, int limit) {
  std::vector<Comment> out = Select(s, [&](const Comment& c) { return c.article_id == article && c.Counted(); });
  NewestFirst(out);
  if (out.size() > static_cast<std::size_t>(std::max(0, limit))) out.resize(static_cast<std::size_t>(std::max(0, limit)));
  return out;
}

Result<std::vector<Comment>> ByAccountSince(const MemoryState& s, Id account, base::Timestamp since) {
  std::vector<Comment> out = Select(s, [&](const Comment& c) { return c.account_id == account && c.created_at > since; });
  NewestFirst(out);
  return out;
}

Result<std::vector<Comment>> ByAccount(const MemoryState& s, Id account) {
  std::vector<Comment> out = Select(s, [&](const Comment& c) { return c.account_id == account; });
  NewestFirst(out);
  return out;
}

Result<std::vector<comments::Vote>> VotesByAccount(const MemoryState& s, Id account) {
  std::vector<comments::Vote> out;
  for (const auto& [key, value] : s.votes) {
    if (key.second != account) continue;
    auto c = s.comments.find(key.first);
    out.push_back({key.first, c == s.comments.end() ? 0 : c->second.article_id, value});
  }
  return out;
}

Result<std::vector<Comment>> Queue(const MemoryState& s, comments::QueueKind kind, int offset, int limit) {
  std::vector<Comment> out;
  if (kind == comments::QueueKind::kPending) {
    out = Select(s, [](const Comment& c) { return c.status == comments::CommentStatus::kPending; });
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return Before(a, b, comments::Sort::kOldest); });
  } else {
    out = Select(s, [](const Comment& c) { return c.status == comments::CommentStatus::kVisible && c.reports > 0; });
    std::sort(out.begin(), out.end(), [](const Comment& a, const Comment& b) {
      return a.reports != b.reports ? a.reports > b.reports : Before(a, b, comments::Sort::kOldest);
    });
  }
  std::size_t begin = std::min(out.size(), static_cast<std::size_t>(std::max(0, offset)));
  std::size_t end = std::min(out.size(), begin + static_cast<std::size_t>(std::max(0, limit)));
  return std::vector<Comment>(out.begin() + static_cast<long>(begin), out.begin() + static_cast<long>(end));
}

Result<std::int64_t> QueueSize(const MemoryState& s, comments::QueueKind kind) {
  Result<std::vector<Comment>> all = Queue(s, kind, 0, 1 << 30);
  return static_cast<std::int64_t>(all->size());
}

Result<std::vector<comments::Report>> Reports(const MemoryState& s, Id comment) {
  std::vector<comments::Report> out;
  for (const StoredReport& r : s.reports) {
    if (r.report.comment_id != comment || r.resolved) continue;
    comments::Report report = r.report;
    auto a = s.accounts.find(report.account_id);
    report.reporter_name = a == s.accounts.end() ? "" : a->second.account.display_name;
    out.push_back(std::move(report));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.created_at < b.created_at; });
  return out;
}

Result<std::vector<comments::LogEntry>> Log(const MemoryState& s, int offset, int limit) {
  std::vector<comments::LogEntry> out;
  for (auto it = s.log.rbegin(); it != s.log.rend(); ++it) out.push_back(*it);
  std::size_t begin = std::min(out.size(), static_cast<std::size_t>(std::max(0, offset)));
  std::size_t end = std::min(out.size(), begin + static_cast<std::size_t>(std::max(0, limit)));
  return std::vector<comments::LogEntry>(out.begin() + static_cast<long>(begin), out.begin() + static_cast<long>(end));
}

Result<comments::ArticleInfo> Article(const MemoryState& s, Id article) {
  auto it = s.articles.find(article);
  if (it == s.articles.end()) return Error::NotFound("There is no such article.");
  const core::Article& a = it->second.article;
  comments::ArticleInfo info;
  info.id = a.id;
  info.headline = a.headline;
  info.slug = a.slug;
  info.published = a.status == core::ArticleStatus::kPublished;
  info.published_at = a.published_at;
  info.comment_count = a.comment_count;
  if (auto p = s.article_policies.find(article); p != s.article_policies.end()) info.article_policy = p->second;
  if (it->second.section_id) {
    if (auto p = s.section_policies.find(*it->second.section_id); p != s.section_policies.end()) info.section_policy = p->second;
  }
  return info;
}

Result<Id> InsertComment(MemoryState& s, const Comment& c) {
  if (!c.nonce.empty() && FindByNonce(s, c.account_id, c.nonce)->has_value()) {
    return Error::Conflict("This submission was stored before.");
  }
  if (!s.articles.count(c.article_id)) return Error::NotFound("There is no such article.");
  Comment stored = c;
  stored.id = ++s.last_id;
  if (stored.root_id == 0) stored.root_id = stored.id;
  stored.author_name.clear();
  s.comments[stored.id] = stored;
  return stored.id;
}

Status UpdateComment(MemoryState& s, const Comment& c) {
  auto it = s.comments.find(c.id);
  if (it == s.comments.end()) return Error::NotFound("There is no such comment.");
  Comment& m = it->second;
  m.status = c.status;
  m.hidden = c.hidden;
  m.featured = c.featured;
  m.upvotes = c.upvotes;
  m.downvotes = c.downvotes;
  m.score = c.score;
  m.reports = c.reports;
  m.edited_at = c.edited_at;
  m.moderation_note = c.moderation_note;
  m.body = c.body;
  m.body_html = c.body_html;
  return {};
}

Status AdjustCommentCount(MemoryState& s, Id article, int delta) {
  auto it = s.articles.find(article);
  if (it != s.articles.end()) {
    it->second.article.comment_count = std::max<std::int64_t>(0, it->second.article.comment_count + delta);
  }
  return {};
}

Status AddApproved(MemoryState& s, Id account, int delta) {
  auto it = s.accounts.find(account);
  if (it != s.accounts.end()) {
    it->second.account.approved_comments = std::max<std::int64_t>(0, it->second.account.approved_comments + delta);
  }
  return {};
}

Result<std::pair<std::int64_t, std::int64_t>> SetVote(MemoryState& s, Id comment, Id account, int value) {
  if (value == 0) {
    s.votes.erase({comment, account});
  } else {
    s.votes[{comment, account}] = value;
  }
  std::int64_t up = 0, down = 0;
  for (const auto& [key, v] : s.votes) {
    if (key.first != comment) continue;
    (v > 0 ? up : down) += 1;
  }
  return std::make_pair(up, down);
}

Result<std::int64_t> AddReport(MemoryState& s, const comments::Report& r) {
  for (const StoredReport& existing : s.reports) {
    if (existing.report.comment_id == r.comment_id && existing.report.account_id == r.account_id) {
      return Error::Conflict("Already reported.");
    }
  }
  s.reports.push_back({r, false});
  return static_cast<std::int64_t>(std::count_if(s.reports.begin(), s.reports.end(), [&](const StoredReport& x) {
    return x.report.comment_id == r.comment_id && !x.resolved;
  }));
}

Status ResolveReports(MemoryState& s, Id comment) {
  for (StoredReport& r : s.reports) {
    if (r.report.comment_id == comment) r.resolved = true;
  }
  return {};
}

Status SetBan(MemoryState& s, Id account, std::optional<base::Timestamp> until, std::string_view reason) {
  auto it = s.accounts.find(account);
  if (it == s.accounts.end()) return Error::NotFound("There is no such account.");
  it->second.account.banned_until = until;
  it->second.account.ban_reason = std::string(reason);
  return {};
}

Status SetArticlePolicy(MemoryState& s, Id article, std::optional<comments::Policy> policy) {
  if (!s.articles.count(article)) return Error::NotFound("There is no such article.");
  if (policy) {
    s.article_policies[article] = *policy;
  } else {
    s.article_policies.erase(article);
  }
  return {};
}

Status SetSectionPolicy(MemoryState& s, std::string_view slug, std::optional<comments::Policy> policy) {
  for (const auto& [id, section] : s.sections) {
    if (section.slug != slug) continue;
    if (policy) {
      s.section_policies[id] = *policy;
    } else {
      s.section_policies.erase(id);
    }
    return {};
  }
  return Error::NotFound("There is no such section.");
}

Status AppendLog(MemoryState& s, const comments::LogEntry& e) {
  comments::LogEntry stored = e;
  stored.id = ++s.last_id;
  s.log.push_back(stored);
  return {};
}

Result<bool> PostedSince(const MemoryState& s, Id account, std::string_view repeat_key, base::Timestamp since) {
  return std::any_of(s.comments.begin(), s.comments.end(), [&](const auto& e) {
    const Comment& c = e.second;
    return c.account_id == account && c.created_at > since && c.status != comments::CommentStatus::kDeleted &&
           comments::RepeatKey(c.body) == repeat_key;
  });
}

Result<comments::AllowanceTime> AllowanceFullAt(const MemoryState& s, std::string_view name) {
  auto it = s.allowances.find(name);
  return it == s.allowances.end() ? 0 : it->second;
}

Status SetAllowanceFullAt(MemoryState& s, std::string_view name, comments::AllowanceTime full_at) {
  s.allowances.insert_or_assign(std::string(name), full_at);
  return {};
}

Status ForgetFullAllowances(MemoryState& s, base::Timestamp now) {
  std::erase_if(s.allowances, [&](const auto& e) { return e.second <= base::ToUnixSeconds(now) * 1'000'000; });
  return {};
}

}  // namespace gazette::storage::memory_comments
