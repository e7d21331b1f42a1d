// Gazette's settings: defaults, then the config file (TOML), then the
// environment (GAZETTE_DB, GAZETTE_LISTEN, GAZETTE_CONFIG), then flags.
// Every option is declared once, with its default and its documentation,
// in config.cpp (kOptions); docs/configuration.md lists them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace gazette::app {

struct Config {
  // [server]
  std::string listen = "127.0.0.1:8080";
  int threads = 0;  // 0: the CPUs the process may run on
  bool access_log = true;
  int idle_timeout = 30;      // seconds
  int drain_timeout = 10;     // seconds
  std::int64_t max_header_bytes = 16 * 1024;
  std::int64_t max_body_bytes = 1024 * 1024;
  // [database]
  std::string database_url = "sqlite:var/gazette.db";
  // [site]
  std::string site_name = "Gazette";
  std::string base_url;  // empty: "http://" + listen
  std::string language = "en";
  std::string time_zone = "UTC";
  std::string theme;  // empty: the default theme, found next to the binary
  std::vector<std::string> trusted_proxies;
  // [comments]
  std::string comment_policy = "open";
  int close_after_days = 0;
  int max_comment_chars = 3000;
  int edit_minutes = 5;
  int max_links = 2;
  int trusted_after = 0;
  int reports_to_hide = 3;
  std::vector<std::string> banned_words;
  std::vector<std::string> suspect_words;
  int reader_burst = 5;
  int reader_window = 60;
  int ip_burst = 20;
  int ip_window = 60;
  int repeat_window = 3600;
  int threads_per_page = 20;
  // [accounts]
  bool verify_email = false;
  int min_password_length = 10;
  int password_memory_kib = 19456;
  int password_passes = 2;
  int signin_failures = 10;
  int signin_window = 600;
  int reader_session_days = 30;
  int staff_session_hours = 12;
  // [mail]
  std::string mail_command;
  std::string mail_from;
  // [webhooks]
  int webhook_retry_base = 30;   // seconds before the first retry; each next waits 4 times longer
  int webhook_max_attempts = 6;  // then a delivery fails for good
  int webhook_timeout = 10;      // seconds per attempt

  // [feeds]
  int feed_items = 30;                // entries in each RSS and Atom feed
  std::string feed_content = "full";  // "full" text or a "summary" (the lead or an excerpt)
  int sitemap_urls = 50000;           // URLs in one article sitemap (at most 50,000)

  // [live]
  bool live_enabled = true;       // /live/ streams and pages that update themselves
  int live_heartbeat = 20;        // seconds between heartbeats on a quiet stream
  int live_max_streams = 1000;    // open streams at once; more are answered 503

  // [cache]
  bool cache_enabled = true;   // whole pages kept in memory, served without rendering
  int cache_mb = 256;          // memory for cached pages (all encodings)
  int cache_brotli_quality = 5;  // brotli quality at fill time (0-11)

  // [read_next]
  std::string read_next_mode = "blend";  // "blend": related articles and the latest; "latest": the latest only
  int read_next_related = 3;             // places of the five that related articles may take
  int read_next_window_days = 30;        // related articles are published within this many days of the article

  // Derived, filled by LoadConfig.
  std::string listen_host;
  std::uint16_t listen_port = 8080;
  std::string config_file;  // the file read, if any
};

// Where settings come from, besides the defaults.
struct ConfigSources {
  std::optional<std::string> file;              // --config
  std::map<std::string, std::string> env;       // GAZETTE_* variables
  std::optional<std::string> db;                // --db
  std::optional<std::string> listen;            // --listen
};

// Reads the environment's GAZETTE_DB, GAZETTE_LISTEN and GAZETTE_CONFIG.
std::map<std::string, std::string> GazetteEnvironment();

// Builds the configuration. Fails with kInvalid on an unreadable or
// malformed file, an unknown key, or a bad value; the message names the
// file, line and key ("gazette.toml:3: unknown key server.lisen").
base::Result<Config> LoadConfig(const ConfigSources& sources);

// Checks every value and normalises some (base_url loses a trailing '/').
// A message names where the bad value came from: `origins` maps a key
// ("database.url") to its source ("--db", "GAZETTE_DB"); other keys came
// from the config file (or the defaults).
base::Status ValidateConfig(Config& config, const std::map<std::string, std::string>& origins);

// One line per option: "[section] key = default  # what it does".
std::string DescribeOptions();

}  // namespace gazette::app
