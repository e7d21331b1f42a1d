"""Site search and "Read next" end to end, against `gazette serve` and a real
SQLite file, on a fixed corpus made in the test (through the admin API and
`gazette import-text`): stemmed Russian and English words find the right
article first, ё and е are one letter, phrases in quotes, filters by section
and date, paging, the index following publishing, edits and unpublishing at
once, the JSON of search as you type, hostile queries, `gazette reindex`,
and "Read next" blending related articles with the latest news."""

import json
import re
import unittest
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from harness import E2ETest, Page

MOSCOW = timezone(timedelta(hours=3))
CONFIG = '[site]\ntime_zone = "Europe/Moscow"\n'

# Each story: headline, lead, body, section, tags. The decoys mention the
# word the query looks for, but only in their bodies, so the story whose
# headline holds it must come first.
CORPUS = {
    "vybory": ("Выборы мэра Тихоборска назначены на сентябрь", "Горсовет утвердил дату голосования.",
               "Кандидаты должны подать документы до конца июня.", "politics", ["Тихоборск"]),
    "vybory_decoy": ("Горсовет обсудил ремонт дорог", "Депутаты спорили три часа.",
                     "О выборах на заседании почти не говорили, зато много говорили об асфальте.", "politics", []),
    "election": ("Harbour master election draws four candidates", "The vote is in May.",
                 "Each candidate will speak at the town hall.", "politics", ["Harbour"]),
    "election_decoy": ("Ferry timetable changes for the summer", "More crossings.",
                       "The operator announced the change before anyone was elected to the board.", "economy", []),
    "yolka": ("Ёлку на Соборной площади установят к пятнице", "Главную ель города привезли ночью.",
              "Украшать её будут всю следующую неделю.", "culture", []),
    "red_tide": ("Red tide closes the northern beaches", "Swimming is banned until further notice.",
                 "Algae turned the water brown.", "science", []),
    "tide_red": ("The tide turned red near the old pier", "Fishermen reported it at dawn.",
                 "Samples were sent to the laboratory.", "science", []),
}


def token_for(site, role):
    made = site.gazette("token", "create", "--role", role, f"search tests {role}")
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


class Newsroom:
    """Writes articles through the admin API."""

    def __init__(self, server, token):
        self.server = server
        self.token = token

    def call(self, method, path, body=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        r = self.server.request(method, path, body=data, headers=headers)
        r.json = json.loads(r.body) if r.body else None
        return r

    def publish(self, headline, lead="", body="", section=None, tags=()):
        fields = {"headline": headline, "lead": lead, "body": body, "tags": list(tags)}
        if section:
            fields["section"] = section
        made = self.call("POST", "/api/v1/admin/articles", fields)
        assert made.status == 201, made.text
        published = self.call("POST", f"/api/v1/admin/articles/{made.json['id']}/publish")
        assert published.status == 200, published.text
        return published.json

    def unpublish(self, article_id):
        r = self.call("POST", f"/api/v1/admin/articles/{article_id}/unpublish")
        assert r.status == 200, r.text

    def edit(self, article, **fields):
        r = self.call("PUT", f"/api/v1/admin/articles/{article['id']}", dict(fields, version=article["version"]))
        assert r.status == 200, r.text
        return r.json


def result_links(html):
    """The article addresses of a results page, best first."""
    return re.findall(r'<li class="hit">\s*<h2><a href="([^"]+)"', html)


class SearchTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site(CONFIG)
        # An article of an earlier day, from a text page.
        page = cls.site.path / "march.txt"
        page.write_text("Lighthouse keepers vote to strike over pay\n"
                        "The keepers of the northern lighthouses voted on Wednesday to stop work for two days.\n"
                        "What is your opinion on this topic?\n", encoding="utf-8")
        imported = cls.site.gazette("import-text", "--date", "2025-03-12", str(page))
        assert imported.returncode == 0, imported.stderr
        cls.server = cls.start(cls.site)
        cls.newsroom = Newsroom(cls.server, token_for(cls.site, "editor"))
        for section in ("politics", "economy", "culture", "science"):
            r = cls.newsroom.call("POST", "/api/v1/admin/sections", {"name": section.title(), "slug": section})
            assert r.status in (200, 201), r.text
        cls.articles = {key: cls.newsroom.publish(h, lead, body, section, tags)
                        for key, (h, lead, body, section, tags) in CORPUS.items()}

    def search(self, query, status=200, **params):
        path = "/search?q=" + quote(query) + "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
        r = self.server.get(path)
        self.assertEqual(r.status, status, f"GET {path}: {r.text[:300]}")
        return r.text

    def path_of(self, key):
        return re.sub(r"^https?://[^/]+", "", self.articles[key]["url"])

    def test_01_stemmed_russian_finds_the_headline_first(self):
        links = result_links(self.search("выборов"))
        self.assertEqual(links[:2], [self.path_of("vybory"), self.path_of("vybory_decoy")])
        self.assertEqual(result_links(self.search("ВЫБОРАХ мэра"))[:1], [self.path_of("vybory")])

    def test_02_stemmed_english_finds_the_headline_first(self):
        links = result_links(self.search("elected"))
        self.assertEqual(links[:2], [self.path_of("election"), self.path_of("election_decoy")])
        self.assertEqual(result_links(self.search("candidate elections"))[:1], [self.path_of("election")])

    def test_03_yo_and_ye_are_one_letter_and_matches_are_marked(self):
        html = self.search("елка")
        self.assertEqual(result_links(html), [self.path_of("yolka")])
        self.assertIn("<mark>Ёлку</mark>", html)
        self.assertEqual(result_links(self.search("ЁЛКИ")), [self.path_of("yolka")])

    def test_04_a_phrase_in_quotes_matches_as_written(self):
        self.assertEqual(result_links(self.search('"red tide"')), [self.path_of("red_tide")])
        self.assertEqual(sorted(result_links(self.search("red tide"))),
                         sorted([self.path_of("red_tide"), self.path_of("tide_red")]))

    def test_05_the_section_filter(self):
        self.assertEqual(result_links(self.search("elected", section="politics")), [self.path_of("election")])
        self.assertEqual(result_links(self.search("elected", section="economy")), [self.path_of("election_decoy")])
        html = self.search("elected", status=400, section="no-such-section")
        self.assertIn("There is no such section", html)

    def test_06_the_date_range_in_the_sites_time_zone(self):
        self.assertEqual(len(result_links(self.search("lighthouse", **{"from": "2025-03-12", "to": "2025-03-12"}))), 1)
        self.assertEqual(result_links(self.search("lighthouse", **{"from": "2025-03-13"})), [])
        self.assertEqual(result_links(self.search("lighthouse", to="2025-03-11")), [])
        today = datetime.now(MOSCOW).date().isoformat()
        self.assertEqual(result_links(self.search("выборы", **{"from": today})), [self.path_of("vybory"), self.path_of("vybory_decoy")])
        self.assertIn("is not a date", self.search("lighthouse", status=400, **{"from": "2025-02-30"}))
        self.assertIn("is before", self.search("lighthouse", status=400, **{"from": "2025-03-13", "to": "2025-03-12"}))

    def test_07_paging_and_the_count(self):
        for i in range(23):
            self.newsroom.publish(f"Regatta heat {i} results", "Boats raced in the bay.")
        first = self.search("regatta")
        self.assertEqual(len(result_links(first)), 20)
        self.assertIn("23 articles found", first)
        nxt = re.search(r'<a href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
        second = self.server.get(nxt)
        self.assertEqual(second.status, 200)
        self.assertEqual(len(result_links(second.text)), 3)
        self.assertFalse(set(result_links(first)) & set(result_links(second.text)))
        self.assertEqual(self.server.get("/search?q=regatta&page=3").status, 404)
        self.search("regatta", status=400, page="x")

    def test_08_unpublished_articles_disappear_at_once(self):
        article = self.newsroom.publish("Zeppelin lands in the market square", "Crowds gathered.")
        self.assertEqual(result_links(self.search("zeppelin")), [re.sub(r"^https?://[^/]+", "", article["url"])])
        self.newsroom.unpublish(article["id"])
        self.assertEqual(result_links(self.search("zeppelin")), [])
        self.assertIn("Nothing was found", self.search("zeppelin"))

    def test_09_an_edited_headline_is_found_at_once(self):
        article = self.newsroom.publish("Quarry blasting schedule announced", "Residents are warned.")
        edited = self.newsroom.edit(article, headline="Gravel pit blasting schedule announced")
        path = re.sub(r"^https?://[^/]+", "", edited["url"])
        self.assertEqual(result_links(self.search("gravel")), [path])
        self.assertEqual(result_links(self.search("quarry")), [])

    def test_10_json_for_search_as_you_type(self):
        r = self.server.get("/api/v1/search?q=" + quote("выбо"))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "application/json")
        answer = json.loads(r.body)
        self.assertEqual(answer["articles"][0]["id"], self.articles["vybory"]["id"])
        self.assertEqual(set(answer["articles"][0]), {"id", "url", "headline", "headline_html", "published_at",
                                                      "section", "snippet"})
        self.assertIn("<mark>Выборы</mark>", answer["articles"][0]["headline_html"])
        self.assertEqual(answer["articles"][0]["section"]["slug"], "politics")
        # The unfinished last word matches as a prefix, whole words by their stems.
        self.assertEqual(json.loads(self.server.get("/api/v1/search?q=harbour%20mas").body)["articles"][0]["id"],
                         self.articles["election"]["id"])
        self.assertEqual(json.loads(self.server.get("/api/v1/search?q=harb&limit=1").body)["total"], 1)
        limited = json.loads(self.server.get("/api/v1/search?q=tide&limit=1").body)
        self.assertEqual((len(limited["articles"]), limited["total"]), (1, 2))
        self.assertEqual(self.server.get("/api/v1/search?q=tide&limit=0").status, 422)

    def test_11_hostile_queries_never_fail(self):
        for q in ['"unbalanced', "AND", "OR NOT", "*", "NEAR(", "NEAR(a b, 2)", "a:b", "title:x", "(((", "-x",
                  "^x", "'", '""', "\\", "%", "_", "--", "; DROP TABLE articles;", "<script>alert(1)</script>",
                  "x" * 300, "ё" * 300, "\u200b", "🚋 трамвай"]:
            r = self.server.get("/search?q=" + quote(q))
            self.assertEqual(r.status, 200, q)
            self.assertNotIn("<script>alert", r.text)
            r = self.server.get("/api/v1/search?q=" + quote(q))
            self.assertEqual(r.status, 200, q)
        for q in ["x" * 301, "%FF%FE"]:
            r = self.server.get("/search?q=" + (q if q.startswith("%") else quote(q)))
            self.assertEqual(r.status, 400, q)
            self.assertEqual(self.server.get("/api/v1/search?q=" + (q if q.startswith("%") else quote(q))).status, 422)

    def test_12_results_pages_are_not_for_search_engines_and_the_masthead_searches(self):
        html = self.search("tide")
        self.assertIn('<meta name="robots" content="noindex">', html)
        front = Page(self.server.get("/").text)
        forms = [attrs for attrs, _ in front.find_all("form") if attrs.get("action") == "/search"]
        self.assertEqual(len(forms), 1)
        self.assertEqual(forms[0].get("method"), "get")
        self.assertIn('<label class="visually-hidden" for="masthead-q">', self.server.get("/").text)
        self.assertIn("Type a few words", self.search(""))

    def test_13_reindex_rebuilds_the_index(self):
        result = self.site.gazette("reindex")
        self.assertEqual(result.returncode, 0, result.stderr)
        count = int(re.search(r"(\d+) articles? indexed", result.stdout).group(1))
        self.assertGreaterEqual(count, len(CORPUS) + 1)
        self.assertEqual(result_links(self.search("выборов"))[:1], [self.path_of("vybory")])


class ReadNextTest(E2ETest):
    """An article sharing a tag with the one shown appears in its "Read next"
    even when five newer unrelated articles exist, unless the mode is "latest"."""

    def read_next(self, mode):
        site = self.make_site(CONFIG + f'[read_next]\nmode = "{mode}"\n')
        server = self.start(site)
        newsroom = Newsroom(server, token_for(site, "editor"))
        related = newsroom.publish("Lighthouse lamp replaced after forty years", "A new lamp.", tags=["Lighthouses"])
        shown = newsroom.publish("Lighthouse opens to visitors", "Tours start on Monday.", "The keepers guide.",
                                 tags=["Lighthouses"])
        for i in range(5):
            newsroom.publish(f"Unrelated story number {i}", "Nothing to do with it.")
        html = server.get(re.sub(r"^https?://[^/]+", "", shown["url"])).text
        aside = html[html.index('<aside class="read-next"'):]
        aside = aside[:aside.index("</aside>")]
        return aside, related

    def test_blend_offers_the_related_article(self):
        aside, related = self.read_next("blend")
        self.assertIn(related["headline"], aside)
        self.assertEqual(aside.count('class="headline"'), 5)
        self.assertNotIn("Lighthouse opens to visitors", aside)
        self.assertNotIn("Unrelated story number 0", aside)  # the oldest of the latest gave up its place

    def test_latest_offers_only_the_latest(self):
        aside, related = self.read_next("latest")
        self.assertNotIn(related["headline"], aside)
        self.assertEqual(aside.count("Unrelated story number"), 5)


if __name__ == "__main__":
    unittest.main()
