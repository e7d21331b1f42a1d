#!/usr/bin/env python3
"""`make bench`: Gazette against nginx on this machine, as docs/performance.md describes.

Builds nothing itself (the Makefile builds the Release binary first). Creates a
site in a temporary folder (the demo, a page in the seed's layout with 20
comments, an article with 100 comments), starts `gazette serve` pinned to one
core and drives it with `wrk` pinned to another, keep-alive, 32 connections,
interleaved runs, medians of 3. nginx (Debian's, one worker, sendfile,
open_file_cache, access log off) serves the very same bytes as static files on
the same core for comparison. Prints a table and writes bench/results.json.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
import harness  # noqa: E402  (starts servers and signs readers in, as the tests do)

SERVER_CPU = "0"
LOAD_CPU = "1"
CONNECTIONS = 32

NGINX_CONF = """
worker_processes 1;
worker_cpu_affinity 01;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=100 inactive=60s;
  open_file_cache_valid 60s;
  keepalive_requests 1000000;
  default_type text/html;
  gzip_static on;
  client_body_temp_path {dir}/tmp;
  proxy_temp_path {dir}/tmp;
  fastcgi_temp_path {dir}/tmp;
  uwsgi_temp_path {dir}/tmp;
  scgi_temp_path {dir}/tmp;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/www;
  }}
}}
"""

CONFIG = """
[server]
threads = 1
access_log = false

[comments]
reader_burst = 10000000
reader_window = 60
ip_burst = 10000000
ip_window = 60
"""


def wrk(url, seconds, headers=(), script=None, env=None, connections=CONNECTIONS, latency=False):
    """Runs wrk on the load core; returns (requests/s, non-2xx count, p50 ms or None)."""
    cmd = ["taskset", "-c", LOAD_CPU, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", str(script)]
    if latency:
        cmd.append("--latency")
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if m or "Socket errors" in out:
        print(f"note: {url} answered errors:\n{out}", file=sys.stderr)
    p50 = None
    if latency:
        lm = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
        if lm:
            p50 = float(lm.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[lm.group(2)]
    return rps, int(m.group(1)) if m else 0, p50


class Nginx:
    def __init__(self, dir_):
        self.dir = Path(dir_)
        (self.dir / "www").mkdir(parents=True, exist_ok=True)
        (self.dir / "tmp").mkdir(exist_ok=True)
        self.port = harness.free_port()
        conf = self.dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(dir=self.dir, port=self.port))
        self.process = subprocess.Popen(["taskset", "-c", SERVER_CPU, "nginx", "-c", str(conf), "-p", str(self.dir)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def put(self, name, body):
        (self.dir / "www" / name).write_bytes(body)
        (self.dir / "www" / (name + ".gz")).write_bytes(gzip.compress(body, 6))
        # nginx's workers run as an unprivileged user: they must be able to read these.
        for path in (self.dir.parent, self.dir, self.dir / "www", self.dir / "www" / name, self.dir / "www" / (name + ".gz")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        import urllib.request
        served = urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{name}").read()
        if served != body:
            sys.exit(f"nginx does not serve the same bytes for /{name}: see {self.dir}/nginx-error.log")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Bare:
    """bench/bare: the least work a server can do to answer with these bytes (one
    sendfile a request, nothing parsed), on the same core. When Gazette, nginx and
    the bare server give the same figure, the load generator and the loopback are the
    limit, not the server."""

    def __init__(self, binary, path, headers=()):
        self.port = harness.free_port()
        self.process = subprocess.Popen(["taskset", "-c", SERVER_CPU, str(binary), str(self.port), str(path), *headers],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import urllib.request
        for _ in range(50):
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{self.port}/").read() == path.read_bytes():
                    return
                break
            except OSError:
                time.sleep(0.1)
        self.stop()
        sys.exit(f"the bare server does not serve {path}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


BARE_BIN = Path(os.environ.get("GAZETTE_BARE_BIN", harness.BIN.parent / "bench" / "bare" / "gazette_bare"))
TARGETS = ("cached", "miss", "comments", "publish")


def publish_to_visible(site, server, runs):
    """Milliseconds from the publish call to the headline on the front page, its
    section's page and the site's feed, all three read (and cached) before;
    medians over `runs` articles. The clock starts before the publish request."""
    made = site.gazette("token", "create", "--role", "editor", "Bench desk")
    assert made.returncode == 0, made.stderr
    auth = {"Authorization": "Bearer " + made.stdout.strip().splitlines()[-1], "Content-Type": "application/json"}
    section = json.loads(server.get("/api/v1/sections").text)["sections"][0]["slug"]
    pages = ["/", f"/section/{section}", "/feed.xml"]
    figures = []
    for i in range(runs):
        headline = f"Harbour cranes break a record, bulletin {i} {time.time_ns()}"
        created = server.request("POST", "/api/v1/admin/articles", json.dumps(
            {"headline": headline, "lead": "The port's new cranes moved more boxes than ever.", "section": section,
             "body": "The port's new cranes moved more boxes than ever in one day."}).encode(), auth)
        assert created.status == 201, created.text
        article = json.loads(created.text)["id"]
        for page in pages:  # cached before the publication
            assert headline not in server.get(page).text
        started = time.perf_counter()
        published = server.request("POST", f"/api/v1/admin/articles/{article}/publish", b"{}", auth)
        assert published.status == 200, published.text
        waiting = list(pages)
        while waiting:
            waiting = [page for page in waiting if headline not in server.get(page).text]
            if time.perf_counter() - started > 5:
                sys.exit(f"publish -> visible: {waiting} did not show the article within 5 s")
        figures.append((time.perf_counter() - started) * 1000)
    return statistics.median(figures), max(figures)


def readers(server, n, prefix):
    """n signed-in readers: (browser, cookie header, csrf token) each."""
    out = []
    for i in range(n):
        b = harness.Browser(server)
        r = b.sign_up(f"Reader {prefix}{i}", f"{prefix}{i}@example.org")
        assert r.status in (200, 303), r.status
        session = b.session()
        out.append((b, "; ".join(f"{k}={v}" for k, v in b.cookies.items()), session["csrf"]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    ap.add_argument("--only", choices=TARGETS, action="append",
                    help="run only this target (may be given more than once); the table shows what ran")
    ap.add_argument("--keep", action="store_true", help="leave the server running at the end (prints its address) and wait for Enter")
    args = ap.parse_args()
    chosen = set(args.only or TARGETS)
    if not shutil.which("wrk") or not shutil.which("nginx"):
        sys.exit("make bench needs wrk and nginx: scripts/install-deps bench")

    work = Path(tempfile.mkdtemp(prefix="gazette-bench-"))
    site = harness.Site(extra_config=CONFIG)
    results = {}
    try:
        assert site.gazette("demo").returncode == 0
        page = ROOT / "tests" / "fixtures" / "pages" / "harbour_tram.txt"
        if harness.SHARED_SEED.exists():
            page = harness.SHARED_SEED
        imported = site.gazette("import-text", str(page))
        assert imported.returncode == 0, imported.stderr
        seed_id = int(re.search(r"imported article #(\d+)", imported.stdout).group(1))
        server = harness.Server(site)
        # The imported page gets 20 comments, another article 100.
        listed = json.loads(server.get("/api/v1/articles?limit=5").text)["articles"]
        seed = {"id": seed_id}
        other = next(a for a in listed if a["id"] != seed_id)
        people = readers(server, 8, "commenter")
        for i in range(20):
            b = people[i % len(people)][0]
            assert b.api("POST", f"/api/v1/articles/{seed['id']}/comments", {"body": f"Comment {i} on the tram line."}).status in (200, 201)
        for i in range(100):
            b = people[i % len(people)][0]
            assert b.api("POST", f"/api/v1/articles/{other['id']}/comments", {"body": f"Comment {i}: a longer thought about the story, with *emphasis* and a [link](https://example.org/{i})."}).status in (200, 201)
        server.stop()

        server = harness.Server(site, extra_args=())
        pid = server.process.pid
        subprocess.run(["taskset", "-a", "-pc", SERVER_CPU, str(pid)], check=True, capture_output=True)
        seed_path = server.get(f"/news/{seed['id']}").header("location") or f"/news/{seed['id']}"
        seed_page = server.get(seed_path)
        identity = seed_page.body
        gzipped = server.get(seed_path, headers={"Accept-Encoding": "gzip"})
        results["page_weight"] = {
            "identity_bytes": len(identity),
            "gzip_bytes": len(gzipped.body) if gzipped.header("content-encoding") == "gzip" else len(gzip.compress(identity, 6)),
            "served_gzip": gzipped.header("content-encoding") == "gzip",
        }
        bares = []
        if "cached" in chosen:
            nginx = Nginx(work / "nginx")
            nginx.put("article.html", identity)
            if BARE_BIN.exists():
                www = work / "nginx" / "www"
                bares = [Bare(BARE_BIN, www / "article.html"),
                         Bare(BARE_BIN, www / "article.html.gz", ["Content-Encoding: gzip", "Vary: Accept-Encoding"])]
            else:
                print(f"no bare server at {BARE_BIN}: measuring Gazette and nginx only", flush=True)
        try:
            urls = {"gazette": f"{server.base}{seed_path}"}
            if "cached" in chosen:
                urls["nginx"] = f"http://127.0.0.1:{nginx.port}/article.html"
            names = [f"{who} {enc}" for enc in ("identity", "gzip") for who in ("gazette", "nginx", "bare")
                     if who != "bare" or bares]
            runs = {k: [] for k in names}
            for _ in range(args.runs if "cached" in chosen else 0):
                for name in runs:
                    who, enc = name.split()
                    url = urls.get(who) or f"http://127.0.0.1:{bares[enc == 'gzip'].port}/"
                    headers = ["Accept-Encoding: gzip"] if enc == "gzip" else []
                    runs[name].append(wrk(url, args.seconds, headers)[0])
            if "cached" in chosen:
                results["cached_article"] = {k: statistics.median(v) for k, v in runs.items()}
        finally:
            if "cached" in chosen:
                nginx.stop()
            for bare in bares:
                bare.stop()

        other_path = server.get(f"/news/{other['id']}").header("location") or f"/news/{other['id']}"
        # A render that misses the cache: a query parameter the cache does not key on.
        if "miss" in chosen:
            _, _, p50 = wrk(f"{server.base}{other_path}?bench=miss", args.seconds, connections=1, latency=True)
            results["miss_render_p50_ms"] = p50

        if "comments" in chosen:
            users = work / "users.tsv"
            users.write_text("".join(f"{cookie}\t{csrf}\n" for _, cookie, csrf in readers(server, 32, "poster")))
            env = {"GAZETTE_BENCH_USERS": str(users), "GAZETTE_BENCH_ARTICLE": str(seed["id"]), "GAZETTE_BENCH_ORIGIN": server.base}
            posts = []
            for run in range(args.runs):
                env["GAZETTE_BENCH_RUN"] = str(run)
                rps, errors, _ = wrk(f"{server.base}/", args.seconds, script=ROOT / "bench" / "post_comments.lua", env=env)
                posts.append(rps * (1 - errors / max(1, rps * args.seconds)))
            results["comment_posts_per_s"] = statistics.median(posts)
        if "publish" in chosen:
            median_ms, worst_ms = publish_to_visible(site, server, max(5, args.runs * 3))
            results["publish_visible_ms"] = {"median": median_ms, "max": worst_ms}
        if args.keep:
            print(f"seed page {seed_path}; page with 100 comments {other_path}", flush=True)
            print(f"server {server.base} (pid {server.process.pid}), site {site.path}; Enter stops it", flush=True)
            try:
                input()
            except EOFError:  # no terminal: stop at once
                pass
        server.stop()
    finally:
        site.close()
        shutil.rmtree(work, ignore_errors=True)

    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'measure':44} {'figure':>12}")
    if "cached_article" in results:
        c = results["cached_article"]
        for enc in ("identity", "gzip"):
            g, n = c[f"gazette {enc}"], c[f"nginx {enc}"]
            bare = f"  bare server {c[f'bare {enc}']:,.0f} ({g / c[f'bare {enc}']:.2f})" if f"bare {enc}" in c else ""
            print(f"{f'cached article, {enc} (req/s)':44} {g:>12,.0f}  nginx {n:,.0f}  ratio {g / n:.2f}{bare}")
    if "miss_render_p50_ms" in results:
        print(f"{'cache-miss render, 100 comments (p50 ms)':44} {results['miss_render_p50_ms']:>12.3f}")
    if "publish_visible_ms" in results:
        v = results["publish_visible_ms"]
        print(f"{'publish -> front, section, feed (ms)':44} {v['median']:>12.1f}  max {v['max']:.1f}")
    if "comment_posts_per_s" in results:
        print(f"{'comment POSTs acknowledged (per s)':44} {results['comment_posts_per_s']:>12,.0f}")
    w = results["page_weight"]
    print(f"{'seed article + 20 comments (bytes)':44} {w['identity_bytes']:>12,}  gzip {w['gzip_bytes']:,}")


if __name__ == "__main__":
    main()
