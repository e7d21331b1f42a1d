#include "app/app.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <atomic>
#include <mutex>

#include "app/app_parts.h"
#include "app/mailer.h"
#include "app/page_invalidation.h"
#include "app/stack.h"
#include "newsroom/scheduler.h"
#include "base/log.h"
#include "base/worker_pool.h"
#include "cache/page_cache.h"
#include "comments/moderation.h"
#include "core/reading.h"
#include "http/access_log.h"
#include "http/server.h"
#include "moderation/moderation_pages.h"
#include "reader/reader.h"
#include "render/comment_text.h"
#include "render/markdown.h"
#include "render/theme.h"
#include "site/site.h"
#include "storage/sqlite/sqlite_store.h"
#include "web/visitor.h"
#include "webhooks/dispatcher.h"
#include "webhooks/webhook_service.h"

namespace gazette::app {

namespace fs = std::filesystem;
using base::Error;

namespace {

fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

// The marker lines of text pages, in every language the theme ships.
base::Result<importer::PageMarkers> ImportMarkers(const std::string& theme_dir) {
  importer::PageMarkers markers;
  fs::path locales = fs::path(theme_dir) / "locales";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(locales, ec)) {
    if (entry.path().extension() != ".toml") continue;
    base::Result<render::Locale> locale = render::Locale::Load(entry.path().string());
    if (!locale.ok()) return std::move(locale).error();
    markers.read_next.push_back(locale->Text("read_next"));
    markers.comments_prompt.push_back(locale->Text("comments_prompt"));
    markers.source_label.push_back(locale->Text("import_source_label"));
  }
  if (markers.read_next.empty()) return Error::Invalid("The theme " + theme_dir + " has no locales/*.toml files.", "theme");
  return markers;
}

webhooks::DispatcherOptions DispatcherOptionsFrom(const Config& c) {
  webhooks::DispatcherOptions options;
  options.retry.base = std::chrono::seconds(c.webhook_retry_base);
  options.retry.max_attempts = c.webhook_max_attempts;
  options.timeout = std::chrono::seconds(c.webhook_timeout);
  return options;
}

// "seed.txt:5: what" from "line 5: what"; "seed.txt: what" otherwise.
std::string Located(const std::string& path, const std::string& message) {
  if (message.rfind("line ", 0) == 0) return path + ":" + message.substr(5);
  return path + ": " + message;
}

}  // namespace

base::Result<std::string> LocateTheme(const std::string& configured) {
  std::error_code ec;
  if (!configured.empty()) {
    if (fs::is_directory(fs::path(configured) / "templates", ec)) return configured;
    return Error::Invalid("site.theme: " + configured + " is not a theme folder (it has no templates/ folder).", "site.theme");
  }
  fs::path exe_dir = ExecutableDir();
  for (const fs::path& candidate : {exe_dir / ".." / "themes" / "default", exe_dir / "themes" / "default",
                                    exe_dir / ".." / "share" / "gazette" / "themes" / "default"}) {
    if (fs::is_directory(candidate / "templates", ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return Error::Invalid("Cannot find the default theme next to " + exe_dir.string() +
                            " (looked for ../themes/default and ../share/gazette/themes/default); set site.theme.",
                        "site.theme");
}

App::App(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
App::~App() = default;

base::Result<std::unique_ptr<App>> App::Open(const Config& config) {
  auto parts = std::make_unique<Parts>();
  parts->config = config;
  base::Result<base::TimeZone> zone = base::TimeZone::Load(config.time_zone);
  if (!zone.ok()) return std::move(zone).error();
  parts->zone = *zone;
  const std::string& url = config.database_url;
  if (url.rfind("sqlite:", 0) != 0) {
    return Error::Invalid("database.url: " + url.substr(0, url.find(':')) +
                              " databases are not supported by this build; use a sqlite: URL such as sqlite:var/gazette.db",
                          "database.url");
  }
  storage::sqlite::SqliteOptions options;
  options.path = url.substr(std::string_view("sqlite:").size());
  if (options.path.rfind("//", 0) == 0) options.path = options.path.substr(2);  // sqlite://path
  if (options.path.empty()) return Error::Invalid("database.url: sqlite: needs a file path, like sqlite:var/gazette.db", "database.url");
  base::Result<std::unique_ptr<storage::sqlite::SqliteStore>> store = storage::sqlite::SqliteStore::Open(options);
  if (!store.ok()) return std::move(store).error();
  parts->store = std::move(*store);
  base::Result<storage::sql::MigrationReport> migrated = parts->store->Migrate();
  if (!migrated.ok()) {
    Error error = std::move(migrated).error();
    error.message = options.path + ": " + error.message;
    return error;
  }
  parts->migration = *migrated;
  parts->publisher = std::make_unique<core::Publisher>(parts->bodies, parts->clock);
  if (!config.mail_command.empty()) parts->mailer = std::make_unique<CommandMailer>(config.mail_command, config.mail_from);
  return std::unique_ptr<App>(new App(std::move(parts)));
}

const storage::sql::MigrationReport& App::migration() const { return parts_->migration; }

namespace {

// Threads that run durable writes (checks, then a wait for the group
// commit), and the writes that may queue for them.
constexpr int kWriteThreads = 64;
constexpr std::size_t kWriteQueue = 4096;
// Searches that may wait for a search thread; more are answered 503.
constexpr std::size_t kSearchQueue = 64;

// Counters for monitoring (Prometheus' text format), for the machine
// itself only: the page cache and how writes were grouped.
http::Response Metrics(const http::Request& request, const cache::PageCache& cache,
                       const storage::sqlite::GroupCommit::Stats& writes) {
  if (request.remote_address != "127.0.0.1" && request.remote_address != "::1") {
    return http::Response::Text(404, "Not Found\n");
  }
  cache::CacheStats s = cache.Stats();
  std::ostringstream out;
  out << "# Page cache: pages served from memory, rendered, stored, made stale, dropped for room.\n"
      << "gazette_cache_hits_total " << s.hits << "\n"
      << "gazette_cache_stale_hits_total " << s.stale_hits << "\n"
      << "gazette_cache_misses_total " << s.misses << "\n"
      << "gazette_cache_fills_total " << s.fills << "\n"
      << "gazette_cache_invalidations_total " << s.invalidations << "\n"
      << "gazette_cache_evictions_total " << s.evictions << "\n"
      << "gazette_cache_entries " << s.entries << "\n"
      << "gazette_cache_bytes " << s.bytes << "\n"
      << "# Writes: transactions committed and the writes they carried (group commit).\n"
      << "gazette_write_commits_total " << writes.batches << "\n"
      << "gazette_writes_total " << writes.jobs << "\n"
      << "gazette_write_largest_batch " << writes.largest << "\n"
      << "gazette_write_batch_reruns_total " << writes.reruns << "\n";
  http::Response response = http::Response::Text(200, out.str());
  response.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.Set("Cache-Control", "no-store");
  return response;
}

// The languages the theme has: the names of its locales/*.toml files.
std::vector<std::string> ThemeLanguages(const std::string& theme_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(theme_dir) / "locales", ec)) {
    if (entry.path().extension() == ".toml") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

base::Status App::Serve(const std::function<void(const std::string& address, int threads)>& on_ready) {
  const Config& c = parts_->config;
  base::Result<std::string> theme_dir = LocateTheme(c.theme);
  if (!theme_dir.ok()) return std::move(theme_dir).error();

  // Password hashing blocks a core for tens of milliseconds: a small pool,
  // never the threads that serve pages. Durable writes run on a pool of
  // their own whose threads mostly wait for a commit: the store commits
  // what they queued together (group commit), so the more wait, the more
  // each fsync carries. A full queue answers 503 with Retry-After.
  base::WorkerPool hashing("password hashing", std::max(1, http::AvailableCpus() / 2), 64);
  base::WorkerPool writes("writes", kWriteThreads, kWriteQueue);
  // A search reads the index for milliseconds (a tenth of a second for a
  // common word on a million articles): half the cores at most, so that a
  // burst of searches leaves the pages their threads.
  base::WorkerPool searches("searches", std::max(1, http::AvailableCpus() / 2), kSearchQueue);
  base::EventBus events;
  core::ReadingService reading(*parts_->store, parts_->store.get(), ReadNextOptionsFrom(c));
  newsroom::NewsroomService newsroom(*parts_->store, *parts_->store, *parts_->publisher, parts_->clock, &events);
  newsroom::SettingsService settings(*parts_->store, DefaultSettings(c), ThemeLanguages(*theme_dir));
  newsroom::Scheduler scheduler(newsroom, *parts_->store, &events);
  // The page cache hears events first: a page is stale before anyone else
  // (a live page's script, say) asks for it again.
  cache::CacheOptions cache_options;
  cache_options.max_bytes = static_cast<std::size_t>(c.cache_mb) * 1024 * 1024;
  cache_options.brotli_quality = c.cache_brotli_quality;
  cache_options.common_headers = site::Site::CommonHeaders();
  cache::PageCache page_cache(cache_options);
  // The related articles of "Read next" are kept per article; an article
  // changed or taken down may be among them (a new one shows among the latest).
  events.Subscribe([&reading](const base::Event& e) {
    if (e.type == "article.updated" || e.type == "article.unpublished" || e.type == "taxonomy.changed") {
      reading.ForgetRelated();
    }
  });
  PageInvalidation invalidation(page_cache, *parts_->store, *parts_->store);
  if (c.cache_enabled) invalidation.Listen(events);
  // Webhooks hear the events from now on; the dispatcher sends them once the server runs.
  webhooks::WebhookService webhook_service(*parts_->store, parts_->clock);
  webhook_service.Listen(events);
  // Live updates hear them too; ids carry this run's start (milliseconds).
  std::unique_ptr<live::Hub> live_hub;
  if (c.live_enabled) {
    live::HubOptions live_options;
    live_options.heartbeat = std::chrono::seconds(c.live_heartbeat);
    auto started = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    live_hub = std::make_unique<live::Hub>(reading, *parts_->store, live_options, started.count());
    live_hub->Listen(events);
  }

  // The live stack, replaced when an admin changes the settings.
  std::atomic<std::shared_ptr<Stack>> current;
  std::mutex retired_mutex;  // guards retired and serializes reloads
  std::vector<std::shared_ptr<Stack>> retired;
  Shared shared{c,        *theme_dir, *parts_->store, parts_->clock, parts_->bodies, parts_->comment_text,
                parts_->mailer.get(), hashing, writes, searches, events, reading, newsroom, settings, webhook_service,
                live_hub.get(), {}};
  auto build = [&]() -> base::Result<std::shared_ptr<Stack>> {
    base::Result<newsroom::SiteSettings> values = settings.Current();
    if (!values.ok()) return std::move(values).error();
    base::Result<std::unique_ptr<Stack>> stack = BuildStack(shared, *values);
    if (!stack.ok()) return std::move(stack).error();
    return std::shared_ptr<Stack>(std::move(*stack));
  };
  shared.reload = [&]() -> base::Status {
    std::lock_guard lock(retired_mutex);
    base::Result<std::shared_ptr<Stack>> fresh = build();
    if (!fresh.ok()) return std::move(fresh).error();
    retired.push_back(current.exchange(*fresh));
    reading.ForgetRelated();
    page_cache.InvalidateAll();  // every page shows the settings
    base::LogInfo("settings changed: the site now runs with them");
    return {};
  };
  base::Result<std::shared_ptr<Stack>> first = build();
  if (!first.ok()) return std::move(first).error();
  current.store(*first);
  webhooks::Dispatcher dispatcher(webhook_service, *parts_->store, *parts_->store, *parts_->store,
                                  [&current] { return current.load()->pages->settings(); }, parts_->clock,
                                  DispatcherOptionsFrom(c));

  http::ServerOptions options;
  options.host = c.listen_host;
  options.port = c.listen_port;
  options.threads = c.threads;
  options.idle_timeout = std::chrono::seconds(c.idle_timeout);
  options.drain_timeout = std::chrono::seconds(c.drain_timeout);
  options.max_header_bytes = static_cast<std::size_t>(c.max_header_bytes);
  options.max_body_bytes = static_cast<std::size_t>(c.max_body_bytes);
  options.max_streams = c.live_max_streams;
  if (c.access_log) options.access_log = http::AccessLogTo(STDOUT_FILENO);
  options.common_headers = site::Site::CommonHeaders();
  const cache::PageCache::Render route = [&current](const http::Request& request) {
    return current.load()->router.Dispatch(request);
  };
  if (c.cache_enabled) {
    // Before anything can publish: the scheduler and the server start below.
    invalidation.PrerenderWith([&page_cache, &route](const std::string& path) {
      http::Request request;  // what an anonymous reader's browser asks
      request.method = http::Method::kGet;
      request.method_name = "GET";
      request.target = path;
      request.path = path;
      page_cache.Prerender(request, route);
    });
  }
  // Writes by other processes (the command line importing, say) make every
  // cached page and kept choice of related articles stale; looked for at most every 100 ms,
  // by the requests.
  std::atomic<std::int64_t> next_look{0};
  (void)parts_->store->ChangedElsewhere();  // where we start from
  auto changed_elsewhere = [&] {
    std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now().time_since_epoch())
                           .count();
    std::int64_t due = next_look.load(std::memory_order_relaxed);
    if (now < due || !next_look.compare_exchange_strong(due, now + 100)) return;
    if (parts_->store->ChangedElsewhere()) {
      reading.ForgetRelated();
      page_cache.InvalidateAll();
    }
  };
  http::Server server(options, [&](const http::Request& request) {
    if (request.path == "/metrics") return Metrics(request, page_cache, parts_->store->write_batches());
    changed_elsewhere();
    if (!c.cache_enabled) return route(request);
    return page_cache.Serve(request, route);
  });
  GZ_TRY(server.Listen());
  scheduler.Start();
  dispatcher.Start();
  std::string host = c.listen_host.find(':') != std::string::npos ? "[" + c.listen_host + "]" : c.listen_host;
  on_ready("http://" + host + ":" + std::to_string(server.port()), server.threads());
  server.Run(true);
  // Comments queued by requests the drain gave up on still reach the disk,
  // and their listeners, before the services they call go away.
  parts_->store->DrainWrites();
  scheduler.Stop();
  dispatcher.Stop();
  base::LogInfo("stopped");
  return {};
}

base::Result<std::string> App::AddUser(std::string_view email, std::string_view role_name, std::string_view name) {
  std::optional<accounts::Role> role = accounts::ParseRole(role_name);
  if (!role) {
    return Error::Invalid("--role must be reader, author, editor, moderator or admin, not \"" + std::string(role_name) + "\"",
                          "role");
  }
  return Accounts().AddUser(email, name, *role);
}

accounts::AccountService App::Accounts() {
  return accounts::AccountService(*parts_->store, parts_->clock,
                                  AccountSettingsFrom(parts_->config, parts_->config.base_url), nullptr);
}

base::Result<bool> App::HasAdmin() {
  base::Result<std::vector<accounts::Account>> staff = parts_->store->ListStaff();
  if (!staff.ok()) return std::move(staff).error();
  return std::any_of(staff->begin(), staff->end(), [](const auto& a) { return a.role == accounts::Role::kAdmin; });
}

base::Result<std::pair<accounts::ApiToken, std::string>> App::CreateToken(std::string_view name,
                                                                         std::string_view role_name) {
  std::optional<accounts::Role> role = accounts::ParseRole(role_name);
  if (!role || *role == accounts::Role::kReader) {
    return Error::Invalid("--role must be author, editor, moderator or admin, not \"" + std::string(role_name) + "\"",
                          "role");
  }
  return Accounts().CreateToken(accounts::CommandLine(), name, *role);
}

base::Result<std::vector<accounts::ApiToken>> App::Tokens() { return Accounts().Tokens(accounts::CommandLine()); }

base::Status App::RevokeToken(std::int64_t id) { return Accounts().RevokeToken(accounts::CommandLine(), id); }

base::Result<webhooks::Webhook> App::AddWebhook(std::string_view url, std::string_view events,
                                                std::string_view description) {
  webhooks::WebhookService service(*parts_->store, parts_->clock);
  return service.Create(accounts::CommandLine(),
                        {std::string(url), webhooks::SplitEvents(events), std::string(description), true});
}

base::Result<std::vector<webhooks::Webhook>> App::Webhooks() {
  return webhooks::WebhookService(*parts_->store, parts_->clock).List(accounts::CommandLine());
}

base::Status App::RemoveWebhook(std::int64_t id) {
  return webhooks::WebhookService(*parts_->store, parts_->clock).Remove(accounts::CommandLine(), id);
}

base::Result<std::vector<webhooks::Delivery>> App::WebhookDeliveries(std::int64_t webhook_id, int limit) {
  webhooks::WebhookService service(*parts_->store, parts_->clock);
  return service.Deliveries(accounts::CommandLine(), webhook_id, 0, limit);
}

base::Result<webhooks::Delivery> App::SendDeliveryAgain(std::int64_t delivery_id) {
  return webhooks::WebhookService(*parts_->store, parts_->clock).SendAgain(accounts::CommandLine(), delivery_id);
}

base::Result<std::int64_t> App::Reindex() { return parts_->store->Reindex(); }

base::TimeZone App::SiteZone() {
  newsroom::SettingsService settings(*parts_->store, DefaultSettings(parts_->config), {parts_->config.language});
  base::Result<newsroom::SiteSettings> current = settings.Current();
  if (!current.ok()) return parts_->zone;
  base::Result<base::TimeZone> zone = base::TimeZone::Load(current->time_zone);
  return zone.ok() ? *zone : parts_->zone;
}

base::Status App::SetCommentPolicy(std::string_view section, std::optional<std::int64_t> article,
                                   std::string_view policy_name) {
  std::optional<comments::Policy> policy = comments::ParsePolicy(policy_name);
  if (!policy && policy_name != "inherit") {
    return Error::Invalid("the policy must be open, premoderated, closed or inherit, not \"" + std::string(policy_name) + "\"",
                          "policy");
  }
  comments::CommentSettings settings = CommentSettingsFrom(parts_->config);
  comments::ModerationService moderation(*parts_->store, parts_->clock, settings);
  if (article) return moderation.SetArticlePolicy(nullptr, *article, policy);
  return moderation.SetSectionPolicy(nullptr, section, policy);
}

base::Result<importer::ImportReport> App::ImportTextFile(const std::string& path, const importer::ImportOptions& options) {
  base::Result<std::string> theme_dir = LocateTheme(parts_->config.theme);
  if (!theme_dir.ok()) return std::move(theme_dir).error();
  base::Result<importer::PageMarkers> markers = ImportMarkers(*theme_dir);
  if (!markers.ok()) return std::move(markers).error();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Invalid(path + ": cannot read the file", "file");
  std::ostringstream text;
  text << in.rdbuf();
  base::Result<importer::TextPage> page = importer::ParseTextPage(text.str(), *markers);
  if (!page.ok()) return Error::Invalid(Located(path, page.error().message), "file");
  importer::Importer importer(*parts_->store, *parts_->publisher, parts_->clock, parts_->zone);
  base::Result<importer::ImportReport> report = importer.Import(*page, options);
  if (!report.ok()) {
    Error error = std::move(report).error();
    error.message = Located(path, error.message);
    return error;
  }
  return report;
}

}  // namespace gazette::app
