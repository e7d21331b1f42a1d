"""Feeds, sitemaps, robots.txt and the metadata of pages, end to end: a real
server on a site with articles from the admin API (published now) and from
`gazette import-text --date` (published years ago). Feeds go through
feedparser, sitemaps and robots through lxml, JSON-LD through json.loads;
every item is checked against what was published."""

import calendar
import json
import re
import unittest
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import feedparser
from lxml import etree

from harness import FIXTURES, Browser, E2ETest, Page, Site

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SM, "news": NEWS}
SCRIPT_HEADLINE = "Harbour </script><script>alert(1)</script> & <b>cranes</b> ]]> rise"


def make_token(site, role, name):
    made = site.gazette("token", "create", "--role", role, name)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def struct_to_datetime(parsed):
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)


class FeedsTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        config = ('[site]\nname = "The Halden Gazette"\ntime_zone = "Europe/Moscow"\n'
                  '[comments]\nreader_burst = 1000\nip_burst = 1000\nsuspect_words = ["moderate me"]\n'
                  '[feeds]\nsitemap_urls = 2\n')
        cls.site = cls.make_site(config)
        imported = cls.site.gazette("import-text", "--date", "2020-01-15", str(FIXTURES / "pages" / "harbour_tram.txt"))
        assert imported.returncode == 0, imported.stderr
        cls.token = make_token(cls.site, "editor", "Desk bot")
        cls.server = cls.start(cls.site)
        cls.base = cls.server.base
        for name, slug in (("World", "world"), ("Economy", "economy")):
            r = cls.call("POST", "/api/v1/admin/sections", {"name": name, "slug": slug})
            assert r[0] == 201, r
        cls.a1 = cls.publish(headline=SCRIPT_HEADLINE, lead="Two new <cranes> & a quay.",
                             body="The **port** grows.\n\nA second paragraph.", section="world",
                             tags=["Transport", "Harbour"], authors=["Anna Reyes"],
                             source={"name": "Port office", "url": "https://port.example.org/news"})
        cls.a2 = cls.publish(headline="Ferry fares to rise in spring", body="Fares rise by 5 percent.",
                             section="economy", tags=["Harbour", "Ferries"], authors=["Boris Lind"])
        cls.a3 = cls.publish(headline="Путин встретится с Уиткоффом", lead="Встреча пройдёт в Москве.",
                             body="Текст статьи «в кавычках».", section="world", tags=["Дипломатия"],
                             authors=["Anna Reyes"])
        cls.ours = [cls.a3, cls.a2, cls.a1]  # newest first
        # Comments: two shown, one held for a moderator.
        cls.anna = Browser(cls.server)
        assert cls.anna.sign_up("Anna Reader", "anna@example.org").status == 303
        cls.comments = []
        for body in ("First <thought> & more", "Please moderate me", "Second thought"):
            r = cls.anna.api("POST", f"/api/v1/articles/{cls.a1['id']}/comments", {"body": body})
            assert r.status in (201, 202), r.text
            cls.comments.append(r.json)

    @classmethod
    def call(cls, method, path, payload=None):
        headers = {"Authorization": f"Bearer {cls.token}"}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload)
        r = cls.server.request(method, path, body=body, headers=headers)
        return r.status, (json.loads(r.text) if r.body else None)

    @classmethod
    def publish(cls, **fields):
        status, made = cls.call("POST", "/api/v1/admin/articles", fields)
        assert status == 201, made
        status, published = cls.call("POST", f"/api/v1/admin/articles/{made['id']}/publish")
        assert status == 200, published
        published["fields"] = fields
        return published

    def fetch(self, path, content_type):
        r = self.server.get(path)
        self.assertEqual(r.status, 200, f"GET {path}: {r.text[:300]}")
        self.assertEqual(r.header("content-type"), content_type, path)
        return r

    def feed(self, path):
        rss = path.endswith("feed.xml")
        r = self.fetch(path, "application/rss+xml; charset=utf-8" if rss else "application/atom+xml; charset=utf-8")
        parsed = feedparser.parse(r.body)
        self.assertEqual(parsed.bozo, 0, f"{path}: {parsed.get('bozo_exception')}")
        self.assertEqual(parsed.version, "rss20" if rss else "atom10", path)
        return parsed

    def url(self, article):
        return self.base + urlsplit(article["url"]).path if article["url"].startswith("http") else self.base + article["url"]

    def all_published(self):
        """Every published article, newest first, from the public content API."""
        out, offset = [], 0
        while True:
            r = json.loads(self.server.get(f"/api/v1/articles?limit=100&offset={offset}").text)
            out += r["articles"]
            offset += len(r["articles"])
            if not r["articles"] or offset >= r["total"]:
                return out

    def check_entry(self, entry, article, rss, full=True):
        fields = article["fields"]
        self.assertEqual(entry.title, fields["headline"])
        self.assertEqual(entry.link, self.url(article))
        self.assertEqual(entry.id, f"{self.base}/news/{article['id']}")
        self.assertEqual(struct_to_datetime(entry.published_parsed), instant(article["published_at"]))
        self.assertEqual([a.name for a in entry.authors], fields["authors"])
        self.assertEqual(entry.author, fields["authors"][0])
        section_name = {"world": "World", "economy": "Economy"}[fields["section"]]
        self.assertEqual([t.term for t in entry.tags], [section_name] + fields["tags"])
        if "lead" in fields:
            self.assertEqual(entry.summary, fields["lead"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        else:
            self.assertIn(fields["body"].split(" ")[0], entry.summary)
        if full:
            content = entry.content[0].value
            self.assertIn(fields["body"].split("\n")[0].replace("**port**", "<strong>port</strong>"), content)
            if "source" in fields:
                self.assertIn('<a href="https://port.example.org/news">Port office</a>', content)
        else:
            self.assertNotIn("content", entry)

    def test_site_feeds_hold_every_article_newest_first_with_full_text(self):
        published = self.all_published()
        for path in ("/feed.xml", "/atom.xml"):
            parsed = self.feed(path)
            rss = path == "/feed.xml"
            self.assertEqual(parsed.feed.title, "The Halden Gazette")
            self.assertEqual(parsed.feed.link, self.base + "/")
            self.assertEqual(parsed.feed.language, "en")
            self_links = [l.href for l in parsed.feed.links if l.rel == "self"]
            self.assertEqual(self_links, [self.base + path])
            self.assertEqual([e.link for e in parsed.entries], [self.url(a) for a in published])
            for entry, article in zip(parsed.entries, self.ours):
                self.check_entry(entry, article, rss)
            # The imported page and its briefs, published in 2020.
            old = [e for e in parsed.entries if struct_to_datetime(e.published_parsed).year == 2020]
            self.assertEqual(len(old), len(published) - 3)

    def test_guid_is_a_permalink_that_leads_to_the_article(self):
        raw = self.server.get("/feed.xml").text
        self.assertIn(f'<guid isPermaLink="true">{self.base}/news/{self.a1["id"]}</guid>', raw)
        r = self.server.get(f"/news/{self.a1['id']}")
        self.assertEqual(r.status, 301)
        self.assertEqual(urlsplit(r.header("location")).path, urlsplit(self.url(self.a1)).path)
        # Raw text never breaks out of its element, in either format.
        self.assertNotIn("</script>", raw)
        self.assertNotIn("<b>cranes", raw)
        self.assertNotIn("<b>cranes", self.server.get("/atom.xml").text)

    def test_section_tag_and_author_feeds_hold_exactly_their_articles(self):
        tags = {t["name"]: t["slug"] for t in json.loads(self.server.get("/api/v1/tags?limit=100").text)["tags"]}
        authors = {a["name"]: a["slug"] for a in json.loads(self.server.get("/api/v1/authors?limit=100").text)["authors"]}
        cases = {
            "/section/world": [self.a3, self.a1],
            "/section/economy": [self.a2],
            f"/tag/{tags['Harbour']}": [self.a2, self.a1],
            f"/tag/{tags['Дипломатия']}": [self.a3],
            f"/author/{authors['Anna Reyes']}": [self.a3, self.a1],
            f"/author/{authors['Boris Lind']}": [self.a2],
        }
        for page, expected in cases.items():
            for suffix in ("/feed.xml", "/atom.xml"):
                parsed = self.feed(page + suffix)
                self.assertEqual([e.link for e in parsed.entries], [self.url(a) for a in expected], page + suffix)
                for entry, article in zip(parsed.entries, expected):
                    self.check_entry(entry, article, suffix == "/feed.xml")
                self.assertEqual(parsed.feed.link, self.base + page)
                self.assertIn([l.href for l in parsed.feed.links if l.rel == "self"], [[self.base + page + suffix]])
        # A section of the imported page: its brief from 2020.
        weather = self.feed("/section/weather/feed.xml")
        self.assertEqual(len(weather.entries), 1)
        self.assertIn("snow", weather.entries[0].title)

    def test_unknown_and_renamed_feeds(self):
        for path in ("/section/nowhere/feed.xml", "/tag/nothing/atom.xml", "/author/nobody/feed.xml",
                     "/news/999999/comments/feed.xml", "/news/abc/comments/atom.xml"):
            self.assertEqual(self.server.get(path).status, 404, path)
        tags = json.loads(self.server.get("/api/v1/tags?limit=100").text)["tags"]
        ferries = next(t for t in tags if t["name"] == "Ferries")
        status, _ = self.call("PUT", f"/api/v1/admin/tags/{ferries['id']}", {"slug": "ferry-lines"})
        self.assertEqual(status, 200)
        for suffix in ("/feed.xml", "/atom.xml"):
            r = self.server.get(f"/tag/{ferries['slug']}{suffix}")
            self.assertEqual(r.status, 301)
            self.assertEqual(r.header("location"), f"/tag/ferry-lines{suffix}")
            self.assertEqual(len(self.feed(f"/tag/ferry-lines{suffix}").entries), 1)

    def test_comment_feeds_hold_the_shown_comments_newest_first(self):
        shown = [c["comment"] for c in self.comments if c["comment"]["status"] == "visible"]
        self.assertEqual(len(shown), 2, self.comments)
        for suffix in ("feed.xml", "atom.xml"):
            parsed = self.feed(f"/news/{self.a1['id']}/comments/{suffix}")
            self.assertEqual(parsed.feed.title, f"Comments: {SCRIPT_HEADLINE}")
            self.assertEqual(len(parsed.entries), 2)
            newest, oldest = parsed.entries
            self.assertEqual(newest.link, f"{self.url(self.a1)}#comment-{shown[1]['id']}")
            self.assertEqual(oldest.link, f"{self.url(self.a1)}#comment-{shown[0]['id']}")
            self.assertEqual(newest.title, "Comment by Anna Reader")
            self.assertEqual(newest.author, "Anna Reader")
            self.assertIn("Second thought", newest.summary)
            self.assertIn("First &lt;thought&gt; &amp; more", oldest.summary)
            self.assertTrue(all("moderate" not in e.summary for e in parsed.entries))
            self.assertGreaterEqual(newest.published_parsed, oldest.published_parsed)
        empty = self.feed(f"/news/{self.a2['id']}/comments/feed.xml")
        self.assertEqual(empty.entries, [])

    def test_summary_feeds_leave_the_full_text_out(self):
        site = Site('[feeds]\ncontent = "summary"\nitems = 2\n')
        self.addCleanup(site.close)
        site.db = self.site.db  # the same articles, another configuration
        server = site.serve()
        self.addCleanup(server.stop)
        for path in ("/feed.xml", "/atom.xml"):
            parsed = feedparser.parse(server.get(path).body)
            self.assertEqual(parsed.bozo, 0)
            self.assertEqual(len(parsed.entries), 2)
            self.assertEqual(parsed.entries[0].title, self.a3["fields"]["headline"])
            self.assertEqual(parsed.entries[0].summary, self.a3["fields"]["lead"])
            self.assertEqual(parsed.entries[1].summary, "Fares rise by 5 percent.")
            for entry in parsed.entries:
                self.assertNotIn("content", entry)

    def test_feeds_answer_conditional_requests(self):
        r = self.server.get("/feed.xml")
        self.assertTrue(r.header("etag"))
        self.assertTrue(r.header("last-modified").endswith(" GMT"))
        again = self.server.get("/feed.xml", headers={"If-None-Match": r.header("etag")})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")

    def xml(self, path):
        r = self.fetch(path, "application/xml; charset=utf-8")
        return etree.fromstring(r.body)

    def test_sitemap_index_pages_and_articles(self):
        index = self.xml("/sitemap.xml")
        self.assertEqual(index.tag, f"{{{SM}}}sitemapindex")
        locs = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
        self.assertEqual(locs[0], self.base + "/sitemaps/pages.xml")
        article_maps = locs[1:]
        published = self.all_published()
        self.assertEqual(len(article_maps), len({(a["id"] - 1) // 2 for a in published}))
        seen = {}
        for loc in article_maps:
            self.assertTrue(re.fullmatch(re.escape(self.base) + r"/sitemaps/articles-[1-9][0-9]*\.xml", loc), loc)
            urlset = self.xml(urlsplit(loc).path)
            self.assertEqual(urlset.tag, f"{{{SM}}}urlset")
            urls = urlset.findall("sm:url", NS)
            self.assertTrue(1 <= len(urls) <= 2, f"{loc} lists {len(urls)} URLs; the page size is 2")
            for url in urls:
                lastmod = instant(url.findtext("sm:lastmod", namespaces=NS))
                seen[url.findtext("sm:loc", namespaces=NS)] = lastmod
        self.assertEqual(set(seen), {self.url(a) for a in published})
        for article in published:
            self.assertEqual(seen[self.url(article)], max(instant(article["published_at"]), instant(article["updated_at"])))
        self.assertEqual(self.server.get("/sitemaps/articles-9999.xml").status, 404)
        self.assertEqual(self.server.get("/sitemaps/other.xml").status, 404)

        pages = self.xml("/sitemaps/pages.xml")
        listed = [loc.text for loc in pages.findall("sm:url/sm:loc", NS)]
        tags = json.loads(self.server.get("/api/v1/tags?limit=100").text)["tags"]
        authors = json.loads(self.server.get("/api/v1/authors?limit=100").text)["authors"]
        sections = json.loads(self.server.get("/api/v1/sections").text)["sections"]
        expected = ([self.base + "/", self.base + "/latest"] + [self.base + "/section/" + s["slug"] for s in sections]
                    + [self.base + "/tag/" + t["slug"] for t in tags]
                    + [self.base + "/author/" + a["slug"] for a in authors])
        self.assertEqual(sorted(listed), sorted(expected))
        for loc in listed:
            self.assertEqual(self.server.get(urlsplit(loc).path).status, 200, loc)

    def test_news_sitemap_holds_the_last_48_hours(self):
        root = self.xml("/sitemap-news.xml")
        self.assertEqual(root.tag, f"{{{SM}}}urlset")
        self.assertEqual(root.nsmap.get("news"), NEWS)
        urls = root.findall("sm:url", NS)
        self.assertEqual([u.findtext("sm:loc", namespaces=NS) for u in urls], [self.url(a) for a in self.ours])
        now = datetime.now(timezone.utc)
        for url, article in zip(urls, self.ours):
            news = url.find("news:news", NS)
            self.assertEqual(news.findtext("news:publication/news:name", namespaces=NS), "The Halden Gazette")
            self.assertEqual(news.findtext("news:publication/news:language", namespaces=NS), "en")
            self.assertEqual(news.findtext("news:title", namespaces=NS), article["fields"]["headline"])
            when = instant(news.findtext("news:publication_date", namespaces=NS))
            self.assertEqual(when, instant(article["published_at"]))
            self.assertLess(now - when, timedelta(hours=48))

    def test_robots_names_the_sitemaps_and_keeps_crawlers_out_of_private_pages(self):
        r = self.fetch("/robots.txt", "text/plain; charset=utf-8")
        lines = r.text.splitlines()
        self.assertEqual(lines[0], "User-agent: *")
        for path in ("/admin", "/account", "/api/v1/admin", "/moderation", "/search"):
            self.assertIn(f"Disallow: {path}", lines)
        self.assertIn(f"Sitemap: {self.base}/sitemap.xml", lines)
        self.assertIn(f"Sitemap: {self.base}/sitemap-news.xml", lines)
        self.assertNotIn("Disallow: /", lines)

    # The HTML pages

    def head(self, path):
        r = self.server.get(path)
        self.assertEqual(r.status, 200, path)
        page = Page(r.text)
        alternates = [(a["type"], a["href"]) for a, _ in page.find_all("link", rel="alternate")]
        meta = {}
        for a, _ in page.find_all("meta"):
            key = a.get("property") or a.get("name")
            if key:
                meta.setdefault(key, []).append(a.get("content"))
        documents = [json.loads(text) for text in self.scripts(r.text)]
        canonical = [a["href"] for a, _ in page.find_all("link", rel="canonical")]
        return alternates, meta, documents, canonical, r.text

    def scripts(self, html):
        """The text of each <script type="application/ld+json">, exactly as sent."""
        return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)

    def site_feeds(self):
        return [("application/rss+xml", self.base + "/feed.xml"), ("application/atom+xml", self.base + "/atom.xml")]

    def test_pages_advertise_their_feeds(self):
        for path in ("/", "/latest", "/account/signin"):
            alternates, *_ = self.head(path)
            self.assertEqual(alternates, self.site_feeds(), path)
        for page in ("/section/world", "/author/anna-reyes"):
            alternates, *_ = self.head(page)
            self.assertEqual(alternates, self.site_feeds() + [("application/rss+xml", self.base + page + "/feed.xml"),
                                                              ("application/atom+xml", self.base + page + "/atom.xml")])
            for _, href in alternates:
                self.assertEqual(self.server.get(urlsplit(href).path).status, 200, href)
        alternates, *_ = self.head(urlsplit(self.url(self.a1)).path)
        comments = f"{self.base}/news/{self.a1['id']}/comments"
        self.assertEqual(alternates, self.site_feeds() + [("application/rss+xml", comments + "/feed.xml"),
                                                          ("application/atom+xml", comments + "/atom.xml")])

    def test_article_pages_carry_json_ld_opengraph_and_twitter_tags(self):
        path = urlsplit(self.url(self.a1)).path
        alternates, meta, documents, canonical, html = self.head(path)
        # The headline's </script> cannot end the element early: exactly two
        # JSON-LD scripts, each whole JSON, and no other script without a src.
        self.assertEqual(len(documents), 2)
        self.assertEqual(len(re.findall(r"<script(?![^>]*\bsrc=)", html)), 2)
        self.assertNotIn("<script>alert", html)
        article, crumbs = documents
        self.assertEqual(article["@context"], "https://schema.org")
        self.assertEqual(article["@type"], "NewsArticle")
        self.assertEqual(article["headline"], SCRIPT_HEADLINE)
        self.assertEqual(article["description"], self.a1["fields"]["lead"])
        self.assertEqual(instant(article["datePublished"]), instant(self.a1["published_at"]))
        self.assertEqual(instant(article["dateModified"]), instant(self.a1["updated_at"]))
        self.assertEqual(article["author"], [{"@type": "Person", "name": "Anna Reyes", "url": self.base + "/author/anna-reyes"}])
        self.assertEqual(article["publisher"]["@type"], "Organization")
        self.assertEqual(article["publisher"]["name"], "The Halden Gazette")
        logo = article["publisher"]["logo"]["url"]
        self.assertTrue(logo.startswith(self.base + "/assets/icon."), logo)
        self.assertEqual(self.server.get(urlsplit(logo).path).status, 200)
        self.assertEqual(article["mainEntityOfPage"]["@id"], self.url(self.a1))
        self.assertEqual(article["url"], self.url(self.a1))
        self.assertEqual(article["articleSection"], "World")
        self.assertEqual(article["keywords"], "Transport, Harbour")
        self.assertEqual(article["inLanguage"], "en")
        self.assertEqual(crumbs["@type"], "BreadcrumbList")
        self.assertEqual([(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]],
                         [(1, "The Halden Gazette", self.base + "/"), (2, "World", self.base + "/section/world"),
                          (3, SCRIPT_HEADLINE, self.url(self.a1))])
        self.assertEqual(canonical, [self.url(self.a1)])
        self.assertEqual(meta["og:type"], ["article"])
        self.assertEqual(meta["og:title"], [SCRIPT_HEADLINE])
        self.assertEqual(meta["og:description"], [self.a1["fields"]["lead"]])
        self.assertEqual(meta["og:url"], [self.url(self.a1)])
        self.assertEqual(meta["og:site_name"], ["The Halden Gazette"])
        self.assertEqual(meta["og:locale"], ["en_US"])
        self.assertEqual(instant(meta["article:published_time"][0]), instant(self.a1["published_at"]))
        self.assertEqual(instant(meta["article:modified_time"][0]), instant(self.a1["updated_at"]))
        self.assertEqual(meta["article:section"], ["World"])
        self.assertEqual(meta["article:tag"], ["Transport", "Harbour"])
        self.assertEqual(meta["twitter:card"], ["summary"])
        self.assertEqual(meta["twitter:title"], [SCRIPT_HEADLINE])
        self.assertEqual(meta["twitter:description"], [self.a1["fields"]["lead"]])

    def test_russian_article_metadata(self):
        _, meta, documents, _, _ = self.head(urlsplit(self.url(self.a3)).path)
        self.assertEqual(documents[0]["headline"], "Путин встретится с Уиткоффом")
        self.assertEqual(documents[0]["keywords"], "Дипломатия")
        self.assertEqual(meta["og:title"], ["Путин встретится с Уиткоффом"])

    def test_listing_and_front_pages_carry_their_metadata(self):
        for page, name in (("/section/world", "World"), ("/author/anna-reyes", "Anna Reyes"), ("/latest", "Latest news")):
            _, meta, documents, canonical, _ = self.head(page)
            self.assertEqual(canonical, [self.base + page])
            self.assertEqual(meta["og:type"], ["website"])
            self.assertEqual(meta["og:url"], [self.base + page])
            self.assertEqual(meta["twitter:card"], ["summary"])
            self.assertEqual(len(documents), 1)
            self.assertEqual(documents[0]["@type"], "CollectionPage")
            self.assertEqual(documents[0]["name"], name)
            crumbs = documents[0]["breadcrumb"]
            self.assertEqual(crumbs["@type"], "BreadcrumbList")
            self.assertEqual([i["item"] for i in crumbs["itemListElement"]], [self.base + "/", self.base + page])
        _, meta, documents, canonical, _ = self.head("/")
        self.assertEqual(canonical, [self.base + "/"])
        self.assertEqual([d["@type"] for d in documents], ["WebSite", "Organization"])
        self.assertEqual(documents[0]["name"], "The Halden Gazette")
        self.assertEqual(documents[0]["url"], self.base + "/")
        self.assertEqual(meta["og:type"], ["website"])


if __name__ == "__main__":
    unittest.main()
