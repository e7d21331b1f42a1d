// Site settings (/admin/settings, admins): name, base URL, language, time
// zone and comment defaults. Stored by the settings service; on success the
// whole site is rebuilt with them at once (shared.reload), no restart.
#include "admin/admin_pages.h"
#include "base/text.h"
#include "http/status.h"
#include "web/offload.h"

namespace gazette::admin {
namespace {

const char* const kSitePolicies[] = {"open", "premoderated", "closed"};

}  // namespace

http::Response AdminPages::SettingsPage(const http::Request& request) const {
  auto staff = Allowed(request, accounts::Action::kManageSettings);
  if (auto* refused = std::get_if<http::Response>(&staff)) return std::move(*refused);
  base::Result<newsroom::SiteSettings> current = s_.settings.Current();
  if (!current.ok()) return Refused(current.error());
  return SettingsForm(request, std::get<accounts::Visitor>(staff).account, 200, *current, nullptr,
                      request.QueryParam("done").has_value());
}

http::Response AdminPages::SettingsForm(const http::Request& request, const accounts::Account& actor, int status,
                                        const newsroom::SiteSettings& shown, const base::Error* error,
                                        bool saved) const {
  web::PageFrame frame;
  frame.title = Text("admin_settings");
  frame.path = "/admin/settings";
  return Page(request, &actor, status, "admin_settings.tpl", frame, [&](render::Dict& content) {
    content.Set("heading", frame.title);
    if (saved) content.Add("SETTINGS_NOTICE").Set("message", Text("admin_done_settings"));
    if (error) {
      content.Add("SETTINGS_ERROR").Set("message", pages_.Message(*error));
      if (!error->field.empty()) {
        std::string section = "BAD_";
        for (char c : error->field) section += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        content.Add(section).Set("field_message", pages_.Message(*error));
      }
    }
    content.Set("name", shown.name).Set("base_url", shown.base_url).Set("time_zone", shown.time_zone);
    content.Set("close_after_days", static_cast<long>(shown.close_after_days));
    for (const std::string& code : s_.settings.languages()) {
      render::Dict option = content.Add("LANGUAGE");
      const std::string& label = pages_.locale().Text("admin_language_" + code);
      option.Set("value", code).Set("label", label == "admin_language_" + code ? code : label);
      if (code == shown.language) option.Show("LANGUAGE_CHOSEN");
    }
    for (const char* policy : kSitePolicies) {
      render::Dict option = content.Add("SITE_POLICY");
      option.Set("value", policy).Set("label", pages_.locale().Text(std::string("policy_") + policy));
      if (shown.comment_policy == policy) option.Show("SITE_POLICY_CHOSEN");
    }
  });
}

http::Response AdminPages::SaveSettings(const http::Request& request) const {
  auto checked = StaffForm(request);
  if (auto* refused = std::get_if<http::Response>(&checked)) return std::move(*refused);
  auto [visitor, form] = std::get<std::pair<accounts::Visitor, http::Form>>(std::move(checked));
  base::Status allowed = accounts::Require(visitor.account, accounts::Action::kManageSettings);
  if (!allowed.ok()) return Refused(allowed.error());
  return web::Offload(pools_.writes, [this, &request, visitor = std::move(visitor), form = std::move(form)] {
    const accounts::Account& actor = visitor.account;
    newsroom::SiteSettings wanted;
    wanted.name = form.Get("name");
    wanted.base_url = form.Get("base_url");
    wanted.language = form.Get("language");
    wanted.time_zone = form.Get("time_zone");
    wanted.comment_policy = form.Get("comment_policy");
    std::string days(base::Trim(form.Get("close_after_days")));
    bool number = !days.empty() && days.size() <= 6 && days.find_first_not_of("0123456789") == std::string::npos;
    if (!number) {
      base::Error error = base::Error::Invalid("Threads close after a whole number of days (0: never).", "close_after_days");
      return SettingsForm(request, actor, 400, wanted, &error, false);
    }
    wanted.close_after_days = std::stoi(days);
    base::Result<newsroom::SiteSettings> stored = s_.settings.Update(actor, wanted, pages_.Now());
    if (!stored.ok()) {
      const base::Error& e = stored.error();
      if (e.code == base::ErrorCode::kForbidden) return Refused(e);
      return SettingsForm(request, actor, http::StatusFor(e.code), wanted, &e, false);
    }
    // The whole site (language, name, zone...) changes now.
    base::Status reloaded = s_.reload ? s_.reload() : base::Status();
    if (!reloaded.ok()) return Refused(reloaded.error());
    return web::SeeOther("/admin/settings?done=saved");
  });
}

}  // namespace gazette::admin
