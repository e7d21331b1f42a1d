// NewsroomService: an article's revisions, one shown against the one before, and restoring one.
#include "newsroom/newsroom_service.h"
#include "newsroom/service_parts.h"

namespace gazette::newsroom {

using accounts::Action;
using base::Error;

Result<std::vector<Revision>> NewsroomService::Revisions(const Account& actor, core::Id article_id) {
  GZ_TRY(Open(actor, article_id));
  return store_.Revisions(article_id);
}

Result<RevisionView> NewsroomService::ShowRevision(const Account& actor, core::Id article_id, core::Id revision_id) {
  Result<std::vector<Revision>> all = Revisions(actor, article_id);
  if (!all.ok()) return std::move(all).error();
  for (std::size_t i = 0; i < all->size(); ++i) {
    if ((*all)[i].id != revision_id) continue;
    RevisionView view;
    view.revision = (*all)[i];
    if (i + 1 < all->size()) view.previous = (*all)[i + 1];
    view.diff = DiffLines(view.previous ? RevisionLines(view.previous->content) : std::vector<std::string>{},
                          RevisionLines(view.revision.content));
    return view;
  }
  return Error::NotFound("There is no such revision of this article.");
}

Result<Story> NewsroomService::Restore(const Account& actor, core::Id article_id, core::Id revision_id,
                                       std::int64_t version) {
  Result<Revision> revision = store_.FindRevision(revision_id);
  if (!revision.ok() || revision->article_id != article_id) {
    return Error::NotFound("There is no such revision of this article.");
  }
  ArticleEdit edit;
  edit.content = revision->content;
  edit.version = version;
  Outcome outcome;
  GZ_TRY(accounts::Require(actor, Action::kWriteArticles));
  GZ_TRY(store_.WriteNewsroom([&](NewsroomWriter& w) -> Status {
    Result<Story> story = Load(w, w, article_id);
    if (!story.ok()) return std::move(story).error();
    if (!Can(actor, *story).view) return Error::Forbidden("This article is someone else's.");
    GZ_TRY(SaveEdit(w, actor, *story, edit, outcome));
    return Log(w, actor, "article.restore", "article", article_id,
                 "revision " + std::to_string(revision->version) + " of " + Quoted(revision->content.headline));
  }));
  Announce(outcome, article_id);
  return Load(store_, content_, article_id);
}

}  // namespace gazette::newsroom
