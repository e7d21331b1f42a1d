#include "storage/memory/memory_newsroom.h"

#include <algorithm>

namespace gazette::storage::memory_newsroom {

using base::Error;

Result<std::vector<newsroom::Revision>> Revisions(const MemoryState& s, Id article_id) {
  std::vector<newsroom::Revision> out;
  for (auto it = s.revisions.rbegin(); it != s.revisions.rend(); ++it) {
    if (it->second.article_id == article_id) out.push_back(it->second);
  }
  return out;
}

Result<newsroom::Revision> FindRevision(const MemoryState& s, Id revision_id) {
  auto it = s.revisions.find(revision_id);
  if (it == s.revisions.end()) return Error::NotFound("There is no such revision.");
  return it->second;
}

Result<std::optional<newsroom::PendingEdit>> Pending(const MemoryState& s, Id article_id) {
  auto it = s.pending.find(article_id);
  if (it == s.pending.end()) return std::optional<newsroom::PendingEdit>();
  return std::optional<newsroom::PendingEdit>(it->second);
}

Result<std::vector<Id>> DueArticles(const MemoryState& s, base::Timestamp now) {
  std::vector<std::pair<base::Timestamp, Id>> due;
  for (const auto& [id, stored] : s.articles) {
    const core::Article& a = stored.article;
    if (a.status == core::ArticleStatus::kScheduled && a.published_at && *a.published_at <= now) {
      due.emplace_back(*a.published_at, id);
    }
  }
  std::sort(due.begin(), due.end());
  std::vector<Id> out;
  for (const auto& [at, id] : due) out.push_back(id);
  return out;
}

Result<std::vector<Id>> DuePending(const MemoryState& s, base::Timestamp now) {
  std::vector<std::pair<base::Timestamp, Id>> due;
  for (const auto& [id, p] : s.pending) {
    if (p.state == newsroom::PendingEdit::State::kScheduled && p.publish_at && *p.publish_at <= now) {
      due.emplace_back(*p.publish_at, id);
    }
  }
  std::sort(due.begin(), due.end());
  std::vector<Id> out;
  for (const auto& [at, id] : due) out.push_back(id);
  return out;
}

Result<std::optional<base::Timestamp>> NextDue(const MemoryState& s) {
  std::optional<base::Timestamp> next;
  auto consider = [&](base::Timestamp t) {
    if (!next || t < *next) next = t;
  };
  for (const auto& [id, stored] : s.articles) {
    if (stored.article.status == core::ArticleStatus::kScheduled && stored.article.published_at) {
      consider(*stored.article.published_at);
    }
  }
  for (const auto& [id, p] : s.pending) {
    if (p.state == newsroom::PendingEdit::State::kScheduled && p.publish_at) consider(*p.publish_at);
  }
  return next;
}

Result<std::vector<newsroom::AuditEntry>> Audit(const MemoryState& s, int offset, int limit) {
  std::vector<newsroom::AuditEntry> out;
  int skipped = 0;
  for (auto it = s.audit.rbegin(); it != s.audit.rend() && static_cast<int>(out.size()) < limit; ++it) {
    if (skipped++ < offset) continue;
    out.push_back(*it);
  }
  return out;
}

Result<std::map<std::string, std::string>> LoadSettings(const MemoryState& s) { return s.settings; }

Result<Id> InsertRevision(MemoryState& s, const newsroom::Revision& revision) {
  if (!s.articles.contains(revision.article_id)) return Error::NotFound("There is no such article.");
  newsroom::Revision stored = revision;
  stored.id = ++s.last_id;
  stored.content.slug = stored.slug;
  s.revisions[stored.id] = stored;
  return stored.id;
}

Status SavePending(MemoryState& s, const newsroom::PendingEdit& pending) {
  if (!s.articles.contains(pending.article_id)) return Error::NotFound("There is no such article.");
  s.pending[pending.article_id] = pending;
  return {};
}

Status DeletePending(MemoryState& s, Id article_id) {
  s.pending.erase(article_id);
  return {};
}

Status AppendAudit(MemoryState& s, const newsroom::AuditEntry& entry) {
  newsroom::AuditEntry stored = entry;
  stored.id = ++s.last_id;
  s.audit.push_back(stored);
  return {};
}

Status SaveSettings(MemoryState& s, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    if (value.empty()) {
      s.settings.erase(key);
    } else {
      s.settings[key] = value;
    }
  }
  return {};
}

}  // namespace gazette::storage::memory_newsroom
