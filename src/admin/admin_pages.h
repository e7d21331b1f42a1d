// The newsroom in the browser (/admin): staff sign in, the article list,
// the editor with its workflow buttons and live preview, revisions,
// sections and tags, staff, site settings, API tokens, webhooks and the
// audit log.
//
// Every rule lives in the services this calls (the admin API calls the
// same ones), so the pages and the API allow and refuse the same things.
// Every page needs a staff session; every POST passes the CSRF check;
// writes and password hashing run on the worker pools. Pages work without
// JavaScript; assets/admin.js adds the live preview and Ctrl/Cmd+S.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "accounts/account_service.h"
#include "accounts/account_store.h"
#include "admin/article_form.h"
#include "base/worker_pool.h"
#include "comments/comment_service.h"
#include "comments/moderation.h"
#include "core/content_store.h"
#include "http/form.h"
#include "http/router.h"
#include "newsroom/newsroom_service.h"
#include "newsroom/site_settings.h"
#include "web/pages.h"
#include "web/visitor.h"
#include "webhooks/webhook_service.h"

namespace gazette::admin {

inline constexpr int kArticlesPerPage = 20;
inline constexpr int kAuditPerPage = 50;
inline constexpr int kDeliveriesPerPage = 50;

// What the pages call.
struct Services {
  newsroom::NewsroomService& newsroom;
  newsroom::SettingsService& settings;
  accounts::AccountService& accounts;
  accounts::AccountStore& directory;  // staff names, for the article list
  comments::CommentService& comments;
  comments::ModerationService& moderation;  // an article's comment policy
  core::ContentReader& content;             // the sections and tags to choose from
  webhooks::WebhookService& webhooks;
  std::function<base::Status()> reload;     // puts changed settings to work at once
};

struct Pools {
  base::WorkerPool& hashing;  // password hashing and checking
  base::WorkerPool& writes;   // durable writes
};

// What the editor shows: the story (none for a new article) and the form
// as typed, with the message of a refusal and the field it is about.
struct EditorView {
  std::optional<newsroom::Story> story;
  ArticleForm form;
  std::string error;
  std::string error_field;
  std::string notice;
  std::string preview_html;
};

// A refused form in a list of forms (a section's row, the form that adds
// one): which one (`at`), what was typed, and what went wrong.
struct RowError {
  std::string at;  // "new", "merge", or the row's id
  std::string message;
  std::string field;
  std::string name;
  std::string slug;
  std::string email;  // staff
  std::string role;   // staff and tokens
};

// What the webhooks page shows besides the list: a refused form (`at`:
// "new" or the webhook's id; what was typed; the message and its field:
// "url", "events", "description", "confirm"), or a secret to show once.
struct WebhookView {
  std::string at;
  std::string message;
  std::string field;
  webhooks::WebhookInput typed;
  webhooks::Id secret_of = 0;  // the webhook just added or given a new secret
  std::string secret;
  bool added = false;  // added (else its secret was rotated)
};

// Thread-safe.
class AdminPages {
 public:
  AdminPages(Services services, const web::Pages& pages, const web::Identity& identity, Pools pools)
      : s_(std::move(services)), pages_(pages), identity_(identity), pools_(pools) {}

  void AddRoutes(http::Router& router);

 private:
  using Checked = std::variant<std::pair<accounts::Visitor, http::Form>, http::Response>;

  // signin.cpp
  http::Response SignInPage(const http::Request& request) const;
  http::Response SignIn(const http::Request& request) const;
  http::Response SignOut(const http::Request& request) const;

  // article_list.cpp
  http::Response ArticleList(const http::Request& request) const;

  // editor.cpp
  http::Response NewArticle(const http::Request& request) const;
  http::Response CreateArticle(const http::Request& request) const;
  http::Response EditArticle(const http::Request& request, std::string_view id) const;
  http::Response ActOnArticle(const http::Request& request, std::string_view id) const;
  http::Response Preview(const http::Request& request) const;
  http::Response EditorPage(const http::Request& request, const accounts::Account& actor, int status,
                            const EditorView& view) const;

  // revisions.cpp
  http::Response RevisionList(const http::Request& request, std::string_view id) const;
  http::Response RevisionPage(const http::Request& request, std::string_view id, std::string_view revision) const;
  http::Response Restore(const http::Request& request, std::string_view id, std::string_view revision) const;
  http::Response ShowRevision(const http::Request& request, const accounts::Account& actor, core::Id article,
                              core::Id revision, int status, const std::string& error) const;

  // taxonomy.cpp
  http::Response Sections(const http::Request& request) const;
  http::Response SectionAction(const http::Request& request, std::string_view id, std::string_view action) const;
  http::Response CreateSection(const http::Request& request) const;
  http::Response Tags(const http::Request& request) const;
  http::Response TagAction(const http::Request& request, std::string_view id, std::string_view action) const;
  http::Response CreateTag(const http::Request& request) const;
  http::Response TaxonomyPage(const http::Request& request, const accounts::Account& actor, bool tags, int status,
                              const RowError& error) const;

  // staff.cpp
  http::Response StaffList(const http::Request& request) const;
  http::Response StaffPage(const http::Request& request, const accounts::Account& actor, int status,
                           const RowError& error, const std::string& added, const std::string& password) const;
  http::Response AddStaff(const http::Request& request) const;
  http::Response SetRole(const http::Request& request, std::string_view id) const;

  // settings.cpp
  http::Response SettingsPage(const http::Request& request) const;
  http::Response SaveSettings(const http::Request& request) const;
  http::Response SettingsForm(const http::Request& request, const accounts::Account& actor, int status,
                              const newsroom::SiteSettings& shown, const base::Error* error, bool saved) const;

  // tokens.cpp
  http::Response TokenList(const http::Request& request) const;
  http::Response TokenPage(const http::Request& request, const accounts::Account& actor, int status,
                           const RowError& error, const std::string& made_name, const std::string& token) const;
  http::Response CreateToken(const http::Request& request) const;
  http::Response RevokeToken(const http::Request& request, std::string_view id) const;

  // webhooks.cpp
  http::Response WebhookList(const http::Request& request) const;
  http::Response WebhookPage(const http::Request& request, const accounts::Account& actor, int status,
                             const WebhookView& view) const;
  http::Response CreateWebhook(const http::Request& request) const;
  http::Response WebhookAction(const http::Request& request, std::string_view id, std::string_view action) const;
  http::Response DeliveryLog(const http::Request& request, std::string_view id) const;
  http::Response DeliveryLogPage(const http::Request& request, const accounts::Account& actor, webhooks::Id id,
                                 int page, int status, const std::string& error, webhooks::Id error_at) const;
  http::Response SendAgain(const http::Request& request, std::string_view id, std::string_view delivery) const;

  // audit.cpp
  http::Response AuditLog(const http::Request& request) const;

  // admin_pages.cpp: what every page shares.
  // The signed-in staff member; otherwise a redirect to the sign-in page
  // (and back), or a 403 page for a reader.
  std::variant<accounts::Visitor, http::Response> Staff(const http::Request& request) const;
  // The same, also requiring `action` of the role (a 403 page otherwise).
  std::variant<accounts::Visitor, http::Response> Allowed(const http::Request& request, accounts::Action action) const;
  // A staff member's POST: its form once the CSRF check passed.
  Checked StaffForm(const http::Request& request) const;
  // A page of the newsroom, in the site's layout with the newsroom's bar
  // (nav for `actor`'s role, or none on the sign-in page).
  http::Response Page(const http::Request& request, const accounts::Account* actor, int status, std::string_view tpl,
                      web::PageFrame frame, const std::function<void(render::Dict&)>& fill) const;
  // A refusal as a page, its message in the site's language.
  http::Response Refused(const base::Error& error) const;
  // The translated text of `key` with "{name}" replaced by `value`.
  std::string Text(std::string_view key, std::string_view name = {}, std::string_view value = {}) const;
  // "24 Nov 19:29" and its ISO form, in the site's time zone.
  void SetTime(render::Dict dict, std::string_view prefix, base::Timestamp t) const;

  Services s_;
  const web::Pages& pages_;
  const web::Identity& identity_;
  Pools pools_;
};

// `next` when it is an address in the newsroom ("/admin/articles/4"), else "/admin".
std::string SafeAdminNext(std::string_view next);

}  // namespace gazette::admin
