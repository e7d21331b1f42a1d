"""`gazette import-text` end to end: pages in the seed's plain-text layout,
imported into a real SQLite file and read back over HTTP."""

import re
import sqlite3
import unittest

from harness import FIXTURES, SHARED_SEED, E2ETest, Page

SEED_TIMES = ["19:29", "18:32", "16:18", "13:27", "03:53"]


def article_count(site):
    path = site.db[len("sqlite:"):]
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


class ImportAndRead(E2ETest):
    """Imports a page and checks what a reader sees on the front page and the article page."""

    def check_page(self, path, times, rubric_at, rubric):
        site = self.make_site()
        result = site.gazette("import-text", str(path))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("imported article", result.stdout)
        server = self.start(site)

        text = path.read_text(encoding="utf-8").splitlines()
        headline, body_lines = text[0], []
        for line in text[1:]:
            if line in ("Read next",) or line.startswith("Source:"):
                break
            body_lines.append(line)

        # The front page leads with the imported article.
        front = server.get("/")
        self.assertEqual(front.status, 200)
        top = Page(front.text).find_all("article", class_="top-story")
        self.assertTrue(top, "the front page has a top story")
        self.assertIn(headline, front.text.replace("&#39;", "'"))
        link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', front.text).group(1)

        article = server.get(link)
        self.assertEqual(article.status, 200)
        self.assertEqual(article.header("content-type"), "text/html; charset=utf-8")
        page = Page(article.text)
        self.assertEqual(page.text_of("h1"), headline)
        body_text = page.text_of("div", class_="story-body")
        for line in body_lines:
            self.assertIn(" ".join(line.split()), body_text)

        # "Read next": the briefs, newest first: time, then rubric, then text.
        aside = article.text[article.text.index('<aside class="read-next"'):article.text.index("</aside>")]
        items = re.findall(r'<li class="item[^"]*">(.*?)</li>', aside)
        self.assertEqual(len(items), len(times))
        for item, time in zip(items, times):
            label = re.search(r"<time datetime=\"([^\"]+)\">([^<]+)</time>", item)
            self.assertTrue(label.group(2).endswith(time), f"{label.group(2)} shows {time}")
            self.assertRegex(label.group(1), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
        for i, item in enumerate(items):
            has_rubric = 'class="rubric"' in item
            self.assertEqual(has_rubric, i == rubric_at, f"item {i} rubric")
            if has_rubric:
                self.assertIn(f">{rubric}</a>", item)
                self.assertLess(item.index("</time>"), item.index('class="rubric"'))
                self.assertLess(item.index('class="rubric"'), item.index('class="headline"'))

        # The comment block with its prompts.
        comments = page.text_of("section", class_="comments")
        self.assertIn("What is your opinion on this topic?", comments)
        self.assertIn("Leave the first comment", comments)
        return site, server

    @unittest.skipUnless(SHARED_SEED.exists(), "the shared seed page is not beside this clone")
    def test_seed_page(self):
        self.check_page(SHARED_SEED, SEED_TIMES, rubric_at=3, rubric="Russia")

    def test_own_page_in_seed_layout(self):
        # Three of this page's entries carry a rubric.
        site = self.make_site()
        result = site.gazette("import-text", str(FIXTURES / "pages" / "harbour_tram.txt"))
        self.assertEqual(result.returncode, 0, result.stderr)
        server = self.start(site)
        front = server.get("/")
        link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', front.text).group(1)
        article = server.get(link)
        aside = article.text[article.text.index('<aside class="read-next"'):article.text.index("</aside>")]
        items = re.findall(r'<li class="item[^"]*">(.*?)</li>', aside)
        times = [re.search(r"<time[^>]*>([^<]+)</time>", i).group(1)[-5:] for i in items]
        self.assertEqual(times, ["21:05", "17:40", "12:30", "09:15", "07:50"])
        rubrics = [re.search(r'class="rubric"[^>]*>([^<]+)<', i) for i in items]
        self.assertEqual([r.group(1) if r else None for r in rubrics], [None, "Weather", None, "Culture", "Sport"])
        # The source line is the article's attribution, with its link.
        self.assertIn('<a href="https://example.org/halden-courier/tram-extension" rel="nofollow noopener">Halden Courier</a>',
                      article.text)
        self.assertNotIn("Source: Halden", Page(article.text).text_of("div", class_="story-body"))
        # Rubrics became sections in the navigation.
        for name in ("Weather", "Culture", "Sport"):
            self.assertIn(f">{name}</a>", front.text)


class ImportRules(E2ETest):
    def test_reimport_adds_nothing(self):
        site = self.make_site()
        page = FIXTURES / "pages" / "harbour_tram.txt"
        self.assertEqual(site.gazette("import-text", str(page)).returncode, 0)
        before = article_count(site)
        again = site.gazette("import-text", str(page))
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("already present", again.stdout)
        self.assertEqual(article_count(site), before)

    def test_date_places_the_times_on_that_day(self):
        site = self.make_site()
        result = site.gazette("import-text", "--date", "2025-03-13", str(FIXTURES / "pages" / "harbour_tram.txt"))
        self.assertEqual(result.returncode, 0, result.stderr)
        path = site.db[len("sqlite:"):]
        with sqlite3.connect(path) as db:
            rows = db.execute(
                "SELECT strftime('%Y-%m-%d %H:%M', published_at, 'unixepoch') FROM articles ORDER BY published_at").fetchall()
        self.assertEqual([r[0] for r in rows], ["2025-03-13 07:50", "2025-03-13 09:15", "2025-03-13 12:30",
                                                "2025-03-13 17:40", "2025-03-13 21:05", "2025-03-13 23:59"])

    def test_bad_date_is_a_usage_error(self):
        site = self.make_site()
        result = site.gazette("import-text", "--date", "2025-02-30", str(FIXTURES / "pages" / "harbour_tram.txt"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("--date", result.stderr)

    def test_malformed_file_names_file_and_line_and_stores_nothing(self):
        site = self.make_site()
        self.assertEqual(site.gazette("import-text", str(FIXTURES / "pages" / "harbour_tram.txt")).returncode, 0)
        before = article_count(site)
        bad = site.path / "broken.txt"
        # Line 5 could be a rubric and line 6 its text; line 7 has no time before it.
        bad.write_text("A headline\nA body line.\nRead next\n10:00\nA fine brief.\nThis line has no time before it.\n"
                       "And neither does this one.\n", encoding="utf-8")
        result = site.gazette("import-text", str(bad))
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{bad}:7:", result.stderr)
        self.assertEqual(article_count(site), before, "a failed import leaves the data as it was")

    def test_invalid_time_and_utf8(self):
        site = self.make_site()
        cases = {
            "time.txt": ("Headline\nBody.\nRead next\n25:61\nText.\n".encode(), ":4:"),
            "binary.txt": (b"Headline\nBody \xff\xfe.\n", ":2:"),
            "empty.txt": (b"\n\n", ":1:"),
            "orphan.txt": ("Headline\nRead next\nNo time here.\n".encode(), ":3:"),
        }
        for name, (data, where) in cases.items():
            with self.subTest(name):
                path = site.path / name
                path.write_bytes(data)
                result = site.gazette("import-text", str(path))
                self.assertEqual(result.returncode, 1)
                self.assertIn(f"{path}{where}", result.stderr)
        self.assertEqual(article_count(site), 0)

    def test_missing_file(self):
        site = self.make_site()
        result = site.gazette("import-text", str(site.path / "nope.txt"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("nope.txt", result.stderr)

    def test_one_bad_file_does_not_stop_the_others(self):
        site = self.make_site()
        bad = site.path / "bad.txt"
        bad.write_text("Headline\nRead next\nno time\n", encoding="utf-8")
        result = site.gazette("import-text", str(bad), str(FIXTURES / "pages" / "harbour_tram.txt"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("harbour_tram.txt: imported article", result.stdout)
        self.assertEqual(article_count(site), 6)

    def test_russian_page_with_russian_markers(self):
        site = self.make_site('[site]\nlanguage = "ru"\ntime_zone = "Europe/Moscow"\n')
        result = site.gazette("import-text", str(FIXTURES / "pages" / "verinsk_ru.txt"))
        self.assertEqual(result.returncode, 0, result.stderr)
        server = self.start(site)
        front = server.get("/")
        link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', front.text).group(1)
        self.assertRegex(link, r"^/news/\d+-v-verinske-otkrylsya-novyy-peshekhodnyy-most")
        article = server.get(link)
        self.assertIn("Читайте также", article.text)
        self.assertIn("Оставьте первый комментарий", article.text)
        self.assertIn(">Веринские ведомости</a>", article.text)


if __name__ == "__main__":
    unittest.main()
