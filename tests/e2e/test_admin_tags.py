"""The newsroom's tag list at scale: a page at a time, filtered, and its
forms coming back to where the editor was."""

import re
import unittest
from html import unescape

import test_admin
from harness import E2ETest


def rows(page):
    """The tags listed on a /admin/tags page, by name, in order."""
    return [unescape(n) for n in re.findall(r'id="tag-\d+"><a class="taxonomy-name" href="[^"]*">([^<]*)</a>', page.text)]


def options(page, name):
    """The options of the merge form's select `name`."""
    select = re.search(rf'<select id="merge-{name}" name="{name}">(.*?)</select>', page.text, re.S)
    return [unescape(o) for o in re.findall(r"<option value=\"\d+\">([^<]*)</option>", select.group(1))] if select else []


def action(page, pattern):
    """The address a form on the page posts to (the first whose action matches)."""
    return unescape(re.search(rf'<form method="post" action="({pattern})"', page.text).group(1))


class TagListTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        password = test_admin.add_staff(cls.site, "editor", "editor@example.org", "Edna Editor")
        cls.server = cls.start(cls.site)
        cls.editor = test_admin.Staff(cls.server)
        assert cls.editor.sign_in_admin("editor@example.org", password).status == 303
        page = cls.editor.get("/admin/tags")
        names = [f"Tag {i:03}" for i in range(1, 231)] + ["Паромы Невы", "Ferries", "Ferry Lines"]
        for name in names:
            r = cls.editor.post_form("/admin/tags", {"name": name, "slug": ""}, page)
            assert r.status == 303, (name, r.status, r.text[:2000])

    def test_the_list_comes_a_hundred_tags_at_a_time(self):
        first = self.editor.get("/admin/tags")
        self.assertEqual(first.status, 200)
        self.assertEqual(len(rows(first)), 100)
        self.assertEqual(rows(first)[0], "Ferries")
        self.assertIn("Page 1 of 3", first.text)
        self.assertIn('<a href="/admin/tags?page=2" rel="next">', first.text)
        self.assertLess(len(first.body), 150_000)  # every tag on one page was 1.2 MB for 2,000 tags
        self.assertEqual(len(options(first, "from")), 100)
        last = self.editor.get("/admin/tags?page=3")
        self.assertEqual(rows(last)[-1], "Паромы Невы")
        self.assertIn('rel="prev"', last.text)
        self.assertNotIn('rel="next"', last.text)
        self.assertEqual(rows(self.editor.get("/admin/tags?page=40")), rows(last))
        bad = self.editor.get("/admin/tags?page=two")
        self.assertEqual(bad.status, 400)
        self.assertIn("The page number must be a whole number from 1 up.", bad.text)

    def test_the_filter_finds_a_tag_on_any_page(self):
        found = self.editor.get("/admin/tags?q=" + "tag%2022")
        self.assertEqual(rows(found), [f"Tag {i}" for i in range(220, 230)])  # not "Tag 022"
        self.assertIn("Tags found: 10", found.text)
        self.assertIn('value="tag 22"', found.text)
        self.assertEqual(rows(self.editor.get("/admin/tags?q=%D0%9F%D0%90%D0%A0%D0%9E%D0%9C")), ["Паромы Невы"])
        none = self.editor.get("/admin/tags?q=tramway")
        self.assertEqual(rows(none), [])
        self.assertIn("No tag matches this filter.", none.text)
        self.assertNotIn('id="merge-heading"', none.text)

    def test_tags_are_merged_from_a_filtered_list_and_the_answer_comes_back_to_it(self):
        page = self.editor.get("/admin/tags?q=ferr")
        self.assertEqual(options(page, "from"), ["Ferries", "Ferry Lines"])
        self.assertEqual(options(page, "into"), ["Ferries", "Ferry Lines"])
        ids = dict((unescape(n), i) for i, n in re.findall(r'<option value="(\d+)">([^<]*)</option>', page.text))
        merge = action(page, r"/admin/tags/merge[^\"]*")
        self.assertEqual(merge, "/admin/tags/merge?q=ferr")
        r = self.editor.post_form(merge, {"from": ids["Ferry Lines"], "into": ids["Ferries"]}, page)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/admin/tags?q=ferr&done=merged")
        after = self.editor.get(r.header("location"))
        self.assertEqual(rows(after), ["Ferries"])
        self.assertIn("Merged.", after.text)
        self.assertEqual(self.server.get("/tag/ferry-lines").header("location"), "/tag/ferries")

    def test_a_refused_rename_shows_its_row_on_the_page_it_came_from(self):
        page = self.editor.get("/admin/tags?page=2")
        tag_id, name = re.search(r'id="tag-(\d+)"><a class="taxonomy-name" href="[^"]*">([^<]*)</a>', page.text).groups()
        rename = action(page, rf"/admin/tags/{tag_id}/rename[^\"]*")
        self.assertEqual(rename, f"/admin/tags/{tag_id}/rename?page=2")
        r = self.editor.post_form(rename, {"name": "Tag 001", "slug": ""}, page)  # a name another tag has
        self.assertEqual(r.status, 409, r.text[:2000])
        self.assertIn(f'id="tag-{tag_id}"', r.text)
        self.assertIn(f'id="error-{tag_id}"', r.text)
        self.assertIn("Page 2 of 3", r.text)
        fine = self.editor.post_form(rename, {"name": name + " renamed", "slug": ""}, page)
        self.assertEqual(fine.header("location"), "/admin/tags?page=2&done=renamed")

    def test_a_new_tag_is_shown_by_its_name(self):
        page = self.editor.get("/admin/tags?page=3")
        create = action(page, r"/admin/tags(?:\?[^\"]*)?")
        self.assertEqual(create, "/admin/tags?page=3")
        r = self.editor.post_form(create, {"name": "Harbour Cranes", "slug": ""}, page)
        self.assertEqual(r.header("location"), "/admin/tags?q=Harbour%20Cranes&done=added")
        self.assertEqual(rows(self.editor.get(r.header("location"))), ["Harbour Cranes"])


if __name__ == "__main__":
    unittest.main()
