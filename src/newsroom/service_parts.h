// What the parts of NewsroomService share: newsroom_service.cpp (editing
// and the workflow's steps), newsroom_revisions.cpp, newsroom_schedule.cpp
// and newsroom_audit.cpp. Included by those only.
#pragma once

#include <string>
#include <string_view>

#include "newsroom/newsroom_service.h"

namespace gazette::newsroom {

// What a transaction did, announced once it committed.
struct NewsroomService::Outcome {
  bool published = false;
  bool updated_live = false;
  bool unpublished = false;
  bool scheduled = false;
};

// A headline as the audit log quotes it.
inline std::string Quoted(std::string_view headline) { return "\u201C" + std::string(headline) + "\u201D"; }

}  // namespace gazette::newsroom
