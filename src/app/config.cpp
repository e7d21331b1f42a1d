#include "app/config.h"

#include <cstdlib>
#include <functional>
#include <sstream>
#include <toml++/toml.h>
#include <variant>

#include "base/time.h"

namespace gazette::app {
namespace {

using base::Error;

// One option: where it lives in the file, what it does, and how to set it.
struct Option {
  const char* table;
  const char* key;
  const char* doc;
  std::variant<std::string Config::*, int Config::*, std::int64_t Config::*, bool Config::*,
               std::vector<std::string> Config::*>
      field;
};

const Option kOptions[] = {
    {"server", "listen", "address and port to serve on, HOST:PORT", &Config::listen},
    {"server", "threads", "I/O threads; 0 = the CPUs the process may run on", &Config::threads},
    {"server", "access_log", "write one line per request to standard output", &Config::access_log},
    {"server", "idle_timeout", "seconds a kept-alive connection may wait for, and spend sending, a request's headers",
     &Config::idle_timeout},
    {"server", "drain_timeout", "seconds in-flight requests get to finish on shutdown", &Config::drain_timeout},
    {"server", "max_header_bytes", "largest request head accepted (larger: 431)", &Config::max_header_bytes},
    {"server", "max_body_bytes", "largest request body accepted (larger: 413)", &Config::max_body_bytes},
    {"database", "url", "sqlite:PATH (relative to the working directory)", &Config::database_url},
    {"site", "name", "the site's name, shown in the masthead and titles", &Config::site_name},
    {"site", "base_url", "public address of the site, e.g. https://news.example.org; empty = http://LISTEN",
     &Config::base_url},
    {"site", "language", "language of the interface text (en, ru)", &Config::language},
    {"site", "time_zone", "IANA time zone for the times readers see, e.g. Europe/Moscow", &Config::time_zone},
    {"site", "theme", "folder of the theme; empty = the default theme next to the binary", &Config::theme},
    {"server", "trusted_proxies", "addresses of reverse proxies whose X-Forwarded-For names the client",
     &Config::trusted_proxies},
    {"comments", "policy", "open, premoderated or closed: the site's default (sections and articles may differ)",
     &Config::comment_policy},
    {"comments", "close_after_days", "threads close this many days after publication; 0 = never",
     &Config::close_after_days},
    {"comments", "max_chars", "longest comment accepted, in characters", &Config::max_comment_chars},
    {"comments", "edit_minutes", "minutes in which authors may edit their comment", &Config::edit_minutes},
    {"comments", "max_links", "more links than this hold a comment for review", &Config::max_links},
    {"comments", "trusted_after", "a reader's comments wait for review until this many were approved; 0 = off",
     &Config::trusted_after},
    {"comments", "reports_to_hide", "reports that hide a comment until a moderator reviews it", &Config::reports_to_hide},
    {"comments", "banned_words", "words or phrases that refuse a comment", &Config::banned_words},
    {"comments", "suspect_words", "words or phrases that hold a comment for review", &Config::suspect_words},
    {"comments", "reader_burst", "comments one reader may post within reader_window (more: 429)", &Config::reader_burst},
    {"comments", "reader_window", "seconds", &Config::reader_window},
    {"comments", "ip_burst", "comments from one address within ip_window (more: 429)", &Config::ip_burst},
    {"comments", "ip_window", "seconds", &Config::ip_window},
    {"comments", "repeat_window", "seconds in which posting the same text again is refused", &Config::repeat_window},
    {"comments", "threads_per_page", "top-level comments on a page of a thread", &Config::threads_per_page},
    {"accounts", "verify_email", "readers confirm their email before commenting (needs mail.command)",
     &Config::verify_email},
    {"accounts", "min_password_length", "shortest password accepted", &Config::min_password_length},
    {"accounts", "password_memory_kib", "Argon2id memory per hash, KiB (at least 19456)", &Config::password_memory_kib},
    {"accounts", "password_passes", "Argon2id passes (at least 2)", &Config::password_passes},
    {"accounts", "signin_failures", "failed sign-ins per address and per account within signin_window",
     &Config::signin_failures},
    {"accounts", "signin_window", "seconds", &Config::signin_window},
    {"accounts", "reader_session_days", "days a reader stays signed in without visiting", &Config::reader_session_days},
    {"accounts", "staff_session_hours", "hours staff stay signed in without activity", &Config::staff_session_hours},
    {"mail", "command", "program that sends mail, read from standard input, e.g. \"/usr/sbin/sendmail -t -i\"",
     &Config::mail_command},
    {"mail", "from", "the From address of mail the site sends", &Config::mail_from},
    {"webhooks", "retry_base_seconds", "seconds before a failed delivery is tried again; then 4 times longer each time",
     &Config::webhook_retry_base},
    {"webhooks", "max_attempts", "attempts before a delivery fails for good", &Config::webhook_max_attempts},
    {"webhooks", "timeout_seconds", "seconds an attempt may take (connecting, sending, the answer)",
     &Config::webhook_timeout},
    {"live", "enabled", "live updates: the /live/ event streams, and pages that follow them", &Config::live_enabled},
    {"live", "heartbeat_seconds", "seconds between heartbeats on a quiet stream, so proxies keep it open",
     &Config::live_heartbeat},
    {"live", "max_streams", "live streams open at once; more are answered 503 with Retry-After",
     &Config::live_max_streams},
    {"feeds", "items", "entries in each RSS and Atom feed", &Config::feed_items},
    {"feeds", "content", "full: the whole text in feeds; summary: the lead or an excerpt", &Config::feed_content},
    {"feeds", "sitemap_urls", "URLs in one article sitemap (at most 50000)", &Config::sitemap_urls},
    {"cache", "enabled", "keep whole pages in memory and serve them without rendering", &Config::cache_enabled},
    {"cache", "max_mb", "memory for cached pages, in MiB (identity, gzip and brotli together)", &Config::cache_mb},
    {"cache", "brotli_quality", "brotli quality used when a page is cached (0-11)", &Config::cache_brotli_quality},
    {"read_next", "mode", "blend: \"Read next\" mixes related articles with the latest; latest: the latest only",
     &Config::read_next_mode},
    {"read_next", "related", "places in \"Read next\" that related articles may take (0 to 5)",
     &Config::read_next_related},
    {"read_next", "window_days", "related articles are published within this many days of the article",
     &Config::read_next_window_days},
};

std::string Where(const std::string& file, const toml::source_region& region) {
  return file + ":" + std::to_string(region.begin.line);
}

base::Status SetFromToml(Config& config, const Option& option, const toml::node& node, const std::string& where) {
  std::string name = std::string(option.table) + "." + option.key;
  return std::visit(
      [&](auto member) -> base::Status {
        using T = std::remove_reference_t<decltype(config.*member)>;
        if constexpr (std::is_same_v<T, std::string>) {
          auto v = node.value<std::string>();
          if (!v) return Error::Invalid(where + ": " + name + " must be a string", name);
          config.*member = *v;
        } else if constexpr (std::is_same_v<T, bool>) {
          if (!node.is_boolean()) return Error::Invalid(where + ": " + name + " must be true or false", name);
          config.*member = *node.value<bool>();
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          const toml::array* array = node.as_array();
          if (!array) return Error::Invalid(where + ": " + name + " must be a list of strings", name);
          std::vector<std::string> values;
          for (const toml::node& item : *array) {
            auto v = item.value<std::string>();
            if (!v) return Error::Invalid(where + ": " + name + " must be a list of strings", name);
            values.push_back(*v);
          }
          config.*member = std::move(values);
        } else {
          if (!node.is_integer()) return Error::Invalid(where + ": " + name + " must be a whole number", name);
          config.*member = static_cast<T>(*node.value<std::int64_t>());
        }
        return {};
      },
      option.field);
}

base::Status ReadFile(Config& config, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::string where = path;
    if (e.source().begin.line > 0) where = Where(path, e.source());
    if (std::string(e.description()).find("File could not be opened") != std::string::npos) {
      return Error::Invalid("cannot read the config file " + path, "config");
    }
    return Error::Invalid(where + ": " + std::string(e.description()), "config");
  }
  for (const auto& [table_key, table_node] : root) {
    const toml::table* table = table_node.as_table();
    std::string table_name(table_key.str());
    bool known_table = false;
    for (const Option& o : kOptions) known_table = known_table || table_name == o.table;
    if (!table || !known_table) {
      std::string tables;
      for (const Option& o : kOptions) {
        std::string t = std::string("[") + o.table + "]";
        if (tables.find(t) == std::string::npos) tables += (tables.empty() ? "" : ", ") + t;
      }
      return Error::Invalid(Where(path, table_node.source()) + ": unknown key " + table_name + " (the tables are " +
                                tables + ")",
                            table_name);
    }
    for (const auto& [key, node] : *table) {
      const Option* option = nullptr;
      for (const Option& o : kOptions) {
        if (table_name == o.table && key.str() == o.key) option = &o;
      }
      std::string name = table_name + "." + std::string(key.str());
      if (!option) return Error::Invalid(Where(path, node.source()) + ": unknown key " + name, name);
      GZ_TRY(SetFromToml(config, *option, node, Where(path, node.source())));
    }
  }
  return {};
}

bool ParseListen(const std::string& listen, std::string& host, std::uint16_t& port) {
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string digits = listen.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  long value = std::strtol(digits.c_str(), nullptr, 10);
  if (value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

}  // namespace

std::map<std::string, std::string> GazetteEnvironment() {
  std::map<std::string, std::string> env;
  for (const char* name : {"GAZETTE_DB", "GAZETTE_LISTEN", "GAZETTE_CONFIG"}) {
    if (const char* value = std::getenv(name); value && *value) env[name] = value;
  }
  return env;
}

base::Status ValidateConfig(Config& c, const std::map<std::string, std::string>& origins) {
  auto bad = [&](const std::string& key, const std::string& what) {
    auto it = origins.find(key);
    std::string origin = it != origins.end() ? it->second : c.config_file.empty() ? "settings" : c.config_file;
    return Error::Invalid(origin + ": " + key + " " + what, key);
  };
  if (!ParseListen(c.listen, c.listen_host, c.listen_port)) {
    return bad("server.listen", "must be HOST:PORT, like 127.0.0.1:8080 (got \"" + c.listen + "\")");
  }
  if (c.threads < 0 || c.threads > 1024) return bad("server.threads", "must be between 0 and 1024");
  if (c.idle_timeout < 1 || c.idle_timeout > 3600) return bad("server.idle_timeout", "must be between 1 and 3600 seconds");
  if (c.drain_timeout < 0 || c.drain_timeout > 3600) return bad("server.drain_timeout", "must be between 0 and 3600 seconds");
  if (c.max_header_bytes < 1024 || c.max_header_bytes > 1024 * 1024) {
    return bad("server.max_header_bytes", "must be between 1024 and 1048576");
  }
  if (c.max_body_bytes < 0 || c.max_body_bytes > 1024LL * 1024 * 1024) {
    return bad("server.max_body_bytes", "must be between 0 and 1073741824");
  }
  if (c.database_url.rfind("sqlite:", 0) != 0 && c.database_url.rfind("postgresql://", 0) != 0 &&
      c.database_url.rfind("postgres://", 0) != 0) {
    return bad("database.url", "must start with sqlite: (like sqlite:var/gazette.db), got \"" + c.database_url + "\"");
  }
  if (c.site_name.empty() || c.site_name.size() > 200) return bad("site.name", "must be 1 to 200 characters");
  if (!c.base_url.empty()) {
    while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
    bool scheme = c.base_url.rfind("http://", 0) == 0 || c.base_url.rfind("https://", 0) == 0;
    std::size_t host_start = c.base_url.find("://") + 3;
    if (!scheme || c.base_url.size() <= host_start || c.base_url.find('/', host_start) != std::string::npos ||
        c.base_url.find_first_of(" \"<>?#") != std::string::npos) {
      return bad("site.base_url", "must be http:// or https:// and a host, without a path, like https://news.example.org");
    }
  }
  if (c.language.empty() || c.language.size() > 10 || c.language.find_first_not_of("abcdefghijklmnopqrstuvwxyz-_") != std::string::npos) {
    return bad("site.language", "must be a language code like en or ru");
  }
  base::Result<base::TimeZone> zone = base::TimeZone::Load(c.time_zone);
  if (!zone.ok()) return bad("site.time_zone", zone.error().message);
  if (c.comment_policy != "open" && c.comment_policy != "premoderated" && c.comment_policy != "closed") {
    return bad("comments.policy", "must be open, premoderated or closed");
  }
  struct Range {
    const char* key;
    int value;
    int min;
    int max;
  };
  for (const Range& r : std::initializer_list<Range>{{"comments.close_after_days", c.close_after_days, 0, 36500},
                                                     {"comments.max_chars", c.max_comment_chars, 1, 100000},
                                                     {"comments.edit_minutes", c.edit_minutes, 0, 10080},
                                                     {"comments.max_links", c.max_links, 0, 1000},
                                                     {"comments.trusted_after", c.trusted_after, 0, 1000},
                                                     {"comments.reports_to_hide", c.reports_to_hide, 0, 1000},
                                                     {"comments.reader_burst", c.reader_burst, 1, 10000000},
                                                     {"comments.reader_window", c.reader_window, 1, 86400},
                                                     {"comments.ip_burst", c.ip_burst, 1, 10000000},
                                                     {"comments.ip_window", c.ip_window, 1, 86400},
                                                     {"comments.repeat_window", c.repeat_window, 0, 30 * 86400},
                                                     {"comments.threads_per_page", c.threads_per_page, 1, 500},
                                                     {"accounts.min_password_length", c.min_password_length, 8, 128},
                                                     {"accounts.password_memory_kib", c.password_memory_kib, 19456, 4194304},
                                                     {"accounts.password_passes", c.password_passes, 2, 100},
                                                     {"accounts.signin_failures", c.signin_failures, 1, 1000000},
                                                     {"accounts.signin_window", c.signin_window, 1, 86400},
                                                     {"accounts.reader_session_days", c.reader_session_days, 1, 3650},
                                                     {"accounts.staff_session_hours", c.staff_session_hours, 1, 8760},
                                                     {"webhooks.retry_base_seconds", c.webhook_retry_base, 1, 86400},
                                                     {"webhooks.max_attempts", c.webhook_max_attempts, 1, 20},
                                                     {"webhooks.timeout_seconds", c.webhook_timeout, 1, 300},
                                                     {"live.heartbeat_seconds", c.live_heartbeat, 1, 3600},
                                                     {"live.max_streams", c.live_max_streams, 1, 1000000},
                                                     {"feeds.items", c.feed_items, 1, 500},
                                                     {"feeds.sitemap_urls", c.sitemap_urls, 1, 50000},
                                                     {"cache.max_mb", c.cache_mb, 1, 1048576},
                                                     {"cache.brotli_quality", c.cache_brotli_quality, 0, 11},
                                                     {"read_next.related", c.read_next_related, 0, 5},
                                                     {"read_next.window_days", c.read_next_window_days, 1, 3650}}) {
    if (r.value < r.min || r.value > r.max) {
      return bad(r.key, "must be between " + std::to_string(r.min) + " and " + std::to_string(r.max));
    }
  }
  if (c.feed_content != "full" && c.feed_content != "summary") {
    return bad("feeds.content", "must be full or summary (got \"" + c.feed_content + "\")");
  }
  if (c.read_next_mode != "blend" && c.read_next_mode != "latest") {
    return bad("read_next.mode", "must be blend or latest (got \"" + c.read_next_mode + "\")");
  }
  if (c.verify_email && c.mail_command.empty()) {
    return bad("accounts.verify_email", "needs mail.command, the program that sends the confirmation mail");
  }
  return {};
}

base::Result<Config> LoadConfig(const ConfigSources& sources) {
  Config config;
  std::optional<std::string> file = sources.file;
  if (!file) {
    if (auto it = sources.env.find("GAZETTE_CONFIG"); it != sources.env.end()) file = it->second;
  }
  std::map<std::string, std::string> origins;
  if (file) {
    GZ_TRY(ReadFile(config, *file));
    config.config_file = *file;
  }
  if (auto it = sources.env.find("GAZETTE_DB"); it != sources.env.end()) {
    config.database_url = it->second;
    origins["database.url"] = "GAZETTE_DB";
  }
  if (auto it = sources.env.find("GAZETTE_LISTEN"); it != sources.env.end()) {
    config.listen = it->second;
    origins["server.listen"] = "GAZETTE_LISTEN";
  }
  if (sources.db) {
    config.database_url = *sources.db;
    origins["database.url"] = "--db";
  }
  if (sources.listen) {
    config.listen = *sources.listen;
    origins["server.listen"] = "--listen";
  }
  GZ_TRY(ValidateConfig(config, origins));
  if (config.base_url.empty()) {
    std::string host = config.listen_host.find(':') != std::string::npos ? "[" + config.listen_host + "]" : config.listen_host;
    if (host == "0.0.0.0" || host == "[::]") host = "localhost";
    config.base_url = "http://" + host + ":" + std::to_string(config.listen_port);
  }
  return config;
}

std::string DescribeOptions() {
  Config defaults;
  std::ostringstream out;
  std::string table;
  for (const Option& o : kOptions) {
    if (table != o.table) {
      table = o.table;
      out << (out.tellp() > 0 ? "\n" : "") << "[" << table << "]\n";
    }
    out << o.key << " = ";
    std::visit(
        [&](auto member) {
          using T = std::remove_reference_t<decltype(defaults.*member)>;
          if constexpr (std::is_same_v<T, std::string>) {
            out << '"' << defaults.*member << '"';
          } else if constexpr (std::is_same_v<T, bool>) {
            out << (defaults.*member ? "true" : "false");
          } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            out << "[]";
          } else {
            out << defaults.*member;
          }
        },
        o.field);
    out << "  # " << o.doc << "\n";
  }
  return out.str();
}

}  // namespace gazette::app
