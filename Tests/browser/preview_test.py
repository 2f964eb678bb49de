"""The live preview in headless Chromium, as an editor uses it.

Usage: python3 Tests/browser/preview_test.py SITE_BINARY

Copies content/ and templates/ to a temporary folder, starts
`SITE_BINARY serve` on a free port and, with a page open: edits the page's
title and sees the page reload by itself; makes a bad edit and sees its
error (file and line, the text escaped) on the page, which keeps the last
good version; fixes it and sees the page reload without the error. Also
checks that Chromium reports no Content-Security-Policy violation. Ends
with a line "N passed, N failed"; exits non-zero on any failure.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import site_browser

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = None


class Preview(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = pathlib.Path(tempfile.mkdtemp(prefix="preview-test-"))
        shutil.copytree(ROOT / "content", cls.folder / "content")
        shutil.copytree(ROOT / "templates", cls.folder / "templates")
        cls.server = subprocess.Popen([BINARY, "serve", "--port", "8090"], cwd=cls.folder,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        cls.base = None
        deadline = time.time() + 30
        while time.time() < deadline and cls.base is None:
            line = cls.server.stdout.readline()
            match = re.search(r"at (http://127\.0\.0\.1:\d+/\S*)", line)
            if match:
                cls.base = match.group(1)
        if cls.base is None:
            raise RuntimeError("site serve printed no address")
        cls.driver = site_browser.chrome(logging=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        shutil.rmtree(cls.folder, ignore_errors=True)

    def page_file(self):
        return self.folder / "content" / "contact.md"

    def replace(self, old, new):
        text = self.page_file().read_text(encoding="utf-8")
        self.assertIn(old, text)
        self.page_file().write_text(text.replace(old, new, 1), encoding="utf-8")

    def wait_for(self, condition, message, seconds=10):
        WebDriverWait(self.driver, seconds).until(lambda _: condition(), message)

    def heading(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def test_edit_reload_error_and_fix(self):
        self.driver.get(self.base + "contact/")
        title = self.heading()
        marker = self.driver.execute_script("window.previewMarker = 1; return window.previewMarker")
        self.assertEqual(marker, 1)
        # A good edit: the page reloads by itself with the new title.
        self.replace(f"title: {title}", "title: Contact us today")
        self.wait_for(lambda: self.heading() == "Contact us today", "the page did not reload after the edit")
        self.assertIsNone(self.driver.execute_script("return window.previewMarker"), "not a real reload")
        # A bad edit: the error reaches the page, escaped, with its file and line; the page stays.
        text = self.page_file().read_text(encoding="utf-8")
        line = text.splitlines().index("kind: page") + 1
        self.replace("kind: page", "kind: <b>leaflet</b>")
        self.wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, ".site-preview-errors"), "no error panel")
        panel = self.driver.find_element(By.CSS_SELECTOR, ".site-preview-errors")
        self.assertIn(f"content/contact.md:{line}", panel.text)
        self.assertIn("<b>leaflet</b>", panel.text, "the error text must be shown as text")
        self.assertEqual(panel.find_elements(By.TAG_NAME, "b"), [], "the error text must not become markup")
        self.assertEqual(self.heading(), "Contact us today", "the last good page stays")
        # The fix: the page reloads, without the panel.
        self.replace("kind: <b>leaflet</b>", "kind: page")
        self.wait_for(lambda: not self.driver.find_elements(By.CSS_SELECTOR, ".site-preview-errors"), "the error stayed")
        self.assertEqual(self.heading(), "Contact us today")

    def test_no_content_security_policy_violation(self):
        self.driver.get(self.base)
        time.sleep(0.5)
        messages = [entry["message"] for entry in self.driver.get_log("browser")]
        self.assertEqual([m for m in messages if "Content Security Policy" in m], [])


def main(binary):
    global BINARY
    BINARY = os.path.abspath(binary)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Preview)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 1 if failed or result.testsRun == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
