#!/usr/bin/env python3
"""Scale check: a generated site of many articles and comments against one of
10,000 articles, the same measures on both.

    python3 bench/scale.py --articles 1000000 --comments 10000000 --dir /var/tmp/gazette-scale

For each site: how fast `gazette demo` made it, how long `gazette serve`
takes to answer, its resident memory after the load, and the p99 latency of
an article page (the newest, with the most comments): from the page cache,
rendered anew (a query the cache does not key on), and rendered anew for 500
articles picked at random across the site; and the time of a search (the
median of three different words of the newest headlines, one at a time;
the demo's words are all common), the same in the newest article's
section, and suggestions for the words' first two letters; and a tag's and
an author's page rendered anew (the median of three of each, each once).
Server pinned to core 0, wrk to core 1; the database file is read once
first, so that it is in the operating system's page cache. Sites are kept in --dir and reused when there (--fresh makes them
again).
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(os.environ.get("GAZETTE_BIN", ROOT / "build" / "gazette"))
CONFIG = "[server]\nthreads = 1\naccess_log = false\n"
RANDOM_PAGES = ROOT / "bench" / "random_pages.lua"


def wrk(url, seconds, connections, script=None, env=None):
    cmd = ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True,
                         env={**os.environ, **(env or {})}).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        sys.exit(f"{url} answered errors:\n{out}")

    def ms(p):
        m = re.search(rf"{p}%\s+([\d.]+)(us|ms|s)\b", out)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50_ms": ms(50), "p99_ms": ms(99)}


def get(base, path):
    with urllib.request.urlopen(base + path) as r:
        return r.read()


def timed(base, paths):
    """The median time, in ms, of requesting each of `paths` once, one after the other."""
    spent = []
    for path in paths:
        started = time.perf_counter()
        get(base, path)
        spent.append((time.perf_counter() - started) * 1000)
    return sorted(spent)[len(spent) // 2]


def searches(base, newest):
    # Three different words: the store keeps an answer until an article is
    # written, so the same search again would be timed from memory.
    headlines = " ".join(a["headline"] for a in newest)
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", headlines)}, key=len, reverse=True)[:3]
    q = [urllib.parse.quote(w) for w in words]
    out = {"search_word": timed(base, [f"/search?q={w}" for w in q]),
           "search_suggest": timed(base, [f"/api/v1/search?limit=6&q={urllib.parse.quote(w[:2])}" for w in words])}
    section = newest[0].get("section")
    if section:
        out["search_section"] = timed(base, [f"/search?q={w}&section={section}" for w in q])
    return out


def warm(db):
    # Into the operating system's page cache, as the measures assume: the
    # machine may have dropped it since the site was made (8.6 GB for a
    # million articles; random first renders read from the disk otherwise,
    # 30 ms at p99 instead of 6).
    for suffix in ("", "-wal"):
        path = Path(db + suffix)
        if path.exists():
            with open(path, "rb", buffering=0) as f:
                while f.read(1 << 20):
                    pass


def lists(base):
    # The first three tags and authors by name; each page once, rendered
    # anew (a query the cache does not key on) with its count of pages.
    out = {}
    for kind in ("tag", "author"):
        slugs = [t["slug"] for t in json.loads(get(base, f"/api/v1/{kind}s?limit=3"))[f"{kind}s"]]
        out[f"{kind}_page"] = timed(base, [f"/{kind}/{slug}?bench=miss" for slug in slugs])
    return out


def measure(name, db, config, articles, comments, fresh, seconds):
    figures = {"articles": articles, "comments": comments}
    if fresh or not Path(db).exists():
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        started = time.perf_counter()
        made = subprocess.run([str(BIN), "demo", "--db", "sqlite:" + db, "--articles", str(articles),
                               "--comments", str(comments)], capture_output=True, text=True)
        if made.returncode != 0:
            sys.exit(made.stderr)
        figures["generate_s"] = time.perf_counter() - started
        rates = re.findall(r"(\d+) of \d+ (articles|comments)\s+(\d+)/s", made.stderr)
        for what in ("articles", "comments"):
            last = [int(r[2]) for r in rates if r[1] == what]
            if last:
                figures[f"generate_{what}_per_s"] = last[-1]
        # A bulk load builds its set-aside indexes and search index at the
        # end: counted against the articles, whose indexes they are.
        finish = re.search(r"of which ([\d.]+) s building", made.stdout)
        if finish and "generate_articles_per_s" in figures:
            figures["generate_finish_s"] = float(finish.group(1))
            load_s = articles / figures["generate_articles_per_s"] + figures["generate_finish_s"]
            figures["generate_articles_per_s_with_finish"] = int(articles / load_s)
    figures["db_bytes"] = Path(db).stat().st_size
    warm(db)
    port = 18000 + random.randrange(2000)
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(["taskset", "-c", "0", str(BIN), "serve", "--db", "sqlite:" + db, "--config", config,
                               "--listen", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            try:
                get(base, "/healthz")
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit(server.stderr.read().decode())
                time.sleep(0.005)
        figures["start_s"] = time.perf_counter() - started
        newest = json.loads(get(base, "/api/v1/articles?limit=1"))["articles"][0]
        total = json.loads(get(base, "/api/v1/articles?limit=1"))["total"]
        page = f"/news/{newest['id']}-{newest['slug']}"
        get(base, page)
        paths = []
        for _ in range(5):
            offset = random.randrange(max(1, total - 100))
            for a in json.loads(get(base, f"/api/v1/articles?limit=100&offset={offset}"))["articles"]:
                paths.append(f"/news/{a['id']}-{a['slug']}?bench=miss")
        listing = Path(db + ".pages")
        listing.write_text("\n".join(paths) + "\n")
        figures["cached"] = wrk(base + page, seconds, 32)
        figures["rendered"] = wrk(base + page + "?bench=miss", seconds, 1)
        figures["rendered_random"] = wrk(base + "/", seconds, 1, RANDOM_PAGES, {"GAZETTE_BENCH_PAGES": str(listing)})
        figures.update(searches(base, json.loads(get(base, "/api/v1/articles?limit=3"))["articles"]))
        figures.update(lists(base))
        status = Path(f"/proc/{server.pid}/status").read_text()
        figures["rss_mb"] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{name}: {json.dumps(figures)}", flush=True)
    return figures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--comments", type=int, default=10_000_000)
    ap.add_argument("--dir", default="/var/tmp/gazette-scale")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--seconds", type=int, default=5)
    args = ap.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "gazette.toml"
    config.write_text(CONFIG)
    small = measure("10,000 articles", str(folder / "small.db"), str(config), 10_000, 100_000, args.fresh, args.seconds)
    large = measure(f"{args.articles:,} articles", str(folder / "large.db"), str(config), args.articles, args.comments,
                    args.fresh, args.seconds)
    print()
    print(f"{'measure':40} {'10,000':>12} {args.articles:>12,} {'ratio':>7}")
    for key, label in (("start_s", "start (s)"), ("rss_mb", "resident memory (MB)")):
        print(f"{label:40} {small[key]:>12.2f} {large[key]:>12.2f}")
    for key, label in (("cached", "article page, cached"), ("rendered", "article page, rendered"),
                       ("rendered_random", "random article pages, rendered")):
        ratio = large[key]["p99_ms"] / small[key]["p99_ms"]
        print(f"{label + ' p99 (ms)':40} {small[key]['p99_ms']:>12.3f} {large[key]['p99_ms']:>12.3f} {ratio:>7.2f}")
    for key, label in (("search_word", "search, a common word (ms)"),
                       ("search_section", "search, the word in a section (ms)"),
                       ("search_suggest", "suggestions for two letters (ms)"),
                       ("tag_page", "a tag's page, rendered (ms)"), ("author_page", "an author's page, rendered (ms)")):
        if key in small and key in large:
            print(f"{label:40} {small[key]:>12.1f} {large[key]:>12.1f} {large[key] / small[key]:>7.2f}")
    for key in ("generate_articles_per_s", "generate_articles_per_s_with_finish", "generate_comments_per_s",
                "generate_finish_s", "generate_s"):
        if key in small or key in large:
            print(f"{key.replace('_', ' '):40} {small.get(key, 0):>12,.0f} {large.get(key, 0):>12,.0f}")


if __name__ == "__main__":
    main()
