// The JSON APIs (docs/api.md), under /api/v1:
//
// - the content API: public, read-only, published articles only, with
//   cache headers for CDNs (content_api.cpp);
// - the admin API: bearer tokens (`Authorization: Bearer gzt_...`) acting
//   with their role through the same services as the newsroom's pages, so
//   that both allow and refuse the same things (admin_api.cpp for articles,
//   admin_taxonomy.cpp for sections and tags, admin_moderation.cpp for
//   comments and bans);
// - its OpenAPI 3.1 description, /api/v1/openapi.json (openapi.json,
//   compiled into the binary).
#pragma once

#include <functional>
#include <variant>

#include "accounts/account_service.h"
#include "api/api_json.h"
#include "base/worker_pool.h"
#include "comments/comment_service.h"
#include "comments/moderation.h"
#include "core/reading.h"
#include "http/router.h"
#include "newsroom/newsroom_service.h"
#include "web/pages.h"

namespace gazette::api {

struct ApiServices {
  core::ContentReader& content;   // sections, tags, authors, articles by slug
  core::ReadingService& reading;  // what readers may see
  newsroom::NewsroomService& newsroom;
  accounts::AccountService& accounts;
  comments::CommentService& comments;
  comments::ModerationService& moderation;
  const web::SiteSettings& site;  // base_url, zone
  base::WorkerPool& writes;       // durable writes run here
  const base::Clock& clock;
};

// Thread-safe.
class Api {
 public:
  explicit Api(ApiServices services) : s_(services) {}

  void AddRoutes(http::Router& router);

 private:
  using Actor = accounts::Account;

  // content_api.cpp
  http::Response Articles(const http::Request& request) const;
  http::Response Article(const http::Request& request, std::string_view ref) const;
  http::Response Sections(const http::Request& request) const;
  http::Response Tags(const http::Request& request) const;
  http::Response Authors(const http::Request& request) const;
  http::Response Latest(const http::Request& request) const;
  http::Response OpenApi(const http::Request& request) const;
  // The published articles of `query` (its status is forced), in full.
  Result<json::array> FullArticles(core::ArticleQuery query) const;

  // admin_api.cpp: authentication and the articles
  // The token's account, or the 401 to answer.
  std::variant<Actor, http::Response> Authenticate(const http::Request& request) const;
  // A read: authenticated, then `work` at once.
  http::Response Read(const http::Request& request, const std::function<http::Response(const Actor&)>& work) const;
  // A write: authenticated, its body read (an empty one is {} when
  // `empty_ok`), then `work` on the writes pool.
  http::Response Write(const http::Request& request, bool empty_ok,
                       std::function<http::Response(const Actor&, const json::object&)> work) const;
  http::Response ListArticles(const http::Request& request) const;
  http::Response CreateArticle(const http::Request& request) const;
  http::Response GetArticle(const http::Request& request, std::string_view id) const;
  http::Response UpdateArticle(const http::Request& request, std::string_view id) const;
  http::Response ArticleAction(const http::Request& request, std::string_view id, std::string_view action) const;
  // The story as the admin API shows it (with its comment policy).
  Result<json::object> StoryJson(const newsroom::Story& story) const;
  // kForbidden unless the actor may change comment policies.
  Status MayChangePolicy(const Actor& actor) const;

  // admin_taxonomy.cpp
  http::Response ListSections(const http::Request& request) const;
  http::Response CreateSection(const http::Request& request) const;
  http::Response UpdateSection(const http::Request& request, std::string_view id) const;
  http::Response OrderSections(const http::Request& request) const;
  http::Response ListTags(const http::Request& request) const;
  http::Response CreateTag(const http::Request& request) const;
  http::Response UpdateTag(const http::Request& request, std::string_view id) const;
  http::Response MergeTag(const http::Request& request, std::string_view id) const;

  // admin_moderation.cpp
  http::Response CommentQueue(const http::Request& request) const;
  http::Response CommentAction(const http::Request& request, std::string_view id, std::string_view action) const;
  http::Response AccountAction(const http::Request& request, std::string_view id, std::string_view action) const;

  ApiServices s_;
};

// The embedded OpenAPI document.
std::string_view OpenApiDocument();

}  // namespace gazette::api
