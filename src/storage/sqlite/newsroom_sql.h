// The newsroom's queries of the SQLite backend (revisions, pending edits,
// the audit log, settings, what is due), over one connection.
#pragma once

#include "newsroom/newsroom_store.h"
#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite::newsroom_sql {

using core::Id;
using newsroom::AuditEntry;
using newsroom::PendingEdit;
using newsroom::Revision;

base::Result<std::vector<Revision>> Revisions(Connection& c, Id article_id);
base::Result<Revision> FindRevision(Connection& c, Id revision_id);
base::Result<std::optional<PendingEdit>> Pending(Connection& c, Id article_id);
base::Result<std::vector<Id>> DueArticles(Connection& c, base::Timestamp now);
base::Result<std::vector<Id>> DuePending(Connection& c, base::Timestamp now);
base::Result<std::optional<base::Timestamp>> NextDue(Connection& c);
base::Result<std::vector<AuditEntry>> Audit(Connection& c, int offset, int limit);
base::Result<std::map<std::string, std::string>> LoadSettings(Connection& c);

base::Result<Id> InsertRevision(Connection& c, const Revision& revision);
base::Status SavePending(Connection& c, const PendingEdit& pending);
base::Status DeletePending(Connection& c, Id article_id);
base::Status AppendAudit(Connection& c, const AuditEntry& entry);
base::Status SaveSettings(Connection& c, const std::map<std::string, std::string>& values);

}  // namespace gazette::storage::sqlite::newsroom_sql
