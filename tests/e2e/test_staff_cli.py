"""Staff on the command line: `gazette user add` for every staff role, the
first admin of `make run` (--if-no-admin, once), and API tokens (`gazette
token create|list|revoke`), against a real SQLite file."""

import re
import sqlite3
import unittest

from harness import Browser, E2ETest


def password_of(result):
    lines = re.findall(r"^password: (\S+)$", result.stdout, re.M)
    return lines[0] if len(lines) == 1 else None


class StaffAccounts(E2ETest):
    def test_every_staff_role_gets_an_account_with_a_printed_password(self):
        site = self.make_site()
        for role in ("author", "editor", "moderator", "admin"):
            result = site.gazette("user", "add", "--role", role, f"{role}@example.org")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(password_of(result), result.stdout)
        with sqlite3.connect(site.db[len("sqlite:"):]) as db:
            roles = dict(db.execute("SELECT email, role FROM accounts"))
        self.assertEqual(roles, {f"{r}@example.org": r for r in ("author", "editor", "moderator", "admin")})

    def test_an_unknown_role_names_the_choices(self):
        site = self.make_site()
        result = site.gazette("user", "add", "--role", "owner", "x@example.org")
        self.assertEqual(result.returncode, 1)
        self.assertIn("author, editor, moderator or admin", result.stderr)
        self.assertNotIn("password:", result.stdout)

    def test_the_first_admin_is_made_once(self):
        """What `make run` does on every start: only the first prints a password."""
        site = self.make_site()
        first = site.gazette("user", "add", "--role", "admin", "--name", "Admin", "--if-no-admin", "admin@example.org")
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertTrue(password_of(first), first.stdout)
        again = site.gazette("user", "add", "--role", "admin", "--name", "Admin", "--if-no-admin", "admin@example.org")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIsNone(password_of(again))
        self.assertIn("has an admin already", again.stdout)
        # The first password still signs in: it was not replaced.
        server = self.start(site)
        r = Browser(server).sign_in("admin@example.org", password_of(first))
        self.assertEqual(r.status, 303, r.text[:300])


class Tokens(E2ETest):
    def test_create_prints_the_token_alone_on_the_last_line_and_stores_only_its_hash(self):
        site = self.make_site()
        result = site.gazette("token", "create", "--role", "editor", "Wire desk")
        self.assertEqual(result.returncode, 0, result.stderr)
        token = result.stdout.rstrip("\n").split("\n")[-1]
        self.assertRegex(token, r"^gzt_[A-Za-z0-9_-]{43}$")
        with sqlite3.connect(site.db[len("sqlite:"):]) as db:
            stored = db.execute("SELECT name, token_hash FROM api_tokens").fetchall()
            role = db.execute("SELECT role FROM accounts WHERE is_service = 1").fetchone()[0]
        self.assertEqual(len(stored), 1)
        self.assertEqual(stored[0][0], "Wire desk")
        self.assertNotIn(token, stored[0][1])
        self.assertEqual(role, "editor")

        listed = site.gazette("token", "list")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertRegex(listed.stdout, r"^1\teditor\tlive\tWire desk$")
        self.assertNotIn(token, listed.stdout)
        revoked = site.gazette("token", "revoke", "1")
        self.assertEqual(revoked.returncode, 0, revoked.stderr)
        self.assertRegex(site.gazette("token", "list").stdout, r"^1\teditor\trevoked\tWire desk$")
        self.assertEqual(site.gazette("token", "revoke", "1").returncode, 1)

    def test_bad_usage_is_explained(self):
        site = self.make_site()
        for args in (("token", "create", "Name"), ("token", "create", "--role", "reader", "Name"),
                     ("token", "revoke", "x"), ("token",)):
            result = site.gazette(*args)
            self.assertIn(result.returncode, (1, 2), args)
            self.assertTrue(result.stderr.strip(), args)
            self.assertNotRegex(result.stdout, r"gzt_")


if __name__ == "__main__":
    unittest.main()
