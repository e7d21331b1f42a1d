// NewsroomService: publishing what was scheduled, articles and approved edits, when their time comes.
#include "newsroom/newsroom_service.h"
#include "newsroom/service_parts.h"

namespace gazette::newsroom {

using core::ArticleStatus;

namespace {

// The scheduler acts as this account in the audit log and revisions.
Account Scheduler() {
  Account a = accounts::CommandLine();
  a.display_name = "scheduler";
  return a;
}

}  // namespace

Result<int> NewsroomService::PublishDue(base::Timestamp now) {
  Account scheduler = Scheduler();
  std::vector<std::pair<core::Id, Outcome>> done;
  GZ_TRY(store_.WriteNewsroom([&](NewsroomWriter& w) -> Status {
    done.clear();
    Result<std::vector<core::Id>> articles = w.DueArticles(now);
    if (!articles.ok()) return std::move(articles).error();
    for (core::Id id : *articles) {
      Result<core::Article> a = w.FindArticle(id);
      if (!a.ok()) return std::move(a).error();
      a->status = ArticleStatus::kPublished;
      a->updated_at = a->published_at.value_or(now);
      GZ_TRY(w.UpdateArticle(*a));
      GZ_TRY(Log(w, scheduler, "article.publish", "article", id, Quoted(a->headline) + " as scheduled"));
      done.push_back({id, Outcome{true, false, false, false}});
    }
    Result<std::vector<core::Id>> pending = w.DuePending(now);
    if (!pending.ok()) return std::move(pending).error();
    for (core::Id id : *pending) {
      Result<Story> story = Load(w, w, id);
      if (!story.ok()) return std::move(story).error();
      Outcome outcome;
      if (story->article.status == ArticleStatus::kPublished) {
        GZ_TRY(ApprovePending(w, scheduler, *story, outcome));
      } else {
        GZ_TRY(w.DeletePending(id));  // the article went down meanwhile: nothing to publish
      }
      done.push_back({id, outcome});
    }
    return {};
  }));
  for (const auto& [id, outcome] : done) Announce(outcome, id);
  return static_cast<int>(done.size());
}

}  // namespace gazette::newsroom
