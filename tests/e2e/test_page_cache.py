"""The page cache is never stale: every cacheable page is primed first (a 404
included, for the address an article is about to get), then for each change
(publish, headline and lead edits, a section change, unpublish, a scheduled
publication, a comment approved and a comment removed, an import by another
process) the very next request
of every affected page shows it, while unaffected pages stay cached (the
server's /metrics counts no render for them). Also: encodings, 304s and the
cache headers as a client sees them."""

import gzip
import json
import re
import time
import unittest
from datetime import datetime, timedelta, timezone

from harness import FIXTURES, Browser, E2ETest

FIXTURE = FIXTURES / "pages" / "harbour_tram.txt"

CONFIG = """
[comments]
policy = "premoderated"
reader_burst = 1000
ip_burst = 1000
"""


def make_token(site, role, name):
    made = site.gazette("token", "create", "--role", role, name)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


class PageCache(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site(CONFIG)
        assert cls.site.gazette("migrate").returncode == 0
        cls.token = make_token(cls.site, "editor", "Desk")
        cls.server = cls.start(cls.site)
        for name in ("City", "Sport"):
            assert cls.api("POST", "/api/v1/admin/sections", {"name": name}).status == 201
        # Two sections with an article each, so that one stays untouched.
        cls.city = cls.publish(headline="Tram line reaches the harbour", section="city", tags=["Transport"],
                               authors=["Anna Petrova"])
        cls.sport = cls.publish(headline="Rowing club wins the regatta", section="sport", tags=["Rowing"],
                                authors=["Oleg Ivanov"])

    # Helpers

    @classmethod
    def api(cls, method, path, body=None):
        headers = {"Authorization": f"Bearer {cls.token}"}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        r = cls.server.request(method, path, body=data, headers=headers)
        r.json = json.loads(r.body) if r.body else None
        return r

    @classmethod
    def publish(cls, **fields):
        made = cls.api("POST", "/api/v1/admin/articles", fields)
        assert made.status == 201, made.text
        done = cls.api("POST", f"/api/v1/admin/articles/{made.json['id']}/publish", {})
        assert done.status == 200, done.text
        return done.json

    def update(self, article, **fields):
        current = self.api("GET", f"/api/v1/admin/articles/{article['id']}").json
        current.update(fields)
        r = self.api("PUT", f"/api/v1/admin/articles/{article['id']}", current)
        self.assertEqual(r.status, 200, r.text)
        return r.json

    def renders(self):
        metrics = self.server.get("/metrics").text
        return int(re.search(r"gazette_cache_misses_total (\d+)", metrics).group(1))

    def prime(self, *paths):
        for p in paths:
            self.server.get(p)
            self.server.get(p)

    def assertCached(self, *paths):
        """Each of `paths` is answered without rendering."""
        for p in paths:
            before = self.renders()
            self.server.get(p)
            self.assertEqual(self.renders(), before, f"{p} was rendered again, but nothing it shows changed")

    def lists(self, article):
        """The addresses of the pages that list `article`'s kind of news."""
        section = article["section"]
        return ["/", "/latest", f"/section/{section}", "/feed.xml", "/atom.xml", f"/section/{section}/feed.xml",
                "/sitemap-news.xml"]

    # Tests

    def test_1_publish_edit_move_and_unpublish_show_at_once(self):
        other = f"/section/{self.sport['section']}"
        sport_path = "/news/" + str(self.sport["id"])
        sport_path = self.server.get(sport_path).header("location") or sport_path
        made = self.api("POST", "/api/v1/admin/articles", {
            "headline": "Ferry timetable doubles", "lead": "Boats every ten minutes.", "body": "From *Monday*.",
            "section": "city", "tags": ["Transport"], "authors": ["Anna Petrova"]}).json
        address = f"/news/{made['id']}"
        pages = self.lists({"section": "city"}) + ["/tag/transport", "/author/anna-petrova", "/sitemap.xml",
                                                   "/sitemaps/articles-1.xml", address, sport_path, other]
        self.prime(*pages)
        self.assertEqual(self.server.get(address).status, 404)
        self.assertCached(*pages)

        # Published: everywhere at once, the 404 included; the sport section untouched.
        self.api("POST", f"/api/v1/admin/articles/{made['id']}/publish", {})
        page = self.server.get(address)
        self.assertEqual(page.status, 301)
        canonical = page.header("location")
        self.assertIn("Ferry timetable doubles", self.server.get(canonical).text)
        for p in self.lists({"section": "city"}) + ["/tag/transport", "/author/anna-petrova"]:
            self.assertIn("Ferry timetable doubles", self.server.get(p).text, p)
        self.assertIn(canonical, self.server.get("/sitemaps/articles-1.xml").text)
        self.assertIn("Ferry timetable doubles", self.server.get(sport_path).text, "Read next of another article")
        self.assertCached(other)

        # The headline and the lead edited.
        self.prime(canonical, *self.lists({"section": "city"}), sport_path, other)
        self.update(made, headline="Ferry timetable triples", lead="Boats every five minutes.")
        article = self.server.get(canonical)
        self.assertIn("Ferry timetable triples", article.text)
        self.assertIn("Boats every five minutes.", article.text)
        for p in self.lists({"section": "city"}):
            self.assertIn("Ferry timetable triples", self.server.get(p).text, p)
            self.assertNotIn("Ferry timetable doubles", self.server.get(p).text, p)
        self.assertIn("Ferry timetable triples", self.server.get(sport_path).text)
        self.assertCached(other)

        # Moved to another section: gone from the old list, in the new one.
        self.prime("/section/city", other, "/section/city/feed.xml", f"{other}/feed.xml")
        self.update(made, section="sport")
        self.assertNotIn("Ferry timetable triples", self.server.get("/section/city").text)
        self.assertNotIn("Ferry timetable triples", self.server.get("/section/city/feed.xml").text)
        self.assertIn("Ferry timetable triples", self.server.get(other).text)
        self.assertIn("Ferry timetable triples", self.server.get(f"{other}/feed.xml").text)

        # Unpublished: gone everywhere, its page 404.
        self.prime(canonical, *self.lists({"section": "sport"}), "/sitemaps/articles-1.xml")
        self.api("POST", f"/api/v1/admin/articles/{made['id']}/unpublish", {})
        self.assertEqual(self.server.get(canonical).status, 404)
        for p in self.lists({"section": "sport"}) + ["/sitemaps/articles-1.xml"]:
            self.assertNotIn("Ferry timetable triples", self.server.get(p).text, p)

    def test_2_a_scheduled_publication_shows_when_it_happens(self):
        made = self.api("POST", "/api/v1/admin/articles", {"headline": "Night market opens", "section": "city"}).json
        self.prime("/", "/latest", "/section/city", f"/news/{made['id']}")
        at = (datetime.now(timezone.utc) + timedelta(seconds=2)).replace(microsecond=0)
        r = self.api("POST", f"/api/v1/admin/articles/{made['id']}/schedule", {"at": at.isoformat()})
        self.assertEqual(r.status, 200, r.text)
        self.assertNotIn("Night market opens", self.server.get("/").text)
        deadline = time.monotonic() + 15
        while self.api("GET", f"/api/v1/admin/articles/{made['id']}").json["status"] != "published":
            self.assertLess(time.monotonic(), deadline, "the scheduler did not publish")
            time.sleep(0.05)
        for p in ["/", "/latest", "/section/city"]:
            self.assertIn("Night market opens", self.server.get(p).text, p)
        self.assertEqual(self.server.get(f"/news/{made['id']}").status, 301)

    def test_3_comments_approved_and_removed_show_at_once(self):
        path = self.server.get(f"/news/{self.city['id']}").header("location")
        reader = Browser(self.server)
        self.assertIn(reader.sign_up("Mira Reader", "mira@example.org").status, (200, 303))
        posted = reader.api("POST", f"/api/v1/articles/{self.city['id']}/comments", {"body": "Finally a tram to the sea."})
        self.assertIn(posted.status, (200, 201, 202), posted.text)
        cid = posted.json["comment"]["id"] if "comment" in posted.json else posted.json["id"]
        feed = f"/news/{self.city['id']}/comments/feed.xml"
        self.prime(path, feed, "/section/sport")
        self.assertNotIn("Finally a tram to the sea.", self.server.get(path).text)  # held for a moderator
        self.assertEqual(self.api("POST", f"/api/v1/admin/comments/{cid}/approve", {}).status, 200)
        self.assertIn("Finally a tram to the sea.", self.server.get(path).text)
        self.assertIn("Finally a tram to the sea.", self.server.get(feed).text)
        self.assertCached("/section/sport")
        self.assertEqual(self.api("POST", f"/api/v1/admin/comments/{cid}/reject", {"reason": "off topic"}).status, 200)
        self.assertNotIn("Finally a tram to the sea.", self.server.get(path).text)
        self.assertNotIn("Finally a tram to the sea.", self.server.get(feed).text)

    def test_5_writes_by_another_process_reach_cached_pages(self):
        self.prime("/", "/latest")
        imported = self.site.gazette("import-text", str(FIXTURE))
        self.assertEqual(imported.returncode, 0, imported.stderr)
        time.sleep(0.15)  # the server looks for other processes' writes at most every 100 ms
        self.assertIn("harbour tram line", self.server.get("/").text)
        self.assertIn("harbour tram line", self.server.get("/latest").text)

    def test_6_publishing_and_moderating_render_the_first_pages_before_answering(self):
        made = self.api("POST", "/api/v1/admin/articles", {
            "headline": "Lighthouse keeper retires", "lead": "Forty years on the rock.", "section": "city"}).json
        self.prime("/", "/section/city")
        self.api("POST", f"/api/v1/admin/articles/{made['id']}/publish", {})
        # The first readers get stored bytes: the article, the front page and its section.
        canonical = self.server.get(f"/news/{made['id']}").header("location")
        for p in (canonical, "/", "/section/city"):
            before = self.renders()
            self.assertIn("Lighthouse keeper retires", self.server.get(p).text, p)
            self.assertEqual(self.renders(), before, f"{p} was rendered by its first reader")

        # A moderator's approval: the article page is rendered before the moderator hears back.
        reader = Browser(self.server)
        self.assertIn(reader.sign_up("Ivo Reader", "ivo@example.org").status, (200, 303))
        posted = reader.api("POST", f"/api/v1/articles/{made['id']}/comments", {"body": "He kept the light on."})
        self.assertIn(posted.status, (200, 201, 202), posted.text)
        cid = posted.json["comment"]["id"] if "comment" in posted.json else posted.json["id"]
        self.prime(canonical)
        self.assertEqual(self.api("POST", f"/api/v1/admin/comments/{cid}/approve", {}).status, 200)
        before = self.renders()
        self.assertIn("He kept the light on.", self.server.get(canonical).text)
        self.assertEqual(self.renders(), before, "the approved comment's page was rendered by its first reader")

    def test_4_encodings_validators_and_headers(self):
        path = self.server.get(f"/news/{self.sport['id']}").header("location")
        plain = self.server.get(path)
        gz = self.server.get(path, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(gz.header("content-encoding"), "gzip")
        self.assertEqual(gzip.decompress(gz.body), plain.body)
        # Brotli is made just after the page is stored; gzip serves until then.
        for _ in range(100):
            br = self.server.get(path, headers={"Accept-Encoding": "gzip, br"})
            if br.header("content-encoding") == "br":
                break
            self.assertEqual(br.header("content-encoding"), "gzip")
            time.sleep(0.02)
        self.assertEqual(br.header("content-encoding"), "br")
        self.assertLess(len(br.body), len(plain.body))
        for r in (plain, gz, br):
            self.assertEqual(r.header("vary"), "Accept-Encoding")
            self.assertIn("stale-while-revalidate", r.header("cache-control"))
            self.assertTrue(r.header("last-modified"))
            self.assertIn("default-src 'self'", r.header("content-security-policy"))
        self.assertNotEqual(plain.header("etag"), gz.header("etag"))
        again = self.server.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": gz.header("etag")})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        since = self.server.get(path, headers={"If-Modified-Since": plain.header("last-modified")})
        self.assertEqual(since.status, 304)
        # Personal answers are never cached.
        self.assertIn("no-store", self.server.get("/api/v1/session").header("cache-control"))


if __name__ == "__main__":
    unittest.main()
