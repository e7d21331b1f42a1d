"""The JSON APIs end to end, against `gazette serve` and a real SQLite file:
the public content API (filters, paging, caching), the admin API with
bearer tokens (every endpoint, the refusals 400, 401, 403, 404, 409, 422),
the editorial workflow from an author's draft to the reader's feed, the
scheduler, and the OpenAPI document: every answer is validated against the
schema it documents, and every operation it lists is exercised."""

import json
import re
import sqlite3
import time
import unittest
from datetime import datetime, timedelta, timezone

import jsonschema

from harness import ROOT, Browser, E2ETest

DOC = json.loads((ROOT / "src" / "api" / "openapi.json").read_text(encoding="utf-8"))
MOSCOW = timezone(timedelta(hours=3))
PUBLIC_CACHE = "public, max-age=60, s-maxage=60, stale-while-revalidate=30"
COVERED = set()  # (method, path template) of every documented operation a test called


def operation_for(method, path):
    """The documented path template for a request path: literal segments beat parameters."""
    parts = path.split("?")[0].split("/")
    best = None
    for template, ops in DOC["paths"].items():
        if method.lower() not in ops:
            continue
        segments = template.split("/")
        if len(segments) != len(parts):
            continue
        literal = 0
        for want, got in zip(segments, parts):
            if want.startswith("{"):
                if not got:
                    break
            elif want != got:
                break
            else:
                literal += 1
        else:
            if best is None or literal > best[0]:
                best = (literal, template)
    return best[1] if best else None


def resolve(node):
    while "$ref" in node:
        name = node["$ref"].split("/")
        node = DOC[name[1]][name[2]][name[3]]
    return node


def validate(schema, instance):
    wrapped = dict(schema)
    wrapped["components"] = DOC["components"]
    validator = jsonschema.Draft202012Validator(wrapped, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(instance)


class Api:
    """Talks JSON to the server; checks each answer against the OpenAPI document."""

    def __init__(self, server, test=None):
        self.server = server
        self.test = test

    def call(self, method, path, body=None, token=None, raw=None, headers=None, documented=True):
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        data = raw
        if body is not None:
            data = json.dumps(body)
            sent["Content-Type"] = "application/json"
        r = self.server.request(method, path, body=data, headers=sent)
        r.json = json.loads(r.body) if r.body and r.header("content-type") == "application/json" else None
        if documented:
            self.check(method, path, body, r)
        else:  # an address outside the document: still a JSON error
            validate({"$ref": "#/components/schemas/Error"}, r.json)
        return r

    def check(self, method, path, body, r):
        template = operation_for(method, path)
        assert template, f"{method} {path} is not in openapi.json"
        COVERED.add((method.lower(), template))
        op = DOC["paths"][template][method.lower()]
        documented = op["responses"].get(str(r.status))
        assert documented is not None, f"{method} {path} answered {r.status}, which openapi.json does not list: {r.text}"
        documented = resolve(documented)
        if "content" in documented:
            assert r.header("content-type") == "application/json", (method, path, r.status)
            validate(documented["content"]["application/json"]["schema"], r.json)
        else:
            assert r.body == b"", (method, path, r.status)
        if 200 <= r.status < 300 and body is not None and "requestBody" in op:
            validate(op["requestBody"]["content"]["application/json"]["schema"], body)

    def get(self, path, token=None, headers=None):
        return self.call("GET", path, token=token, headers=headers)

    def post(self, path, body=None, token=None, documented=True):
        return self.call("POST", path, body=body, token=token, documented=documented)

    def put(self, path, body, token=None):
        return self.call("PUT", path, body=body, token=token)


def make_token(site, role, name):
    made = site.gazette("token", "create", "--role", role, name)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    token_id = int(re.search(r"Token (\d+)", made.stdout).group(1))
    return token, token_id


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class ApiTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site('[site]\ntime_zone = "Europe/Moscow"\n'
                                 '[comments]\nreader_burst = 1000\nip_burst = 1000\nrepeat_window = 0\n')
        assert cls.site.gazette("demo").returncode == 0
        cls.admin, _ = make_token(cls.site, "admin", "Admin bot")
        cls.editor, _ = make_token(cls.site, "editor", "Desk bot")
        cls.author, _ = make_token(cls.site, "author", "Al Author")
        cls.other_author, _ = make_token(cls.site, "author", "Olga Other")
        cls.moderator, _ = make_token(cls.site, "moderator", "Mo Bot")
        cls.revoked, revoked_id = make_token(cls.site, "editor", "Old bot")
        assert cls.site.gazette("token", "revoke", str(revoked_id)).returncode == 0
        added = cls.site.gazette("user", "add", "--role", "editor", "--name", "Eve Editor", "eve@example.org")
        assert added.returncode == 0, added.stderr
        db = sqlite3.connect(cls.site.db[len("sqlite:"):])
        cls.staff_id = db.execute("SELECT id FROM accounts WHERE email = 'eve@example.org'").fetchone()[0]
        db.close()
        cls.server = cls.start(cls.site)
        cls.api = Api(cls.server)
        # One published article with everything filled in, for the filters.
        made = cls.api.post("/api/v1/admin/articles", {
            "headline": "Harbour cranes replaced", "lead": "Two new cranes.", "body": "The **port** grows.",
            "section": "economy", "tags": ["Harbour", "Transport"], "authors": ["Anna Petrova"],
            "source": {"name": "Port office", "url": "https://port.example.org/news"}}, token=cls.editor)
        assert made.status == 201, made.text
        published = cls.api.post(f"/api/v1/admin/articles/{made.json['id']}/publish", token=cls.editor)
        assert published.status == 200, published.text
        cls.harbour = published.json

    # Helpers

    def create(self, token, **fields):
        fields.setdefault("headline", "A headline")
        r = self.api.post("/api/v1/admin/articles", fields, token=token)
        self.assertEqual(r.status, 201, r.text)
        return r.json

    def admin_article(self, article_id, token=None):
        r = self.api.get(f"/api/v1/admin/articles/{article_id}", token=token or self.editor)
        self.assertEqual(r.status, 200, r.text)
        return r.json

    def assertError(self, r, status, field=None, words=None):
        self.assertEqual(r.status, status, r.text)
        self.assertEqual(r.json["error"]["field"], field, r.text)
        if words:
            self.assertIn(words, r.json["error"]["message"])

    def public(self, path):
        return self.api.get(path)

    # The content API

    def test_01_articles_are_published_ones_newest_first_in_the_full_shape(self):
        r = self.public("/api/v1/articles")
        self.assertEqual(r.status, 200)
        self.assertEqual((r.json["limit"], r.json["offset"]), (20, 0))
        self.assertEqual(len(r.json["articles"]), 20)
        self.assertGreater(r.json["total"], 20)
        times = [instant(a["published_at"]) for a in r.json["articles"]]
        self.assertEqual(times, sorted(times, reverse=True))
        self.assertTrue(all(a["status"] == "published" for a in r.json["articles"]))
        first = r.json["articles"][0]
        self.assertEqual(first["id"], self.harbour["id"])
        self.assertEqual(first["body"], "The **port** grows.")
        self.assertEqual(first["tags"], ["Harbour", "Transport"])
        self.assertEqual(first["source"], {"name": "Port office", "url": "https://port.example.org/news"})
        self.assertTrue(first["url"].endswith(f"/news/{first['id']}-harbour-cranes-replaced"))
        self.assertTrue(first["published_at"].endswith("+03:00"))  # the site's time zone
        # The same object as the single article.
        single = self.public(f"/api/v1/articles/{first['id']}")
        self.assertEqual(single.json, first)
        # Paging.
        ten = self.public("/api/v1/articles?limit=10").json["articles"]
        page = self.public("/api/v1/articles?limit=5&offset=5").json
        self.assertEqual([a["id"] for a in page["articles"]], [a["id"] for a in ten[5:10]])
        self.assertEqual(page["total"], r.json["total"])
        beyond = self.public(f"/api/v1/articles?offset={r.json['total']}").json
        self.assertEqual((beyond["articles"], beyond["total"]), ([], r.json["total"]))

    def test_02_filters_by_section_tag_author_and_time(self):
        economy = self.public("/api/v1/articles?section=economy&limit=100").json
        self.assertGreater(economy["total"], 0)
        self.assertTrue(all(a["section"] == "economy" for a in economy["articles"]))
        self.assertIn(self.harbour["id"], [a["id"] for a in economy["articles"]])
        harbour = self.public("/api/v1/articles?tag=harbour").json
        self.assertEqual([a["id"] for a in harbour["articles"]], [self.harbour["id"]])
        by_author = self.public("/api/v1/articles?author=anna-petrova&section=economy&tag=transport").json
        self.assertEqual([a["id"] for a in by_author["articles"]], [self.harbour["id"]])
        # Time: `from` inclusive, `to` exclusive; dates are days in the site's zone.
        at = self.harbour["published_at"]
        quoted = at.replace("+", "%2B")
        self.assertIn(self.harbour["id"], [a["id"] for a in self.public(f"/api/v1/articles?from={quoted}").json["articles"]])
        self.assertNotIn(self.harbour["id"], [a["id"] for a in self.public(f"/api/v1/articles?to={quoted}&limit=100").json["articles"]])
        day = at[:10]
        next_day = (datetime.fromisoformat(day) + timedelta(days=1)).strftime("%Y-%m-%d")
        that_day = self.public(f"/api/v1/articles?from={day}&to={next_day}&limit=100").json
        self.assertIn(self.harbour["id"], [a["id"] for a in that_day["articles"]])
        self.assertTrue(all(a["published_at"].startswith(day) for a in that_day["articles"]))
        utc = instant(at).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.assertEqual(self.public(f"/api/v1/articles?from={utc}&tag=harbour").json["total"], 1)

    def test_03_unknown_filters_are_404_and_bad_parameters_422(self):
        for query, field in [("section=nowhere", "section"), ("tag=nothing", "tag"), ("author=nobody", "author")]:
            r = self.public(f"/api/v1/articles?{query}")
            self.assertError(r, 404, field)
            self.assertEqual(r.header("access-control-allow-origin"), "*")
        for query, field in [("limit=0", "limit"), ("limit=101", "limit"), ("limit=many", "limit"), ("offset=-1", "offset"),
                             ("from=yesterday", "from"), ("to=2026-02-30", "to"), ("from=2026-11-25T10:00", "from"),
                             ("from=2026-11-26&to=2026-11-25", "to")]:
            self.assertError(self.public(f"/api/v1/articles?{query}"), 422, field)
        self.assertError(self.public("/api/v1/tags?limit=1000"), 422, "limit")
        self.assertError(self.public("/api/v1/authors?offset=x"), 422, "offset")
        self.assertError(self.public("/api/v1/latest?limit=0"), 422, "limit")

    def test_04_single_articles_by_id_or_slug_never_drafts(self):
        by_slug = self.public(f"/api/v1/articles/{self.harbour['slug']}")
        self.assertEqual(by_slug.status, 200)
        self.assertEqual(by_slug.json["id"], self.harbour["id"])
        draft = self.create(self.editor, headline="Unannounced merger talks", tags=["Secret deal"])
        self.assertError(self.public(f"/api/v1/articles/{draft['id']}"), 404)
        self.assertError(self.public(f"/api/v1/articles/{draft['slug']}"), 404)
        self.assertError(self.public("/api/v1/articles/999999"), 404)
        self.assertError(self.public("/api/v1/articles/no-such-story"), 404)
        # A draft's tag stays unknown to the public.
        tags = self.public("/api/v1/tags?limit=100").json
        names = [t["name"] for t in tags["tags"]]
        self.assertIn("Harbour", names)
        self.assertNotIn("Secret deal", names)
        self.assertEqual(tags["total"], len(names))

    def test_05_sections_tags_authors_latest(self):
        sections = self.public("/api/v1/sections").json["sections"]
        self.assertIn("economy", [s["slug"] for s in sections])
        self.assertEqual([s["position"] for s in sections], sorted(s["position"] for s in sections))
        self.assertTrue(all(s["url"].endswith("/section/" + s["slug"]) for s in sections))
        first_two = self.public("/api/v1/tags?limit=2").json
        rest = self.public("/api/v1/tags?limit=100&offset=2").json
        self.assertEqual(len(first_two["tags"]), 2)
        self.assertEqual(first_two["total"], 2 + len(rest["tags"]))
        names = [t["name"] for t in first_two["tags"] + rest["tags"]]
        self.assertEqual(names, sorted(names))
        authors = self.public("/api/v1/authors").json
        self.assertIn({"slug": "anna-petrova", "name": "Anna Petrova"},
                      [{"slug": a["slug"], "name": a["name"]} for a in authors["authors"]])
        latest = self.public("/api/v1/latest?limit=3").json["articles"]
        self.assertEqual(len(latest), 3)
        self.assertEqual(latest[0]["id"], self.harbour["id"])
        self.assertEqual([a["id"] for a in latest], [a["id"] for a in self.public("/api/v1/articles?limit=3").json["articles"]])

    def test_06_content_answers_are_cacheable_and_revalidate(self):
        for path in ["/api/v1/articles", f"/api/v1/articles/{self.harbour['id']}", "/api/v1/sections", "/api/v1/tags",
                     "/api/v1/authors", "/api/v1/latest", "/api/v1/openapi.json"]:
            r = self.public(path)
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.header("cache-control"), PUBLIC_CACHE, path)
            self.assertEqual(r.header("access-control-allow-origin"), "*", path)
            etag = r.header("etag")
            self.assertRegex(etag, r'^"[0-9a-f]{32}"$')
            again = self.api.get(path, headers={"If-None-Match": etag})
            self.assertEqual(again.status, 304, path)
            self.assertEqual(again.body, b"")
            self.assertEqual(again.header("etag"), etag)
            self.assertEqual(again.header("cache-control"), PUBLIC_CACHE)
            self.assertEqual(self.api.get(path, headers={"If-None-Match": '"stale", W/' + etag}).status, 304)
            self.assertEqual(self.api.get(path, headers={"If-None-Match": '"something-else"'}).status, 200)
        # A change makes a new tag.
        before = self.public("/api/v1/sections").header("etag")
        made = self.api.post("/api/v1/admin/sections", {"name": "Weather"}, token=self.editor)
        self.assertEqual(made.status, 201, made.text)
        after = self.api.get("/api/v1/sections", headers={"If-None-Match": before})
        self.assertEqual(after.status, 200)
        self.assertIn("weather", [s["slug"] for s in after.json["sections"]])

    def test_07_the_openapi_document_is_served_as_is(self):
        r = self.public("/api/v1/openapi.json")
        self.assertEqual(r.header("content-type"), "application/json")
        self.assertEqual(r.json, DOC)
        self.assertTrue(DOC["openapi"].startswith("3.1"))
        for name, schema in DOC["components"]["schemas"].items():
            jsonschema.Draft202012Validator.check_schema(schema)

    def test_08_search_finds_published_articles_as_you_type(self):
        r = self.public("/api/v1/search?q=harbour%20cra&limit=5")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["articles"][0]["id"], self.harbour["id"])
        self.assertIn("<mark>Harbour</mark>", r.json["articles"][0]["headline_html"])
        self.assertEqual(r.json["articles"][0]["section"]["slug"], "economy")
        self.assertEqual(self.public("/api/v1/search?q=").json, {"articles": [], "total": 0})
        self.assertError(self.public("/api/v1/search?q=x&limit=500"), 422, "limit")
        self.assertError(self.public("/api/v1/search?q=x&from=2025-13-01"), 422, "from")

    # The admin API: tokens

    def test_10_missing_unknown_and_revoked_tokens_are_401(self):
        cases = [None, "gzt_" + "x" * 43, self.revoked]
        for token in cases:
            r = self.api.get("/api/v1/admin/articles", token=token)
            self.assertError(r, 401)
            self.assertEqual(r.json["error"]["code"], "unauthorized")
            self.assertTrue(r.header("www-authenticate").startswith("Bearer"), token)
        basic = self.api.get("/api/v1/admin/articles", headers={"Authorization": "Basic YWRtaW46YWRtaW4="})
        self.assertError(basic, 401)
        self.assertIn("Bearer", basic.json["error"]["message"])
        # Writes too, before their body is even looked at.
        self.assertError(self.api.post("/api/v1/admin/articles", {"headline": "No token"}), 401)
        self.assertError(self.api.call("PUT", f"/api/v1/admin/articles/{self.harbour['id']}", raw="not json"), 401)
        ok = self.api.get("/api/v1/admin/articles", token=self.editor)
        self.assertEqual(ok.status, 200)
        self.assertEqual(ok.header("cache-control"), "no-store")
        self.assertEqual(ok.header("access-control-allow-origin"), "")

    def test_11_roles_govern_what_a_token_may_do(self):
        self.assertError(self.api.get("/api/v1/admin/articles", token=self.moderator), 403)
        self.assertError(self.api.post("/api/v1/admin/articles", {"headline": "Mod writes"}, token=self.moderator), 403)
        self.assertError(self.api.post("/api/v1/admin/sections", {"name": "Authors' corner"}, token=self.author), 403)
        self.assertError(self.api.get("/api/v1/admin/comments", token=self.author), 403)
        self.assertError(self.api.post(f"/api/v1/admin/articles/{self.harbour['id']}/unpublish", token=self.author), 403)

    # Articles

    def test_20_create_needs_only_a_headline(self):
        r = self.api.post("/api/v1/admin/articles", {"headline": "Night trams return"}, token=self.author)
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(r.header("location"), f"/api/v1/admin/articles/{r.json['id']}")
        a = r.json
        self.assertEqual((a["status"], a["version"], a["published_at"], a["pending"]), ("draft", 1, None, None))
        self.assertEqual((a["section"], a["tags"], a["authors"], a["comment_policy"]), (None, [], [], None))
        self.assertTrue(a["url"].endswith(f"/news/{a['id']}-night-trams-return"))  # the address it will have
        self.assertEqual(self.admin_article(a["id"], self.author), a)
        full = self.create(self.author, headline="Full draft", lead="Lead", body="# Title\n\nText", section="economy",
                           tags=["Trams"], authors=["Al Author", "Olga Other"], breaking=True,
                           seo_title="SEO", seo_description="Description", slug="full-draft-custom")
        self.assertEqual((full["section"], full["tags"], full["authors"]), ("economy", ["Trams"], ["Al Author", "Olga Other"]))
        self.assertTrue(full["breaking"])
        self.assertEqual((full["slug"], full["seo_title"], full["body"]), ("full-draft-custom", "SEO", "# Title\n\nText"))

    def test_21_bad_creates_are_refused_and_store_nothing(self):
        total = lambda: self.api.get("/api/v1/admin/articles", token=self.editor).json["total"]  # noqa: E731
        before = total()
        cases = [({"lead": "No headline"}, "headline"), ({"headline": "   "}, "headline"),
                 ({"headline": "x" * 301}, "headline"), ({"headline": "Bad section", "section": "nowhere"}, "section"),
                 ({"headline": "Status", "status": "published"}, "status"), ({"headline": "Versioned", "version": 3}, "version"),
                 ({"headline": "Colour", "colour": "red"}, "colour"), ({"headline": 42}, "headline"),
                 ({"headline": "Tags", "tags": "one, two"}, "tags"), ({"headline": "Bad link", "source": {"name": "X", "url": "ftp://x"}}, "source.url"),
                 ({"headline": "Policy", "comment_policy": "sometimes"}, "comment_policy")]
        for body, field in cases:
            self.assertError(self.api.post("/api/v1/admin/articles", body, token=self.author), 422, field)
        # An author may not choose a comment policy; the article is not created either.
        self.assertError(self.api.post("/api/v1/admin/articles", {"headline": "Closed", "comment_policy": "closed"},
                                       token=self.author), 403)
        for raw in ['{"headline": ', '["headline"]', "headline=x", ""]:
            r = self.api.call("POST", "/api/v1/admin/articles", raw=raw, token=self.author)
            self.assertError(r, 400, "body")
            self.assertEqual(r.json["error"]["code"], "bad_request")
        self.assertEqual(total(), before)

    def test_22_put_edits_with_the_version_and_keeps_what_is_absent(self):
        a = self.create(self.author, headline="Bridge works", lead="Old lead", body="Old body", tags=["Roads"])
        path = f"/api/v1/admin/articles/{a['id']}"
        r = self.api.put(path, {"version": 1, "lead": "New lead", "section": "economy"}, token=self.author)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual((r.json["lead"], r.json["body"], r.json["section"], r.json["tags"], r.json["version"]),
                         ("New lead", "Old body", "economy", ["Roads"], 2))
        # The whole object sent back with its read-only fields unchanged.
        whole = dict(r.json, headline="Bridge works resume", tags=["Roads", "Bridges"])
        r = self.api.put(path, whole, token=self.author)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual((r.json["headline"], r.json["tags"], r.json["version"]), ("Bridge works resume", ["Roads", "Bridges"], 3))
        # The version is required; a stale one is refused and changes nothing.
        self.assertError(self.api.put(path, {"headline": "No version"}, token=self.author), 422, "version")
        self.assertError(self.api.put(path, {"version": "3", "headline": "String version"}, token=self.author), 422, "version")
        stale = self.api.put(path, {"version": 2, "headline": "Overwrite"}, token=self.author)
        self.assertError(stale, 409, "version", "version 3")
        self.assertEqual(self.admin_article(a["id"])["headline"], "Bridge works resume")
        # A changed read-only field names itself and the action to use.
        current = self.admin_article(a["id"])
        for field, value, hint in [("status", "published", "/publish"), ("published_at", "2026-01-01T00:00:00Z", "/schedule"),
                                   ("id", 1, "id"), ("url", "https://elsewhere.example/x", "slug"),
                                   ("comment_count", 9, "comments"), ("pending", {"headline": "x"}, "discard_pending")]:
            self.assertError(self.api.put(path, dict(current, **{field: value}), token=self.author), 422, field, hint)
        # Other refusals: a section that does not exist, a type, an unknown field, bad JSON.
        self.assertError(self.api.put(path, {"version": 3, "section": "nowhere"}, token=self.author), 422, "section",
                         "POST /api/v1/admin/sections")
        self.assertError(self.api.put(path, {"version": 3, "breaking": "yes"}, token=self.author), 422, "breaking")
        self.assertError(self.api.put(path, {"version": 3, "colour": "red"}, token=self.author), 422, "colour")
        self.assertError(self.api.call("PUT", path, raw='{"version": 3,', token=self.author), 400, "body")
        self.assertError(self.api.put("/api/v1/admin/articles/999999", {"version": 1}, token=self.editor), 404)
        self.assertError(self.api.put("/api/v1/admin/articles/abc", {"version": 1}, token=self.editor), 404)
        after = self.admin_article(a["id"])
        self.assertEqual((after["version"], after["headline"], after["section"]), (3, "Bridge works resume", "economy"))

    def test_23_comment_policy_and_corrections(self):
        a = self.create(self.author, headline="Policy piece")
        path = f"/api/v1/admin/articles/{a['id']}"
        self.assertError(self.api.put(path, {"version": 1, "lead": "x", "comment_policy": "closed"}, token=self.author), 403)
        unchanged = self.admin_article(a["id"])
        self.assertEqual((unchanged["version"], unchanged["lead"], unchanged["comment_policy"]), (1, "", None))
        # Sending the current policy back is no change, so an author may.
        self.assertEqual(self.api.put(path, {"version": 1, "comment_policy": None}, token=self.author).status, 200)
        r = self.api.put(path, {"version": 2, "comment_policy": "premoderated"}, token=self.editor)
        self.assertEqual(r.json["comment_policy"], "premoderated")
        r = self.api.put(path, {"version": 3, "comment_policy": None}, token=self.editor)
        self.assertIsNone(r.json["comment_policy"])
        # A correction of a published article, by an editor only.
        published = self.api.post(f"{path}/publish", token=self.editor).json
        self.assertIsNone(published["correction"])
        refused = self.api.put(path, {"version": published["version"], "lead": "Fixed", "correction_note": "Fixed the date."},
                               token=self.author)
        self.assertError(refused, 422, "correction_note", "editor")
        current = self.admin_article(a["id"])
        self.assertEqual((current["version"], current["pending"], current["lead"]), (published["version"], None, ""))
        r = self.api.put(path, {"version": current["version"], "lead": "Fixed lead", "correction_note": "We fixed the lead."},
                         token=self.editor)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["correction"]["note"], "We fixed the lead.")
        self.assertEqual(self.public(f"/api/v1/articles/{a['id']}").json["correction"]["note"], "We fixed the lead.")
        draft = self.create(self.editor, headline="Nothing to correct")
        self.assertError(self.api.put(f"/api/v1/admin/articles/{draft['id']}", {"version": 1, "correction_note": "x"},
                                      token=self.editor), 422, "correction_note")

    def test_24_an_authors_token_on_someone_elses_article_is_403(self):
        theirs = self.create(self.other_author, headline="Olga's exclusive")
        path = f"/api/v1/admin/articles/{theirs['id']}"
        self.assertError(self.api.get(path, token=self.author), 403)
        self.assertError(self.api.put(path, {"version": 1, "headline": "Mine now"}, token=self.author), 403)
        self.assertError(self.api.put(path, {"headline": "No version either"}, token=self.author), 403)
        self.assertError(self.api.post(f"{path}/schedule", {"at": "soon"}, token=self.author), 403)
        for step in ["submit", "discard_pending"]:
            self.assertError(self.api.post(f"{path}/{step}", token=self.author), 403)
        self.assertError(self.api.get(f"/api/v1/admin/articles/{self.harbour['id']}", token=self.author), 403)
        self.assertEqual(self.admin_article(theirs["id"], self.other_author)["headline"], "Olga's exclusive")
        # Lists show authors their own articles only.
        mine = self.api.get("/api/v1/admin/articles?limit=100", token=self.author).json
        self.assertTrue(mine["articles"])
        self.assertNotIn(theirs["id"], [a["id"] for a in mine["articles"]])
        self.assertEqual(mine["total"], len(mine["articles"]))

    def test_25_the_admin_list_filters_and_pages(self):
        self.create(self.editor, headline="Zebra crossing repainted", section="economy")
        found = self.api.get("/api/v1/admin/articles?q=zebra%20crossing", token=self.editor).json
        self.assertEqual([a["headline"] for a in found["articles"]], ["Zebra crossing repainted"])
        drafts = self.api.get("/api/v1/admin/articles?status=draft&section=economy&limit=100", token=self.editor).json
        self.assertTrue(all(a["status"] == "draft" and a["section"] == "economy" for a in drafts["articles"]))
        self.assertIn("Zebra crossing repainted", [a["headline"] for a in drafts["articles"]])
        # Most recently changed first.
        newest = self.api.get("/api/v1/admin/articles?limit=1", token=self.editor).json
        self.assertEqual(newest["articles"][0]["headline"], "Zebra crossing repainted")
        page = self.api.get("/api/v1/admin/articles?limit=2&offset=1", token=self.editor).json
        self.assertEqual((page["limit"], page["offset"], len(page["articles"])), (2, 1, 2))
        self.assertError(self.api.get("/api/v1/admin/articles?status=lost", token=self.editor), 422, "status")
        self.assertError(self.api.get("/api/v1/admin/articles?section=nowhere", token=self.editor), 404, "section")
        self.assertError(self.api.get("/api/v1/admin/articles?limit=500", token=self.editor), 422, "limit")
        self.assertError(self.api.get("/api/v1/admin/articles/0", token=self.editor), 404)

    # The workflow

    def test_30_author_writes_submits_editor_publishes_readers_see_it(self):
        a = self.create(self.author, headline="Ferry timetable changes", body="Ferries run later.", section="economy")
        path = f"/api/v1/admin/articles/{a['id']}"
        self.assertError(self.api.post(f"{path}/publish", token=self.author), 403)
        submitted = self.api.post(f"{path}/submit", token=self.author)
        self.assertEqual(submitted.json["status"], "review")
        self.assertError(self.public(f"/api/v1/articles/{a['id']}"), 404)
        # An editor sends it back with a note; the author submits again.
        back = self.api.post(f"{path}/send_back", {"note": "Add the new times."}, token=self.editor)
        self.assertEqual(back.status, 200, back.text)
        self.assertEqual(back.json["status"], "draft")
        self.assertError(self.api.post(f"{path}/send_back", {"note": "Again?"}, token=self.editor), 409)
        edited = self.api.put(path, {"version": back.json["version"], "body": "Ferries run at 7:10 and 19:40."}, token=self.author)
        self.assertEqual(edited.status, 200, edited.text)
        self.assertEqual(self.api.post(f"{path}/submit", {}, token=self.author).json["status"], "review")
        # A stale version on an action is refused.
        self.assertError(self.api.post(f"{path}/publish", {"version": 1}, token=self.editor), 409, "version")
        published = self.api.post(f"{path}/publish", {"version": edited.json["version"]}, token=self.editor)
        self.assertEqual(published.status, 200, published.text)
        self.assertEqual(published.json["status"], "published")
        self.assertIsNotNone(published.json["published_at"])
        live = self.public(f"/api/v1/articles/{a['id']}")
        self.assertEqual(live.status, 200)
        self.assertEqual(live.json["body"], "Ferries run at 7:10 and 19:40.")
        self.assertEqual(self.public("/api/v1/latest?limit=1").json["articles"][0]["id"], a["id"])
        self.assertIn(a["id"], [x["id"] for x in self.public("/api/v1/articles?section=economy").json["articles"]])
        self.assertError(self.api.post(f"{path}/submit", token=self.author), 409)

        # The author's edit of the live article waits for review; readers keep the live version.
        current = self.admin_article(a["id"], self.author)
        pending = self.api.put(path, {"version": current["version"], "headline": "Ferry timetable changes from Monday"},
                               token=self.author)
        self.assertEqual(pending.status, 200, pending.text)
        self.assertEqual(pending.json["headline"], "Ferry timetable changes")
        self.assertEqual(pending.json["pending"]["state"], "draft")
        self.assertEqual(pending.json["pending"]["headline"], "Ferry timetable changes from Monday")
        self.assertEqual(pending.json["pending"]["body"], "Ferries run at 7:10 and 19:40.")
        self.assertEqual(pending.json["pending"]["author"], "Al Author")
        self.assertEqual(self.public(f"/api/v1/articles/{a['id']}").json["headline"], "Ferry timetable changes")
        self.assertEqual(self.api.post(f"{path}/submit", token=self.author).json["pending"]["state"], "review")
        approved = self.api.post(f"{path}/publish", token=self.editor)
        self.assertEqual(approved.status, 200, approved.text)
        self.assertIsNone(approved.json["pending"])
        self.assertEqual(self.public(f"/api/v1/articles/{a['id']}").json["headline"], "Ferry timetable changes from Monday")
        # A pending edit can be dropped.
        current = self.admin_article(a["id"], self.author)
        self.api.put(path, {"version": current["version"], "lead": "Draft lead"}, token=self.author)
        dropped = self.api.post(f"{path}/discard_pending", token=self.author)
        self.assertEqual(dropped.status, 200, dropped.text)
        self.assertIsNone(dropped.json["pending"])
        self.assertError(self.api.post(f"{path}/discard_pending", token=self.author), 409)
        # Unpublished: readers no longer see it.
        down = self.api.post(f"{path}/unpublish", token=self.editor)
        self.assertEqual(down.json["status"], "unpublished")
        self.assertError(self.public(f"/api/v1/articles/{a['id']}"), 404)
        self.assertError(self.api.post(f"{path}/frobnicate", token=self.editor, documented=False), 404)
        self.assertError(self.api.post(f"{path}/publish", {"at": "now"}, token=self.editor), 422, "at")

    def test_31_the_scheduler_publishes_on_time(self):
        a = self.create(self.editor, headline="Scheduled announcement", body="At the appointed second.")
        path = f"/api/v1/admin/articles/{a['id']}"
        # Refusals first: no time, a bad one, one that has passed.
        self.assertError(self.api.post(f"{path}/schedule", {}, token=self.editor), 422, "at")
        self.assertError(self.api.post(f"{path}/schedule", {"at": "tomorrow"}, token=self.editor), 422, "at")
        self.assertError(self.api.post(f"{path}/schedule", {"at": "2020-01-01T10:00:00Z"}, token=self.editor), 422, "at")
        self.assertError(self.api.post(f"{path}/schedule", {"at": "2099-01-01T10:00"}, token=self.author), 403)
        # A wall-clock time is read in the site's zone (Moscow).
        later = (datetime.now(MOSCOW) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
        r = self.api.post(f"{path}/schedule", {"at": later}, token=self.editor)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual((r.json["status"], r.json["published_at"]), ("scheduled", later + ":00+03:00"))
        self.assertEqual(self.api.post(f"{path}/unpublish", token=self.editor).json["status"], "draft")
        # Due in three seconds, published by the server's scheduler.
        at = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=3)
        r = self.api.post(f"{path}/schedule", {"at": at.isoformat()}, token=self.editor)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(instant(r.json["published_at"]), at)
        self.assertError(self.public(f"/api/v1/articles/{a['id']}"), 404)
        deadline = at.timestamp() + 2.0
        while time.time() < deadline + 3:
            live = self.server.get(f"/api/v1/articles/{a['id']}")
            if live.status == 200:
                break
            time.sleep(0.1)
        seen = time.time()
        self.assertEqual(live.status, 200, "not published by the scheduler")
        self.assertLessEqual(seen, deadline, f"published {seen - at.timestamp():.1f} s after its time")
        self.assertGreaterEqual(seen, at.timestamp() - 0.05)
        self.assertEqual(instant(json.loads(live.body)["published_at"]), at)
        self.assertEqual(self.admin_article(a["id"])["status"], "published")

    # Sections and tags

    def test_40_sections_are_created_renamed_and_ordered(self):
        listed = self.api.get("/api/v1/admin/sections", token=self.author)
        self.assertEqual(listed.status, 200)  # anyone in the newsroom may read them
        made = self.api.post("/api/v1/admin/sections", {"name": "Local news"}, token=self.editor)
        self.assertEqual(made.status, 201, made.text)
        self.assertEqual((made.json["slug"], made.json["name"]), ("local-news", "Local news"))
        sid = made.json["id"]
        self.assertError(self.api.post("/api/v1/admin/sections", {"name": "Local News"}, token=self.editor), 409, "slug")
        self.assertError(self.api.post("/api/v1/admin/sections", {"name": "  "}, token=self.editor), 422, "name")
        self.assertError(self.api.post("/api/v1/admin/sections", {"name": "Bad", "slug": "Bad Slug"}, token=self.editor), 422, "slug")
        self.assertError(self.api.post("/api/v1/admin/sections", {"title": "Wrong"}, token=self.editor), 422, "title")
        # An article in it, then a rename: the old slug still finds its articles.
        a = self.create(self.editor, headline="Library opens late", section="local-news")
        self.api.post(f"/api/v1/admin/articles/{a['id']}/publish", token=self.editor)
        renamed = self.api.put(f"/api/v1/admin/sections/{sid}", dict(made.json, name="City", slug="city"), token=self.editor)
        self.assertEqual(renamed.status, 200, renamed.text)
        self.assertEqual((renamed.json["slug"], renamed.json["name"], renamed.json["id"]), ("city", "City", sid))
        self.assertEqual(self.public(f"/api/v1/articles/{a['id']}").json["section"], "city")
        self.assertEqual(self.public("/api/v1/articles?section=local-news").json["articles"][0]["id"], a["id"])
        # Only the name: the slug stays.
        self.assertEqual(self.api.put(f"/api/v1/admin/sections/{sid}", {"name": "City news"}, token=self.editor).json["slug"], "city")
        # The article keeps its section through a save.
        current = self.admin_article(a["id"])
        saved = self.api.put(f"/api/v1/admin/articles/{a['id']}", {"version": current["version"], "lead": "Late"}, token=self.editor)
        self.assertEqual(saved.json["section"], "city")
        self.assertError(self.api.put(f"/api/v1/admin/sections/{sid}", {"position": 99}, token=self.editor), 422, "position")
        self.assertError(self.api.put("/api/v1/admin/sections/999999", {"name": "Nothing"}, token=self.editor), 404)
        self.assertError(self.api.put(f"/api/v1/admin/sections/{sid}", {"name": "x"}, token=self.author), 403)
        # Order: the new section first.
        ordered = self.api.post("/api/v1/admin/sections/order", {"order": [sid]}, token=self.editor)
        self.assertEqual(ordered.status, 200, ordered.text)
        self.assertEqual(ordered.json["sections"][0]["id"], sid)
        self.assertEqual(self.public("/api/v1/sections").json["sections"][0]["slug"], "city")
        self.assertError(self.api.post("/api/v1/admin/sections/order", {"order": [999999]}, token=self.editor), 404)
        self.assertError(self.api.post("/api/v1/admin/sections/order", {"order": "1,2"}, token=self.editor), 422, "order")
        self.assertEqual(self.api.get("/api/v1/admin/sections", token=self.editor).json["sections"][0]["id"], sid)

    def test_41_tags_are_created_renamed_and_merged(self):
        listed = self.api.get("/api/v1/admin/tags?limit=100", token=self.editor).json
        self.assertEqual(listed["total"], len(listed["tags"]))
        self.assertIn("Secret deal", [t["name"] for t in listed["tags"]])  # the newsroom sees every tag
        made = self.api.post("/api/v1/admin/tags", {"name": "Rail", "slug": "railways"}, token=self.editor)
        self.assertEqual(made.status, 201, made.text)
        self.assertEqual(made.json["slug"], "railways")
        self.assertError(self.api.post("/api/v1/admin/tags", {"name": "Rail"}, token=self.author), 403)
        self.assertError(self.api.post("/api/v1/admin/tags", {"name": "Railways"}, token=self.editor), 409, "slug")
        a = self.create(self.editor, headline="New rail line", tags=["Trains"])
        self.api.post(f"/api/v1/admin/articles/{a['id']}/publish", token=self.editor)
        trains = next(t for t in self.api.get("/api/v1/admin/tags?limit=100", token=self.editor).json["tags"] if t["name"] == "Trains")
        renamed = self.api.put(f"/api/v1/admin/tags/{trains['id']}", {"name": "Trains and trams"}, token=self.editor)
        self.assertEqual(renamed.status, 200, renamed.text)
        self.assertEqual((renamed.json["name"], renamed.json["slug"]), ("Trains and trams", "trains"))
        self.assertError(self.api.put(f"/api/v1/admin/tags/{trains['id']}", {"url": "https://x.example/"}, token=self.editor), 422, "url")
        self.assertError(self.api.put("/api/v1/admin/tags/999999", {"name": "Nothing"}, token=self.editor), 404)
        merged = self.api.post(f"/api/v1/admin/tags/{trains['id']}/merge", {"into": made.json["id"]}, token=self.editor)
        self.assertEqual(merged.status, 200, merged.text)
        self.assertEqual(merged.json["id"], made.json["id"])
        self.assertEqual(self.public(f"/api/v1/articles/{a['id']}").json["tags"], ["Rail"])
        self.assertEqual(self.public("/api/v1/articles?tag=trains").json["articles"][0]["id"], a["id"])
        self.assertError(self.api.post(f"/api/v1/admin/tags/{made.json['id']}/merge", {"into": made.json["id"]}, token=self.editor), 422, "into")
        self.assertError(self.api.post(f"/api/v1/admin/tags/{made.json['id']}/merge", {}, token=self.editor), 422, "into")
        self.assertError(self.api.post(f"/api/v1/admin/tags/{trains['id']}/merge", {"into": made.json["id"]}, token=self.editor), 404)

    # Moderation

    def test_50_the_moderation_queue_and_comment_actions(self):
        article = self.harbour["id"]
        current = self.admin_article(article)
        held_policy = self.api.put(f"/api/v1/admin/articles/{article}", {"version": current["version"], "comment_policy": "premoderated"},
                                   token=self.editor)
        self.assertEqual(held_policy.json["comment_policy"], "premoderated")
        reader = Browser(self.server)
        self.assertEqual(reader.sign_up("Rita Reader", "rita@example.org").status, 303)
        posted = reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": "Cranes at last!"})
        self.assertEqual(posted.status, 201, posted.text)
        self.assertTrue(posted.json["held"])
        cid = posted.json["comment"]["id"]
        queue = self.api.get("/api/v1/admin/comments", token=self.moderator)
        self.assertEqual(queue.status, 200, queue.text)
        self.assertEqual(queue.json["queue"], "pending")
        item = next(i for i in queue.json["comments"] if i["comment"]["id"] == cid)
        self.assertEqual((item["comment"]["status"], item["article"]["id"], item["author"]["name"]), ("pending", article, "Rita Reader"))
        approved = self.api.post(f"/api/v1/admin/comments/{cid}/approve", token=self.moderator)
        self.assertEqual(approved.status, 200, approved.text)
        self.assertEqual(approved.json["status"], "visible")
        self.assertNotIn(cid, [i["comment"]["id"] for i in self.api.get("/api/v1/admin/comments", token=self.editor).json["comments"]])
        self.assertEqual(self.public(f"/api/v1/articles/{article}").json["comment_count"], 1)
        featured = self.api.post(f"/api/v1/admin/comments/{cid}/feature", token=self.moderator)
        self.assertTrue(featured.json["featured"])
        self.assertFalse(self.api.post(f"/api/v1/admin/comments/{cid}/unfeature", {}, token=self.moderator).json["featured"])
        # Reported, then rejected with a reason.
        other = Browser(self.server)
        other.sign_up("Otto Other", "otto@example.org")
        self.assertEqual(other.api("POST", f"/api/v1/comments/{cid}/report", {"reason": "spam", "text": "ads"}).status, 200)
        reported = self.api.get("/api/v1/admin/comments?queue=reported", token=self.moderator).json
        item = next(i for i in reported["comments"] if i["comment"]["id"] == cid)
        self.assertEqual(item["reports"][0]["reason"], "spam")
        self.assertEqual(item["reports"][0]["reporter"], "Otto Other")
        rejected = self.api.post(f"/api/v1/admin/comments/{cid}/reject", {"reason": "advertising"}, token=self.moderator)
        self.assertEqual((rejected.json["status"], rejected.json["moderation_note"]), ("rejected", "advertising"))
        self.assertEqual(self.public(f"/api/v1/articles/{article}").json["comment_count"], 0)
        # Refusals.
        self.assertError(self.api.post(f"/api/v1/admin/comments/{cid}/approve", token=self.moderator), 409)
        self.assertError(self.api.post(f"/api/v1/admin/comments/{cid}/feature", token=self.moderator), 404)
        self.assertError(self.api.post("/api/v1/admin/comments/999999/approve", token=self.moderator), 404)
        self.assertError(self.api.post(f"/api/v1/admin/comments/{cid}/approve", token=self.author), 403)
        self.assertError(self.api.post(f"/api/v1/admin/comments/{cid}/pin", token=self.moderator, documented=False), 404)
        self.assertError(self.api.post(f"/api/v1/admin/comments/{cid}/approve", {"reason": "x"}, token=self.moderator), 422, "reason")
        self.assertError(self.api.get("/api/v1/admin/comments?queue=all", token=self.moderator), 422, "queue")

    def test_51_bans_and_unbans(self):
        article = self.harbour["id"]
        current = self.admin_article(article)
        self.api.put(f"/api/v1/admin/articles/{article}", {"version": current["version"], "comment_policy": "open"}, token=self.editor)
        troll = Browser(self.server)
        troll.sign_up("Tom Troll", "troll@example.org")
        troll_id = troll.session()["account"]["id"]
        self.assertEqual(troll.api("POST", f"/api/v1/articles/{article}/comments", {"body": "First troll"}).status, 201)
        self.assertError(self.api.post(f"/api/v1/admin/accounts/{troll_id}/ban", {"length": "eternity"}, token=self.moderator), 422, "length")
        self.assertError(self.api.post(f"/api/v1/admin/accounts/{troll_id}/ban", {}, token=self.moderator), 422, "length")
        self.assertError(self.api.post(f"/api/v1/admin/accounts/{troll_id}/ban", {"length": 7}, token=self.author), 403)
        banned = self.api.post(f"/api/v1/admin/accounts/{troll_id}/ban", {"length": 7, "reason": "trolling"}, token=self.moderator)
        self.assertEqual(banned.status, 200, banned.text)
        self.assertTrue(banned.json["banned"])
        days = (instant(banned.json["banned_until"]) - datetime.now(timezone.utc)).total_seconds() / 86400
        self.assertAlmostEqual(days, 7, delta=0.01)
        self.assertEqual(troll.api("POST", f"/api/v1/articles/{article}/comments", {"body": "Still here"}).status, 403)
        self.assertError(self.api.post(f"/api/v1/admin/accounts/{self.staff_id}/ban", {"length": "forever"}, token=self.moderator), 403)
        self.assertError(self.api.post("/api/v1/admin/accounts/999999/ban", {"length": 1}, token=self.moderator), 404)
        self.assertError(self.api.post(f"/api/v1/admin/accounts/{troll_id}/suspend", token=self.moderator, documented=False), 404)
        unbanned = self.api.post(f"/api/v1/admin/accounts/{troll_id}/unban", token=self.moderator)
        self.assertEqual(unbanned.status, 200, unbanned.text)
        self.assertFalse(unbanned.json["banned"])
        self.assertEqual(troll.api("POST", f"/api/v1/articles/{article}/comments", {"body": "Back again"}).status, 201)
        forever = self.api.post(f"/api/v1/admin/accounts/{troll_id}/ban", {"length": "forever"}, token=self.editor)
        self.assertEqual((forever.json["banned"], forever.json["banned_until"]), (True, None))
        self.api.post(f"/api/v1/admin/accounts/{troll_id}/unban", {}, token=self.admin)

    # The document

    def test_99_every_documented_operation_was_exercised(self):
        documented = {(method, path) for path, ops in DOC["paths"].items() for method in ops}
        missing = sorted(documented - COVERED)
        self.assertEqual(missing, [], "operations in openapi.json that no test called")


if __name__ == "__main__":
    unittest.main()
