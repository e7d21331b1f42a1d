"""Reader accounts end to end over real HTTP against `gazette serve`: signing
up, in and out, the session and CSRF cookies, the Origin/Referer check,
sign-in throttling (per address and per account, X-Forwarded-For only from
trusted proxies), the account page (password, sessions, data download,
deletion), `gazette user add`, and email confirmation."""

import itertools
import json
import re
import sqlite3
import stat
import subprocess
import unittest
import urllib.parse

from harness import Browser, E2ETest, Page, free_port

PASSWORD = "correct horse battery"
_serial = itertools.count(1)


def new_email(tag):
    return f"{tag}-{next(_serial)}@example.com"


# --- reading responses --------------------------------------------------------------------------------


def set_cookies(response):
    """{cookie name: the whole Set-Cookie value} of a Browser response."""
    out = {}
    for name, value in getattr(response, "raw_headers", []):
        if name.lower() == "set-cookie":
            out[value.split("=", 1)[0].strip()] = value
    return out


def cookie_value(set_cookie):
    return set_cookie.split(";", 1)[0].split("=", 1)[1]


def cookie_attributes(set_cookie):
    """The attributes of a Set-Cookie value: {lower-case name: value or ''}."""
    attrs = {}
    for part in set_cookie.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        attrs[key.lower()] = value
    return attrs


def form_error(response):
    return Page(response.text).text_of("p", class_="form-error")


def input_attrs(response, element_id):
    for attrs, _ in Page(response.text).find_all("input", id=element_id):
        return attrs
    return None


def message_of(response):
    """The message of an error page."""
    found = re.search(r'<section class="message"[^>]*>.*?<p>(.*?)</p>', response.text, re.S)
    return found.group(1) if found else response.text


def signed_in_with(server, token, name="gz_session"):
    """Whether /api/v1/session counts the visitor with only this session cookie as signed in."""
    r = server.get("/api/v1/session", headers={"Cookie": f"{name}={token}"})
    if r.status != 200:
        raise AssertionError(f"/api/v1/session answered {r.status}")
    return json.loads(r.text)["signed_in"]


def article_links(server):
    links = re.findall(r'href="(/news/(\d+)-[a-z0-9-]+)"', server.get("/").text)
    if not links:
        raise RuntimeError("the demo front page links no article")
    return links


def comment_author(html, comment_id):
    """The author shown on the comment `comment_id` of an article page, or None if it is not there."""
    item = re.search(rf'<li [^>]*id="comment-{comment_id}"[^>]*>(.*?)</li>', html, re.S)
    if not item:
        return None
    author = re.search(r'<span class="author[^"]*">(.*?)</span>', item.group(1), re.S)
    return author.group(1) if author else None


# --- a browser with a name and an Origin of choice ----------------------------------------------------


class Visitor(Browser):
    """A Browser with a User-Agent and an Origin of its own, and forms posted field by field."""

    def __init__(self, server, user_agent=None, origin=None):
        super().__init__(server)
        self.user_agent = user_agent
        self.own_origin = origin

    def _headers(self, extra=None, origin="default"):
        if origin == "default" and self.own_origin:
            origin = self.own_origin
        headers = super()._headers(extra, origin)
        if self.user_agent:
            headers.setdefault("User-Agent", self.user_agent)
        return headers

    def token(self, name="gz_session"):
        return self.cookies.get(name)

    def csrf(self):
        return self.session()["csrf"]

    def submit(self, path, fields, csrf="current", origin="default", referer=None, forwarded_for=None):
        """POSTs a form; csrf "current" sends the right token, None leaves the field out."""
        data = dict(fields)
        if csrf == "current":
            csrf = self.csrf()
        if csrf is not None:
            data["csrf"] = csrf
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if referer is not None:
            headers["Referer"] = referer
        if forwarded_for is not None:
            headers["X-Forwarded-For"] = forwarded_for
        return self.request("POST", path, body=urllib.parse.urlencode(data), headers=headers, origin=origin)

    def sign_in_from(self, email, password, forwarded_for=None):
        return self.submit("/account/signin", {"email": email, "password": password, "next": "/"},
                           forwarded_for=forwarded_for)


class AccountTest(E2ETest):
    def new_reader(self, server, name="Reader Person", email=None, password=PASSWORD, user_agent=None):
        """A visitor that signed up (and is signed in); its email is .email."""
        email = email or new_email("reader")
        v = Visitor(server, user_agent)
        r = v.sign_up(name, email, password)
        self.assertEqual(r.status, 303, f"sign-up of {email}: {r.status} {form_error(r)}")
        self.assertTrue(v.token(), "no session cookie after signing up")
        v.email = email
        return v

    def signed_in_visitor(self, server, email, password=PASSWORD, user_agent=None):
        v = Visitor(server, user_agent)
        r = v.sign_in_from(email, password)
        self.assertEqual(r.status, 303, f"sign-in of {email}: {r.status} {form_error(r)}")
        return v

    def assert_signed_in(self, visitor, expected=True, what=""):
        self.assertEqual(visitor.session()["signed_in"], expected, what)


# ========================================================================================================
# One server over a demo site: most of the account features.
# ========================================================================================================


class Accounts(AccountTest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        filled = cls.site.gazette("demo")
        if filled.returncode != 0:
            raise RuntimeError("gazette demo failed: " + filled.stderr)
        cls.server = cls.start(cls.site)
        cls.article_path, cls.article_id = article_links(cls.server)[0]

    # --- sign up ------------------------------------------------------------------------------------------

    def test_sign_up_sets_the_session_cookie_and_goes_to_next(self):
        v = Visitor(self.server)
        email = new_email("newcomer")
        r = v.sign_up("Nora Newcomer", email, next_path=self.article_path)
        self.assertEqual(r.status, 303, form_error(r))
        self.assertEqual(r.header("location"), self.article_path)
        cookies = set_cookies(r)
        self.assertIn("gz_session", cookies, f"Set-Cookie: {cookies}")
        attrs = cookie_attributes(cookies["gz_session"])
        self.assertIn("httponly", attrs, cookies["gz_session"])
        self.assertEqual(attrs.get("samesite", "").lower(), "lax", cookies["gz_session"])
        self.assertNotIn("secure", attrs, "Secure on a plain-http site: " + cookies["gz_session"])
        self.assertEqual(attrs.get("path"), "/", cookies["gz_session"])
        self.assertTrue(cookie_value(cookies["gz_session"]))

        account = v.get("/account")
        self.assertEqual(account.status, 200)
        facts = [text for _, text in Page(account.text).find_all("dd")]
        self.assertIn("Nora Newcomer", facts)
        self.assertIn(email, facts)
        self.assertNotIn('href="/moderation"', account.text, "a reader's account page links the moderation desk")
        session = v.session()
        self.assertTrue(session["signed_in"])
        self.assertEqual(session["account"]["name"], "Nora Newcomer")

    def test_sign_up_next_must_be_a_local_path(self):
        cases = {
            "/latest?page=2": "/latest?page=2",
            "https://evil.example": "/",
            "//evil.example": "/",
            "/\\evil.example": "/",
            "javascript:alert(1)": "/",
            "/ok\r\nX-Injected: 1": "/",
        }
        for next_path, expected in cases.items():
            with self.subTest(next=next_path):
                r = Visitor(self.server).sign_up("Next Tester", new_email("next"), next_path=next_path)
                self.assertEqual(r.status, 303, form_error(r))
                self.assertEqual(r.header("location"), expected)

    def test_sign_up_refusals_show_the_error_and_keep_the_values(self):
        email = new_email("retry")
        good_password = "unique-secret-4417x"
        cases = [
            # (what, name, email, password, the field marked invalid, words of the message)
            ("short password", "Paula Short", email, "short9", "password", "at least 10"),
            ("bad email", "Ed Bad", "not-an-email", good_password, "email", "not an email"),
            ("email without a dot", "Ed Bad", "someone@localhost", good_password, "email", "not an email"),
            ("one-letter name", "Q", email, good_password, "display_name", "2 to 50"),
            ("control character in the name", "Bell\x07Ringer", email, good_password, "display_name", "control"),
            ("C1 control character in the name", "Next\u0085Line", new_email("c1"), good_password, "display_name", "control"),
            ("control character in the email", "Ctrl Mail", "ctrl\x01x@example.com", good_password, "email",
             "not an email"),
        ]
        for what, name, address, password, field, words in cases:
            with self.subTest(what):
                v = Visitor(self.server)
                r = v.sign_up(name, address, password)
                self.assertGreaterEqual(r.status, 400, what)
                self.assertLess(r.status, 500, what)
                self.assertNotIn("gz_session", set_cookies(r), f"{what}: a session cookie on a refusal")
                self.assertIn("text/html", r.header("content-type"))
                error = form_error(r)
                self.assertIsNotNone(error, f"{what}: no error shown on the re-rendered form")
                self.assertIn(words, error.lower(), what)
                self.assertIsNotNone(input_attrs(r, "password"), f"{what}: the form is not shown again")
                self.assertEqual(input_attrs(r, field).get("aria-invalid"), "true", f"{what}: {field} not marked")
                if not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in name):
                    self.assertEqual(input_attrs(r, "display_name").get("value"), name, f"{what}: name not kept")
                if "\x01" not in address:
                    self.assertEqual(input_attrs(r, "email").get("value"), address, f"{what}: email not kept")
                self.assertNotIn("value", input_attrs(r, "password"), f"{what}: the password field has a value")
                self.assertNotIn(password, r.text, f"{what}: the password is echoed back")
                self.assertFalse(v.session()["signed_in"], what)
        # Nothing was stored: the email is still free.
        r = Visitor(self.server).sign_up("Paula Short", email, good_password)
        self.assertEqual(r.status, 303, f"signing up after refusals: {r.status} {form_error(r)}")

    def test_sign_up_with_a_taken_email_is_a_conflict(self):
        first = self.new_reader(self.server, "First Owner")
        for variant in (first.email, "  " + first.email.upper() + " "):
            with self.subTest(email=variant):
                v = Visitor(self.server)
                r = v.sign_up("Second Claimant", variant, "another-password-123")
                self.assertEqual(r.status, 409)
                self.assertIn("An account with this email exists", form_error(r) or "")
                self.assertNotIn("gz_session", set_cookies(r))
                self.assertEqual(input_attrs(r, "display_name").get("value"), "Second Claimant")
                self.assertNotIn("another-password-123", r.text)
        # The first owner's password still works.
        self.signed_in_visitor(self.server, first.email)

    # --- sign in and out ----------------------------------------------------------------------------------

    def test_sign_in_renews_the_session_token(self):
        v = self.new_reader(self.server, "Renata Renew")
        old = v.token()
        r = v.sign_in_from(v.email, PASSWORD)
        self.assertEqual(r.status, 303, form_error(r))
        self.assertEqual(r.header("location"), "/")
        new = cookie_value(set_cookies(r).get("gz_session", "gz_session=; "))
        self.assertTrue(new, "no session cookie after signing in")
        self.assertNotEqual(new, old, "the session token was not renewed at sign-in")
        self.assertTrue(signed_in_with(self.server, new))
        self.assertFalse(signed_in_with(self.server, old), "the token from before the sign-in still authenticates")
        # Signing in from another browser keeps this one.
        self.signed_in_visitor(self.server, v.email)
        self.assertTrue(signed_in_with(self.server, new))

    def test_wrong_password_and_unknown_email_answer_alike(self):
        v = self.new_reader(self.server, "Wanda Wrong")
        wrong = Visitor(self.server).sign_in_from(v.email, "not the password at all")
        unknown = Visitor(self.server).sign_in_from(new_email("nobody"), "not the password at all")
        self.assertEqual(wrong.status, 400)
        self.assertEqual(unknown.status, wrong.status)
        self.assertTrue(form_error(wrong))
        self.assertEqual(form_error(unknown), form_error(wrong))
        self.assertNotIn("gz_session", set_cookies(wrong))
        self.assertNotIn("gz_session", set_cookies(unknown))
        self.assertEqual(input_attrs(wrong, "email").get("value"), v.email, "the email is not kept")
        self.assertNotIn("not the password at all", wrong.text)

    def test_sign_out_ends_the_session_and_clears_the_cookie(self):
        v = self.new_reader(self.server, "Otto Out")
        token = v.token()
        r = v.submit("/account/signout", {})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/")
        cleared = set_cookies(r).get("gz_session")
        self.assertIsNotNone(cleared, "sign-out does not clear the cookie")
        self.assertEqual(cookie_value(cleared), "")
        self.assertEqual(cookie_attributes(cleared).get("max-age"), "0", cleared)
        self.assertFalse(signed_in_with(self.server, token), "the session still works after signing out")
        account = self.server.get("/account", headers={"Cookie": f"gz_session={token}"})
        self.assertEqual(account.status, 303)
        self.assertTrue(account.header("location").startswith("/account/signin"))

    # --- the account page ---------------------------------------------------------------------------------

    def test_change_password(self):
        here = self.new_reader(self.server, "Paul Changer")
        there = self.signed_in_visitor(self.server, here.email)
        new_password = "a brand new passphrase"

        r = here.submit("/account/password", {"current_password": "wrong current pw", "new_password": new_password})
        self.assertEqual(r.status, 400)
        self.assertIn("wrong", message_of(r).lower())
        r = here.submit("/account/password", {"current_password": PASSWORD, "new_password": "short"})
        self.assertEqual(r.status, 400)
        self.assert_signed_in(there, True, "a refused change ended the other session")

        r = here.submit("/account/password", {"current_password": PASSWORD, "new_password": new_password})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/account?done=password")
        self.assert_signed_in(here, True, "changing the password signed out this browser")
        self.assert_signed_in(there, False, "changing the password kept the other session")
        self.signed_in_visitor(self.server, here.email, new_password)
        self.assertEqual(Visitor(self.server).sign_in_from(here.email, PASSWORD).status, 400,
                         "the old password still signs in")

    def test_sessions_list_and_ending_another_session(self):
        first = self.new_reader(self.server, "Sally Sessions", user_agent="FirstBrowser/1.0")
        second = self.signed_in_visitor(self.server, first.email, user_agent="SecondBrowser/2.0")
        page = first.get("/account")
        self.assertEqual(page.status, 200)
        rows = re.findall(r"<tr><td>(.*?)</td>.*?</tr>", page.text.split("<tbody>", 1)[1], re.S)
        self.assertEqual(len(rows), 2, rows)
        self.assertIn("FirstBrowser/1.0", page.text)
        self.assertIn("SecondBrowser/2.0", page.text)
        other_row = re.search(r"<tr><td>SecondBrowser/2\.0</td>.*?</tr>", page.text, re.S)
        self.assertIsNotNone(other_row)
        ends = re.findall(r'action="/account/sessions/(\d+)/end"', page.text)
        self.assertEqual(len(ends), 1, "one end-session form, for the other browser only")
        self.assertIn(f"/account/sessions/{ends[0]}/end", other_row.group(0))
        this_row = re.search(r"<tr><td>FirstBrowser/1\.0</td>.*?</tr>", page.text, re.S)
        self.assertIn("This browser", this_row.group(0))

        r = first.submit(f"/account/sessions/{ends[0]}/end", {})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/account?done=session")
        self.assert_signed_in(second, False, "the ended session still works")
        self.assert_signed_in(first, True)
        after = first.get("/account").text
        self.assertNotIn("SecondBrowser/2.0", after)
        self.assertNotIn("/account/sessions/", after)

    def test_ending_a_session_of_another_account_is_not_found(self):
        mine = self.new_reader(self.server, "Mallory Mine")
        theirs = self.new_reader(self.server, "Trudy Theirs")
        theirs_too = self.signed_in_visitor(self.server, theirs.email)
        their_ids = re.findall(r'action="/account/sessions/(\d+)/end"', theirs.get("/account").text)
        self.assertEqual(len(their_ids), 1)
        r = mine.submit(f"/account/sessions/{their_ids[0]}/end", {})
        self.assertEqual(r.status, 404)
        self.assert_signed_in(theirs_too, True, "another account's session was ended")
        self.assertEqual(mine.submit("/account/sessions/abc/end", {}).status, 404)
        self.assertEqual(mine.submit("/account/sessions/999999/end", {}).status, 404)

    def test_export_downloads_the_account_data(self):
        author = self.new_reader(self.server, "Arthur Author")
        posted = author.api("POST", f"/api/v1/articles/{self.article_id}/comments",
                            {"body": "A comment by Arthur for the export test."})
        self.assertEqual(posted.status, 201, posted.text)
        v = self.new_reader(self.server, "Xena Exporter")
        voted = v.api("POST", f"/api/v1/comments/{posted.json['comment']['id']}/vote", {"value": 1})
        self.assertEqual(voted.status, 200, voted.text)
        own = v.api("POST", f"/api/v1/articles/{self.article_id}/comments", {"body": "Xena writes for the export."})
        self.assertEqual(own.status, 201, own.text)

        r = v.get("/account/export")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("content-type").startswith("application/json"), r.header("content-type"))
        disposition = r.header("content-disposition")
        self.assertTrue(disposition.startswith("attachment"), disposition)
        self.assertRegex(disposition, r'filename="[^"/]+\.json"')
        self.assertIn("no-store", r.header("cache-control"))
        data = json.loads(r.text)
        self.assertEqual(data["account"]["email"], v.email)
        self.assertEqual(data["account"]["display_name"], "Xena Exporter")
        self.assertEqual(len(data["sessions"]), 1, data["sessions"])
        self.assertEqual(data["sessions"][0]["ip"], "127.0.0.1")
        self.assertEqual([c["body"] for c in data["comments"]], ["Xena writes for the export."])
        self.assertEqual(data["comments"][0]["article_id"], int(self.article_id))
        self.assertEqual(data["votes"], [{"comment_id": posted.json["comment"]["id"],
                                          "article_id": int(self.article_id), "value": 1}])
        self.assertNotIn(author.email, r.text)
        self.assertNotIn("password", json.dumps(data).lower())

        anonymous = Visitor(self.server).get("/account/export")
        self.assertEqual(anonymous.status, 303)
        location = urllib.parse.urlsplit(anonymous.header("location"))
        self.assertEqual(location.path, "/account/signin")
        self.assertEqual(urllib.parse.parse_qs(location.query).get("next"), ["/account/export"])

    def test_delete_account(self):
        name = "Zebulon Quartermaine"
        v = self.new_reader(self.server, name)
        posted = v.api("POST", f"/api/v1/articles/{self.article_id}/comments",
                       {"body": "Zebulon parting words on the tram."})
        self.assertEqual(posted.status, 201, posted.text)
        comment_id = posted.json["comment"]["id"]
        account_id = v.session()["account"]["id"]
        self.assertEqual(comment_author(self.server.get(self.article_path).text, comment_id), name)
        token = v.token()

        r = v.submit("/account/delete", {"password": "not my password", "confirm": "yes"})
        self.assertEqual(r.status, 400)
        r = v.submit("/account/delete", {"password": PASSWORD})
        self.assertEqual(r.status, 400, "deleting without the confirm box")
        self.assertIn("tick the box", message_of(r).lower())
        self.assert_signed_in(v, True, "a refused deletion signed the reader out")

        r = v.submit("/account/delete", {"password": PASSWORD, "confirm": "yes"})
        self.assertEqual(r.status, 200)
        cleared = set_cookies(r).get("gz_session")
        self.assertIsNotNone(cleared, "deleting does not clear the session cookie")
        self.assertEqual(cookie_attributes(cleared).get("max-age"), "0")
        self.assertFalse(signed_in_with(self.server, token), "the deleted account's session still works")
        with sqlite3.connect(self.site.db[len("sqlite:"):]) as db:
            left = db.execute("SELECT count(*) FROM sessions WHERE account_id = ?", (account_id,)).fetchone()[0]
        self.assertEqual(left, 0, "the deleted account's sessions are still stored")
        self.assertEqual(Visitor(self.server).sign_in_from(v.email, PASSWORD).status, 400)

        article = self.server.get(self.article_path).text
        self.assertIn("Zebulon parting words on the tram.", article)
        self.assertEqual(comment_author(article, comment_id), "Deleted account")
        self.assertNotIn(name, article)
        self.assertNotIn("Quartermaine", article)

        again = Visitor(self.server).sign_up("Zeb Returns", v.email)
        self.assertEqual(again.status, 303, f"the email cannot sign up again: {again.status} {form_error(again)}")


# ========================================================================================================
# CSRF: the token field, Origin and Referer on every state-changing form.
# ========================================================================================================


class CsrfOnForms(AccountTest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        cls.server = cls.start(cls.site)

    def refusals(self):
        base = self.server.base
        return [
            # (what, csrf ("current", None or a value), origin, referer)
            ("no csrf field", None, "default", None),
            ("a wrong csrf field", "x" * 22, "default", None),
            ("an empty csrf field", "", "default", None),
            ("Origin of another site", "current", "https://evil.example", None),
            ("Origin of another site with a same-site Referer", "current", "https://evil.example", base + "/account"),
            ("Origin that only starts like the site", "current", base + ".evil.example", None),
            ("neither Origin nor Referer", "current", None, None),
            ("no Origin, a Referer of another site", "current", None, "https://evil.example/account"),
            ("no Origin, a Referer that only starts like the site", "current", None, base + ".evil.example/x"),
        ]

    def check_form(self, visitor, path, fields, still_fine):
        """Every refusal answers 403 and changes nothing; then a same-site Referer without Origin is accepted."""
        for what, csrf, origin, referer in self.refusals():
            with self.subTest(form=path, case=what):
                r = visitor.submit(path, fields, csrf=csrf, origin=origin, referer=referer)
                self.assertEqual(r.status, 403, f"{path} with {what}")
                self.assertIn("came from another site", message_of(r))
                self.assertNotIn("gz_session", set_cookies(r), f"{path} with {what} touched the session cookie")
                still_fine()
        return visitor.submit(path, fields, origin=None, referer=self.server.base + "/account")

    def test_sign_up_form(self):
        v = Visitor(self.server)
        email = new_email("csrf-signup")
        fields = {"display_name": "Cora Csrf", "email": email, "password": PASSWORD, "next": "/"}
        r = self.check_form(v, "/account/signup", fields, lambda: self.assert_signed_in(v, False))
        self.assertEqual(r.status, 303, f"sign-up with a same-site Referer: {r.status} {form_error(r)}")
        self.assert_signed_in(v, True)

    def test_sign_in_form(self):
        owner = self.new_reader(self.server, "Ines Csrf")
        v = Visitor(self.server)
        fields = {"email": owner.email, "password": PASSWORD, "next": "/"}
        r = self.check_form(v, "/account/signin", fields, lambda: self.assert_signed_in(v, False))
        self.assertEqual(r.status, 303, f"sign-in with a same-site Referer: {r.status} {form_error(r)}")
        self.assert_signed_in(v, True)

    def test_sign_out_form(self):
        v = self.new_reader(self.server, "Olga Csrf")
        r = self.check_form(v, "/account/signout", {}, lambda: self.assert_signed_in(v, True))
        self.assertEqual(r.status, 303)
        self.assert_signed_in(v, False)

    def test_password_form(self):
        v = self.new_reader(self.server, "Pete Csrf")
        fields = {"current_password": PASSWORD, "new_password": "changed passphrase 1"}
        # If a refused request had changed the password, the last one (with the old current one) would fail.
        r = self.check_form(v, "/account/password", fields, lambda: self.assert_signed_in(v, True))
        self.assertEqual(r.status, 303, f"password change with a same-site Referer: {r.status}")
        self.signed_in_visitor(self.server, v.email, "changed passphrase 1")

    def test_delete_form(self):
        v = self.new_reader(self.server, "Dora Csrf")
        r = self.check_form(v, "/account/delete", {"password": PASSWORD, "confirm": "yes"},
                            lambda: self.assert_signed_in(v, True))
        self.assertEqual(r.status, 200, f"deletion with a same-site Referer: {r.status}")
        self.assert_signed_in(v, False)


# ========================================================================================================
# An https base_url: __Host- cookies with Secure, and the Origin is the https address.
# ========================================================================================================


HTTPS_ORIGIN = "https://news.example.org"


class HttpsSite(AccountTest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site(f'[site]\nbase_url = "{HTTPS_ORIGIN}"\n')
        cls.server = cls.start(cls.site)

    def test_cookies_are_host_prefixed_and_secure(self):
        v = Visitor(self.server, origin=HTTPS_ORIGIN)
        page = v.get("/account/signup")
        csrf_cookie = set_cookies(page).get("__Host-gz_csrf")
        self.assertIsNotNone(csrf_cookie, f"Set-Cookie: {set_cookies(page)}")
        self.assertNotIn("gz_csrf", set_cookies(page))
        attrs = cookie_attributes(csrf_cookie)
        self.assertIn("secure", attrs, csrf_cookie)
        self.assertEqual(attrs.get("path"), "/", csrf_cookie)
        self.assertNotIn("domain", attrs, csrf_cookie)

        email = new_email("https")
        r = v.post_form("/account/signup", {"display_name": "Hana Https", "email": email, "password": PASSWORD,
                                            "next": "/"}, page)
        self.assertEqual(r.status, 303, f"{r.status} {form_error(r)}")
        cookies = set_cookies(r)
        self.assertIn("__Host-gz_session", cookies, f"Set-Cookie: {cookies}")
        self.assertNotIn("gz_session", cookies)
        attrs = cookie_attributes(cookies["__Host-gz_session"])
        self.assertIn("secure", attrs)
        self.assertIn("httponly", attrs)
        self.assertEqual(attrs.get("samesite", "").lower(), "lax")
        self.assertEqual(attrs.get("path"), "/")
        self.assertNotIn("domain", attrs)
        token = cookie_value(cookies["__Host-gz_session"])
        self.assertTrue(signed_in_with(self.server, token, "__Host-gz_session"))
        self.assertFalse(signed_in_with(self.server, token, "gz_session"),
                         "the unprefixed cookie name is honoured on an https site")

    def test_the_origin_must_be_the_https_address(self):
        owner = Visitor(self.server, origin=HTTPS_ORIGIN)
        email = new_email("https-origin")
        self.assertEqual(owner.sign_up("Olaf Origin", email).status, 303)
        fields = {"email": email, "password": PASSWORD, "next": "/"}
        for origin in (self.server.base, "http://news.example.org", "https://news.example.org.evil.example"):
            with self.subTest(origin=origin):
                v = Visitor(self.server, origin=origin)
                r = v.submit("/account/signin", fields)
                self.assertEqual(r.status, 403, f"Origin {origin}")
        v = Visitor(self.server, origin=HTTPS_ORIGIN)
        self.assertEqual(v.submit("/account/signin", fields).status, 303)
        v = Visitor(self.server)
        r = v.submit("/account/signin", fields, origin=None, referer=HTTPS_ORIGIN + "/account/signin")
        self.assertEqual(r.status, 303, "no Origin, a Referer of the https site")
        self.assertIn("__Host-gz_session", set_cookies(r))


# ========================================================================================================
# Sign-in throttling, and which address counts.
# ========================================================================================================


class ThrottleWithoutProxies(AccountTest):
    """No trusted proxies: every request comes from 127.0.0.1, whatever X-Forwarded-For says."""

    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        cls.server = cls.start(cls.site)

    def test_forwarded_for_does_not_escape_the_per_address_limit(self):
        owner = self.new_reader(self.server, "Ted Throttle")
        for i in range(10):
            r = Visitor(self.server).sign_in_from(new_email("ghost"), "guessed password", forwarded_for=f"203.0.113.{i}")
            self.assertEqual(r.status, 400, f"failure {i + 1} from X-Forwarded-For 203.0.113.{i}")
        v = Visitor(self.server)
        r = v.sign_in_from(owner.email, PASSWORD, forwarded_for="198.51.100.77")
        self.assertEqual(r.status, 429, "the right password after 10 failures from one address")
        retry = r.header("retry-after")
        self.assertRegex(retry, r"^\d+$")
        self.assertTrue(1 <= int(retry) <= 600, retry)
        self.assertIn("Too many failed sign-ins", form_error(r) or "")
        self.assertNotIn("gz_session", set_cookies(r))
        self.assert_signed_in(v, False)
        self.assertEqual(Visitor(self.server).sign_in_from(new_email("ghost"), "x" * 12).status, 429)


class ThrottleBehindProxy(AccountTest):
    """127.0.0.1 is a trusted proxy: X-Forwarded-For names the client."""

    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site('[server]\ntrusted_proxies = ["127.0.0.1"]\n')
        cls.server = cls.start(cls.site)

    def test_failures_for_different_accounts_from_different_addresses_are_not_throttled_together(self):
        owner = self.new_reader(self.server, "Dana Different")
        for i in range(12):
            r = Visitor(self.server).sign_in_from(new_email("spread"), "guessed password",
                                                  forwarded_for=f"198.51.100.{i + 1}")
            self.assertEqual(r.status, 400, f"failure {i + 1}: each from its own address, for its own account")
        r = Visitor(self.server).sign_in_from(owner.email, PASSWORD, forwarded_for="198.51.100.200")
        self.assertEqual(r.status, 303, f"{r.status} {form_error(r)}")

    def test_the_forwarded_address_is_throttled(self):
        owner = self.new_reader(self.server, "Ivan Address")
        for i in range(10):
            r = Visitor(self.server).sign_in_from(new_email("probe"), "guessed password", forwarded_for="203.0.113.9")
            self.assertEqual(r.status, 400, f"failure {i + 1}")
        r = Visitor(self.server).sign_in_from(owner.email, PASSWORD, forwarded_for="203.0.113.9")
        self.assertEqual(r.status, 429)
        self.assertRegex(r.header("retry-after"), r"^\d+$")
        # A spoofed address on the left does not help: the proxy's entry (the rightmost) counts.
        r = Visitor(self.server).sign_in_from(owner.email, PASSWORD, forwarded_for="10.9.9.9, 203.0.113.9")
        self.assertEqual(r.status, 429, "a client-written X-Forwarded-For entry escapes the throttle")
        r = Visitor(self.server).sign_in_from(owner.email, PASSWORD, forwarded_for="203.0.113.10")
        self.assertEqual(r.status, 303, f"another address is throttled too: {r.status} {form_error(r)}")

    def test_one_account_is_throttled_across_addresses(self):
        target = self.new_reader(self.server, "Anna Account")
        bystander = self.new_reader(self.server, "Bert Bystander")
        for i in range(10):
            r = Visitor(self.server).sign_in_from(target.email, "guessed password", forwarded_for=f"192.0.2.{i + 1}")
            self.assertEqual(r.status, 400, f"failure {i + 1}")
        r = Visitor(self.server).sign_in_from(target.email, PASSWORD, forwarded_for="192.0.2.200")
        self.assertEqual(r.status, 429, "the right password after 10 failures on this account")
        self.assertRegex(r.header("retry-after"), r"^\d+$")
        r = Visitor(self.server).sign_in_from(bystander.email, PASSWORD, forwarded_for="192.0.2.201")
        self.assertEqual(r.status, 303, "another account is throttled too")


# ========================================================================================================
# gazette user add
# ========================================================================================================


class UserAdd(AccountTest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        cls.added = cls.site.gazette("user", "add", "--role", "moderator", "mod@example.com")
        cls.server = cls.start(cls.site)

    def test_a_moderator_signs_in_with_the_printed_password(self):
        self.assertEqual(self.added.returncode, 0, self.added.stderr)
        lines = re.findall(r"^password: (\S+)$", self.added.stdout, re.M)
        self.assertEqual(len(lines), 1, self.added.stdout)
        password = lines[0]
        v = Visitor(self.server)
        r = v.sign_in_from("mod@example.com", password)
        self.assertEqual(r.status, 303, f"the printed password does not sign in: {r.status} {form_error(r)}")
        max_age = cookie_attributes(set_cookies(r)["gz_session"]).get("max-age", "")
        self.assertTrue(max_age.isdigit() and int(max_age) <= 12 * 3600, f"a staff session lasts {max_age} s")
        page = v.get("/account")
        self.assertEqual(page.status, 200)
        facts = [text for _, text in Page(page.text).find_all("dd")]
        self.assertIn("mod@example.com", facts)
        self.assertIn("Moderator", facts)
        self.assertTrue(Page(page.text).find_all("a", href="/moderation"), "no link to /moderation")
        session = v.session()
        self.assertEqual(session["account"]["role"], "moderator")
        self.assertTrue(session["account"]["can_moderate"])

    def test_an_unknown_role_is_refused(self):
        result = self.site.gazette("user", "add", "--role", "nonsense", "other@example.com")
        self.assertIn(result.returncode, (1, 2), result.stdout + result.stderr)
        self.assertIn("nonsense", result.stderr)
        self.assertIn("role", result.stderr)
        self.assertNotIn("password:", result.stdout)
        self.assertEqual(Visitor(self.server).sign_in_from("other@example.com", "whatever pw 1").status, 400)


# ========================================================================================================
# Email confirmation
# ========================================================================================================


class EmailConfirmation(AccountTest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        filled = cls.site.gazette("demo")
        if filled.returncode != 0:
            raise RuntimeError("gazette demo failed: " + filled.stderr)
        cls.mailbox = cls.site.path / "mail.txt"
        script = cls.site.path / "sendmail.sh"
        script.write_text(f"#!/bin/sh\ncat >> {cls.mailbox}\n", encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        cls.site.config = cls.site.path / "gazette.toml"
        cls.site.config.write_text(f'[accounts]\nverify_email = true\n\n[mail]\ncommand = "{script}"\n'
                                   'from = "news@example.org"\n', encoding="utf-8")
        cls.server = cls.start(cls.site)
        cls.article_path, cls.article_id = article_links(cls.server)[0]

    def test_sign_up_sends_a_link_that_confirms_the_email(self):
        v = self.new_reader(self.server, "Connie Confirm")
        self.assertTrue(self.mailbox.exists(), "no mail was sent")
        mail = self.mailbox.read_text(encoding="utf-8")
        self.assertIn(f"To: {v.email}", mail)
        links = re.findall(r"(\S*/account/confirm\?token=[A-Za-z0-9_%-]+)", mail)
        self.assertEqual(len(links), 1, mail)
        link = urllib.parse.urlsplit(links[0])
        self.assertEqual(f"{link.scheme}://{link.netloc}", self.server.base, "the link is not on the site's address")

        self.assertFalse(v.session()["account"]["email_confirmed"])
        self.assertIn('action="/account/confirm"', v.get("/account").text, "no confirmation note on /account")
        before = v.api("POST", f"/api/v1/articles/{self.article_id}/comments", {"body": "Before confirming."})
        self.assertEqual(before.status, 403, before.text)
        self.assertIn("confirm", before.json["error"]["message"].lower())

        self.assertEqual(Visitor(self.server).get("/account/confirm?token=not-a-real-token").status, 404)
        confirmed = Visitor(self.server).get(f"{link.path}?{link.query}")
        self.assertEqual(confirmed.status, 200, confirmed.text[:300])
        self.assertIn("confirmed", confirmed.text)
        self.assertTrue(v.session()["account"]["email_confirmed"])
        self.assertNotIn('action="/account/confirm"', v.get("/account").text)
        after = v.api("POST", f"/api/v1/articles/{self.article_id}/comments", {"body": "After confirming."})
        self.assertEqual(after.status, 201, after.text)
        self.assertEqual(Visitor(self.server).get(f"{link.path}?{link.query}").status, 404, "the link works twice")

    def test_verify_email_without_a_mail_command_refuses_to_start(self):
        site = self.make_site("[accounts]\nverify_email = true\n")
        try:
            result = site.gazette("serve", "--listen", f"127.0.0.1:{free_port()}", timeout=10)
        except subprocess.TimeoutExpired:
            self.fail("gazette serve started with verify_email = true and no mail.command")
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("accounts.verify_email", result.stderr)


if __name__ == "__main__":
    unittest.main()
