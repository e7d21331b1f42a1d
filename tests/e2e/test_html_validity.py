"""Every kind of page Gazette serves is valid HTML, by the W3C Nu HTML Checker.

Three sites: the English demo, the Russian demo (Russian interface, Moscow
time), and a site with one imported page. From each the test fetches one page
of every kind (front page, article, brief, section, tag, author, the latest
news pages, the 404 and 400 pages; and the community and newsroom pages as
each role sees them), saves them into a temporary folder and runs
the checker once over all of them, because the checker is slow to start.

The checker is a Java program from the npm package vnu-jar in
tests/node_modules; `make test` installs it and Java. Without them this test
fails rather than skips, so that a missing tool cannot pass for a clean run.
"""

import json
import re
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path
from urllib.parse import urlsplit

from harness import FIXTURES, Browser, E2ETest, Page, free_port
from test_admin import FormFields, Staff, add_staff
from test_webhooks import Receiver

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
RUSSIAN = '[site]\nlanguage = "ru"\ntime_zone = "Europe/Moscow"\n'


def items_of(html):
    """The (class list, first headline link) of each <li class="item ..."> in a feed."""
    out = []
    for classes, inner in re.findall(r'<li class="(item(?: [^"]*)?)">(.*?)</li>', html, re.S):
        link = re.search(r'<a class="headline" href="([^"]+)"', inner)
        if link:
            out.append((classes.split(), link.group(1)))
    return out


def path_of(href):
    """A link's path and query, for links the site writes relative or absolute."""
    parts = urlsplit(href)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class HtmlValidity(E2ETest):
    def setUp(self):
        self.folder = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="gazette-vnu-")))
        self.pages = {}  # file name -> "site: URL path", for the report

    def save(self, server, label, path, status=200):
        response = server.get(path)
        self.assertEqual(response.status, status, f"{label}: GET {path}")
        self.assertTrue(response.header("content-type").startswith("text/html"),
                        f"{label}: GET {path} is {response.header('content-type')!r}")
        name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") + ".html"
        (self.folder / name).write_bytes(response.body)
        self.pages[name] = f"{label} (GET {path})"
        return response.text

    def collect_demo(self, lang, config=None):
        site = self.make_site(config)
        result = site.gazette("demo")
        self.assertEqual(result.returncode, 0, result.stderr)
        server = self.start(site)

        self.save(server, f"{lang} front page", "/")
        latest = self.save(server, f"{lang} latest page 1", "/latest")
        items = items_of(latest)
        self.assertTrue(items, f"{lang}: /latest lists news")

        briefs = [href for classes, href in items if "brief" in classes]
        self.assertTrue(briefs, f"{lang}: /latest has a brief (li class=\"item brief\")")
        brief = self.save(server, f"{lang} brief", path_of(briefs[0]))
        self.assertIsNone(Page(brief).text_of("div", class_="story-body"), f"{lang}: a brief has no body")

        # An article with a body; the first that has tags and an author gives those pages too.
        articles = [href for classes, href in items if "brief" not in classes]
        self.assertTrue(articles, f"{lang}: /latest has an article with a body")
        saved_article = tag = author = None
        for href in articles:
            html = server.get(path_of(href)).text
            page = Page(html)
            if page.text_of("div", class_="story-body") is None:
                continue
            if saved_article is None:
                saved_article = self.save(server, f"{lang} article", path_of(href))
            tags = page.find_all("a", rel="tag")
            authors = page.find_all("a", rel="author")
            tag = tag or (tags[0][0]["href"] if tags else None)
            author = author or (authors[0][0]["href"] if authors else None)
            if tag and author:
                break
        self.assertIsNotNone(saved_article, f"{lang}: an article page has a story body")
        self.assertIsNotNone(tag, f"{lang}: an article links a tag (rel=\"tag\")")
        self.assertIsNotNone(author, f"{lang}: an article links its author (rel=\"author\")")
        self.save(server, f"{lang} tag page", path_of(tag))
        self.save(server, f"{lang} author page", path_of(author))

        links = [path_of(a.get("href", "")) for a, _ in Page(latest).find_all("a")]
        sections = [href for href in links if href.startswith("/section/")]
        self.assertTrue(sections, f"{lang}: the navigation links a section")
        self.save(server, f"{lang} section page", sections[0])

        nexts = [a["href"] for a, _ in Page(latest).find_all("a", rel="next")]
        self.save(server, f"{lang} latest page 2", path_of(nexts[0]) if nexts else "/latest?page=2")
        self.save(server, f"{lang} 404 page", "/no/such/page", status=404)
        self.save(server, f"{lang} 400 page", "/latest?page=x", status=400)

        # Search: the empty form, results with highlighted words, nothing found, a refused range.
        self.save(server, f"{lang} search page", "/search")
        word = "harbour" if lang == "en" else "%D0%BF%D0%BE%D1%80%D1%82%D0%B0"  # "порта"
        found = self.save(server, f"{lang} search results", f"/search?q={word}&from=2000-01-01")
        self.assertIn("<mark>", found, f"{lang}: search results mark the words found")
        self.save(server, f"{lang} search nothing found", "/search?q=zzqqxx")
        self.save(server, f"{lang} search refused", "/search?q=a&from=2025-02-30", status=400)

        # Live updates: a breaking article puts the breaking strip on the front page.
        made = site.gazette("token", "create", "--role", "editor", "Validity desk")
        self.assertEqual(made.returncode, 0, made.stderr)
        auth = {"Authorization": f"Bearer {made.stdout.strip().splitlines()[-1]}", "Content-Type": "application/json"}
        created = server.request("POST", "/api/v1/admin/articles", json.dumps({"headline": "Breaking: <dam> & valley",
                                                                                "breaking": True}), auth)
        self.assertEqual(created.status, 201, created.text)
        article = json.loads(created.text)
        published = server.request("POST", f"/api/v1/admin/articles/{article['id']}/publish",
                                   json.dumps({"version": article["version"]}), auth)
        self.assertEqual(published.status, 200, published.text)
        front = self.save(server, f"{lang} front page with breaking news", "/")
        self.assertIn('class="breaking-strip"', front)

    def save_response(self, label, response, status=200):
        self.assertEqual(response.status, status, label)
        name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") + ".html"
        (self.folder / name).write_bytes(response.body)
        self.pages[name] = label
        return response.text

    def collect_community(self, lang, config=""):
        """Pages of accounts, comments and moderation: personal ones fetched as their visitor."""
        site = self.make_site(config + '\n[comments]\nsuspect_words = ["idiot"]\nreports_to_hide = 1\n')
        self.assertEqual(site.gazette("demo").returncode, 0)
        added = site.gazette("user", "add", "--role", "moderator", "mod@example.org")
        password = re.search(r"^password: (\S+)$", added.stdout, re.M).group(1)
        server = self.start(site)
        link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', server.get("/").text).group(1)
        article = int(re.search(r"/news/(\d+)", link).group(1))
        reader, other, mod = Browser(server), Browser(server), Browser(server)
        self.save_response(f"{lang} sign-up page", reader.get("/account/signup?next=/"))
        self.save_response(f"{lang} sign-in page", reader.get("/account/signin"))
        refused = reader.post_form("/account/signup", {"display_name": "A", "email": "bad", "password": "x"},
                                   reader.get("/account/signup"))
        self.save_response(f"{lang} sign-up refused", refused, status=400)
        reader.sign_up("Rita Reader", "rita@example.org")
        other.sign_up("Otto Other", "otto@example.org")
        mod.sign_in("mod@example.org", password)

        def post(who, body, parent=None):
            payload = {"body": body, "parent_id": parent} if parent else {"body": body}
            return who.api("POST", f"/api/v1/articles/{article}/comments", payload).json["comment"]["id"]

        first = post(reader, "First, with a [link](https://example.org) and *emphasis*\n\n> a quote\n\n- one\n- two")
        reply = post(other, "A reply", first)
        post(reader, "A deeper reply", reply)
        gone = post(other, "To be deleted")
        post(reader, "Reply under a deleted comment", gone)
        other.api("DELETE", f"/api/v1/comments/{gone}")
        post(other, "What an idiot")  # held
        reported = post(other, "Reported one")
        reader.api("POST", f"/api/v1/comments/{reported}/report", {"reason": "spam", "text": "ads"})
        mod.post_form(f"/moderation/comments/{first}/feature", {"return": "/moderation"}, mod.get("/moderation"))

        self.save(server, f"{lang} article with comments", link)
        self.save(server, f"{lang} article comments page sorted", link + "?sort=newest")
        self.save_response(f"{lang} account page", reader.get("/account"))
        self.save_response(f"{lang} compose page", reader.get(f"/news/{article}/comment"))
        self.save_response(f"{lang} reply page", reader.get(f"/news/{article}/comment?reply_to={reply}"))
        self.save_response(f"{lang} comment actions, own", reader.get(f"/comments/{first}"))
        self.save_response(f"{lang} comment actions, others", other.get(f"/comments/{first}"))
        self.save_response(f"{lang} comment actions, anonymous", server.get(f"/comments/{first}"))
        thanks = other.post_form(f"/comments/{first}/report", {"reason": "other"}, other.get(f"/comments/{first}"))
        self.save_response(f"{lang} report notice", thanks)
        self.save_response(f"{lang} moderation queue", mod.get("/moderation"))
        self.save_response(f"{lang} moderation reported", mod.get("/moderation/reported"))
        self.save_response(f"{lang} moderate a comment", mod.get(f"/moderation/comments/{first}"))
        self.save_response(f"{lang} moderation log", mod.get("/moderation/log"))
        self.save_response(f"{lang} moderation forbidden", reader.get("/moderation"), status=403)

    def collect_newsroom(self, lang, config=None):
        """The newsroom's pages (/admin), as each role sees them, with refusals and messages."""
        # One attempt per delivery, so that the webhook log soon shows a failed one.
        site = self.make_site((config or "") + "\n[webhooks]\nmax_attempts = 1\n")
        self.assertEqual(site.gazette("demo").returncode, 0)
        passwords = {role: add_staff(site, role, f"{role}@example.org", f"{role.title()} Person")
                     for role in ("editor", "author", "admin", "moderator")}
        server = self.start(site)
        anonymous = Staff(server)
        self.save_response(f"{lang} newsroom sign-in", anonymous.get("/admin/signin"))
        wrong = anonymous.sign_in_admin("editor@example.org", "not the password")
        self.save_response(f"{lang} newsroom sign-in refused", wrong, status=400)
        staff = {}
        for role, password in passwords.items():
            staff[role] = Staff(server)
            self.assertEqual(staff[role].sign_in_admin(f"{role}@example.org", password).status, 303)
        editor, author, admin = staff["editor"], staff["author"], staff["admin"]
        reader = Browser(server)
        reader.sign_up("Rita Reader", "rita@example.org")
        self.save_response(f"{lang} newsroom reader refused", reader.get("/admin"), status=403)
        self.save_response(f"{lang} newsroom moderator", staff["moderator"].get("/admin"))

        # Webhooks (admins): one to a receiver, one to a port where nothing listens.
        self.save_response(f"{lang} newsroom no webhooks", admin.get("/admin/webhooks"))
        receiver = Receiver()
        self.addCleanup(receiver.close)
        for url in (receiver.url, f"http://127.0.0.1:{free_port()}/nobody"):
            page = admin.get("/admin/webhooks")
            fields = FormFields(page.text, "new-form").fields
            fields.update({"url": url, "description": "Search index", "event_article.published": "on",
                           "event_article.updated": "on"})
            added = admin.post_form("/admin/webhooks", fields, page)
            self.assertEqual(added.status, 200)
        self.save_response(f"{lang} newsroom webhook added", added)
        page = admin.get("/admin/webhooks")
        refused = admin.post_form("/admin/webhooks", {"url": "ftp://example.org", "description": "x"}, page)
        self.save_response(f"{lang} newsroom webhook refused", refused, status=400)

        self.save_response(f"{lang} newsroom article list", editor.get("/admin"))
        self.save_response(f"{lang} newsroom list filtered", editor.get("/admin?state=draft&q=nothing+like+this"))
        self.save_response(f"{lang} newsroom new article", author.get("/admin/articles/new"))
        aid = author.create("Harbour tram approved", "The council **approved** it.\n\n- one\n- two",
                            tags="Transport, Harbour", source_name="City Hall", source_url="https://example.org/x")
        self.save_response(f"{lang} newsroom author's draft", author.get(f"/admin/articles/{aid}"))
        self.assertEqual(author.act(aid, "submit").status, 303)
        self.save_response(f"{lang} newsroom editor reviews", editor.get(f"/admin/articles/{aid}"))
        bad = editor.act(aid, "save", source_url="javascript:alert(1)", slug="Not A Slug")
        self.save_response(f"{lang} newsroom field error", bad, status=400)
        page, fields = editor.editor(aid)
        editor.act(aid, "save", lead="A lead")
        fields.update(body="Typed over an old version", step="save")
        conflict = editor.post_form(f"/admin/articles/{aid}", fields, page)
        self.save_response(f"{lang} newsroom conflict", conflict, status=409)
        fields.update(step="preview", version=editor.editor(aid)[1]["version"])
        self.save_response(f"{lang} newsroom preview without script", editor.post_form(f"/admin/articles/{aid}", fields, page))
        self.assertEqual(editor.act(aid, "publish").status, 303)
        self.assertEqual(author.act(aid, "save", body="An author's change, waiting").status, 303)
        self.save_response(f"{lang} newsroom author's pending edit", author.get(f"/admin/articles/{aid}"))
        self.save_response(f"{lang} newsroom editor sees a pending edit", editor.get(f"/admin/articles/{aid}"))
        scheduled = editor.create("Regatta in the summer")
        editor.act(scheduled, "schedule", publish_at="2099-07-01T12:00")
        self.save_response(f"{lang} newsroom scheduled", editor.get(f"/admin/articles/{scheduled}"))
        revisions = editor.get(f"/admin/articles/{aid}/revisions")
        self.save_response(f"{lang} newsroom revisions", revisions)
        first = re.findall(rf'href="(/admin/articles/{aid}/revisions/\d+)"', revisions.text)
        self.save_response(f"{lang} newsroom revision diff", editor.get(first[0]))
        self.save_response(f"{lang} newsroom first revision", editor.get(first[-1]))
        self.save_response(f"{lang} newsroom sections", editor.get("/admin/sections"))
        refused = editor.post_form("/admin/sections", {"name": "", "slug": "x"}, editor.get("/admin/sections"))
        self.save_response(f"{lang} newsroom section refused", refused, status=400)
        self.save_response(f"{lang} newsroom tags", editor.get("/admin/tags"))
        self.save_response(f"{lang} newsroom audit", editor.get("/admin/audit"))
        self.save_response(f"{lang} newsroom staff", admin.get("/admin/staff"))
        added = admin.post_form("/admin/staff", {"email": "new@example.org", "name": "", "role": "author"},
                                admin.get("/admin/staff"))
        self.save_response(f"{lang} newsroom staff added", added)
        self.save_response(f"{lang} newsroom settings", admin.get("/admin/settings"))
        self.save_response(f"{lang} newsroom tokens", admin.get("/admin/tokens"))
        made = admin.post_form("/admin/tokens", {"name": "Importer", "role": "editor"}, admin.get("/admin/tokens"))
        self.save_response(f"{lang} newsroom token made", made)
        # The webhooks got the article published above: a delivered and a failed delivery.
        listed = admin.get("/admin/webhooks")
        hooks = [int(n) for n in re.findall(r'<li class="webhook" id="webhook-(\d+)">', listed.text)]
        self.assertEqual(len(hooks), 2)
        self.save_response(f"{lang} newsroom webhooks", listed)
        for hook, state in zip(hooks, ("delivered", "failed")):
            deadline = time.monotonic() + 20
            while f'class="delivery-{state}"' not in admin.get(f"/admin/webhooks/{hook}").text:
                self.assertLess(time.monotonic(), deadline, f"{lang}: webhook {hook} has no {state} delivery")
                time.sleep(0.2)
            self.save_response(f"{lang} newsroom webhook log {state}", admin.get(f"/admin/webhooks/{hook}"))
        fields = FormFields(listed.text, f"edit-{hooks[0]}-form").fields
        fields.update(url="https://", description="x" * 201)
        bad = admin.post_form(f"/admin/webhooks/{hooks[0]}/update", fields, listed)
        self.save_response(f"{lang} newsroom webhook change refused", bad, status=400)
        unconfirmed = admin.post_form(f"/admin/webhooks/{hooks[1]}/remove", {}, listed)
        self.save_response(f"{lang} newsroom webhook removal unconfirmed", unconfirmed, status=400)
        rotated = admin.post_form(f"/admin/webhooks/{hooks[1]}/rotate", {}, listed)
        self.save_response(f"{lang} newsroom webhook rotated", rotated)
        self.save_response(f"{lang} newsroom forbidden page", editor.get("/admin/settings"), status=403)

    def collect_import(self):
        site = self.make_site()
        result = site.gazette("import-text", str(FIXTURES / "pages" / "harbour_tram.txt"))
        self.assertEqual(result.returncode, 0, result.stderr)
        server = self.start(site)
        front = self.save(server, "imported front page", "/")
        link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', front)
        self.assertIsNotNone(link, "the imported site's front page has a top story")
        self.save(server, "imported article", path_of(link.group(1)))

    def run_checker(self, files):
        if shutil.which("java") is None:
            self.fail("`java` is not on PATH: the Nu HTML Checker needs it "
                      "(`make test` installs it through scripts/install-deps test)")
        if not VNU_JAR.is_file():
            self.fail(f"the Nu HTML Checker is missing at {VNU_JAR} "
                      "(`make test` installs it: scripts/install-deps test runs npm ci in tests/)")
        command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, files)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        try:
            report = json.loads(result.stdout)
        except json.JSONDecodeError:
            self.fail(f"the checker exited with {result.returncode} and no JSON report:\n"
                      f"{result.stdout}\n{result.stderr}")
        self.assertIn(result.returncode, (0, 1), result.stderr)
        return report["messages"]

    def test_every_kind_of_page_is_valid_html(self):
        self.collect_demo("en")
        self.collect_demo("ru", RUSSIAN)
        self.collect_import()
        self.collect_community("en")
        self.collect_community("ru", RUSSIAN)
        self.collect_newsroom("en")
        self.collect_newsroom("ru", RUSSIAN)

        files = sorted(self.folder.glob("*.html"))
        self.assertEqual(len(files), len(self.pages))
        messages = self.run_checker(files)

        errors = {}
        for m in messages:
            if m.get("type") == "info":
                continue
            name = Path(urlsplit(m.get("url", "")).path).name
            where = f"line {m['lastLine']}" if "lastLine" in m else "document"
            if "firstColumn" in m or "lastColumn" in m:
                where += f", col {m.get('firstColumn', m.get('lastColumn'))}"
            extract = f"\n      near: {m['extract']!r}" if m.get("extract") else ""
            errors.setdefault(name, []).append(f"  {where}: {m.get('type')}: {m.get('message')}{extract}")
        unknown = set(errors) - set(self.pages)
        self.assertFalse(unknown, f"the checker reported on files it was not given: {sorted(unknown)} {errors}")

        if errors:
            kept = Path(tempfile.mkdtemp(prefix="gazette-vnu-failed-"))
            for name in errors:
                shutil.copy(self.folder / name, kept / name)
            report = [f"{self.pages[name]}, kept as {kept / name}:\n" + "\n".join(errors[name]) for name in sorted(errors)]
            self.fail(f"{sum(map(len, errors.values()))} HTML errors in {len(errors)} of {len(files)} pages:\n"
                      + "\n".join(report))


if __name__ == "__main__":
    unittest.main()
