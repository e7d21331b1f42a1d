// The composition root: the only place that names concrete backends and
// wires storage, services, theme, site and server together.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "accounts/account_service.h"
#include "app/config.h"
#include "demo/demo.h"
#include "demo/generate.h"
#include "importer/importer.h"
#include "storage/sql/migrations.h"
#include "webhooks/webhook_store.h"

namespace gazette::app {

class App {
 public:
  // Opens (creating when missing) the database the config names and brings
  // its schema up to date. Fails with a message naming the database.
  static base::Result<std::unique_ptr<App>> Open(const Config& config);
  ~App();

  // What opening the database migrated.
  const storage::sql::MigrationReport& migration() const;

  // Serves the site until SIGTERM or SIGINT, then drains and returns.
  // `on_ready` gets the address once the socket listens.
  base::Status Serve(const std::function<void(const std::string& address, int threads)>& on_ready);

  // Imports one file in the text page layout (importer/text_page.h). Errors
  // name the file and line.
  base::Result<importer::ImportReport> ImportTextFile(const std::string& path, const importer::ImportOptions& options);

  // Fills the site with demo news; with `only_if_empty`, does nothing (and
  // says so in `skipped`) when the site has articles.
  base::Result<demo::DemoReport> Demo(bool only_if_empty, bool& skipped);
  // A large generated site (gazette demo --articles N --comments M).
  base::Result<demo::GenerateReport> Generate(const demo::GenerateOptions& options, const demo::Progress& progress);

  // An account with a generated password, which is returned (for an
  // existing email: the role is set and the password replaced).
  base::Result<std::string> AddUser(std::string_view email, std::string_view role, std::string_view name);
  // Whether a live admin account exists.
  base::Result<bool> HasAdmin();

  // API tokens, made on the command line: a new one (its secret is
  // returned once), the list, revoking one.
  base::Result<std::pair<accounts::ApiToken, std::string>> CreateToken(std::string_view name, std::string_view role);
  base::Result<std::vector<accounts::ApiToken>> Tokens();
  base::Status RevokeToken(std::int64_t id);

  // The comment policy of a section (by slug) or an article (by id):
  // "open", "premoderated", "closed", or "inherit".
  base::Status SetCommentPolicy(std::string_view section, std::optional<std::int64_t> article, std::string_view policy);

  // Webhooks, managed on the command line (as an admin): a new one for
  // the comma-separated `events` (the result carries its secret, shown
  // only now), the list, removing one, a webhook's delivery log (newest
  // first), and a failed delivery queued again (sent by the running server).
  base::Result<webhooks::Webhook> AddWebhook(std::string_view url, std::string_view events,
                                            std::string_view description);
  base::Result<std::vector<webhooks::Webhook>> Webhooks();
  base::Status RemoveWebhook(std::int64_t id);
  base::Result<std::vector<webhooks::Delivery>> WebhookDeliveries(std::int64_t webhook_id, int limit);
  base::Result<webhooks::Delivery> SendDeliveryAgain(std::int64_t delivery_id);
  // Rebuilds the search index from the stored articles, in one
  // transaction; returns how many published articles it holds.
  base::Result<std::int64_t> Reindex();
  // The site's time zone: the stored setting, else the config file's.
  base::TimeZone SiteZone();

  struct Parts;

 private:
  explicit App(std::unique_ptr<Parts> parts);
  accounts::AccountService Accounts();
  std::unique_ptr<Parts> parts_;
};

// The theme folder: the configured one, or the default theme found next to
// the binary (../themes/default from build/, or
// ../share/gazette/themes/default when installed).
base::Result<std::string> LocateTheme(const std::string& configured);

}  // namespace gazette::app
