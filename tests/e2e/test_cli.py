"""The `gazette` command line end to end: usage, exit codes, migrations,
config files, the environment, demo content and starting the server."""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import unittest
import urllib.error
import urllib.request

from harness import BIN, E2ETest, Page, free_port, run


def db_path(site):
    return site.db[len("sqlite:"):]


def tables(path):
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def article_count(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def containing(path, word):
    """Published articles with the word in their headline, lead or body."""
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM articles WHERE status = 'published' AND "
                          "(headline || ' ' || lead || ' ' || body) LIKE ?", (f"%{word}%",)).fetchone()[0]


def found(server, word):
    """The number of articles the search page says it found."""
    page = server.get("/search?q=" + word)
    m = re.search(r"([\d,]+) articles? found", page.text)
    return int(m.group(1).replace(",", "")) if m else None


def http_get(port, path, timeout=5):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", errors="replace")


class Usage(E2ETest):
    def test_help_mentions_every_command_and_option(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        for word in ("serve", "migrate", "import-text", "demo", "--db", "--config", "--listen", "--if-empty",
                     "GAZETTE_DB", "GAZETTE_CONFIG", "GAZETTE_LISTEN"):
            self.assertIn(word, result.stdout, word)

    def test_version(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"\d+\.\d+")

    def test_help_after_a_command(self):
        result = run("serve", "--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("migrate", result.stdout)

    def test_bad_usage_exits_2_with_a_message(self):
        site = self.make_site()
        cases = {
            "no arguments": ((), None),
            "unknown command": (("publish-everything",), "publish-everything"),
            "unknown option": (("migrate", "--db", site.db, "--colour"), "--colour"),
            "--db without value": (("migrate", "--db"), "--db"),
            "import-text without files": (("import-text", "--db", site.db), "import-text"),
            "argument to migrate": (("migrate", "--db", site.db, "extra"), "extra"),
            "value for a switch": (("demo", "--db", site.db, "--if-empty=yes"), "--if-empty"),
        }
        for name, (args, mentioned) in cases.items():
            with self.subTest(name):
                result = run(*args, cwd=site.path)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertTrue(result.stderr.strip(), "a usage error says what is wrong on stderr")
                self.assertEqual(result.stdout, "")
                if mentioned:
                    self.assertIn(mentioned, result.stderr)
        self.assertFalse(os.path.exists(db_path(site)), "a usage error touches no database")
        self.assertEqual(sorted(p.name for p in site.path.iterdir()), [], "nothing is created in the working folder")


class Migrate(E2ETest):
    def test_migrate_creates_the_database_and_its_folders(self):
        site = self.make_site()
        path = site.path / "deep" / "er" / "news.db"
        result = run("migrate", "--db", f"sqlite:{path}")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(path.is_file())
        self.assertTrue({"articles", "sections", "tags", "authors", "schema_migrations"} <= tables(path), tables(path))
        with sqlite3.connect(path) as db:
            versions = [row[0] for row in db.execute("SELECT version FROM schema_migrations")]
        self.assertTrue(versions)

        again = run("migrate", "--db", f"sqlite:{path}")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("up to date", again.stdout)
        with sqlite3.connect(path) as db:
            self.assertEqual([row[0] for row in db.execute("SELECT version FROM schema_migrations")], versions)

    def test_relative_path_is_relative_to_the_working_folder(self):
        site = self.make_site()
        result = run("migrate", "--db", "sqlite:var/rel.db", cwd=site.path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue((site.path / "var" / "rel.db").is_file())

    def test_postgresql_is_not_supported_by_this_build(self):
        site = self.make_site()
        for url in ("postgresql://localhost/gazette", "postgres://user@localhost/gazette"):
            with self.subTest(url):
                result = run("migrate", "--db", url, cwd=site.path, timeout=20)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn("not supported", result.stderr)
                self.assertIn("sqlite:", result.stderr, "the message says what to use instead")

    def test_unusable_database_url(self):
        site = self.make_site()
        for url in ("mysql://localhost/x", "sqlite:"):
            with self.subTest(url):
                result = run("migrate", "--db", url, cwd=site.path)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn("database.url", result.stderr)

    def test_a_file_that_is_not_a_database(self):
        site = self.make_site()
        path = site.path / "notes.db"
        path.write_text("these are not the droids\n" * 100, encoding="utf-8")
        result = run("migrate", "--db", f"sqlite:{path}")
        self.assertEqual(result.returncode, 1)
        self.assertIn(str(path), result.stderr)


class ConfigFiles(E2ETest):
    def migrate_with(self, text):
        site = self.make_site(text)
        return site, site.gazette("migrate")

    def test_unknown_key_names_file_line_and_key(self):
        site, result = self.migrate_with('[server]\nlisen = "127.0.0.1:9000"\n')
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{site.config}:2", result.stderr)
        self.assertIn("server.lisen", result.stderr)
        self.assertFalse(os.path.exists(db_path(site)), "a bad config file stops before the database is touched")

    def test_unknown_table(self):
        site, result = self.migrate_with('# settings\n\n[sever]\nlisten = "127.0.0.1:9000"\n')
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{site.config}:3", result.stderr)
        self.assertIn("sever", result.stderr)

    def test_bad_values_name_the_key(self):
        cases = {
            '[server]\nthreads = "many"\n': "server.threads",
            "[server]\nthreads = -3\n": "server.threads",
            "[server]\nidle_timeout = 0\n": "server.idle_timeout",
            "[server]\naccess_log = 1\n": "server.access_log",
            '[site]\ntime_zone = "Mars/Olympus"\n': "site.time_zone",
            '[server]\nlisten = "nohost"\n': "server.listen",
            '[server]\nlisten = "127.0.0.1:99999"\n': "server.listen",
            '[site]\nbase_url = "ftp://x"\n': "site.base_url",
            '[site]\nname = ""\n': "site.name",
        }
        for text, key in cases.items():
            with self.subTest(text):
                site, result = self.migrate_with(text)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn(key, result.stderr)
                self.assertIn(str(site.config), result.stderr)

    def test_syntax_error_names_file_and_line(self):
        cases = {
            "[server\nthreads = 2\n": 1,
            "[server]\nthreads = 2\nidle_timeout = \n": 3,
            '[site]\nname = "unterminated\n': 2,
        }
        for text, line in cases.items():
            with self.subTest(text):
                site, result = self.migrate_with(text)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn(f"{site.config}:{line}", result.stderr)

    def test_missing_config_file(self):
        site = self.make_site()
        missing = site.path / "nope.toml"
        result = run("migrate", "--db", site.db, "--config", str(missing))
        self.assertEqual(result.returncode, 1)
        self.assertIn(str(missing), result.stderr)

    def test_good_config_file_is_used(self):
        site = self.make_site()
        path = site.path / "from-config.db"
        config = site.path / "good.toml"
        config.write_text(f'[database]\nurl = "sqlite:{path}"\n\n[site]\nname = "Harbour Post"\n', encoding="utf-8")
        result = run("migrate", "--config", str(config), cwd=site.path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(path.is_file())


class Environment(E2ETest):
    def test_gazette_db_picks_the_database(self):
        site = self.make_site()
        path = site.path / "env.db"
        result = run("migrate", env={"GAZETTE_DB": f"sqlite:{path}"}, cwd=site.path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(path.is_file())
        self.assertFalse((site.path / "var").exists(), "the default database was not used")

    def test_db_flag_beats_gazette_db(self):
        site = self.make_site()
        flag, env = site.path / "flag.db", site.path / "env.db"
        result = run("migrate", "--db", f"sqlite:{flag}", env={"GAZETTE_DB": f"sqlite:{env}"}, cwd=site.path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(flag.is_file())
        self.assertFalse(env.exists())

    def test_gazette_db_beats_the_config_file(self):
        site = self.make_site()
        from_file, from_env = site.path / "file.db", site.path / "env.db"
        config = site.path / "c.toml"
        config.write_text(f'[database]\nurl = "sqlite:{from_file}"\n', encoding="utf-8")
        result = run("migrate", "--config", str(config), env={"GAZETTE_DB": f"sqlite:{from_env}"}, cwd=site.path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(from_env.is_file())
        self.assertFalse(from_file.exists())

    def test_gazette_config_picks_the_config_file(self):
        site = self.make_site()
        bad = site.path / "bad.toml"
        bad.write_text("[server]\nlisen = 1\n", encoding="utf-8")
        result = run("migrate", "--db", site.db, env={"GAZETTE_CONFIG": str(bad)}, cwd=site.path)
        self.assertEqual(result.returncode, 1)
        self.assertIn(str(bad), result.stderr)
        self.assertIn("server.lisen", result.stderr)

        good = site.path / "good.toml"
        path = site.path / "cfg.db"
        good.write_text(f'[database]\nurl = "sqlite:{path}"\n', encoding="utf-8")
        result = run("migrate", env={"GAZETTE_CONFIG": str(good)}, cwd=site.path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(path.is_file())

    def test_config_flag_beats_gazette_config(self):
        site = self.make_site()
        bad = site.path / "bad.toml"
        bad.write_text("[server]\nlisen = 1\n", encoding="utf-8")
        good = site.path / "good.toml"
        good.write_text("[server]\nthreads = 1\n", encoding="utf-8")
        result = run("migrate", "--db", site.db, "--config", str(good), env={"GAZETTE_CONFIG": str(bad)})
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_bad_environment_value_names_the_variable(self):
        site = self.make_site()
        result = run("migrate", env={"GAZETTE_DB": "oracle://x"}, cwd=site.path)
        self.assertEqual(result.returncode, 1)
        self.assertIn("GAZETTE_DB", result.stderr)

    def spawn_serve(self, site, env, *args):
        """Starts `gazette serve` by hand (the harness would pass --listen); stopped by its pid."""
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("GAZETTE_")}
        full_env.update(env)
        out = site.path / f"serve-{time.monotonic_ns()}.out"
        with open(out, "wb") as sink:
            process = subprocess.Popen([str(BIN), "serve", *args], stdout=sink, stderr=subprocess.STDOUT,
                                       env=full_env, cwd=site.path)

        def stop():
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.addCleanup(stop)
        deadline = time.monotonic() + 15
        while "is serving" not in out.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None:
                self.fail(f"serve exited with {process.returncode}: {out.read_text()}")
            if time.monotonic() > deadline:
                self.fail("serve did not start: " + out.read_text())
            time.sleep(0.02)
        return process, stop

    def test_gazette_listen_picks_the_address(self):
        site = self.make_site()
        port = free_port()
        process, stop = self.spawn_serve(site, {"GAZETTE_LISTEN": f"127.0.0.1:{port}", "GAZETTE_DB": site.db})
        status, body = http_get(port, "/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(body.strip(), "ok")
        stop()
        self.assertEqual(process.returncode, 0)

    def test_listen_flag_beats_gazette_listen(self):
        site = self.make_site()
        env_port = free_port()
        server = self.start(site, env={"GAZETTE_LISTEN": f"127.0.0.1:{env_port}"})
        self.assertEqual(server.get("/healthz").status, 200)
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", env_port), timeout=1).close()


class Demo(E2ETest):
    def test_demo_fills_an_empty_site_and_if_empty_adds_nothing(self):
        site = self.make_site()
        result = site.gazette("demo")
        self.assertEqual(result.returncode, 0, result.stderr)
        m = re.search(r"(\d+) articles", result.stdout)
        self.assertTrue(m, result.stdout)
        self.assertGreater(int(m.group(1)), 0)
        count = article_count(db_path(site))
        self.assertGreaterEqual(count, int(m.group(1)))

        again = site.gazette("demo", "--if-empty")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(article_count(db_path(site)), count)
        self.assertNotRegex(again.stdout, r"Added")

    def test_a_generated_site_is_whole_after_its_bulk_load(self):
        site = self.make_site()
        path = db_path(site)
        result = site.gazette("demo", "--articles", "10000", "--comments", "3000")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("10000 articles and 3000 comments", result.stdout)
        self.assertIn("10000 of 10000 articles", result.stderr)  # the progress bar
        self.assertIn("building the indexes and the search index... done", result.stderr)
        with sqlite3.connect(path) as db:
            self.assertEqual(db.execute("PRAGMA journal_mode").fetchone()[0], "wal")
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            self.assertEqual(db.execute("SELECT count(*) FROM deferred_indexes").fetchone()[0], 0)
            indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            self.assertTrue({"articles_by_headline", "article_tags_by_tag", "article_authors_by_author"} <= indexes)
        self.assertFalse(os.path.exists(path + "-search-load"))
        self.assertEqual(article_count(path), 10000)
        # Search finds every article with the word, as it does for articles
        # written the usual way; and a second load while the server has the
        # file open goes the usual way, its articles found as they commit.
        server = self.start(site)
        self.assertEqual(found(server, "harbour"), containing(path, "harbour"))
        again = site.gazette("demo", "--articles", "10000")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(article_count(path), 20000)
        expected = containing(path, "harbour")
        self.assertGreater(expected, 10000)
        deadline = time.time() + 10
        while found(server, "harbour") != expected and time.time() < deadline:
            time.sleep(0.2)
        self.assertEqual(found(server, "harbour"), expected)

    def test_if_empty_fills_an_empty_site(self):
        site = self.make_site()
        result = site.gazette("demo", "--if-empty")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertGreater(article_count(db_path(site)), 0)


class Serving(E2ETest):
    def test_theme_is_found_from_another_working_folder(self):
        site = self.make_site()
        self.assertEqual(site.gazette("demo").returncode, 0)
        server = self.start(site, cwd="/tmp")
        front = server.get("/")
        self.assertEqual(front.status, 200)
        links = [a for a, _ in Page(front.text).find_all("link") if a.get("rel") == "stylesheet"]
        self.assertTrue(links, "the page links its stylesheet")
        css = server.get(links[0]["href"])
        self.assertEqual(css.status, 200)
        self.assertEqual(css.header("content-type"), "text/css; charset=utf-8")

    def test_port_in_use_is_a_clear_failure(self):
        site = self.make_site()
        with socket.socket() as blocker:
            blocker.bind(("127.0.0.1", 0))
            blocker.listen(1)
            port = blocker.getsockname()[1]
            result = run("serve", "--db", site.db, "--listen", f"127.0.0.1:{port}", timeout=15)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn(f"127.0.0.1:{port}", result.stderr)

    def test_listen_on_a_name_that_is_not_an_address(self):
        site = self.make_site()
        result = run("serve", "--db", site.db, "--listen", "not-an-ip:8080", timeout=15)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("not-an-ip", result.stderr)

    def test_serve_on_a_fresh_database_migrates_first(self):
        site = self.make_site()
        path = site.path / "new" / "folder" / "news.db"
        site.db = f"sqlite:{path}"
        server = self.start(site)
        self.assertTrue({"articles", "schema_migrations"} <= tables(path))
        front = server.get("/")
        self.assertEqual(front.status, 200)
        self.assertEqual(server.get("/healthz").status, 200)
        self.assertEqual(server.get("/latest").status, 200)
        self.assertEqual(article_count(path), 0)


if __name__ == "__main__":
    unittest.main()
