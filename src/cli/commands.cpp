#include "cli/commands.h"

#include <chrono>
#include <iomanip>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "app/app.h"
#include "cli/parsed.h"
#include "app/config.h"
#include "webhooks/webhook_store.h"

namespace gazette::cli {
namespace {

constexpr const char* kVersion = GAZETTE_VERSION;

struct Usage {
  std::string message;
};

struct CommandSpec {
  const char* name;
  std::set<std::string> flags;     // take a value
  std::set<std::string> switches;  // take none
  bool takes_files;
};

const CommandSpec kCommands[] = {
    {"serve", {"--db", "--config", "--listen"}, {}, false},
    {"migrate", {"--db", "--config"}, {}, false},
    {"reindex", {"--db", "--config"}, {}, false},
    {"import-text", {"--db", "--config", "--date"}, {}, true},
    {"demo", {"--db", "--config", "--articles", "--comments", "--seed"}, {"--if-empty"}, false},
    {"user", {"--db", "--config", "--role", "--name"}, {"--if-no-admin"}, true},
    {"token", {"--db", "--config", "--role"}, {}, true},
    {"comment-policy", {"--db", "--config", "--section", "--article"}, {}, true},
    {"webhook", {"--db", "--config", "--events", "--description", "--limit"}, {}, true},
};

constexpr const char* kWebhookUsage =
    "usage: gazette webhook add --events EVENT,... [--description TEXT] URL | gazette webhook list | "
    "gazette webhook remove ID | gazette webhook deliveries [--limit N] ID | gazette webhook send-again DELIVERY_ID";

std::optional<Usage> Parse(const std::vector<std::string>& args, Parsed& parsed) {
  parsed.command = args.front();
  const CommandSpec* spec = nullptr;
  for (const CommandSpec& c : kCommands) {
    if (parsed.command == c.name) spec = &c;
  }
  if (!spec) return Usage{"unknown command \"" + parsed.command + "\""};
  bool only_files = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string arg = args[i];
    if (only_files || arg.empty() || arg[0] != '-' || arg == "-") {
      if (!spec->takes_files) return Usage{parsed.command + " takes no arguments, but got \"" + arg + "\""};
      parsed.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_files = true;
      continue;
    }
    std::optional<std::string> value;
    if (std::size_t eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    if (spec->switches.count(arg)) {
      if (value) return Usage{arg + " takes no value"};
      parsed.switches.insert(arg);
    } else if (spec->flags.count(arg)) {
      if (!value) {
        if (i + 1 >= args.size()) return Usage{arg + " needs a value"};
        value = args[++i];
      }
      parsed.flags[arg] = *value;
    } else {
      return Usage{"unknown option " + arg + " for " + parsed.command};
    }
  }
  if (parsed.command == "user") {
    if (parsed.positional.size() != 2 || parsed.positional[0] != "add") return Usage{"usage: gazette user add [--role ROLE] EMAIL"};
  } else if (parsed.command == "token") {
    const std::vector<std::string>& a = parsed.positional;
    bool create = a.size() == 2 && a[0] == "create" && parsed.flags.count("--role");
    bool list = a.size() == 1 && a[0] == "list";
    bool revoke = a.size() == 2 && a[0] == "revoke";
    if (!create && !list && !revoke) {
      return Usage{"usage: gazette token create --role ROLE NAME | gazette token list | gazette token revoke ID"};
    }
  } else if (parsed.command == "webhook") {
    const std::vector<std::string>& a = parsed.positional;
    std::string what = a.empty() ? "" : a[0];
    bool add = a.size() == 2 && what == "add" && parsed.flags.count("--events");
    bool list = a.size() == 1 && what == "list";
    bool by_id = a.size() == 2 && (what == "remove" || what == "deliveries" || what == "send-again");
    if (!add && !list && !by_id) return Usage{kWebhookUsage};
    if (!add && (parsed.flags.count("--events") || parsed.flags.count("--description"))) {
      return Usage{"--events and --description go with webhook add"};
    }
    if (what != "deliveries" && parsed.flags.count("--limit")) return Usage{"--limit goes with webhook deliveries"};
  } else if (parsed.command == "comment-policy") {
    if (parsed.positional.size() != 1) return Usage{"usage: gazette comment-policy --section SLUG | --article ID POLICY"};
    if (parsed.flags.count("--section") == parsed.flags.count("--article")) {
      return Usage{"comment-policy needs exactly one of --section SLUG and --article ID"};
    }
  } else if (spec->takes_files && parsed.positional.empty()) {
    return Usage{parsed.command + " needs at least one FILE"};
  }
  return std::nullopt;
}

int Serve(app::App& app, std::ostream& out, std::ostream& err) {
  base::Status served = app.Serve([&](const std::string& address, int threads) {
    out << "Gazette is serving " << address << " (" << threads << (threads == 1 ? " thread" : " threads")
        << "); press Ctrl+C to stop." << std::endl;
  });
  if (!served.ok()) return Fail(err, served.error().message);
  return kExitOk;
}

int Migrate(app::App& app, std::ostream& out) {
  const storage::sql::MigrationReport& m = app.migration();
  if (m.applied == 0) {
    out << "The database schema is up to date (version " << m.to_version << ").\n";
  } else {
    out << "Applied " << m.applied << (m.applied == 1 ? " migration" : " migrations") << ": schema version "
        << m.from_version << " -> " << m.to_version << ".\n";
  }
  return kExitOk;
}

int Reindex(app::App& app, std::ostream& out, std::ostream& err) {
  base::Result<std::int64_t> indexed = app.Reindex();
  if (!indexed.ok()) {
    return Fail(err, indexed.error().message + (indexed.error().detail.empty() ? "" : " (" + indexed.error().detail + ")"));
  }
  out << "Rebuilt the search index: " << *indexed << (*indexed == 1 ? " article" : " articles") << " indexed.\n";
  return kExitOk;
}

int ImportText(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err) {
  importer::ImportOptions options;
  if (std::optional<std::string> date = Flag(p, "--date")) {
    base::Result<base::LocalDate> parsed = base::ParseLocalDate(*date);
    if (!parsed.ok()) {
      err << "gazette: --date: " << parsed.error().message << "\n";
      return kExitUsage;
    }
    options.date = *parsed;
  }
  int failures = 0;
  for (const std::string& file : p.positional) {
    base::Result<importer::ImportReport> report = app.ImportTextFile(file, options);
    if (!report.ok()) {
      err << "gazette: " << report.error().message << " (nothing from this file was imported)\n";
      ++failures;
      continue;
    }
    out << file << ": " << (report->article_existed ? "article already present" : "imported article")
        << " #" << report->article_id << ", " << report->briefs_created << " new briefs";
    if (report->briefs_existing > 0) out << " (" << report->briefs_existing << " already present)";
    out << "\n";
  }
  return failures == 0 ? kExitOk : kExitFailure;
}

// A whole number from a flag, or nothing (with the message in `error`).
std::optional<std::int64_t> Count(const Parsed& p, const std::string& flag, std::string& error) {
  auto it = p.flags.find(flag);
  if (it == p.flags.end()) return 0;
  const std::string& text = it->second;
  std::int64_t n = 0;
  bool ok = !text.empty() && text.size() <= 12;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) n = n * 10 + (c - '0');
  }
  if (!ok) {
    error = flag + " must be a whole number, not \"" + text + "\"";
    return std::nullopt;
  }
  return n;
}

// "[#########-----------]  45%  450,000 of 1,000,000 articles  21,345/s"
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err)
      : err_(err), start_(std::chrono::steady_clock::now()), last_(start_) {}
  void Show(std::string_view what, std::int64_t done, std::int64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (what != what_) {  // a new phase began when the last one ended
      if (!what_.empty()) err_ << "\n";
      what_ = std::string(what);
      start_ = last_;
    }
    last_ = now;
    if (total == 0) {  // a step without a count: its name, then "done"
      err_ << (done == 0 ? std::string(what) + "..." : std::string(" done")) << std::flush;
      return;
    }
    double seconds = std::chrono::duration<double>(now - start_).count();
    int filled = total > 0 ? static_cast<int>(30 * done / total) : 30;
    err_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#') << std::string(static_cast<std::size_t>(30 - filled), '-')
         << "] " << (total > 0 ? 100 * done / total : 100) << "%  " << done << " of " << total << " " << what;
    if (seconds > 0) err_ << "  " << static_cast<std::int64_t>(static_cast<double>(done) / seconds) << "/s";
    err_ << "   " << std::flush;
  }
  void Finish() {
    if (!what_.empty()) err_ << "\n";
  }

 private:
  std::ostream& err_;
  std::string what_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

int Generate(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err) {
  std::string error;
  demo::GenerateOptions options;
  std::optional<std::int64_t> articles = Count(p, "--articles", error);
  std::optional<std::int64_t> comments = articles ? Count(p, "--comments", error) : std::nullopt;
  std::optional<std::int64_t> seed = comments ? Count(p, "--seed", error) : std::nullopt;
  if (!seed) return Fail(err, error);
  options.articles = *articles;
  options.comments = *comments;
  if (*seed > 0) options.seed = static_cast<std::uint64_t>(*seed);
  ProgressBar bar(err);
  auto started = std::chrono::steady_clock::now();
  base::Result<demo::GenerateReport> report =
      app.Generate(options, [&](std::string_view what, std::int64_t done, std::int64_t total) { bar.Show(what, done, total); });
  bar.Finish();
  if (!report.ok()) return Fail(err, report.error().message + (report.error().detail.empty() ? "" : " (" + report.error().detail + ")"));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out << "Generated " << report->articles << " articles and " << report->comments << " comments from "
      << report->readers << " readers in " << static_cast<std::int64_t>(seconds * 10) / 10.0 << " s";
  if (report->finish_seconds > 0) {
    out << ", of which " << std::fixed << std::setprecision(1) << report->finish_seconds << " s building the indexes and the search index after the bulk load";
  }
  out << ".\n";
  return kExitOk;
}

int Demo(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err) {
  if (p.flags.count("--articles") || p.flags.count("--comments")) return Generate(app, p, out, err);
  bool skipped = false;
  base::Result<demo::DemoReport> report = app.Demo(p.switches.count("--if-empty") > 0, skipped);
  if (!report.ok()) return Fail(err, report.error().message + (report.error().detail.empty() ? "" : " (" + report.error().detail + ")"));
  if (skipped) {
    out << "The site already has articles; no demo content added.\n";
  } else {
    out << "Added demo news: " << report->articles << " articles and " << report->briefs << " briefs in "
        << report->sections << " sections.\n";
  }
  return kExitOk;
}

int AddUser(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err) {
  if (p.switches.count("--if-no-admin")) {
    base::Result<bool> has = app.HasAdmin();
    if (!has.ok()) return Fail(err, has.error().message);
    if (*has) {
      out << "The site has an admin already; no account added.\n";
      return kExitOk;
    }
  }
  base::Result<std::string> password =
      app.AddUser(p.positional[1], Flag(p, "--role").value_or("reader"), Flag(p, "--name").value_or(""));
  if (!password.ok()) return Fail(err, password.error().message);
  out << "Account " << p.positional[1] << " is ready; it signs in with this password (change it after signing in):\n";
  out << "password: " << *password << "\n";
  return kExitOk;
}

int Token(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err) {
  const std::string& what = p.positional[0];
  if (what == "create") {
    base::Result<std::pair<accounts::ApiToken, std::string>> made =
        app.CreateToken(p.positional[1], Flag(p, "--role").value_or(""));
    if (!made.ok()) return Fail(err, made.error().message);
    out << "Token " << made->first.id << " \"" << made->first.name << "\" (" << accounts::RoleName(made->first.role)
        << ") is ready. Send it as \"Authorization: Bearer TOKEN\"; it is shown only now:\n";
    out << made->second << "\n";
    return kExitOk;
  }
  if (what == "list") {
    base::Result<std::vector<accounts::ApiToken>> tokens = app.Tokens();
    if (!tokens.ok()) return Fail(err, tokens.error().message);
    if (tokens->empty()) out << "No tokens.\n";
    for (const accounts::ApiToken& t : *tokens) {
      out << t.id << "\t" << accounts::RoleName(t.role) << "\t" << (t.revoked_at ? "revoked" : "live") << "\t" << t.name
          << "\n";
    }
    return kExitOk;
  }
  char* end = nullptr;
  long long id = std::strtoll(p.positional[1].c_str(), &end, 10);
  if (*end != '\0' || id <= 0) {
    err << "gazette: token revoke needs a token's id (see gazette token list), not \"" << p.positional[1] << "\"\n";
    return kExitUsage;
  }
  base::Status revoked = app.RevokeToken(id);
  if (!revoked.ok()) return Fail(err, revoked.error().message);
  out << "Token " << id << " is revoked.\n";
  return kExitOk;
}

int CommentPolicy(app::App& app, const Parsed& p, std::ostream& out, std::ostream& err) {
  std::optional<std::int64_t> article;
  if (std::optional<std::string> a = Flag(p, "--article")) {
    char* end = nullptr;
    long long id = std::strtoll(a->c_str(), &end, 10);
    if (a->empty() || *end != '\0' || id <= 0) {
      err << "gazette: --article needs an article's id, not \"" << *a << "\"\n";
      return kExitUsage;
    }
    article = id;
  }
  base::Status set = app.SetCommentPolicy(Flag(p, "--section").value_or(""), article, p.positional[0]);
  if (!set.ok()) return Fail(err, set.error().message);
  out << "Comment policy set to " << p.positional[0] << ".\n";
  return kExitOk;
}

// A positive whole number, or nothing.
}  // namespace

std::string HelpText() {
  return std::string("Gazette ") + kVersion + R"( - a news publishing platform

Usage:
  gazette serve       [--db URL] [--config FILE] [--listen HOST:PORT]
  gazette migrate     [--db URL] [--config FILE]
  gazette reindex     [--db URL] [--config FILE]
  gazette import-text [--db URL] [--config FILE] [--date YYYY-MM-DD] FILE...
  gazette demo        [--db URL] [--config FILE] [--if-empty]
                      [--articles N [--comments M] [--seed S]]
  gazette user add    [--db URL] [--config FILE] [--role ROLE] [--name NAME] [--if-no-admin] EMAIL
  gazette token create [--db URL] [--config FILE] --role ROLE NAME
  gazette token list | gazette token revoke ID
  gazette comment-policy [--db URL] [--config FILE] (--section SLUG | --article ID) POLICY
  gazette webhook add  [--db URL] [--config FILE] --events EVENT,... [--description TEXT] URL
  gazette webhook list | remove ID | deliveries [--limit N] ID | send-again DELIVERY_ID
  gazette --help | --version

Commands:
  serve        Serve the site (applies pending migrations first). SIGTERM or
               Ctrl+C finishes the requests in flight, then exits.
  migrate      Create the database or bring its schema up to date.
  reindex      Rebuild the search index from the stored articles (one
               transaction; the site keeps serving) and print how many
               published articles it holds.
  import-text  Import pages in the plain-text layout: the headline line, body
               paragraphs, an optional "Read next" block of times, rubrics and
               briefs, up to "What is your opinion on this topic?". Each file
               is one transaction. --date puts the times on that day.
  demo         Fill the site with demo news; --if-empty only when it has none.
               With --articles, a large generated site instead (for benchmarks).
  user add     Create an account (ROLE: reader, author, editor, moderator or
               admin; default reader) with a generated password, printed as
               "password: ...". For an existing email: sets the role and a new
               password. --if-no-admin: only when the site has no admin yet.
  token        API tokens for the admin API: create one with a staff ROLE
               (printed alone on the last line, shown only once), list them,
               or revoke one by its id.
  comment-policy
               Who may comment in a section or on an article: open,
               premoderated, closed, or inherit (the wider policy).
  webhook      POST events as signed JSON to other systems (docs/webhooks.md).
               add: EVENTs are article.published, article.updated,
               article.unpublished and comment.created; prints the id, and
               the signing secret alone on the last line (shown only once).
               list; remove ID; deliveries ID: the delivery log, newest first
               (time, event, state, attempts, last status); send-again: a
               failed delivery, by its id.

Options:
  --db URL           database, e.g. sqlite:var/gazette.db (env GAZETTE_DB)
  --config FILE      settings file in TOML (env GAZETTE_CONFIG)
  --listen HOST:PORT address to serve on (env GAZETTE_LISTEN)

Flags override the environment, which overrides the config file.
Exit codes: 0 success, 1 failure, 2 bad usage.

Settings (config file keys and defaults):
)" + app::DescribeOptions();
}

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << HelpText();
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    out << HelpText();
    return kExitOk;
  }
  if (args[0] == "--version") {
    out << "gazette " << kVersion << "\n";
    return kExitOk;
  }
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      out << HelpText();
      return kExitOk;
    }
  }
  Parsed parsed;
  if (std::optional<Usage> usage = Parse(args, parsed)) {
    err << "gazette: " << usage->message << "\nRun \"gazette --help\" for usage.\n";
    return kExitUsage;
  }
  app::ConfigSources sources;
  sources.file = Flag(parsed, "--config");
  sources.env = app::GazetteEnvironment();
  sources.db = Flag(parsed, "--db");
  sources.listen = Flag(parsed, "--listen");
  base::Result<app::Config> config = app::LoadConfig(sources);
  if (!config.ok()) return Fail(err, config.error().message);
  base::Result<std::unique_ptr<app::App>> opened = app::App::Open(*config);
  if (!opened.ok()) return Fail(err, opened.error().message);
  app::App& app = **opened;
  if (parsed.command == "serve") return Serve(app, out, err);
  if (parsed.command == "migrate") return Migrate(app, out);
  if (parsed.command == "reindex") return Reindex(app, out, err);
  if (parsed.command == "import-text") return ImportText(app, parsed, out, err);
  if (parsed.command == "user") return AddUser(app, parsed, out, err);
  if (parsed.command == "token") return Token(app, parsed, out, err);
  if (parsed.command == "comment-policy") return CommentPolicy(app, parsed, out, err);
  if (parsed.command == "webhook") return WebhookCommand(app, parsed, out, err);
  return Demo(app, parsed, out, err);
}

}  // namespace gazette::cli
