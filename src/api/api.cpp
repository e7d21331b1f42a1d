#include "api/api.h"

#include <span>

#include "base/embedded.h"

namespace gazette::api {

std::span<const base::EmbeddedFile> ApiFiles();

std::string_view OpenApiDocument() {
  const base::EmbeddedFile* file = base::FindEmbedded(ApiFiles(), "openapi.json");
  return file ? file->data : std::string_view("{}");
}

void Api::AddRoutes(http::Router& router) {
  using R = const http::Request&;
  using P = const http::PathParams&;
  const http::Method put = http::Method::kPut;

  // The content API.
  router.Get("/api/v1/articles", [this](R r, P) { return Articles(r); });
  router.Get("/api/v1/articles/{ref}", [this](R r, P p) { return Article(r, p.Get("ref")); });
  router.Get("/api/v1/sections", [this](R r, P) { return Sections(r); });
  router.Get("/api/v1/tags", [this](R r, P) { return Tags(r); });
  router.Get("/api/v1/authors", [this](R r, P) { return Authors(r); });
  router.Get("/api/v1/latest", [this](R r, P) { return Latest(r); });
  router.Get("/api/v1/openapi.json", [this](R r, P) { return OpenApi(r); });

  // The admin API: articles.
  router.Get("/api/v1/admin/articles", [this](R r, P) { return ListArticles(r); });
  router.Post("/api/v1/admin/articles", [this](R r, P) { return CreateArticle(r); });
  router.Get("/api/v1/admin/articles/{id}", [this](R r, P p) { return GetArticle(r, p.Get("id")); });
  router.Add(put, "/api/v1/admin/articles/{id}", [this](R r, P p) { return UpdateArticle(r, p.Get("id")); });
  router.Post("/api/v1/admin/articles/{id}/{action}",
              [this](R r, P p) { return ArticleAction(r, p.Get("id"), p.Get("action")); });

  // Sections and tags.
  router.Get("/api/v1/admin/sections", [this](R r, P) { return ListSections(r); });
  router.Post("/api/v1/admin/sections", [this](R r, P) { return CreateSection(r); });
  router.Post("/api/v1/admin/sections/order", [this](R r, P) { return OrderSections(r); });
  router.Add(put, "/api/v1/admin/sections/{id}", [this](R r, P p) { return UpdateSection(r, p.Get("id")); });
  router.Get("/api/v1/admin/tags", [this](R r, P) { return ListTags(r); });
  router.Post("/api/v1/admin/tags", [this](R r, P) { return CreateTag(r); });
  router.Add(put, "/api/v1/admin/tags/{id}", [this](R r, P p) { return UpdateTag(r, p.Get("id")); });
  router.Post("/api/v1/admin/tags/{id}/merge", [this](R r, P p) { return MergeTag(r, p.Get("id")); });

  // Moderation.
  router.Get("/api/v1/admin/comments", [this](R r, P) { return CommentQueue(r); });
  router.Post("/api/v1/admin/comments/{id}/{action}",
              [this](R r, P p) { return CommentAction(r, p.Get("id"), p.Get("action")); });
  router.Post("/api/v1/admin/accounts/{id}/{action}",
              [this](R r, P p) { return AccountAction(r, p.Get("id"), p.Get("action")); });
}

http::Response Api::OpenApi(const http::Request& request) const {
  return PublicText(request, std::string(OpenApiDocument()));
}

}  // namespace gazette::api
