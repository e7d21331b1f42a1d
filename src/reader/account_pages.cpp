// Account pages: sign up, sign in and out, the account page (password,
// sessions, data download, deletion), email confirmation.
#include <boost/json/serialize.hpp>

#include "http/cookies.h"
#include "http/status.h"
#include "reader/reader.h"
#include "render/time_labels.h"
#include "web/offload.h"

namespace gazette::reader {
namespace {

// What the sign-up and sign-in forms show again after a refusal.
struct FormState {
  std::string error;
  std::string field;
  std::string display_name;
  std::string email;
  std::string next;
};

void FillForm(render::Dict& content, const FormState& state, const render::Locale& locale, std::size_t min_password) {
  if (!state.error.empty()) content.Add("ERROR").Set("message", state.error);
  content.Set("display_name", state.display_name).Set("email", state.email).Set("next", state.next);
  content.Set("next_q", http::QueryEncode(state.next));
  std::string hint = locale.Text("password_hint");
  if (std::size_t at = hint.find("{n}"); at != std::string::npos) hint.replace(at, 3, std::to_string(min_password));
  content.Set("password_hint", hint);
  if (!state.field.empty()) content.Show("INVALID_" + state.field);
}

http::Response WithStatus(http::Response response, const base::Error& error) {
  response.status = http::StatusFor(error.code);
  if (error.retry_after > 0) response.Set("Retry-After", std::to_string(error.retry_after));
  return response;
}

}  // namespace

http::Response Reader::SignUpPage(const http::Request& request) const {
  web::PageFrame frame;
  frame.title = pages_.locale().Text("sign_up");
  frame.path = "/account/signup";
  FormState state;
  state.next = SafeNext(request.QueryParam("next").value_or("/"));
  return FormPage(request, 200, "signup.tpl", frame, [&](render::Dict& content) { FillForm(content, state, pages_.locale(), accounts_.settings().min_password_length); });
}

http::Response Reader::SignUp(const http::Request& request) const {
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  http::Form form = std::get<http::Form>(std::move(checked));
  return web::Offload(pools_.hashing, [this, &request, form = std::move(form)] {
    FormState state{"", "", form.Get("display_name"), form.Get("email"), SafeNext(form.Get("next"))};
    base::Result<accounts::SignedIn> signed_in =
        accounts_.SignUp(state.display_name, state.email, form.Get("password"), identity_.Client(request));
    if (!signed_in.ok()) {
      state.error = pages_.Message(signed_in.error());
      state.field = signed_in.error().field;
      web::PageFrame frame;
      frame.title = pages_.locale().Text("sign_up");
      frame.path = "/account/signup";
      return WithStatus(FormPage(request, 200, "signup.tpl", frame, [&](render::Dict& c) { FillForm(c, state, pages_.locale(), accounts_.settings().min_password_length); }),
                        signed_in.error());
    }
    // The browser's earlier session (another account's) ends with it.
    if (auto old = http::GetCookie(request, identity_.session_cookie()); old && !old->empty()) {
      (void)accounts_.SignOut(*old);
    }
    http::Response done = web::SeeOther(state.next);
    done.Add("Set-Cookie", identity_.SessionCookie(*signed_in));
    return done;
  });
}

http::Response Reader::SignInPage(const http::Request& request) const {
  web::PageFrame frame;
  frame.title = pages_.locale().Text("sign_in");
  frame.path = "/account/signin";
  FormState state;
  state.next = SafeNext(request.QueryParam("next").value_or("/"));
  return FormPage(request, 200, "signin.tpl", frame, [&](render::Dict& content) { FillForm(content, state, pages_.locale(), accounts_.settings().min_password_length); });
}

http::Response Reader::SignIn(const http::Request& request) const {
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  http::Form form = std::get<http::Form>(std::move(checked));
  return web::Offload(pools_.hashing, [this, &request, form = std::move(form)] {
    FormState state{"", "", "", form.Get("email"), SafeNext(form.Get("next"))};
    base::Result<accounts::SignedIn> signed_in =
        accounts_.SignIn(state.email, form.Get("password"), identity_.Client(request));
    if (!signed_in.ok()) {
      state.error = pages_.Message(signed_in.error());
      web::PageFrame frame;
      frame.title = pages_.locale().Text("sign_in");
      frame.path = "/account/signin";
      return WithStatus(FormPage(request, 200, "signin.tpl", frame, [&](render::Dict& c) { FillForm(c, state, pages_.locale(), accounts_.settings().min_password_length); }),
                        signed_in.error());
    }
    // A new token at every sign-in; the old session (if any) ends.
    if (auto old = http::GetCookie(request, identity_.session_cookie()); old && !old->empty()) {
      (void)accounts_.SignOut(*old);
    }
    http::Response done = web::SeeOther(state.next);
    done.Add("Set-Cookie", identity_.SessionCookie(*signed_in));
    return done;
  });
}

http::Response Reader::SignOut(const http::Request& request) const {
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  if (auto token = http::GetCookie(request, identity_.session_cookie()); token && !token->empty()) {
    (void)accounts_.SignOut(*token);
  }
  http::Response done = web::SeeOther("/");
  done.Add("Set-Cookie", identity_.EndSessionCookie());
  return done;
}

http::Response Reader::AccountPage(const http::Request& request) const {
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  const accounts::Visitor& visitor = std::get<accounts::Visitor>(signed_in);
  base::Result<std::vector<accounts::Session>> sessions = accounts_.Sessions(visitor);
  if (!sessions.ok()) return pages_.Error(sessions.error());
  web::ViewContext view = pages_.View();
  web::PageFrame frame;
  frame.title = pages_.locale().Text("your_account");
  frame.path = "/account";
  std::optional<std::string> notice = request.QueryParam("done");
  return FormPage(request, 200, "account.tpl", frame, [&](render::Dict& content) {
    const accounts::Account& a = visitor.account;
    if (notice && (*notice == "password" || *notice == "session" || *notice == "confirmation")) {
      content.Add("NOTICE").Set("message", pages_.locale().Text("done_" + *notice));
    }
    content.Set("display_name", a.display_name).Set("email", a.email);
    content.Set("role", pages_.locale().Text(std::string("role_") + accounts::RoleName(a.role)));
    if (accounts::CanModerate(a.role)) content.Show("MODERATOR");
    if (accounts_.settings().verify_email && !a.email_verified) content.Show("UNCONFIRMED");
    if (a.BannedAt(view.now)) content.Show("BANNED");
    content.Set("min_password", static_cast<long>(accounts_.settings().min_password_length));
    for (const accounts::Session& s : *sessions) {
      render::Dict item = content.Add("SESSION");
      item.Set("id", static_cast<long>(s.id));
      item.Set("browser", s.user_agent.empty() ? pages_.locale().Text("unknown_browser") : s.user_agent);
      item.Set("ip", s.ip);
      item.Set("iso", base::FormatIso8601(s.last_seen_at, pages_.settings().zone));
      item.Set("last_seen", render::TimeLabel(s.last_seen_at, view.now, pages_.settings().zone, view.locale));
      if (s.id == visitor.session.id) {
        item.Show("THIS_ONE");
      } else {
        item.Show("OTHER");
      }
    }
  });
}

http::Response Reader::ChangePassword(const http::Request& request) const {
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  http::Form form = std::get<http::Form>(std::move(checked));
  accounts::Visitor visitor = std::get<accounts::Visitor>(std::move(signed_in));
  return web::Offload(pools_.hashing, [this, form = std::move(form), visitor = std::move(visitor)] {
    base::Status changed = accounts_.ChangePassword(visitor, form.Get("current_password"), form.Get("new_password"));
    if (!changed.ok()) return pages_.Error(changed.error());
    return web::SeeOther("/account?done=password");
  });
}

http::Response Reader::EndSession(const http::Request& request, std::string_view id) const {
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  std::optional<std::int64_t> session_id = web::ParseId(id);
  if (!session_id) return pages_.NotFound();
  base::Status ended = accounts_.EndSession(std::get<accounts::Visitor>(signed_in), *session_id);
  if (!ended.ok()) return pages_.Error(ended.error());
  return web::SeeOther("/account?done=session");
}

http::Response Reader::Export(const http::Request& request) const {
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  const accounts::Visitor& visitor = std::get<accounts::Visitor>(signed_in);
  const accounts::Account& a = visitor.account;
  const base::TimeZone& utc = base::TimeZone::Utc();
  boost::json::object account{{"id", a.id},
                              {"display_name", a.display_name},
                              {"email", a.email},
                              {"email_confirmed", a.email_verified},
                              {"role", accounts::RoleName(a.role)},
                              {"created_at", base::FormatIso8601(a.created_at, utc)}};
  boost::json::array sessions;
  if (auto list = accounts_.Sessions(visitor); list.ok()) {
    for (const accounts::Session& s : *list) {
      sessions.push_back({{"created_at", base::FormatIso8601(s.created_at, utc)},
                          {"last_seen_at", base::FormatIso8601(s.last_seen_at, utc)},
                          {"expires_at", base::FormatIso8601(s.expires_at, utc)},
                          {"browser", s.user_agent},
                          {"ip", s.ip}});
    }
  }
  base::Result<boost::json::object> activity = ExportActivity(a.id);
  if (!activity.ok()) return pages_.Error(activity.error());
  boost::json::object data{{"account", std::move(account)}, {"sessions", std::move(sessions)}};
  for (auto& [key, value] : *activity) data[key] = std::move(value);
  http::Response response = http::Response::Text(200, boost::json::serialize(data));
  response.Set("Content-Type", "application/json");
  response.Set("Content-Disposition", "attachment; filename=\"gazette-account-" + std::to_string(a.id) + ".json\"");
  response.Set("Cache-Control", "private, no-store");
  return response;
}

http::Response Reader::DeleteAccount(const http::Request& request) const {
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  http::Form form = std::get<http::Form>(std::move(checked));
  accounts::Visitor visitor = std::get<accounts::Visitor>(std::move(signed_in));
  return web::Offload(pools_.hashing, [this, &request, form = std::move(form), visitor = std::move(visitor)] {
    if (form.Get("confirm") != "yes") {
      return pages_.Error(base::Error::Invalid("Tick the box to confirm.", "confirm").Keyed("delete_confirm"));
    }
    base::Status deleted = accounts_.DeleteAccount(visitor, form.Get("password"));
    if (!deleted.ok()) return pages_.Error(deleted.error());
    const render::Locale& l = pages_.locale();
    http::Response done = Notice(request, 200, l.Text("account_deleted"), l.Text("account_deleted_text"), "/",
                                 l.Text("back_to_front"));
    done.Add("Set-Cookie", identity_.EndSessionCookie());
    return done;
  });
}

http::Response Reader::Confirm(const http::Request& request) const {
  const render::Locale& l = pages_.locale();
  base::Status confirmed = accounts_.ConfirmEmail(request.QueryParam("token").value_or(""));
  if (!confirmed.ok()) return pages_.Error(confirmed.error());
  return Notice(request, 200, l.Text("email_confirmed"), l.Text("email_confirmed_text"), "/", l.Text("back_to_front"));
}

http::Response Reader::ResendConfirmation(const http::Request& request) const {
  auto checked = CheckedForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto signed_in = SignedInOrRedirect(request);
  if (auto* redirect = std::get_if<http::Response>(&signed_in)) return std::move(*redirect);
  accounts::Visitor visitor = std::get<accounts::Visitor>(std::move(signed_in));
  return web::Offload(pools_.writes, [this, visitor = std::move(visitor)] {
    base::Status sent = accounts_.SendConfirmation(visitor.account);
    if (!sent.ok()) return pages_.Error(sent.error());
    return web::SeeOther("/account?done=confirmation");
  });
}

}  // namespace gazette::reader
