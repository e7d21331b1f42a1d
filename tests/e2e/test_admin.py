"""The newsroom's web UI (/admin) end to end: staff sign-in and the refusals,
what each role may do, the editor's workflow buttons, the optimistic lock,
corrections, scheduling in the site's time zone, sections and tags, staff,
settings that change the live site, API tokens, webhooks and the audit log,
over real HTTP against `gazette serve` on a real SQLite file."""

import json
import re
import time
import unittest
from html import unescape
from html.parser import HTMLParser

from harness import Browser, E2ETest, Page
from test_webhooks import Receiver, signed_by


class FormFields(HTMLParser):
    """The fields a browser would send from the form with id `form_id`
    (without its buttons): inputs, ticked boxes, text areas, chosen options."""

    def __init__(self, html, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = {}
        self.textarea = None
        self.select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            else:
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select:
            if self.select not in self.fields or "selected" in a:
                self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def add_staff(site, role, email, name):
    added = site.gazette("user", "add", "--role", role, "--name", name, email)
    assert added.returncode == 0, added.stderr
    return re.search(r"^password: (\S+)$", added.stdout, re.M).group(1)


class Staff(Browser):
    """A staff member's browser."""

    def sign_in_admin(self, email, password, next_path="/admin"):
        page = self.get("/admin/signin?next=" + next_path)
        return self.post_form("/admin/signin", {"email": email, "password": password, "next": next_path}, page)

    def editor(self, article_id):
        page = self.get(f"/admin/articles/{article_id}")
        assert page.status == 200, page.text
        return page, FormFields(page.text, "editor-form").fields

    def act(self, article_id, step, **changes):
        """Posts the editor's whole form, as it is now with `changes`, with the button `step`."""
        page, fields = self.editor(article_id)
        fields.update(changes)
        fields["step"] = step
        return self.post_form(f"/admin/articles/{article_id}", fields, page)

    def create(self, headline, body="A first paragraph.\n\nA second one.", **extra):
        page = self.get("/admin/articles/new")
        fields = FormFields(page.text, "editor-form").fields
        fields.update({"headline": headline, "body": body, "step": "save"}, **extra)
        r = self.post_form("/admin/articles", fields, page)
        assert r.status == 303, (r.status, r.text[:3000])
        return int(re.match(r"/admin/articles/(\d+)\?done=created$", r.header("location")).group(1))


def public(server, aid):
    """The public page of article `aid` (its address with the slug), as a reader gets it."""
    r = server.get(f"/news/{aid}")
    if r.status == 301:
        r = server.get(r.header("location"))
    return r


def error_of(page):
    """The message of the editor's (or a form page's) alert."""
    m = re.search(r'role="alert"[^>]*>(.*?)</(?:p|div)>', page.text, re.S)
    return unescape(re.sub(r"<[^>]+>", " ", m.group(1))).strip() if m else None


class AdminTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site('[site]\ntime_zone = "Europe/Moscow"\n')
        assert cls.site.gazette("demo").returncode == 0
        cls.passwords = {
            "editor": add_staff(cls.site, "editor", "editor@example.org", "Edna Editor"),
            "editor2": add_staff(cls.site, "editor", "editor2@example.org", "Ed Second"),
            "author": add_staff(cls.site, "author", "author@example.org", "Arthur Author"),
            "admin": add_staff(cls.site, "admin", "admin@example.org", "Ada Admin"),
            "moderator": add_staff(cls.site, "moderator", "mod@example.org", "Mo Derator"),
        }
        cls.server = cls.start(cls.site)
        cls.editor = cls.signed_in("editor@example.org", cls.passwords["editor"])
        cls.editor2 = cls.signed_in("editor2@example.org", cls.passwords["editor2"])
        cls.author = cls.signed_in("author@example.org", cls.passwords["author"])
        cls.admin = cls.signed_in("admin@example.org", cls.passwords["admin"])

    @classmethod
    def signed_in(cls, email, password):
        who = Staff(cls.server)
        r = who.sign_in_admin(email, password)
        assert r.status == 303 and r.header("location") == "/admin", (r.status, r.text[:2000])
        return who

    # --- signing in, and who may not ----------------------------------------------

    def test_without_a_session_every_page_sends_to_sign_in_and_back(self):
        anonymous = Staff(self.server)
        for path in ["/admin", "/admin/articles/new", "/admin/articles/1", "/admin/articles/1/revisions",
                     "/admin/sections", "/admin/tags", "/admin/staff", "/admin/settings", "/admin/tokens",
                     "/admin/webhooks", "/admin/webhooks/1", "/admin/audit"]:
            r = anonymous.get(path)
            self.assertEqual(r.status, 303, path)
            self.assertEqual(r.header("location"), "/admin/signin?next=" + path)
        # A POST with a valid CSRF token but no session changes nothing.
        page = anonymous.get("/admin/signin")
        r = anonymous.post_form("/admin/articles", {"headline": "Sneaked in", "step": "save"}, page)
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("location").startswith("/admin/signin"))
        self.assertNotIn("Sneaked in", self.editor.get("/admin?q=Sneaked").text)

    def test_sign_in_lands_on_the_page_asked_for(self):
        who = Staff(self.server)
        r = who.sign_in_admin("editor@example.org", self.passwords["editor"], "/admin/sections")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/admin/sections")
        self.assertIn("gz_session", who.cookies)
        self.assertEqual(who.get("/admin/sections").status, 200)
        # Somewhere off the newsroom is not a place to be sent to.
        r = Staff(self.server).sign_in_admin("editor@example.org", self.passwords["editor"], "//evil.example/x")
        self.assertEqual(r.header("location"), "/admin")

    def test_wrong_password_says_so_and_signs_nobody_in(self):
        who = Staff(self.server)
        r = who.sign_in_admin("editor@example.org", "not the password")
        self.assertEqual(r.status, 400)
        self.assertEqual(error_of(r), "The email or the password is wrong.")
        self.assertNotIn("gz_session", who.cookies)
        self.assertIn('value="editor@example.org"', r.text)

    def test_a_reader_is_refused_with_a_clear_message(self):
        reader = Staff(self.server)
        self.assertEqual(reader.sign_up("Rita Reader", "rita@example.org").status, 303)
        refused = reader.get("/admin")
        self.assertEqual(refused.status, 403)
        self.assertIn("this account is a reader", refused.text)
        self.assertEqual(reader.get("/admin/articles/new").status, 403)
        # Signing in at the newsroom with a reader's right password: refused, and no session.
        fresh = Staff(self.server)
        r = fresh.sign_in_admin("rita@example.org", "correct horse battery")
        self.assertEqual(r.status, 403)
        self.assertIn("This is a reader's account", error_of(r))
        self.assertNotIn("gz_session", fresh.cookies)

    def test_posts_without_the_csrf_token_or_from_another_site_are_refused(self):
        page = self.editor.get("/admin/articles/new")
        fields = {"headline": "Forged by another site", "body": "x", "step": "save"}
        self.assertEqual(self.editor.post_form("/admin/articles", fields, csrf="").status, 403)
        self.assertEqual(self.editor.post_form("/admin/articles", fields, csrf="x" * 22).status, 403)
        self.assertEqual(self.editor.post_form("/admin/articles", fields, page, origin="http://evil.example").status, 403)
        self.assertEqual(self.editor.post_form("/admin/signout", {}, csrf="").status, 403)
        self.assertIn("No article matches", self.editor.get("/admin?q=Forged+by+another").text)

    def test_signing_out_ends_the_session(self):
        who = self.signed_in("editor@example.org", self.passwords["editor"])
        r = who.post_form("/admin/signout", {}, who.get("/admin"))
        self.assertEqual(r.status, 303)
        self.assertEqual(who.get("/admin").status, 303)

    def test_the_bar_shows_only_what_the_role_may_use(self):
        def links(who):
            nav = re.search(r'<nav class="admin-bar".*?</nav>', who.get("/admin").text, re.S).group(0)
            return re.findall(r'<a href="([^"]+)"', nav)
        self.assertEqual(links(self.author), ["/admin", "/admin/articles/new"])
        self.assertEqual(links(self.editor), ["/admin", "/admin/articles/new", "/admin/sections", "/admin/tags",
                                              "/admin/audit", "/moderation"])
        self.assertEqual(links(self.admin), ["/admin", "/admin/articles/new", "/admin/sections", "/admin/tags",
                                             "/admin/staff", "/admin/settings", "/admin/tokens", "/admin/webhooks",
                                             "/admin/audit", "/moderation"])
        mod = self.signed_in("mod@example.org", self.passwords["moderator"])
        self.assertEqual(links(mod), ["/moderation"])
        self.assertIn('href="/moderation"', mod.get("/admin").text)
        self.assertEqual(mod.get("/admin/articles/new").status, 403)
        for path in ["/admin/staff", "/admin/settings", "/admin/tokens", "/admin/webhooks"]:
            self.assertEqual(self.editor.get(path).status, 403, path)
        for path in ["/admin/sections", "/admin/audit"]:
            self.assertEqual(self.author.get(path).status, 403, path)

    # --- the article list ------------------------------------------------------------

    def test_the_list_filters_and_pages_and_authors_see_their_own(self):
        mine = self.author.create("Harbour crane tender opens")
        theirs = self.editor.create("Harbour ferry timetable changes")
        listed = self.author.get("/admin?q=Harbour").text
        self.assertIn(f'href="/admin/articles/{mine}"', listed)
        self.assertNotIn(f'href="/admin/articles/{theirs}"', listed)
        self.assertEqual(self.author.get(f"/admin/articles/{theirs}").status, 403)
        both = self.editor.get("/admin?q=harbour").text
        self.assertIn(f'href="/admin/articles/{mine}"', both)
        self.assertIn(f'href="/admin/articles/{theirs}"', both)
        author_id = re.search(r'<option value="(\d+)"[^>]*>Arthur Author</option>', both).group(1)
        by_author = self.editor.get(f"/admin?q=harbour&author={author_id}").text
        self.assertIn(f'href="/admin/articles/{mine}"', by_author)
        self.assertNotIn(f'href="/admin/articles/{theirs}"', by_author)
        drafts = self.editor.get("/admin?state=published&q=harbour").text
        self.assertNotIn(f'href="/admin/articles/{mine}"', drafts)
        # The demo has more than one page of articles.
        first = Page(self.editor.get("/admin").text)
        older = first.find_all("a", rel="next")
        self.assertTrue(older)
        second = self.editor.get(unescape(older[0][0]["href"]))
        self.assertEqual(second.status, 200)
        self.assertNotEqual(re.findall(r'class="article-link" href="([^"]+)"', second.text),
                            re.findall(r'class="article-link" href="([^"]+)"', self.editor.get("/admin").text))

    # --- the workflow -------------------------------------------------------------------

    def test_an_author_writes_and_submits_but_cannot_publish(self):
        aid = self.author.create("Tram line to the harbour approved", "The council *approved* the line.")
        page, fields = self.author.editor(aid)
        self.assertIn('value="submit"', page.text)
        self.assertNotIn('value="publish"', page.text)
        self.assertNotIn('value="schedule"', page.text)
        self.assertEqual(fields["authors"], "Arthur Author")
        # A forged "publish" is refused by the service and changes nothing.
        forged = self.author.act(aid, "publish", headline="Tram line approved, says author")
        self.assertEqual(forged.status, 403)
        self.assertEqual(public(self.server, aid).status, 404)
        self.assertIn('value="Tram line to the harbour approved"', self.author.get(f"/admin/articles/{aid}").text)
        self.assertEqual(self.author.act(aid, "schedule", publish_at="2099-01-01T10:00").status, 403)
        # Submitting moves it to review; the editor sees it and publishes.
        r = self.author.act(aid, "submit")
        self.assertEqual(r.status, 303)
        self.assertIn("In review", self.author.get(f"/admin/articles/{aid}").text)
        self.assertIn(f'href="/admin/articles/{aid}"', self.editor.get("/admin?state=review").text)
        page, _ = self.editor.editor(aid)
        self.assertIn('value="publish"', page.text)
        self.assertIn('value="send_back"', page.text)
        self.assertEqual(self.editor.act(aid, "publish").status, 303)
        live = public(self.server, aid)
        self.assertEqual(live.status, 200)
        self.assertIn("<em>approved</em>", live.text)

    def test_an_editor_sends_back_with_a_note_the_author_then_sees(self):
        aid = self.author.create("Library opening hours extended")
        self.author.act(aid, "submit")
        r = self.editor.act(aid, "send_back", note="Add the new hours, please.")
        self.assertEqual(r.status, 303)
        page = self.author.get(f"/admin/articles/{aid}").text
        self.assertIn("Draft", page)
        self.assertIn("Sent back by", page)
        self.assertIn("Add the new hours, please.", page)

    def test_an_authors_edit_of_a_published_article_waits_for_an_editor(self):
        aid = self.author.create("Museum reopens after repairs", "Old body.")
        self.author.act(aid, "submit")
        self.editor.act(aid, "publish")
        page, _ = self.author.editor(aid)
        self.assertIn("Your changes are kept as a pending edit", page.text)
        r = self.author.act(aid, "submit", body="New body from the author.")
        self.assertEqual(r.status, 303)
        self.assertIn("Old body.", public(self.server, aid).text)  # readers see the live version
        self.assertIn("New body from the author.", self.author.get(f"/admin/articles/{aid}").text)
        review = self.editor.get(f"/admin/articles/{aid}").text
        self.assertIn("Pending edit", review)
        self.assertRegex(review, r'(?s)id="pending".*?By Arthur Author: <strong>In review</strong>')
        self.assertIn("pending edit: in review", self.editor.get("/admin?q=Museum").text)
        self.assertIn('class="added"><span class="visually-hidden">added: </span>New body from the author.', review)
        self.assertNotIn("Address:", review)  # the edit keeps the address
        self.assertEqual(self.editor.act(aid, "publish").status, 303)
        self.assertIn("New body from the author.", public(self.server, aid).text)

    def test_saving_over_a_newer_version_is_refused_and_keeps_the_typed_text(self):
        aid = self.editor.create("Council budget vote delayed")
        page_a, fields_a = self.editor.editor(aid)
        page_b, fields_b = self.editor2.editor(aid)
        fields_a.update(headline="Council budget vote delayed to March", step="save")
        self.assertEqual(self.editor.post_form(f"/admin/articles/{aid}", fields_a, page_a).status, 303)
        typed = "A paragraph the second editor typed.\n\nAnd another, with <b>markup</b>."
        fields_b.update(body=typed, step="save")
        refused = self.editor2.post_form(f"/admin/articles/{aid}", fields_b, page_b)
        self.assertEqual(refused.status, 409)
        self.assertIn("Someone else saved this article after you opened it", error_of(refused))
        kept = FormFields(refused.text, "editor-form").fields
        self.assertEqual(kept["body"], typed)
        self.assertEqual(kept["version"], fields_b["version"])
        # Nothing of the refused save reached the article.
        _, now = self.editor.editor(aid)
        self.assertEqual(now["headline"], "Council budget vote delayed to March")
        self.assertNotIn("second editor", now["body"])

    def test_a_field_error_points_at_the_field_and_keeps_the_form(self):
        aid = self.editor.create("Bridge inspection results")
        r = self.editor.act(aid, "save", source_name="Harbour office", source_url="javascript:alert(1)",
                            lead="A lead typed before the mistake")
        self.assertEqual(r.status, 400)
        self.assertRegex(r.text, r'id="source_url"[^>]*aria-invalid="true"[^>]*aria-describedby="source_url-error"')
        self.assertIn('id="source_url-error">The source&#39;s link must be an http:// or https:// address.', r.text)
        self.assertEqual(FormFields(r.text, "editor-form").fields["lead"], "A lead typed before the mistake")
        self.assertIn('href="#source_url"', r.text)

    def test_a_correction_shows_updated_and_the_note_on_the_article(self):
        aid = self.editor.create("Ferry fares rise by five percent", "Fares rise by 5% from Monday.")
        self.editor.act(aid, "publish")
        page, _ = self.editor.editor(aid)
        self.assertIn('name="correction"', page.text)
        # The note is needed.
        self.assertEqual(self.editor.act(aid, "save", body="Fares rise by 4% from Monday.", correction="on").status, 400)
        r = self.editor.act(aid, "save", body="Fares rise by 4% from Monday.", correction="on",
                            correction_note="An earlier version gave the rise as 5%.")
        self.assertEqual(r.status, 303)
        live = public(self.server, aid).text
        self.assertIn('class="updated">Updated', live)
        self.assertIn("An earlier version gave the rise as 5%.", live)
        self.assertIn("Fares rise by 4% from Monday.", live)
        # The revisions keep both, with the diff.
        revisions = self.editor.get(f"/admin/articles/{aid}/revisions").text
        self.assertIn("correction", revisions)
        newest = re.search(rf'href="(/admin/articles/{aid}/revisions/\d+)"', revisions).group(1)
        diff = self.editor.get(newest).text
        self.assertRegex(diff, r'class="removed"><span class="visually-hidden">removed: </span>Fares rise by 5%')
        self.assertRegex(diff, r'class="added"><span class="visually-hidden">added: </span>Fares rise by 4%')

    def test_restore_brings_an_earlier_revision_back_and_reports_a_conflict(self):
        aid = self.editor.create("Snow expected on the coast", "First text.")
        self.editor.act(aid, "save", body="Second text.")
        revisions = self.editor.get(f"/admin/articles/{aid}/revisions").text
        links = re.findall(rf'href="(/admin/articles/{aid}/revisions/\d+)"', revisions)
        self.assertEqual(len(links), 2)
        first = self.editor.get(links[-1])
        self.assertIn("First text.", first.text)
        version = re.search(r'name="version" value="(\d+)"', first.text).group(1)
        self.editor2.act(aid, "save", body="Third text, by someone else.")
        refused = self.editor.post_form(links[-1] + "/restore", {"version": version}, first)
        self.assertEqual(refused.status, 409)
        self.assertIn("Someone else saved this article", error_of(refused))
        fresh = self.editor.get(links[-1])
        version = re.search(r'name="version" value="(\d+)"', fresh.text).group(1)
        r = self.editor.post_form(links[-1] + "/restore", {"version": version}, fresh)
        self.assertEqual(r.status, 303)
        self.assertEqual(self.editor.editor(aid)[1]["body"], "First text.")

    def test_scheduling_reads_the_time_in_the_sites_zone(self):
        aid = self.editor.create("Regatta planned for the summer")
        r = self.editor.act(aid, "schedule", publish_at="2099-07-01T12:30")
        self.assertEqual(r.status, 303)
        page, fields = self.editor.editor(aid)
        self.assertEqual(fields["publish_at"], "2099-07-01T12:30")
        self.assertIn('datetime="2099-07-01T12:30:00+03:00"', page.text)  # Moscow
        self.assertIn("Europe/Moscow", page.text)
        self.assertEqual(public(self.server, aid).status, 404)
        past = self.editor.act(aid, "schedule", publish_at="2001-01-01T10:00")
        self.assertEqual(past.status, 400)
        self.assertRegex(past.text, r'id="publish_at"[^>]*aria-invalid="true"')
        self.assertEqual(self.editor.act(aid, "schedule", publish_at="soon").status, 400)
        # Cancelling the schedule takes it back to a draft.
        self.assertEqual(self.editor.act(aid, "unpublish").status, 303)
        self.assertIn("Draft", self.editor.get(f"/admin/articles/{aid}").text)

    def test_the_live_preview_uses_the_servers_renderer(self):
        page = self.author.get("/admin/articles/new")
        r = self.author.post_form("/admin/preview", {"body": "Some *emphasis* <script>alert(1)</script>"}, page)
        self.assertEqual(r.status, 200)
        self.assertIn("<em>emphasis</em>", r.text)
        self.assertNotIn("<script>", r.text)
        self.assertEqual(r.header("cache-control"), "private, no-store")
        stranger = Browser(self.server)
        r = stranger.post_form("/admin/preview", {"body": "x"}, stranger.get("/admin/signin"))
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("location").startswith("/admin/signin"))
        # Without JavaScript, the Preview button posts the form and shows it in place.
        fields = FormFields(page.text, "editor-form").fields
        fields.update(headline="Not saved", body="## Sub\n\nText", step="preview")
        shown = self.author.post_form("/admin/articles", fields, page)
        self.assertEqual(shown.status, 200)
        self.assertIn("<h2>Sub</h2>", shown.text)
        self.assertIn("No article matches", self.author.get("/admin?q=Not+saved").text)

    def test_the_comment_policy_of_an_article(self):
        aid = self.editor.create("Stadium plans debated")
        self.editor.act(aid, "publish")
        self.assertEqual(self.editor.act(aid, "save", policy="closed").status, 303)
        self.assertIn('<option value="closed" selected>', self.editor.get(f"/admin/articles/{aid}").text)
        self.assertIn("Comments on this article are closed.", public(self.server, aid).text)
        self.assertNotIn('name="policy"', self.author.get("/admin/articles/new").text)

    # --- sections, tags, the audit log ----------------------------------------------------

    def test_renaming_a_section_redirects_its_old_address(self):
        sections = self.editor.get("/admin/sections")
        sid = re.search(r'<li class="taxonomy-item" id="section-(\d+)"><h2 class="taxonomy-name"><span class="position">\d+\.</span> '
                        r'<a href="/section/culture">', sections.text).group(1)
        r = self.editor.post_form(f"/admin/sections/{sid}/rename", {"name": "Arts", "slug": "arts"}, sections)
        self.assertEqual(r.status, 303)
        moved = self.server.get("/section/culture")
        self.assertEqual(moved.status, 301)
        self.assertEqual(moved.header("location"), "/section/arts")
        self.assertEqual(self.server.get("/section/arts").status, 200)
        # A bad address is refused next to the row.
        bad = self.editor.post_form(f"/admin/sections/{sid}/rename", {"name": "Arts", "slug": "Arts & Crafts"},
                                    self.editor.get("/admin/sections"))
        self.assertEqual(bad.status, 400)
        self.assertRegex(bad.text, rf'id="slug-{sid}"[^>]*aria-invalid="true"')

    def test_sections_are_ordered_and_created(self):
        page = self.editor.get("/admin/sections")
        order = re.findall(r'<a href="/section/([a-z0-9-]+)">', page.text)
        sid = re.search(rf'id="section-(\d+)"><h2 class="taxonomy-name"><span class="position">\d+\.</span> '
                        rf'<a href="/section/{order[1]}">', page.text).group(1)
        self.assertEqual(self.editor.post_form(f"/admin/sections/{sid}/up", {}, page).status, 303)
        nav = re.findall(r'<a href="/section/([a-z0-9-]+)"', self.server.get("/").text)
        self.assertEqual(nav[:2], [order[1], order[0]])
        r = self.editor.post_form("/admin/sections", {"name": "Harbour Life", "slug": ""}, page)
        self.assertEqual(r.status, 303)
        self.assertEqual(self.server.get("/section/harbour-life").status, 200)

    def test_tags_are_renamed_and_merged(self):
        aid = self.editor.create("Tag test article", tags="Old Harbour, Quays")
        self.editor.act(aid, "publish")
        page = self.editor.get("/admin/tags")
        old = re.search(r'id="tag-(\d+)"><a class="taxonomy-name" href="/tag/old-harbour">', page.text).group(1)
        quays = re.search(r'id="tag-(\d+)"><a class="taxonomy-name" href="/tag/quays">', page.text).group(1)
        r = self.editor.post_form("/admin/tags/merge", {"from": old, "into": quays}, page)
        self.assertEqual(r.status, 303)
        moved = self.server.get("/tag/old-harbour")
        self.assertEqual(moved.status, 301)
        self.assertEqual(moved.header("location"), "/tag/quays")
        same = self.editor.post_form("/admin/tags/merge", {"from": quays, "into": quays}, self.editor.get("/admin/tags"))
        self.assertEqual(same.status, 400)
        self.assertIn("Choose two different tags to merge.", same.text)

    def test_the_audit_log_records_staff_actions(self):
        aid = self.editor.create("Audit trail article")
        log = self.editor.get("/admin/audit")
        self.assertEqual(log.status, 200)
        self.assertIn("article.create", log.text)
        self.assertIn("Edna Editor", log.text)
        self.assertIn(f'href="/admin/articles/{aid}"', log.text)
        self.assertEqual(self.editor.get("/admin/audit?page=x").status, 400)

    # --- admins: staff and tokens ------------------------------------------------------------

    def test_adding_staff_shows_a_password_once_that_signs_in(self):
        page = self.admin.get("/admin/staff")
        r = self.admin.post_form("/admin/staff", {"email": "newbie@example.org", "name": "New Bie", "role": "author"}, page)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("cache-control"), "private, no-store")
        password = re.search(r'<code id="new-password">([^<]+)</code>', r.text).group(1)
        self.assertNotIn(password, self.admin.get("/admin/staff").text)
        newbie = Staff(self.server)
        signed = newbie.sign_in_admin("newbie@example.org", unescape(password))
        self.assertEqual(signed.status, 303)
        self.assertEqual(newbie.get("/admin/articles/new").status, 200)
        # A role change, and the last admin cannot be demoted.
        listed = self.admin.get("/admin/staff").text
        newbie_id = re.search(r'<tr id="member-(\d+)"><td>New Bie', listed).group(1)
        r = self.admin.post_form(f"/admin/staff/{newbie_id}/role", {"role": "editor"}, self.admin.get("/admin/staff"))
        self.assertEqual(r.status, 303)
        self.assertEqual(newbie.get("/admin/sections").status, 200)
        admin_id = re.search(r'<tr id="member-(\d+)"><td>Ada Admin', listed).group(1)
        refused = self.admin.post_form(f"/admin/staff/{admin_id}/role", {"role": "editor"}, self.admin.get("/admin/staff"))
        self.assertEqual(refused.status, 400)
        self.assertIn("at least one admin", refused.text)
        bad = self.admin.post_form("/admin/staff", {"email": "not an address", "name": "", "role": "author"},
                                   self.admin.get("/admin/staff"))
        self.assertEqual(bad.status, 400)
        self.assertRegex(bad.text, r'id="new-email"[^>]*aria-invalid="true"')
        self.assertIn('value="not an address"', bad.text)

    def test_a_token_is_shown_once_and_can_be_revoked(self):
        page = self.admin.get("/admin/tokens")
        r = self.admin.post_form("/admin/tokens", {"name": "Wire importer", "role": "author"}, page)
        self.assertEqual(r.status, 200)
        token = re.search(r'<code id="new-token">(gzt_[^<]+)</code>', r.text).group(1)
        listed = self.admin.get("/admin/tokens").text
        self.assertNotIn(token, listed)
        self.assertIn("Wire importer", listed)
        tid = re.search(r'<tr id="token-(\d+)"><td>Wire importer', listed).group(1)
        r = self.admin.post_form(f"/admin/tokens/{tid}/revoke", {}, self.admin.get("/admin/tokens"))
        self.assertEqual(r.status, 303)
        self.assertRegex(self.admin.get("/admin/tokens").text, rf'<tr id="token-{tid}">.*?revoked <time')
        self.assertIn("token.create", self.admin.get("/admin/audit").text)


class SettingsTest(E2ETest):
    """Settings change the live site at once: a site of its own, as its language changes."""

    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        assert cls.site.gazette("demo").returncode == 0
        password = add_staff(cls.site, "admin", "admin@example.org", "Ada Admin")
        cls.server = cls.start(cls.site)
        cls.admin = Staff(cls.server)
        assert cls.admin.sign_in_admin("admin@example.org", password).status == 303

    def test_settings_change_the_name_and_language_at_once(self):
        pid = self.server.process.pid
        page = self.admin.get("/admin/settings")
        fields = FormFields(page.text.replace('class="stacked settings-form"', 'id="settings"'), "settings").fields
        self.assertEqual(fields["language"], "en")
        fields.update(name="Вестник Хальдена", language="ru", time_zone="Asia/Kathmandu")
        r = self.admin.post_form("/admin/settings", fields, page)
        self.assertEqual(r.status, 303, r.text[:2000])
        front = self.server.get("/").text
        self.assertIn('<html lang="ru" ', front)
        self.assertIn("Вестник Хальдена", front)
        self.assertIn("Последние новости", front)
        self.assertEqual(self.server.process.pid, pid)
        self.assertIsNone(self.server.process.poll())
        after = self.admin.get(r.header("location"))
        self.assertIn("Сохранено", after.text)
        self.assertIn('value="Asia/Kathmandu"', after.text)
        # A wrong value is refused next to its field and changes nothing.
        fields = FormFields(after.text.replace('class="stacked settings-form"', 'id="settings"'), "settings").fields
        fields.update(name="Changed again", time_zone="Mars/Olympus")
        bad = self.admin.post_form("/admin/settings", fields, after)
        self.assertEqual(bad.status, 400)
        self.assertRegex(bad.text, r'id="time_zone"[^>]*aria-invalid="true"')
        self.assertIn("Вестник Хальдена", self.server.get("/").text)


class WebhooksPageTest(E2ETest):
    """Webhooks in the newsroom (/admin/webhooks, admins only): a site of its own
    with a real receiver (Python's http.server on 127.0.0.1), so that the secret
    the page shows is checked against the signatures of real deliveries."""

    @classmethod
    def setUpClass(cls):
        cls.receiver = Receiver()
        cls.addClassCleanup(cls.receiver.close)
        cls.site = cls.make_site('[site]\ntime_zone = "Europe/Moscow"\n\n'
                                 '[webhooks]\nretry_base_seconds = 1\nmax_attempts = 2\n')
        assert cls.site.gazette("demo").returncode == 0
        admin = add_staff(cls.site, "admin", "admin@example.org", "Ada Admin")
        editor = add_staff(cls.site, "editor", "editor@example.org", "Edna Editor")
        cls.server = cls.start(cls.site)
        cls.admin = Staff(cls.server)
        assert cls.admin.sign_in_admin("admin@example.org", admin).status == 303
        cls.editor = Staff(cls.server)
        assert cls.editor.sign_in_admin("editor@example.org", editor).status == 303

    # --- helpers ---------------------------------------------------------------------

    def cli_list(self):
        listed = self.site.gazette("webhook", "list")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        return listed.stdout

    def add(self, url, events, description="", expect=200):
        """Fills the add form as a browser would; returns the answer."""
        page = self.admin.get("/admin/webhooks")
        self.assertEqual(page.status, 200, page.text[:2000])
        fields = FormFields(page.text, "new-form").fields
        self.assertEqual(fields["url"], "")
        fields.update({"url": url, "description": description})
        fields.update({f"event_{e}": "on" for e in events})
        r = self.admin.post_form("/admin/webhooks", fields, page)
        self.assertEqual(r.status, expect, r.text[:3000])
        return r

    def card(self, wid, html=None):
        """The webhook's item in the list, or None."""
        html = html if html is not None else self.admin.get("/admin/webhooks").text
        m = re.search(rf'<li class="webhook" id="webhook-{wid}">(.*?)</li>', html, re.S)
        return m.group(1) if m else None

    def log_rows(self, wid, page=""):
        """The delivery log's rows: {delivery id: (state, [cell texts])}."""
        r = self.admin.get(f"/admin/webhooks/{wid}{page}")
        self.assertEqual(r.status, 200, r.text[:2000])
        rows = {}
        for did, state, inner in re.findall(r'<tr id="delivery-(\d+)" class="delivery-(\w+)">(.*?)</tr>', r.text, re.S):
            rows[int(did)] = (state, [text for _, text in Page(f"<table><tr>{inner}</tr></table>").find_all("td")], inner)
        return rows

    def wait_for_row(self, wid, did, state, timeout=20):
        deadline = time.monotonic() + timeout
        while True:
            row = self.log_rows(wid).get(did)
            if row and row[0] == state:
                return row
            if time.monotonic() > deadline:
                self.fail(f"delivery {did} is not {state}: {row}")
            time.sleep(0.2)

    def publish(self, headline):
        aid = self.editor.create(headline)
        self.assertEqual(self.editor.act(aid, "publish").status, 303)
        return aid

    # --- the tests, in order: they share the site and its first webhook -------------------

    def test_1_only_admins_may_see_or_change_webhooks(self):
        self.assertEqual(self.editor.get("/admin/webhooks").status, 403)
        self.assertEqual(self.editor.get("/admin/webhooks/1").status, 403)
        page = self.editor.get("/admin")
        self.assertNotIn('href="/admin/webhooks"', page.text)
        r = self.editor.post_form("/admin/webhooks", {"url": self.receiver.url, "event_article.published": "on"}, page)
        self.assertEqual(r.status, 403)
        self.assertEqual(self.cli_list().strip(), "No webhooks.")
        self.assertIn('href="/admin/webhooks"', self.admin.get("/admin").text)
        listed = self.admin.get("/admin/webhooks")
        self.assertEqual(listed.status, 200)
        self.assertIn("There are no webhooks yet.", listed.text)
        # Without the CSRF token, nothing is added either.
        r = self.admin.post_form("/admin/webhooks", {"url": self.receiver.url, "event_article.published": "on"},
                                 csrf="")
        self.assertEqual(r.status, 403)
        self.assertEqual(self.cli_list().strip(), "No webhooks.")

    def test_2_an_added_webhook_shows_its_secret_once_and_it_signs_deliveries(self):
        r = self.add(self.receiver.url, ["article.published", "article.updated"], "Search index")
        self.assertEqual(r.header("cache-control"), "private, no-store")
        secret = unescape(re.search(r'<code id="new-secret">([^<]+)</code>', r.text).group(1))
        self.assertRegex(secret, r"^whsec_[A-Za-z0-9_-]{43}$")
        notice = Page(r.text).text_of("div", id="new-secret-notice")
        self.assertIn("shown only this once", notice)
        self.assertIn("X-Gazette-Signature", notice)
        wid = int(re.search(r"Webhook (\d+) is added", notice).group(1))
        type(self).first, type(self).secret = wid, secret
        # The list shows it, but never the secret again.
        listed = self.admin.get("/admin/webhooks").text
        self.assertNotIn(secret, listed)
        card = self.card(wid, listed)
        self.assertIn(f"<code>{self.receiver.url}</code>", card)
        self.assertEqual(re.findall(r'<code class="event">([^<]+)</code>', card), ["article.published", "article.updated"])
        self.assertIn("Search index", card)
        self.assertIn("Active", card)
        self.assertRegex(card, r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00">')
        self.assertEqual(self.cli_list().strip().split("\t"),
                         [str(wid), "active", "article.published,article.updated", self.receiver.url, "Search index"])
        self.assertIn("webhook.create", self.admin.get("/admin/audit").text)
        # A published article reaches the receiver, signed with the secret the page showed.
        before = len(self.receiver.requests)
        aid = self.publish("Webhook page test: tram line opens")
        request = self.receiver.wait_for(before + 1)[-1]
        self.assertEqual(request["headers"]["x-gazette-event"], "article.published")
        self.assertEqual(json.loads(request["body"])["data"]["id"], aid)
        self.assertTrue(signed_by(secret, request), "the secret shown does not verify the delivery")
        delivery = int(request["headers"]["x-gazette-delivery"])
        state, cells, _ = self.wait_for_row(wid, delivery, "delivered")
        self.assertIn("article.published", cells[1])
        self.assertEqual(cells[3:5], ["1", "200"])

    def test_3_a_bad_url_is_refused_at_its_field_and_nothing_is_stored(self):
        before = self.cli_list()
        r = self.add("ftp://127.0.0.1/hooks", ["comment.created"], "Chat bot", expect=400)
        self.assertRegex(r.text, r'id="new-url"[^>]*aria-invalid="true"')
        self.assertIn("http:// or https://", Page(r.text).text_of("p", id="new-error"))
        self.assertRegex(r.text, r'id="new-url"[^>]*aria-describedby="[^"]*new-error')
        # What was typed stays in the form.
        fields = FormFields(r.text, "new-form").fields
        self.assertEqual((fields["url"], fields["description"]), ("ftp://127.0.0.1/hooks", "Chat bot"))
        self.assertIn("event_comment.created", fields)
        self.assertNotIn("event_article.published", fields)
        self.assertNotIn("new-secret", r.text)
        no_events = self.add(self.receiver.url, [], expect=400)
        self.assertRegex(no_events.text, r'id="new-event-article-published"[^>]*aria-invalid="true"')
        self.assertIn("Choose at least one event", Page(no_events.text).text_of("p", id="new-error"))
        self.assertEqual(self.cli_list(), before)
        # A change to a bad address is refused at the edit form's field and changes nothing.
        wid = self.first
        page = self.admin.get("/admin/webhooks")
        fields = FormFields(page.text, f"edit-{wid}-form").fields
        fields["url"] = "https://"
        bad = self.admin.post_form(f"/admin/webhooks/{wid}/update", fields, page)
        self.assertEqual(bad.status, 400)
        self.assertRegex(bad.text, rf'id="edit-{wid}-url"[^>]*aria-invalid="true"')
        self.assertRegex(bad.text, rf'<details class="webhook-edit" open>')
        self.assertEqual(self.cli_list(), before)

    def test_4_a_webhook_is_changed_rotated_and_removed(self):
        other = f"http://127.0.0.1:{self.receiver.port}/hooks/second"
        r = self.add(other, ["comment.created"], "Moderation bot")
        wid = int(re.search(r"Webhook (\d+) is added", r.text).group(1))
        old_secret = re.search(r'<code id="new-secret">([^<]+)</code>', r.text).group(1)
        # Change: another address, events, description, and disabled.
        page = self.admin.get("/admin/webhooks")
        fields = FormFields(page.text, f"edit-{wid}-form").fields
        self.assertEqual(fields["url"], other)
        self.assertIn("active", fields)
        del fields["active"]
        del fields["event_comment.created"]
        fields.update({"url": other + "/renamed", "description": "Moderation bot, paused",
                       "event_article.unpublished": "on"})
        r = self.admin.post_form(f"/admin/webhooks/{wid}/update", fields, page)
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(r.header("location"), f"/admin/webhooks?done=updated#webhook-{wid}")
        after = self.admin.get(r.header("location").split("#")[0]).text  # as a browser asks
        self.assertIn("The webhook is saved.", after)
        card = self.card(wid, after)
        self.assertIn(f"<code>{other}/renamed</code>", card)
        self.assertIn("Disabled", card)
        self.assertEqual(re.findall(r'<code class="event">([^<]+)</code>', card), ["article.unpublished"])
        self.assertIn(f"{wid}\tdisabled\tarticle.unpublished\t{other}/renamed\tModeration bot, paused",
                      self.cli_list())
        # Rotate: a new secret, shown once.
        r = self.admin.post_form(f"/admin/webhooks/{wid}/rotate", {}, self.admin.get("/admin/webhooks"))
        self.assertEqual(r.status, 200)
        new_secret = re.search(r'<code id="new-secret">([^<]+)</code>', r.text).group(1)
        self.assertNotEqual(new_secret, old_secret)
        self.assertIn(f"Webhook {wid} has a new secret", r.text)
        self.assertNotIn(new_secret, self.admin.get("/admin/webhooks").text)
        # Remove: refused without the confirmation, done with it.
        r = self.admin.post_form(f"/admin/webhooks/{wid}/remove", {}, self.admin.get("/admin/webhooks"))
        self.assertEqual(r.status, 400)
        self.assertRegex(r.text, rf'id="remove-{wid}-confirm"[^>]*aria-invalid="true"')
        self.assertIn("Tick the box to confirm the removal.", r.text)
        self.assertIsNotNone(self.card(wid))
        r = self.admin.post_form(f"/admin/webhooks/{wid}/remove", {"confirm": "yes"}, self.admin.get("/admin/webhooks"))
        self.assertEqual(r.status, 303)
        self.assertIn("The webhook and its delivery log are removed.", self.admin.get(r.header("location")).text)
        self.assertIsNone(self.card(wid))
        self.assertNotIn(f"{wid}\t", self.cli_list())
        self.assertEqual(self.admin.get(f"/admin/webhooks/{wid}").status, 404)
        self.assertEqual(self.admin.post_form(f"/admin/webhooks/{wid}/rotate", {}, self.admin.get("/admin/webhooks")).status,
                         404)
        # The audit log (which editors read too) names the host, never the path.
        audit = self.editor.get("/admin/audit").text
        for action in ("webhook.create", "webhook.update", "webhook.rotate", "webhook.remove"):
            self.assertIn(action, audit)
        self.assertIn(f"http://127.0.0.1:{self.receiver.port} (article.unpublished; disabled)", audit)
        self.assertNotIn("/hooks/second", audit)

    def test_5_the_delivery_log_shows_a_failure_that_can_be_sent_again(self):
        wid = self.first
        before = len(self.receiver.requests)
        self.receiver.answers = [500, 500]  # both attempts (max_attempts = 2) fail
        aid = self.publish("Webhook page test: the receiver is down")
        first, second = self.receiver.wait_for(before + 2)[-2:]
        delivery = int(first["headers"]["x-gazette-delivery"])
        self.assertEqual(int(second["headers"]["x-gazette-delivery"]), delivery)
        state, cells, inner = self.wait_for_row(wid, delivery, "failed")
        self.assertRegex(cells[0], r"Delivery \d+")
        self.assertRegex(inner, r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00">')
        self.assertIn("article.published", cells[1])
        self.assertIn(f'href="/admin/articles/{aid}"', inner)
        self.assertEqual(cells[2], "failed")
        self.assertEqual(cells[3:5], ["2", "500"])
        self.assertIn("500", cells[5])  # the last error names the status
        self.assertEqual(cells[6], "—")  # no next attempt
        # The page says which time zone it shows.
        self.assertIn("Europe/Moscow", self.admin.get(f"/admin/webhooks/{wid}").text)
        # Send it again: a new delivery with the same body, delivered this time.
        r = self.admin.post_form(f"/admin/webhooks/{wid}/deliveries/{delivery}/send-again", {},
                                 self.admin.get(f"/admin/webhooks/{wid}"))
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), f"/admin/webhooks/{wid}?done=sent")
        third = self.receiver.wait_for(before + 3)[-1]
        again = int(third["headers"]["x-gazette-delivery"])
        self.assertNotEqual(again, delivery)
        self.assertEqual(third["body"], first["body"])
        self.assertTrue(signed_by(self.secret, third))
        self.assertEqual(self.wait_for_row(wid, again, "delivered")[1][3:5], ["1", "200"])
        rows = self.log_rows(wid)
        self.assertEqual(rows[delivery][0], "failed")  # the failed one stays in the log
        self.assertEqual(list(rows), sorted(rows, reverse=True))  # newest first
        self.assertIn("webhook.send_again", self.admin.get("/admin/audit").text)
        # Only a failed delivery can be sent again, and only from its own webhook's log.
        refused = self.admin.post_form(f"/admin/webhooks/{wid}/deliveries/{again}/send-again", {},
                                       self.admin.get(f"/admin/webhooks/{wid}"))
        self.assertEqual(refused.status, 409)
        self.assertIn("Only a failed delivery can be sent again", refused.text)
        self.assertEqual(self.admin.post_form(f"/admin/webhooks/{wid + 100}/deliveries/{delivery}/send-again", {},
                                              self.admin.get("/admin/webhooks")).status, 404)
        self.assertEqual(len(self.log_rows(wid)), len(rows))
        # Paging.
        self.assertEqual(self.admin.get(f"/admin/webhooks/{wid}?page=x").status, 400)
        self.assertIn("There are no more deliveries.", self.admin.get(f"/admin/webhooks/{wid}?page=2").text)

    def test_6_a_rotated_secret_signs_the_next_deliveries(self):
        wid = self.first
        r = self.admin.post_form(f"/admin/webhooks/{wid}/rotate", {}, self.admin.get("/admin/webhooks"))
        self.assertEqual(r.status, 200)
        secret = unescape(re.search(r'<code id="new-secret">([^<]+)</code>', r.text).group(1))
        before = len(self.receiver.requests)
        self.publish("Webhook page test: after the rotation")
        request = self.receiver.wait_for(before + 1)[-1]
        self.assertTrue(signed_by(secret, request))
        self.assertFalse(signed_by(self.secret, request), "the old secret still signs")


if __name__ == "__main__":
    unittest.main()
