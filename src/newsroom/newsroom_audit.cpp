// NewsroomService: the audit log, and the events announced after a write.
#include "newsroom/newsroom_service.h"
#include "newsroom/service_parts.h"

#include <algorithm>

namespace gazette::newsroom {

using accounts::Action;

Result<std::vector<AuditEntry>> NewsroomService::Audit(const Account& actor, int offset, int limit) {
  GZ_TRY(accounts::Require(actor, Action::kViewAudit));
  return store_.Audit(std::max(offset, 0), std::clamp(limit, 1, 200));
}

Status NewsroomService::Record(const Account& actor, std::string_view action, std::string_view target_type,
                               core::Id target_id, std::string_view detail) {
  return store_.WriteNewsroom([&](NewsroomWriter& w) {
    return Log(w, actor, action, target_type, target_id, std::string(detail));
  });
}

Status NewsroomService::Log(NewsroomWriter& w, const Account& actor, std::string_view action, std::string_view type,
                              core::Id id, std::string detail) {
  AuditEntry e;
  e.actor_id = actor.id;
  e.actor_name = actor.display_name;
  e.action = std::string(action);
  e.target_type = std::string(type);
  e.target_id = id;
  e.detail = std::move(detail);
  e.created_at = clock_.Now();
  return w.AppendAudit(e);
}

void NewsroomService::Announce(const Outcome& outcome, core::Id id) {
  if (!events_) return;
  if (outcome.published) events_->Publish({"article.published", id});
  if (outcome.updated_live) events_->Publish({"article.updated", id});
  if (outcome.unpublished) events_->Publish({"article.unpublished", id});
  if (outcome.scheduled) events_->Publish({"article.scheduled", id});
}

}  // namespace gazette::newsroom
