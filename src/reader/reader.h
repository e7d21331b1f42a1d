// What a reader does in person: accounts (sign up, in and out, password,
// sessions, data download, deletion, email confirmation) and comments
// (post, reply, edit, delete, vote, report), as HTML forms that work
// without JavaScript and as the JSON the article page's script uses.
// Everything here is personal: answers are never cached, and every change
// passes the CSRF check.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <variant>

#include "accounts/account_service.h"
#include "base/worker_pool.h"
#include "comments/comment_service.h"
#include "http/form.h"
#include "http/router.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gazette::reader {

struct Pools {
  base::WorkerPool& hashing;  // password hashing and checking
  base::WorkerPool& writes;   // durable writes
};

// Thread-safe.
class Reader {
 public:
  Reader(accounts::AccountService& accounts, comments::CommentService& comments, const web::Pages& pages,
         const web::Identity& identity, Pools pools)
      : accounts_(accounts), comments_(comments), pages_(pages), identity_(identity), pools_(pools) {}

  void AddRoutes(http::Router& router);

 private:
  // account_pages.cpp
  http::Response SignUpPage(const http::Request& request) const;
  http::Response SignUp(const http::Request& request) const;
  http::Response SignInPage(const http::Request& request) const;
  http::Response SignIn(const http::Request& request) const;
  http::Response SignOut(const http::Request& request) const;
  http::Response AccountPage(const http::Request& request) const;
  http::Response ChangePassword(const http::Request& request) const;
  http::Response EndSession(const http::Request& request, std::string_view id) const;
  http::Response Export(const http::Request& request) const;
  http::Response DeleteAccount(const http::Request& request) const;
  http::Response Confirm(const http::Request& request) const;
  http::Response ResendConfirmation(const http::Request& request) const;

  // comment_pages.cpp
  http::Response ComposePage(const http::Request& request, std::string_view article) const;
  http::Response PostForm(const http::Request& request, std::string_view article) const;
  http::Response ActionsPage(const http::Request& request, std::string_view comment) const;
  http::Response ActionForm(const http::Request& request, std::string_view comment, std::string_view action) const;

  // comment_api.cpp
  http::Response SessionJson(const http::Request& request) const;
  http::Response PostJson(const http::Request& request, std::string_view article) const;
  http::Response EditJson(const http::Request& request, std::string_view comment) const;
  http::Response DeleteJson(const http::Request& request, std::string_view comment) const;
  http::Response VoteJson(const http::Request& request, std::string_view comment) const;
  http::Response ReportJson(const http::Request& request, std::string_view comment) const;
  // A JSON write's visitor and body, once its checks passed.
 public:
  struct JsonWrite {
    accounts::Visitor visitor;
    boost::json::object body;
  };

 private:
  http::Response CommentAction(const http::Request& request, std::string_view comment, bool needs_body,
                               std::function<http::Response(const JsonWrite&, comments::Id)> act) const;
  // The error as JSON, its message in the site's language.
  http::Response Refused(const base::Error& error) const;
  // The reader's comments and votes, for their data download.
  base::Result<boost::json::object> ExportActivity(accounts::Id account_id) const;

  // reader.cpp: shared steps
  // The form of a POST whose CSRF check passes; otherwise the answer to give.
  std::variant<http::Form, http::Response> CheckedForm(const http::Request& request) const;
  // The visitor, or (for pages) a redirect to the sign-in page and back.
  std::variant<accounts::Visitor, http::Response> SignedInOrRedirect(const http::Request& request) const;
  // A personal page with a CSRF token ({{csrf}}) in its forms.
  http::Response FormPage(const http::Request& request, int status, std::string_view tpl, web::PageFrame frame,
                          const std::function<void(render::Dict&)>& fill) const;
  // A short personal page saying what happened, with a link onward.
  http::Response Notice(const http::Request& request, int status, const std::string& heading, const std::string& text,
                        const std::string& link, const std::string& link_text) const;

  accounts::AccountService& accounts_;
  comments::CommentService& comments_;
  const web::Pages& pages_;
  const web::Identity& identity_;
  Pools pools_;
};

// `next` when it is a path on this site ("/news/1-x#comments"), else "/".
std::string SafeNext(std::string_view next);

}  // namespace gazette::reader
