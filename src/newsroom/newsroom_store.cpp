#include "newsroom/newsroom_store.h"

namespace gazette::newsroom {

const char* PendingStateName(PendingEdit::State state) {
  switch (state) {
    case PendingEdit::State::kDraft: return "draft";
    case PendingEdit::State::kReview: return "review";
    case PendingEdit::State::kScheduled: return "scheduled";
  }
  return "draft";
}

std::optional<PendingEdit::State> ParsePendingState(std::string_view name) {
  if (name == "draft") return PendingEdit::State::kDraft;
  if (name == "review") return PendingEdit::State::kReview;
  if (name == "scheduled") return PendingEdit::State::kScheduled;
  return std::nullopt;
}

}  // namespace gazette::newsroom
