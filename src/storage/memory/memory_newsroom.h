// The newsroom over a MemoryState: the in-memory side of the NewsroomStore
// contract.
#pragma once

#include "storage/memory/memory_state.h"

namespace gazette::storage::memory_newsroom {

using base::Result;
using base::Status;
using core::Id;

Result<std::vector<newsroom::Revision>> Revisions(const MemoryState& s, Id article_id);
Result<newsroom::Revision> FindRevision(const MemoryState& s, Id revision_id);
Result<std::optional<newsroom::PendingEdit>> Pending(const MemoryState& s, Id article_id);
Result<std::vector<Id>> DueArticles(const MemoryState& s, base::Timestamp now);
Result<std::vector<Id>> DuePending(const MemoryState& s, base::Timestamp now);
Result<std::optional<base::Timestamp>> NextDue(const MemoryState& s);
Result<std::vector<newsroom::AuditEntry>> Audit(const MemoryState& s, int offset, int limit);
Result<std::map<std::string, std::string>> LoadSettings(const MemoryState& s);

Result<Id> InsertRevision(MemoryState& s, const newsroom::Revision& revision);
Status SavePending(MemoryState& s, const newsroom::PendingEdit& pending);
Status DeletePending(MemoryState& s, Id article_id);
Status AppendAudit(MemoryState& s, const newsroom::AuditEntry& entry);
Status SaveSettings(MemoryState& s, const std::map<std::string, std::string>& values);

}  // namespace gazette::storage::memory_newsroom
