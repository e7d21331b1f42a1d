// Comments without JavaScript: the page to write one (or a reply), and a
// comment's own page with its actions (vote, report, edit, delete).
#include "accounts/secrets.h"
#include "reader/reader.h"
#include "web/comment_view.h"
#include "web/offload.h"

namespace gazette::reader {
namespace {

}  // namespace

http::Response Reader::ComposePage(const http::Request& request, std::string_view article_ref) const {
  std::optional<comments::Id> article_id = web::ParseId(article_ref);
  if (!article_id) return pages_.NotFound();
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  base::Result<comments::ArticleInfo> article = comments_.Article(*article_id);
  if (!article.ok() || !article->published) return pages_.NotFound();
  std::optional<comments::Comment> parent;
  if (std::optional<std::string> reply_to = request.QueryParam("reply_to")) {
    std::optional<comments::Id> parent_id = web::ParseId(*reply_to);
    base::Result<comments::Comment> found = parent_id ? comments_.Find(*parent_id) : base::Error::NotFound("");
    if (!found.ok() || found->article_id != *article_id || !found->Counted()) return pages_.NotFound();
    parent = std::move(*found);
  }
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = pages_.locale().Text(parent ? "write_reply" : "write_comment");
  frame.path = std::string(request.target);
  return FormPage(request, 200, "compose.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    content.Set("article_headline", article->headline).Set("article_url", web::ArticleAddress(article->id, article->slug));
    content.Set("action", "/news/" + std::to_string(*article_id) + "/comments");
    content.Set("nonce", accounts::NewShortToken());
    std::string hint = pages_.locale().Text("max_chars_hint");
    if (std::size_t at = hint.find("{n}"); at != std::string::npos) {
      hint.replace(at, 3, std::to_string(comments_.settings().max_chars));
    }
    content.Set("max_chars_hint", hint);
    if (parent) {
      render::Dict reply = content.Add("PARENT");
      reply.Set("parent_id", static_cast<long>(parent->id));
      web::FillComment(reply.Include("COMMENT", "comment.tpl"), view, comments::ThreadItem{*parent, 0, {}});
    }
  });
}

http::Response Reader::PostForm(const http::Request& request, std::string_view article_ref) const {
  std::optional<comments::Id> article_id = web::ParseId(article_ref);
  if (!article_id) return pages_.NotFound();
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  http::Form form = std::get<http::Form>(std::move(checked));
  accounts::Visitor visitor = std::get<accounts::Visitor>(std::move(signed_in));
  return web::Offload(pools_.writes, [this, &request, form = std::move(form), visitor = std::move(visitor), article_id] {
    std::optional<comments::Id> parent;
    if (std::string p = form.Get("parent_id"); !p.empty()) {
      parent = web::ParseId(p);
      if (!parent) return pages_.Error(base::Error::NotFound("").Keyed("parent_missing"));
    }
    base::Result<comments::PostResult> posted = comments_.Post(visitor.account, *article_id, parent, form.Get("body"),
                                                              form.Get("nonce"), identity_.Client(request).ip);
    if (!posted.ok()) return pages_.Error(posted.error());
    base::Result<comments::ArticleInfo> article = comments_.Article(*article_id);
    std::string address = article.ok() ? web::ArticleAddress(article->id, article->slug) : "/";
    const render::Locale& l = pages_.locale();
    if (posted->held) {
      return Notice(request, 200, l.Text("comment_held_title"), l.Text("comment_held_text"), address + "#comments",
                    l.Text("back_to_article"));
    }
    return web::SeeOther(address + "#comment-" + std::to_string(posted->comment.id));
  });
}

http::Response Reader::ActionsPage(const http::Request& request, std::string_view comment_ref) const {
  std::optional<comments::Id> id = web::ParseId(comment_ref);
  if (!id) return pages_.NotFound();
  base::Result<comments::Comment> comment = comments_.Find(*id);
  if (!comment.ok() || !comment->Counted()) return pages_.NotFound();
  base::Result<comments::ArticleInfo> article = comments_.Article(comment->article_id);
  if (!article.ok() || !article->published) return pages_.NotFound();
  std::optional<accounts::Visitor> visitor = identity_.Visitor(request);
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = pages_.locale().Text("comment_actions_title");
  frame.path = std::string(request.path);
  return FormPage(request, 200, "comment_actions.tpl", frame, [&](render::Dict& content) {
    content.Set("article_headline", article->headline);
    content.Set("article_url", web::ArticleAddress(article->id, article->slug) + "#comment-" + std::to_string(comment->id));
    content.Set("comment_id", static_cast<long>(comment->id));
    web::FillComment(content.Include("COMMENT", "comment.tpl"), view, comments::ThreadItem{*comment, 0, {}});
    if (!visitor) {
      content.Add("ANONYMOUS").Set("signin_url", "/account/signin?next=" + http::QueryEncode(std::string(request.path)));
      return;
    }
    bool own = visitor->account.id == comment->account_id;
    if (own) {
      render::Dict mine = content.Add("OWN");
      if (comments_.EditableUntil(visitor->account, *comment)) mine.Add("EDITABLE").Set("body", comment->body);
    } else {
      render::Dict others = content.Add("OTHERS");
      for (const char* reason : comments::kReportReasons) {
        others.Add("REASON").Set("value", reason).Set("label", pages_.locale().Text(std::string("report_") + reason));
      }
    }
    if (accounts::CanModerate(visitor->account.role)) {
      content.Add("MODERATE").Set("url", "/moderation/comments/" + std::to_string(comment->id));
    }
  });
}

http::Response Reader::ActionForm(const http::Request& request, std::string_view comment_ref,
                                  std::string_view action) const {
  std::optional<comments::Id> id = web::ParseId(comment_ref);
  if (!id || (action != "vote" && action != "report" && action != "edit" && action != "delete")) {
    return pages_.NotFound();
  }
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  http::Form form = std::get<http::Form>(std::move(checked));
  accounts::Visitor visitor = std::get<accounts::Visitor>(std::move(signed_in));
  std::string what(action);
  return web::Offload(pools_.writes, [this, &request, form = std::move(form), visitor = std::move(visitor), id, what] {
    base::Result<comments::Comment> comment = comments_.Find(*id);
    if (!comment.ok()) return pages_.NotFound();
    base::Status done;
    if (what == "vote") {
      std::string value = form.Get("value");
      int v = value == "1" ? 1 : value == "-1" ? -1 : value == "0" ? 0 : 2;
      base::Result<comments::Comment> voted = comments_.Vote(visitor.account, *id, v);
      if (!voted.ok()) done = voted.error();
    } else if (what == "report") {
      done = comments_.Report(visitor.account, *id, form.Get("reason"), form.Get("text"));
    } else if (what == "edit") {
      base::Result<comments::Comment> edited = comments_.Edit(visitor.account, *id, form.Get("body"));
      if (!edited.ok()) done = edited.error();
    } else {
      done = comments_.Delete(visitor.account, *id);
    }
    if (!done.ok()) return pages_.Error(done.error());
    base::Result<comments::ArticleInfo> article = comments_.Article(comment->article_id);
    std::string address = article.ok() ? web::ArticleAddress(article->id, article->slug) : "/";
    if (what == "report") {
      const render::Locale& l = pages_.locale();
      return Notice(request, 200, l.Text("report_thanks_title"), l.Text("report_thanks_text"), address + "#comments",
                    l.Text("back_to_article"));
    }
    return web::SeeOther(address + (what == "delete" ? "#comments" : "#comment-" + std::to_string(*id)));
  });
}

}  // namespace gazette::reader
