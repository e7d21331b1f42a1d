// The article editor (/admin/articles/new, /admin/articles/{id}): the form,
// the workflow buttons the actor's Abilities allow, and what each button
// does: the whole form is posted and the service saves it and takes the
// step in one transaction. A refusal shows the form again as it was typed,
// with the message next to the field at fault.
#include "admin/admin_pages.h"
#include "base/text.h"
#include "http/status.h"
#include "render/markdown.h"
#include "web/offload.h"
#include "web/urls.h"

namespace gazette::admin {
namespace {

using newsroom::Step;

const char* const kPolicies[] = {"inherit", "open", "premoderated", "closed"};

// The section of the template that marks a field as wrong.
std::string BadSection(std::string_view field) {
  if (field == "at" || field == "published_at" || field == "publish_at") return "BAD_PUBLISH_AT";
  if (field == "correction") return "BAD_CORRECTION_NOTE";
  std::string out = "BAD_";
  for (char c : field) out += c == '.' ? '_' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

// The id of the input a field's message points at.
std::string InputId(std::string_view field) {
  if (field == "at" || field == "published_at") return "publish_at";
  if (field == "correction") return "correction_note";
  std::string out(field);
  for (char& c : out) c = c == '.' ? '_' : c;
  return out;
}

bool KnownPolicy(std::string_view policy) {
  for (const char* p : kPolicies) {
    if (policy == p) return true;
  }
  return false;
}

std::string PolicyOf(const base::Result<comments::ArticleInfo>& info) {
  if (!info.ok() || !info->article_policy) return "inherit";
  return comments::PolicyName(*info->article_policy);
}

// What the form shows of a story: an author's pending edit when they have
// one, else the article itself.
core::ArticleDraft ShownContent(const newsroom::Story& story, const newsroom::Abilities& can) {
  if (!can.edit_pending || !story.pending) return newsroom::DraftOf(story.article);
  core::ArticleDraft shown = story.pending->content;
  if (shown.slug.empty()) shown.slug = story.article.slug;  // an edit that keeps the address
  return shown;
}

}  // namespace

http::Response AdminPages::NewArticle(const http::Request& request) const {
  auto staff = Allowed(request, accounts::Action::kWriteArticles);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  const accounts::Account& actor = std::get<accounts::Visitor>(staff).account;
  EditorView view;
  view.form.authors = actor.display_name;
  return EditorPage(request, actor, 200, view);
}

http::Response AdminPages::CreateArticle(const http::Request& request) const {
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  base::Status allowed = accounts::Require(visitor.account, accounts::Action::kWriteArticles);
  if (!allowed.ok()) return Refused(allowed.error());
  EditorView view;
  view.form = ReadArticleForm(form);
  std::string step = form.Get("step");
  if (step == "preview") {
    view.preview_html = render::MarkdownToHtml(view.form.body);
    return EditorPage(request, visitor.account, 200, view);
  }
  if (!KnownPolicy(view.form.policy)) view.form.policy = "inherit";
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), view = std::move(view)]() mutable {
    const accounts::Account& actor = visitor.account;
    auto refuse = [&](const base::Error& error) {
      view.error = pages_.Message(error);
      view.error_field = error.field;
      return EditorPage(request, actor, http::StatusFor(error.code), view);
    };
    base::Result<newsroom::ArticleEdit> edit = EditOf(view.form);
    if (!edit.ok()) return refuse(edit.error());
    base::Result<newsroom::Story> made = s_.newsroom.Create(actor, *edit);
    if (!made.ok()) return refuse(made.error());
    core::Id id = made->article.id;
    if (view.form.policy != "inherit" && accounts::CanModerate(actor.role)) {
      base::Status set = s_.moderation.SetArticlePolicy(&actor, id, comments::ParsePolicy(view.form.policy));
      if (!set.ok()) return Refused(set.error());
    }
    return web::SeeOther("/admin/articles/" + std::to_string(id) + "?done=created");
  });
}

http::Response AdminPages::EditArticle(const http::Request& request, std::string_view id_text) const {
  auto staff = Allowed(request, accounts::Action::kWriteArticles);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  const accounts::Account& actor = std::get<accounts::Visitor>(staff).account;
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  base::Result<newsroom::Story> story = s_.newsroom.Open(actor, *id);
  if (!story.ok()) return Refused(story.error());
  newsroom::Abilities can = s_.newsroom.Can(actor, *story);
  EditorView view;
  view.form = FormOf(ShownContent(*story, can), story->article.version);
  view.form.policy = PolicyOf(s_.comments.Article(*id));
  const base::TimeZone& zone = pages_.settings().zone;
  if (story->article.status == core::ArticleStatus::kScheduled && story->article.published_at) {
    view.form.publish_at = LocalDateTimeValue(*story->article.published_at, zone);
  } else if (story->pending && story->pending->publish_at) {
    view.form.publish_at = LocalDateTimeValue(*story->pending->publish_at, zone);
  }
  view.preview_html = view.form.body.empty() ? std::string() : render::MarkdownToHtml(view.form.body);
  if (std::optional<std::string> done = request.QueryParam("done")) {
    const std::string& text = pages_.locale().Text("admin_done_" + *done);
    if (text != "admin_done_" + *done) view.notice = text;
  }
  view.story = std::move(*story);
  return EditorPage(request, actor, 200, view);
}

http::Response AdminPages::ActOnArticle(const http::Request& request, std::string_view id_text) const {
  std::optional<std::int64_t> id = web::ParseId(id_text);
  if (!id) return pages_.NotFound();
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  const accounts::Account& actor = visitor.account;
  base::Result<newsroom::Story> opened = s_.newsroom.Open(actor, *id);
  if (!opened.ok()) return Refused(opened.error());
  EditorView view;
  view.form = ReadArticleForm(form);
  view.story = std::move(*opened);
  auto refuse = [this, &request](const accounts::Account& who, EditorView& v, const base::Error& error) {
    v.error = pages_.Message(error);
    v.error_field = error.field;
    return EditorPage(request, who, http::StatusFor(error.code), v);
  };

  std::string step_name = form.Get("step").empty() ? "save" : form.Get("step");
  if (step_name == "preview") {
    view.preview_html = render::MarkdownToHtml(view.form.body);
    return EditorPage(request, actor, 200, view);
  }
  std::optional<Step> step = newsroom::ParseStep(step_name);
  if (!step) return refuse(actor, view, base::Error::Invalid("There is no such action.", "step"));
  if (!KnownPolicy(view.form.policy)) {
    return refuse(actor, view, base::Error::Invalid("Choose a comment policy.", "policy").Keyed("policy_bad"));
  }
  std::optional<base::Timestamp> at;
  if (*step == Step::kSchedule) {
    base::Result<base::Timestamp> when = ParseLocalDateTime(view.form.publish_at, pages_.settings().zone);
    if (!when.ok()) return refuse(actor, view, when.error());
    at = *when;
  }
  base::Result<newsroom::ArticleEdit> parsed = EditOf(view.form);
  if (!parsed.ok()) return refuse(actor, view, parsed.error());

  return web::Offload(pools_.writes, [this, &request, refuse, visitor = std::move(visitor), view = std::move(view),
                                      edit = std::move(*parsed), step, at, id]() mutable {
    const accounts::Account& actor = visitor.account;
    // Read again on the writer: what the form is compared with must be current.
    base::Result<newsroom::Story> current = s_.newsroom.Open(actor, *id);
    if (!current.ok()) return Refused(current.error());
    newsroom::Abilities can = s_.newsroom.Can(actor, *current);
    bool stale = edit.version != current->article.version;
    bool changed = stale || edit.correction || !SameContent(edit.content, ShownContent(*current, can));
    std::string old_policy = PolicyOf(s_.comments.Article(*id));
    bool policy_changed = view.form.policy != old_policy && accounts::CanModerate(actor.role);
    std::string done = newsroom::StepName(*step);
    if (*step == Step::kSave && !changed) {
      done = policy_changed ? "policy" : "unchanged";
    } else {
      // A step over an unchanged form saves nothing: no empty revision, and
      // an editor approving a pending edit does not change the live article first.
      const newsroom::ArticleEdit* saving = changed ? &edit : nullptr;
      base::Result<newsroom::Story> acted =
          s_.newsroom.Act(actor, *id, saving, *step, at, view.form.note, edit.version);
      if (!acted.ok()) {
        view.story = std::move(*current);
        return refuse(actor, view, acted.error());
      }
    }
    if (policy_changed) {
      base::Status set = s_.moderation.SetArticlePolicy(&actor, *id, comments::ParsePolicy(view.form.policy));
      if (!set.ok()) return Refused(set.error());
    }
    return web::SeeOther("/admin/articles/" + std::to_string(*id) + "?done=" + done);
  });
}

http::Response AdminPages::Preview(const http::Request& request) const {
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto& [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(checked);
  base::Status allowed = accounts::Require(visitor.account, accounts::Action::kWriteArticles);
  if (!allowed.ok()) return Refused(allowed.error());
  std::string body(base::Trim(form.Get("body")));
  http::Response response = http::Response::Html(200, body.empty() ? std::string() : render::MarkdownToHtml(body));
  response.Set("Cache-Control", "private, no-store");
  return response;
}

http::Response AdminPages::EditorPage(const http::Request& request, const accounts::Account& actor, int status,
                                      const EditorView& view) const {
  const base::TimeZone& zone = pages_.settings().zone;
  const newsroom::Story* story = view.story ? &*view.story : nullptr;
  newsroom::Abilities can;
  if (story) {
    can = s_.newsroom.Can(actor, *story);
  } else {
    can.view = can.edit = true;
  }
  base::Result<std::vector<core::Section>> sections = s_.content.ListSections();
  if (!sections.ok()) return Refused(sections.error());
  web::PageFrame frame;
  frame.title = story ? Text("admin_edit_article") + ": " + story->article.headline : Text("admin_new_article");
  frame.path = story ? "/admin/articles/" + std::to_string(story->article.id) : "/admin/articles/new";
  frame.scripts = {"admin.js"};
  const ArticleForm& f = view.form;

  return Page(request, &actor, status, "admin_editor.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", story ? Text("admin_edit_article") : Text("admin_new_article"));
    content.Set("action", story ? "/admin/articles/" + std::to_string(story->article.id) : "/admin/articles");
    content.Set("zone_hint", Text("admin_zone_hint", "zone", zone.name()));
    if (!view.notice.empty()) content.Add("EDITOR_NOTICE").Set("message", view.notice);
    if (!view.error.empty()) {
      render::Dict error = content.Add("EDITOR_ERROR");
      error.Set("message", view.error);
      if (!view.error_field.empty() && view.error_field != "version" && view.error_field != "step") {
        error.Add("ERROR_FIELD_LINK").Set("field_id", InputId(view.error_field));
      }
      if (view.error_field == "version" && story) {
        error.Add("CONFLICT_LINK").Set("url", "/admin/articles/" + std::to_string(story->article.id));
      }
      content.Add(BadSection(view.error_field)).Set("field_message", view.error);
    }

    // Where the article stands, and what the person should know about it.
    if (story) {
      const core::Article& a = story->article;
      render::Dict facts = content.Add("STORY_FACTS");
      facts.Set("state", Text(std::string("admin_state_") + core::StatusName(a.status)));
      facts.Set("state_class", core::StatusName(a.status));
      facts.Set("version", static_cast<long>(a.version));
      facts.Set("revisions_url", "/admin/articles/" + std::to_string(a.id) + "/revisions");
      if (a.status == core::ArticleStatus::kScheduled && a.published_at) SetTime(facts.Add("FACT_DUE"), "due", *a.published_at);
      if (a.status == core::ArticleStatus::kPublished) facts.Add("FACT_LIVE").Set("url", web::ArticlePath(a.id, a.slug));
      std::string address = pages_.settings().base_url + web::ArticlePath(a.id, a.slug);
      content.Add(a.status == core::ArticleStatus::kPublished ? "ADDRESS_LIVE" : "ADDRESS_FUTURE").Set("address", address);

      const std::optional<newsroom::PendingEdit>& p = story->pending;
      if (can.edit_pending) {
        content.Add("AUTHOR_LIVE_NOTE");
      }
      if (p) {
        render::Dict pending = content.Add("PENDING");
        pending.Set("by", p->account_name);
        pending.Set("state", Text(std::string("admin_state_") + newsroom::PendingStateName(p->state)));
        SetTime(pending, "saved", p->updated_at);
        if (p->publish_at && p->state == newsroom::PendingEdit::State::kScheduled) {
          SetTime(pending.Add("PENDING_DUE"), "due", *p->publish_at);
        }
        if (!p->note.empty()) pending.Add("PENDING_NOTE").Set("note", p->note);
        if (!can.edit_pending) {
          // An editor sees what the pending edit would change.
          render::Dict diff = pending.Add("PENDING_DIFF");
          core::ArticleDraft proposed = p->content;
          if (proposed.slug.empty()) proposed.slug = a.slug;  // the edit keeps the address
          for (const newsroom::DiffLine& line :
               newsroom::DiffLines(newsroom::RevisionLines(newsroom::DraftOf(a)), newsroom::RevisionLines(proposed))) {
            if (line.kind == newsroom::DiffLine::Kind::kSame) continue;
            render::Dict row = diff.Add("PENDING_LINE");
            row.Set("text", line.text);
            row.Show(line.kind == newsroom::DiffLine::Kind::kAdded ? "LINE_ADDED" : "LINE_REMOVED");
          }
        }
      }
      if (a.status == core::ArticleStatus::kDraft) {
        base::Result<std::vector<newsroom::Revision>> revisions = s_.newsroom.Revisions(actor, a.id);
        if (revisions.ok()) {
          for (const newsroom::Revision& r : *revisions) {
            if (r.kind != "sent_back") continue;
            render::Dict back = content.Add("SENT_BACK");
            back.Set("by", r.account_name);
            SetTime(back, "when", r.created_at);
            if (!r.note.empty()) back.Add("SENT_BACK_NOTE").Set("note", r.note);
            break;
          }
        }
      }
      if (!can.edit) {
        content.Show("LOCKED");
        content.Add("LOCKED_NOTE").Set("message", a.status == core::ArticleStatus::kScheduled
                                                       ? Text("admin_locked_scheduled")
                                                       : Text("admin_locked_pending"));
      }
    } else {
      content.Add("ADDRESS_NEW");
    }

    // The fields, as typed.
    content.Set("version", f.version).Set("headline", f.headline).Set("lead", f.lead).Set("body", f.body);
    content.Set("new_section", f.new_section).Set("tags", f.tags).Set("authors", f.authors);
    // Only those who manage sections may name a new one (authors choose).
    if (accounts::Allowed(actor.role, accounts::Action::kManageTaxonomy)) content.Show("NEW_SECTION_FIELD");
    content.Set("source_name", f.source_name).Set("source_url", f.source_url);
    content.Set("seo_title", f.seo_title).Set("seo_description", f.seo_description).Set("slug", f.slug);
    content.Set("publish_at", f.publish_at).Set("correction_note", f.correction_note).Set("note", f.note);
    if (f.breaking) content.Show("BREAKING_CHECKED");
    if (f.top) content.Show("TOP_CHECKED");
    if (f.correction) content.Show("CORRECTION_CHECKED");
    bool listed = f.section.empty();
    for (const core::Section& s : *sections) {
      render::Dict option = content.Add("SECTION_CHOICE");
      option.Set("name", s.name);
      if (s.name == f.section) {
        option.Show("CHOSEN");
        listed = true;
      }
    }
    if (!listed) content.Add("SECTION_CHOICE").Set("name", f.section).Show("CHOSEN");
    if (f.section.empty()) content.Show("NO_SECTION_CHOSEN");
    if (!view.preview_html.empty()) content.Set("preview_html", view.preview_html);
    if (accounts::CanModerate(actor.role)) {
      render::Dict policy = content.Add("POLICY_FIELD");
      for (const char* p : kPolicies) {
        render::Dict option = policy.Add("POLICY_CHOICE");
        option.Set("value", p).Set("label", pages_.locale().Text(std::string("policy_") + p));
        if (f.policy == p) option.Show("POLICY_CHOSEN");
      }
    }
    if (can.correct) content.Show("CAN_CORRECT");

    // The buttons the actor's abilities allow, Save first (Enter submits it).
    const std::optional<newsroom::PendingEdit>* p = story ? &story->pending : nullptr;
    bool live = story && story->article.status == core::ArticleStatus::kPublished;
    bool approving = live && p && p->has_value();
    if (!story) {
      content.Show("CAN_SAVE");
      content.Set("save_label", Text("admin_save_draft"));
    } else if (can.edit) {
      content.Show("CAN_SAVE");
      content.Set("save_label", can.edit_pending ? Text("admin_save_pending") : Text("admin_save"));
    }
    if (story) {
      bool pending_draft = p && p->has_value() && (*p)->state == newsroom::PendingEdit::State::kDraft;
      if (can.submit || (can.edit_pending && (!(p && p->has_value()) || pending_draft))) content.Show("CAN_SUBMIT");
      if (can.publish) {
        content.Add("CAN_PUBLISH").Set("label", approving ? Text("admin_approve_publish")
                                                : story->article.status == core::ArticleStatus::kUnpublished
                                                    ? Text("admin_republish")
                                                    : Text("admin_publish"));
      }
      if (can.schedule) {
        content.Add("CAN_SCHEDULE").Set("label", approving ? Text("admin_approve_schedule") : Text("admin_schedule"));
      }
      if (can.unpublish) {
        content.Add("CAN_UNPUBLISH").Set("label", story->article.status == core::ArticleStatus::kScheduled
                                                      ? Text("admin_cancel_schedule")
                                                      : Text("admin_unpublish"));
      }
      if (can.send_back) content.Show("CAN_SEND_BACK");
      if (can.discard_pending) content.Show("CAN_DISCARD");
    }
    if (can.edit) content.Show("CAN_PREVIEW");
  });
}

}  // namespace gazette::admin
