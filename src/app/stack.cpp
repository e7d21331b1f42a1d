#include "app/stack.h"

namespace gazette::app {

accounts::AccountSettings AccountSettingsFrom(const Config& c, const std::string& base_url) {
  accounts::AccountSettings s;
  s.password_cost.memory_bytes = static_cast<std::size_t>(c.password_memory_kib) * 1024;
  s.password_cost.passes = static_cast<unsigned long long>(c.password_passes);
  s.min_password_length = static_cast<std::size_t>(c.min_password_length);
  s.reader_session = std::chrono::hours(24 * c.reader_session_days);
  s.staff_session = std::chrono::hours(c.staff_session_hours);
  s.signin_failures = static_cast<std::size_t>(c.signin_failures);
  s.signin_window = std::chrono::seconds(c.signin_window);
  s.verify_email = c.verify_email;
  s.base_url = base_url;
  return s;
}

comments::CommentSettings CommentSettingsFrom(const Config& c) {
  comments::CommentSettings s;
  s.site_policy = comments::ParsePolicy(c.comment_policy).value_or(comments::Policy::kOpen);
  s.close_after_days = c.close_after_days;
  s.max_chars = static_cast<std::size_t>(c.max_comment_chars);
  s.edit_minutes = c.edit_minutes;
  s.max_links = c.max_links;
  s.trusted_after = c.trusted_after;
  s.reports_to_hide = c.reports_to_hide;
  s.banned_words = c.banned_words;
  s.suspect_words = c.suspect_words;
  s.reader_burst = c.reader_burst;
  s.reader_window = std::chrono::seconds(c.reader_window);
  s.ip_burst = c.ip_burst;
  s.ip_window = std::chrono::seconds(c.ip_window);
  s.repeat_window = std::chrono::seconds(c.repeat_window);
  s.threads_per_page = c.threads_per_page;
  s.verify_email = c.verify_email;
  return s;
}

feeds::FeedSettings FeedSettingsFrom(const Config& c) {
  feeds::FeedSettings s;
  s.items = c.feed_items;
  s.full_text = c.feed_content == "full";
  s.sitemap_urls = c.sitemap_urls;
  return s;
}

core::ReadNextOptions ReadNextOptionsFrom(const Config& c) {
  core::ReadNextOptions o;
  o.mode = c.read_next_mode == "latest" ? core::ReadNextOptions::Mode::kLatest : core::ReadNextOptions::Mode::kBlend;
  o.related = c.read_next_related;
  o.window_days = c.read_next_window_days;
  return o;
}

newsroom::SiteSettings DefaultSettings(const Config& c) {
  return {c.site_name, c.base_url, c.language, c.time_zone, c.comment_policy, c.close_after_days};
}

base::Result<std::unique_ptr<Stack>> BuildStack(Shared& shared, const newsroom::SiteSettings& values) {
  const Config& c = shared.config;
  auto stack = std::make_unique<Stack>();
  stack->values = values;
  base::Result<std::unique_ptr<render::Theme>> theme = render::Theme::Load(shared.theme_dir, values.language);
  if (!theme.ok()) return std::move(theme).error();
  stack->theme = std::move(*theme);
  base::Result<base::TimeZone> zone = base::TimeZone::Load(values.time_zone);
  if (!zone.ok()) return std::move(zone).error();

  web::SiteSettings site;
  site.name = values.name;
  site.base_url = values.base_url;
  site.zone = *zone;
  site.trusted_proxies = c.trusted_proxies;
  site.live = shared.live != nullptr;
  stack->pages = std::make_unique<web::Pages>(*stack->theme, site, shared.reading, shared.clock);

  comments::CommentSettings comment_settings = CommentSettingsFrom(c);
  comment_settings.site_policy = comments::ParsePolicy(values.comment_policy).value_or(comments::Policy::kOpen);
  comment_settings.close_after_days = values.close_after_days;
  stack->accounts = std::make_unique<accounts::AccountService>(shared.store, shared.clock,
                                                              AccountSettingsFrom(c, values.base_url), shared.mailer,
                                                              &shared.events);
  stack->comments = std::make_unique<comments::CommentService>(shared.store, shared.comment_text, shared.clock,
                                                              comment_settings, comments::Pipeline::Default(),
                                                              &shared.events);
  stack->moderation = std::make_unique<comments::ModerationService>(shared.store, shared.clock, comment_settings,
                                                                  &shared.events);
  stack->identity = std::make_unique<web::Identity>(*stack->accounts, stack->pages->settings());

  stack->site = std::make_unique<site::Site>(shared.reading, *stack->comments, *stack->pages);
  stack->reader = std::make_unique<reader::Reader>(*stack->accounts, *stack->comments, *stack->pages,
                                                   *stack->identity, reader::Pools{shared.hashing, shared.writes});
  stack->moderation_pages = std::make_unique<moderation::ModerationPages>(
      *stack->moderation, *stack->comments, *stack->pages, *stack->identity, shared.writes);
  stack->site->AddRoutes(stack->router);
  if (shared.live) shared.live->AddRoutes(stack->router);
  stack->feeds = std::make_unique<feeds::Feeds>(shared.store, shared.reading, *stack->comments, *stack->pages,
                                                FeedSettingsFrom(c));
  stack->feeds->AddRoutes(stack->router);
  stack->reader->AddRoutes(stack->router);
  stack->moderation_pages->AddRoutes(stack->router);
  stack->search = std::make_unique<search::SearchService>(shared.store, shared.store, *zone);
  stack->search_pages = std::make_unique<search::SearchPages>(*stack->search, shared.reading, *stack->pages,
                                                             shared.searches);
  stack->search_pages->AddRoutes(stack->router);
  stack->admin = std::make_unique<admin::AdminPages>(
      admin::Services{shared.newsroom, shared.settings, *stack->accounts, shared.store, *stack->comments,
                      *stack->moderation, shared.store, shared.webhooks, shared.reload},
      *stack->pages, *stack->identity, admin::Pools{shared.hashing, shared.writes});
  stack->admin->AddRoutes(stack->router);
  stack->api = std::make_unique<api::Api>(api::ApiServices{shared.store, shared.reading, shared.newsroom,
                                                           *stack->accounts, *stack->comments, *stack->moderation,
                                                           stack->pages->settings(), shared.writes, shared.clock});
  stack->api->AddRoutes(stack->router);
  return stack;
}

}  // namespace gazette::app
