#include "newsroom/newsroom_service.h"
#include "newsroom/service_parts.h"

#include <algorithm>
#include <array>

#include "base/text.h"

namespace gazette::newsroom {

using accounts::Action;
using accounts::Allowed;
using base::Error;
using core::ArticleStatus;

namespace {

constexpr std::size_t kMaxNote = 1000;

constexpr std::array<std::pair<Step, const char*>, 7> kSteps = {{
    {Step::kSave, "save"},
    {Step::kSubmit, "submit"},
    {Step::kPublish, "publish"},
    {Step::kSchedule, "schedule"},
    {Step::kUnpublish, "unpublish"},
    {Step::kSendBack, "send_back"},
    {Step::kDiscardPending, "discard_pending"},
}};

bool Own(const Account& actor, const core::Article& article) {
  return actor.id != 0 && article.created_by == actor.id;
}

bool Editorial(const Account& actor) { return !actor.deleted && Allowed(actor.role, Action::kEditAnyArticle); }
bool Writer(const Account& actor, const core::Article& article) {
  return !actor.deleted && Allowed(actor.role, Action::kWriteArticles) && Own(actor, article);
}
bool Publishes(const Account& actor) { return !actor.deleted && Allowed(actor.role, Action::kPublish); }

Status CheckNote(std::string_view note, const char* field) {
  std::string flat(note);
  std::erase_if(flat, [](char c) { return c == '\n' || c == '\r'; });
  if (!base::IsValidUtf8(note) || base::HasControlCharacters(flat)) {
    return Error::Invalid("The note contains characters that cannot be shown.", field);
  }
  if (base::CountCodePoints(note) > kMaxNote) {
    return Error::Invalid("The note is longer than " + std::to_string(kMaxNote) + " characters.", field);
  }
  return {};
}

// Only those who manage sections may file an article under a new one.
Status CheckSection(core::ContentReader& reader, const Account& actor, const core::ArticleDraft& draft) {
  if (base::Trim(draft.section).empty() || Allowed(actor.role, Action::kManageTaxonomy)) return {};
  Result<core::Section> found = core::FindSectionNamed(reader, draft.section);
  if (found.ok()) return {};
  if (found.error().code != base::ErrorCode::kNotFound) return std::move(found).error();
  return Error::Invalid("There is no section \u201C" + std::string(base::Trim(draft.section)) +
                            "\u201D: choose one of the sections, or ask an editor to create it.",
                        "section");
}

// Someone saved the article since the version the request started from.
Error Stale(std::int64_t current) {
  Error stale = Error::Conflict("Someone else saved this article after you opened it (it is now at version " +
                                    std::to_string(current) +
                                    "). Copy your changes, reload the article and apply them again.",
                                "version");
  return std::move(stale).Keyed("stale_version", static_cast<long>(current));
}

Revision MakeRevision(const core::Article& article, const Account& actor, std::string kind, std::string note,
                      base::Timestamp at) {
  Revision r;
  r.article_id = article.id;
  r.version = article.version;
  r.account_id = actor.id;
  r.account_name = actor.display_name;
  r.kind = std::move(kind);
  r.note = std::move(note);
  r.created_at = at;
  r.slug = article.slug;
  r.content = DraftOf(article);
  return r;
}

Error NotAllowed(const Account& actor, const Story& story, Step step) {
  const core::Article& a = story.article;
  if (!Editorial(actor) && !Writer(actor, a)) return Error::Forbidden("This article is someone else's.");
  switch (step) {
    case Step::kSave:
      if (a.status == ArticleStatus::kScheduled) {
        return Error::Forbidden("An editor scheduled this article; ask an editor to change it.");
      }
      if (story.pending && story.pending->state == PendingEdit::State::kScheduled) {
        return Error::Forbidden("An editor approved your edit for publication; ask an editor to change it.");
      }
      return Error::Forbidden("You may not edit this article.");
    case Step::kPublish:
    case Step::kSchedule:
    case Step::kUnpublish:
    case Step::kSendBack: {
      base::Status refused = accounts::Require(actor, Action::kPublish);
      if (!refused.ok()) return std::move(refused).error();
      break;
    }
    default: break;
  }
  switch (step) {
    case Step::kSubmit:
      if (a.status == ArticleStatus::kPublished) return Error::Conflict("The article is published; edit it to propose changes.");
      return Error::Conflict("The article is " + std::string(StatusLabel(a.status)) + " and cannot be submitted.");
    case Step::kSchedule:
    case Step::kPublish:
      return Error::Conflict("The article is already published.");
    case Step::kUnpublish: return Error::Conflict("Only a published or scheduled article can be unpublished.");
    case Step::kSendBack: return Error::Conflict("Only an article in review can be sent back.");
    case Step::kDiscardPending:
      if (!story.pending) return Error::Conflict("There is no pending edit to discard.");
      return Error::Forbidden("This pending edit is someone else's.");
    case Step::kSave: break;
  }
  return Error::Forbidden("You may not do this.");
}

}  // namespace

const char* StatusLabel(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::kDraft: return "a draft";
    case ArticleStatus::kReview: return "in review";
    case ArticleStatus::kScheduled: return "scheduled";
    case ArticleStatus::kPublished: return "published";
    case ArticleStatus::kUnpublished: return "unpublished";
  }
  return "a draft";
}

const char* StepName(Step step) {
  for (const auto& [s, name] : kSteps) {
    if (s == step) return name;
  }
  return "save";
}

std::optional<Step> ParseStep(std::string_view name) {
  for (const auto& [s, n] : kSteps) {
    if (name == n) return s;
  }
  return std::nullopt;
}

core::ArticleDraft DraftOf(const core::Article& a) {
  core::ArticleDraft d;
  d.headline = a.headline;
  d.lead = a.lead;
  d.body = a.body;
  if (a.section) d.section = a.section->name;
  for (const core::Tag& t : a.tags) d.tags.push_back(t.name);
  for (const core::Author& au : a.authors) d.authors.push_back(au.name);
  d.source = a.source;
  d.status = a.status;
  d.top = a.top;
  d.published_at = a.published_at;
  d.slug = a.slug;
  d.breaking = a.breaking;
  d.seo_title = a.seo_title;
  d.seo_description = a.seo_description;
  d.created_by = a.created_by;
  return d;
}

NewsroomService::NewsroomService(core::ContentStore& content, NewsroomStore& store, const core::Publisher& publisher,
                                 const base::Clock& clock, base::EventBus* events)
    : content_(content), store_(store), publisher_(publisher), clock_(clock), events_(events) {}

Abilities NewsroomService::Can(const Account& actor, const Story& story) const {
  Abilities can;
  const core::Article& a = story.article;
  bool editorial = Editorial(actor);
  bool writer = Writer(actor, a);
  if (!editorial && !writer) return can;
  bool publishes = Publishes(actor);
  const std::optional<PendingEdit>& p = story.pending;
  bool live = a.status == ArticleStatus::kPublished;
  can.view = true;
  if (editorial) {
    can.edit = true;
  } else if (live) {
    can.edit = can.edit_pending = !(p && p->state == PendingEdit::State::kScheduled);
  } else {
    can.edit = a.status != ArticleStatus::kScheduled;
  }
  can.submit = a.status == ArticleStatus::kDraft || a.status == ArticleStatus::kUnpublished ||
               (live && p && p->state == PendingEdit::State::kDraft);
  if (publishes) {
    can.publish = !live || p.has_value();
    can.schedule = can.publish;
    can.unpublish = live || a.status == ArticleStatus::kScheduled;
    can.send_back = a.status == ArticleStatus::kReview ||
                    (live && p && p->state != PendingEdit::State::kDraft);
  }
  can.discard_pending = p.has_value() && (editorial || (writer && p->account_id == actor.id));
  can.correct = editorial && live;
  return can;
}

Result<Story> NewsroomService::Load(NewsroomReader& reader, core::ContentReader& content, core::Id id) {
  Result<core::Article> article = content.FindArticle(id);
  if (!article.ok()) return std::move(article).error();
  Result<std::optional<PendingEdit>> pending = reader.Pending(id);
  if (!pending.ok()) return std::move(pending).error();
  return Story{std::move(*article), std::move(*pending)};
}

Result<ArticleList> NewsroomService::List(const Account& actor, core::ArticleQuery query) {
  GZ_TRY(accounts::Require(actor, Action::kWriteArticles));
  if (!Editorial(actor)) query.created_by = actor.id;
  query.limit = std::clamp(query.limit, 1, 100);
  query.offset = std::max(query.offset, 0);
  ArticleList list;
  Result<std::int64_t> total = content_.CountArticles(query);
  if (!total.ok()) return std::move(total).error();
  list.total = *total;
  Result<std::vector<core::ArticleSummary>> page = content_.ListArticles(query);
  if (!page.ok()) return std::move(page).error();
  list.articles = std::move(*page);
  return list;
}

Result<Story> NewsroomService::Open(const Account& actor, core::Id id) {
  GZ_TRY(accounts::Require(actor, Action::kWriteArticles));
  Result<Story> story = Load(store_, content_, id);
  if (!story.ok()) return story;
  if (!Can(actor, *story).view) return Error::Forbidden("This article is someone else's.");
  return story;
}

Result<Story> NewsroomService::Create(const Account& actor, const ArticleEdit& edit) {
  GZ_TRY(accounts::Require(actor, Action::kWriteArticles));
  core::ArticleDraft draft = edit.content;
  draft.status = ArticleStatus::kDraft;
  draft.published_at.reset();
  draft.created_by = actor.id;
  if (draft.authors.empty() && !actor.service && actor.id != 0) draft.authors.push_back(actor.display_name);
  core::Id id = 0;
  GZ_TRY(store_.WriteNewsroom([&](NewsroomWriter& w) -> Status {
    GZ_TRY(CheckSection(w, actor, draft));
    Result<core::Id> made = publisher_.Create(w, draft);
    if (!made.ok()) return std::move(made).error();
    id = *made;
    Result<core::Article> article = w.FindArticle(id);
    if (!article.ok()) return std::move(article).error();
    Result<core::Id> revision = w.InsertRevision(MakeRevision(*article, actor, "created", "", clock_.Now()));
    if (!revision.ok()) return std::move(revision).error();
    return Log(w, actor, "article.create", "article", id, Quoted(article->headline));
  }));
  return Load(store_, content_, id);
}

Result<Story> NewsroomService::Act(const Account& actor, core::Id id, const ArticleEdit* edit, Step step,
                                   std::optional<base::Timestamp> at, std::string_view note,
                                   std::optional<std::int64_t> expected_version) {
  GZ_TRY(accounts::Require(actor, Action::kWriteArticles));
  Outcome outcome;
  GZ_TRY(store_.WriteNewsroom([&](NewsroomWriter& w) -> Status {
    Result<Story> story = Load(w, w, id);
    if (!story.ok()) return std::move(story).error();
    if (!Can(actor, *story).view) return Error::Forbidden("This article is someone else's.");
    if (!edit && expected_version && *expected_version != story->article.version) {
      return Stale(story->article.version);
    }
    return Apply(w, actor, *story, edit, step, at, note, outcome);
  }));
  Announce(outcome, id);
  return Load(store_, content_, id);
}

Status NewsroomService::Apply(NewsroomWriter& w, const Account& actor, Story& story, const ArticleEdit* edit, Step step,
                              std::optional<base::Timestamp> at, std::string_view note, Outcome& outcome) {
  if (edit) GZ_TRY(SaveEdit(w, actor, story, *edit, outcome));
  if (step != Step::kSave) GZ_TRY(TakeStep(w, actor, story, step, at, note, outcome));
  return {};
}

Status NewsroomService::SaveEdit(NewsroomWriter& w, const Account& actor, Story& story, const ArticleEdit& edit,
                                 Outcome& outcome) {
  Abilities can = Can(actor, story);
  if (!can.edit) return NotAllowed(actor, story, Step::kSave);
  core::Article& a = story.article;
  if (edit.version != a.version) return Stale(a.version);
  base::Timestamp now = clock_.Now();
  GZ_TRY(CheckSection(w, actor, edit.content));
  if (can.edit_pending) {
    // An author's edit of their published article waits for an editor.
    GZ_TRY(core::ValidateDraft(edit.content));
    PendingEdit p = story.pending.value_or(PendingEdit{});
    if (!story.pending) p.state = PendingEdit::State::kDraft;
    p.article_id = a.id;
    p.account_id = actor.id;
    p.account_name = actor.display_name;
    p.content = edit.content;
    p.updated_at = now;
    a.version += 1;
    p.version = a.version;
    GZ_TRY(w.SavePending(p));
    GZ_TRY(w.UpdateArticle(a));
    story.pending = p;
    Revision r = MakeRevision(a, actor, "pending", "", now);
    r.content = edit.content;
    r.content.slug = edit.content.slug.empty() ? a.slug : edit.content.slug;
    r.slug = r.content.slug;
    Result<core::Id> revision = w.InsertRevision(r);
    if (!revision.ok()) return std::move(revision).error();
    return Log(w, actor, "article.edit_pending", "article", a.id, Quoted(edit.content.headline));
  }
  if (edit.correction && !can.correct) {
    return Error::Invalid("Only an editor's change to a published article can be a correction.", "correction");
  }
  std::string note(base::Trim(edit.correction_note));
  if (edit.correction) {
    if (note.empty()) return Error::Invalid("Say what was corrected: readers see this note.", "correction_note");
    GZ_TRY(CheckNote(note, "correction_note"));
  }
  GZ_TRY(publisher_.ApplyContent(w, edit.content, a));
  a.version += 1;
  a.updated_at = now;
  if (edit.correction) {
    a.correction_note = note;
    a.corrected_at = now;
  }
  GZ_TRY(w.UpdateArticle(a));
  bool live = a.status == ArticleStatus::kPublished;
  outcome.updated_live = outcome.updated_live || live;
  Result<core::Id> revision =
      w.InsertRevision(MakeRevision(a, actor, edit.correction ? "correction" : "saved", note, now));
  if (!revision.ok()) return std::move(revision).error();
  return Log(w, actor, edit.correction ? "article.correct" : "article.save", "article", a.id,
               Quoted(a.headline) + (edit.correction ? ": " + note : ""));
}

Status NewsroomService::TakeStep(NewsroomWriter& w, const Account& actor, Story& story, Step step,
                                 std::optional<base::Timestamp> at, std::string_view note, Outcome& outcome) {
  Abilities can = Can(actor, story);
  core::Article& a = story.article;
  std::optional<PendingEdit>& p = story.pending;
  bool live = a.status == ArticleStatus::kPublished;
  base::Timestamp now = clock_.Now();
  switch (step) {
    case Step::kSave: return {};

    case Step::kSubmit:
      if (a.status == ArticleStatus::kReview || (live && p && p->state == PendingEdit::State::kReview)) return {};
      if (!can.submit) return NotAllowed(actor, story, step);
      if (live) {
        p->state = PendingEdit::State::kReview;
        p->note.clear();
        GZ_TRY(w.SavePending(*p));
        return Log(w, actor, "article.submit_pending", "article", a.id, Quoted(p->content.headline));
      }
      a.status = ArticleStatus::kReview;
      GZ_TRY(w.UpdateArticle(a));
      return Log(w, actor, "article.submit", "article", a.id, Quoted(a.headline));

    case Step::kPublish:
      if (!can.publish) {
        if (live && Publishes(actor)) return {};  // already live: nothing to do
        return NotAllowed(actor, story, step);
      }
      if (live) return ApprovePending(w, actor, story, outcome);
      if (a.status != ArticleStatus::kUnpublished || !a.published_at) a.published_at = now;
      a.status = ArticleStatus::kPublished;
      a.updated_at = now;
      GZ_TRY(w.UpdateArticle(a));
      outcome.published = true;
      return Log(w, actor, "article.publish", "article", a.id, Quoted(a.headline));

    case Step::kSchedule: {
      if (!can.schedule) return NotAllowed(actor, story, step);
      if (!at) return Error::Invalid("Choose when to publish.", "at");
      if (*at <= now) return Error::Invalid("This time has passed: publish now instead, or choose a later time.", "at");
      std::string when = base::FormatIso8601(*at, base::TimeZone::Utc());
      if (live) {
        if (p->version != a.version) {
          return Error::Conflict(
              "The published article changed after this edit was made; open the edit, check it and save it again.");
        }
        p->state = PendingEdit::State::kScheduled;
        p->publish_at = *at;
        p->note.clear();
        GZ_TRY(w.SavePending(*p));
        outcome.scheduled = true;
        return Log(w, actor, "article.schedule_pending", "article", a.id, Quoted(p->content.headline) + " at " + when);
      }
      a.status = ArticleStatus::kScheduled;
      a.published_at = *at;
      GZ_TRY(w.UpdateArticle(a));
      outcome.scheduled = true;
      return Log(w, actor, "article.schedule", "article", a.id, Quoted(a.headline) + " at " + when);
    }

    case Step::kUnpublish:
      if (!can.unpublish) return NotAllowed(actor, story, step);
      if (live) {
        a.status = ArticleStatus::kUnpublished;
        outcome.unpublished = true;
      } else {
        a.status = ArticleStatus::kDraft;  // a scheduled article goes back to draft
        a.published_at.reset();
      }
      GZ_TRY(w.UpdateArticle(a));
      return Log(w, actor, "article.unpublish", "article", a.id, Quoted(a.headline));

    case Step::kSendBack: {
      if (!can.send_back) return NotAllowed(actor, story, step);
      std::string text(base::Trim(note));
      GZ_TRY(CheckNote(text, "note"));
      if (live) {
        p->state = PendingEdit::State::kDraft;
        p->publish_at.reset();
        p->note = text;
        GZ_TRY(w.SavePending(*p));
      } else {
        a.status = ArticleStatus::kDraft;
        a.published_at.reset();
        GZ_TRY(w.UpdateArticle(a));
        Result<core::Id> revision = w.InsertRevision(MakeRevision(a, actor, "sent_back", text, now));
        if (!revision.ok()) return std::move(revision).error();
      }
      return Log(w, actor, "article.send_back", "article", a.id, Quoted(a.headline) + (text.empty() ? "" : ": " + text));
    }

    case Step::kDiscardPending:
      if (!can.discard_pending) return NotAllowed(actor, story, step);
      GZ_TRY(w.DeletePending(a.id));
      p.reset();
      return Log(w, actor, "article.discard_pending", "article", a.id, Quoted(a.headline));
  }
  return {};
}

Status NewsroomService::ApprovePending(NewsroomWriter& w, const Account& actor, Story& story, Outcome& outcome) {
  core::Article& a = story.article;
  const PendingEdit& p = *story.pending;
  bool scheduled = p.state == PendingEdit::State::kScheduled && actor.id == 0 && actor.display_name == "scheduler";
  if (!scheduled && p.version != a.version) {
    return Error::Conflict(
        "The published article changed after this edit was made; open the edit, check it and save it again.");
  }
  GZ_TRY(publisher_.ApplyContent(w, p.content, a));
  base::Timestamp now = clock_.Now();
  a.version += 1;
  a.updated_at = now;
  GZ_TRY(w.UpdateArticle(a));
  GZ_TRY(w.DeletePending(a.id));
  Result<core::Id> revision = w.InsertRevision(MakeRevision(a, actor, "approved", "edit by " + p.account_name, now));
  if (!revision.ok()) return std::move(revision).error();
  std::string author = p.account_name;
  story.pending.reset();
  outcome.updated_live = true;
  return Log(w, actor, "article.approve", "article", a.id, Quoted(a.headline) + ", edit by " + author);
}

}  // namespace gazette::newsroom
