// What serves requests and depends on the site's live settings (name,
// address, language, time zone, comment defaults): the theme, the services
// that read those settings, the web features and their router. App builds
// one at start and a new one whenever an admin changes the settings; the
// server then routes new requests to the new one. Retired stacks stay
// alive until the server stops, as requests in flight (and work they
// handed to worker pools) may still use them.
#pragma once

#include <memory>

#include "accounts/account_service.h"
#include "admin/admin_pages.h"
#include "api/api.h"
#include "app/config.h"
#include "base/events.h"
#include "base/worker_pool.h"
#include "comments/comment_service.h"
#include "comments/moderation.h"
#include "core/reading.h"
#include "feeds/feeds.h"
#include "http/router.h"
#include "live/hub.h"
#include "moderation/moderation_pages.h"
#include "newsroom/newsroom_service.h"
#include "newsroom/site_settings.h"
#include "reader/reader.h"
#include "search/search_pages.h"
#include "render/theme.h"
#include "site/site.h"
#include "storage/sqlite/sqlite_store.h"
#include "web/pages.h"
#include "web/visitor.h"
#include "webhooks/webhook_service.h"

namespace gazette::app {

// What every stack shares: the store, the clock, the worker pools, the
// event bus and the services that do not read the live settings.
struct Shared {
  const Config& config;
  std::string theme_dir;
  storage::sqlite::SqliteStore& store;
  const base::Clock& clock;
  const core::BodyRenderer& bodies;
  const comments::CommentRenderer& comment_text;
  accounts::Mailer* mailer;
  base::WorkerPool& hashing;
  base::WorkerPool& writes;
  base::WorkerPool& searches;
  base::EventBus& events;
  core::ReadingService& reading;
  newsroom::NewsroomService& newsroom;
  newsroom::SettingsService& settings;
  webhooks::WebhookService& webhooks;
  live::Hub* live;  // null when live updates are off
  // Builds and installs a new stack from the stored settings (after an
  // admin changed them).
  std::function<base::Status()> reload;
};

struct Stack {
  newsroom::SiteSettings values;
  std::unique_ptr<render::Theme> theme;
  std::unique_ptr<web::Pages> pages;
  std::unique_ptr<accounts::AccountService> accounts;
  std::unique_ptr<comments::CommentService> comments;
  std::unique_ptr<comments::ModerationService> moderation;
  std::unique_ptr<web::Identity> identity;
  std::unique_ptr<site::Site> site;
  std::unique_ptr<feeds::Feeds> feeds;
  std::unique_ptr<reader::Reader> reader;
  std::unique_ptr<moderation::ModerationPages> moderation_pages;
  std::unique_ptr<search::SearchService> search;
  std::unique_ptr<search::SearchPages> search_pages;
  std::unique_ptr<admin::AdminPages> admin;
  std::unique_ptr<api::Api> api;
  http::Router router;
};

base::Result<std::unique_ptr<Stack>> BuildStack(Shared& shared, const newsroom::SiteSettings& values);

// The config file's values that live settings override: the defaults of
// newsroom::SettingsService.
newsroom::SiteSettings DefaultSettings(const Config& config);
accounts::AccountSettings AccountSettingsFrom(const Config& c, const std::string& base_url);
comments::CommentSettings CommentSettingsFrom(const Config& c);
core::ReadNextOptions ReadNextOptionsFrom(const Config& c);
feeds::FeedSettings FeedSettingsFrom(const Config& c);

}  // namespace gazette::app
