"""The centre finder, the centre pages and the look, in headless Chromium.

Usage: python3 Tests/browser/finder_test.py PUBLIC_DIR [BASE_URL]

Serves PUBLIC_DIR on loopback below the site's base path, or, given a
BASE_URL (or SITE_BASE_URL in the environment), tests the server already
serving it there (nginx in Tests/hosting/nginx-test.sh), and checks: the
finder without JavaScript (all twelve centres listed, the map's twelve named
links) and with it (filter as you type, postcodes and postcode areas, any UK
postcode sorted by distance, a postcode that is not a UK one, "Use my
location" with a faked position, a refused location, the status messages,
the markers the map highlights); every centre page's address, telephone and
map links; the skip link, focus outlines, target sizes and print style; and
that no page scrolls sideways at 320 px, where a table wider than the screen
scrolls inside its own box.
Ends with a line "N passed, N failed"; exits non-zero on any failure.
"""

import contextlib
import os
import pathlib
import re
import sys
import time
import unittest
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import site_browser

PUBLIC = None
BASE_URL = None
CENTRES = 12
OXFORD = {"latitude": 51.75, "longitude": -1.25, "accuracy": 100}
KEY_PAGES = ["", "services/lutetium-psma/", "centres/", "centres/oxford/"]
# Pages with a table written in Markdown ("Treatment at a glance").
TABLE_PAGES = ["services/lutetium-psma/", "services/lutetium-octreotate/"]
MARKERS = ".centre-map svg a.map-marker"


class Browser(unittest.TestCase):
    width = 1280
    javascript = True

    @classmethod
    def setUpClass(cls):
        if BASE_URL:
            cls.server = contextlib.nullcontext(BASE_URL)
        else:
            cls.server = site_browser.serve(PUBLIC, site_browser.base_path(PUBLIC))
        cls.base = cls.server.__enter__()
        cls.driver = site_browser.chrome(width=cls.width, height=900, javascript=cls.javascript)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.__exit__(None, None, None)

    def visible_centres(self):
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('#centre-list > li'))"
            ".filter(li => li.offsetParent !== null).map(li => li.dataset.id)")

    def status(self):
        return self.driver.find_element(By.ID, "finder-status").text

    def wait_for(self, condition, message, timeout=5):
        WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(lambda _: condition(), message)

    def script(self, source, *args):
        return self.driver.execute_script(source, *args)

    def markers(self, state=None):
        """Ids of the map's markers, or of those with a class (is-match, is-dimmed)."""
        selector = MARKERS + (f".{state}" if state else "")
        return self.script("return Array.from(document.querySelectorAll(arguments[0])).map(a => a.dataset.id)", selector)

    def map_links_in_accessibility_tree(self):
        """The names of the links Chromium exposes to assistive technology inside the map's section."""
        section = self.driver.execute_cdp_cmd("Runtime.evaluate", {"expression": "document.querySelector('.centre-map')"})
        nodes = self.driver.execute_cdp_cmd("Accessibility.queryAXTree",
                                            {"objectId": section["result"]["objectId"], "role": "link"})["nodes"]
        return [node.get("name", {}).get("value", "") for node in nodes if not node.get("ignored")]


class WithoutJavaScript(Browser):
    javascript = False

    def test_the_finder_lists_every_centre(self):
        self.driver.get(self.base + "centres/")
        self.assertEqual(len(self.visible_centres()), CENTRES)
        cards = self.driver.find_elements(By.CSS_SELECTOR, "#centre-list > li")
        for card in cards:
            self.assertTrue(card.find_element(By.TAG_NAME, "address").text.strip())
            self.assertTrue(card.find_element(By.CSS_SELECTOR, "a[href^='tel:']").text.strip())
            self.assertTrue(card.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href").endswith("/"))
        self.assertFalse(self.driver.find_element(By.ID, "finder").is_displayed())
        self.assertEqual(self.status(), "")

    def test_the_map_has_a_named_link_to_each_centre(self):
        self.driver.get(self.base + "centres/")
        links = self.driver.find_elements(By.CSS_SELECTOR, MARKERS)
        self.assertEqual(len(links), CENTRES)
        cards = {a.get_attribute("href"): a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "#centre-list h2 a")}
        for link in links:
            href = self.script("return arguments[0].href.baseVal || arguments[0].getAttribute('href')", link)
            target = urllib.parse.urljoin(self.base + "centres/", href)
            self.assertIn(target, cards, href)
            self.assertEqual(link.get_attribute("aria-label"), cards[target])  # the list's own name for it
            self.assertTrue(link.find_element(By.CSS_SELECTOR, "text").text.strip(), href)
            self.assertGreaterEqual(link.rect["width"], 24, href)
            self.assertGreaterEqual(link.rect["height"], 24, href)
        names = self.map_links_in_accessibility_tree()
        self.assertEqual(sorted(names), sorted(cards.values()))
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, ".centre-map [style], .centre-map script, .centre-map image"))
        # Keyboard: every marker takes focus, and shows it.
        for link in links:
            self.script("arguments[0].focus()", link)
            self.assertEqual(self.script("return document.activeElement.dataset.id"), link.get_attribute("data-id"))
        self.assertEqual(self.script("return getComputedStyle(document.activeElement.querySelector('.map-hit')).fill"),
                         "rgb(255, 184, 28)")

    def test_the_home_page_shows_the_map_too(self):
        self.driver.get(self.base)
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, MARKERS)), CENTRES)
        self.assertEqual(len(self.map_links_in_accessibility_tree()), CENTRES)


class WithJavaScript(Browser):
    def setUp(self):
        self.driver.get(self.base + "centres/")
        self.wait_for(lambda: self.driver.find_element(By.ID, "finder").is_displayed(), "the finder controls never appeared")
        self.wait_for(lambda: self.status(), "no status after the finder started")
        self.query = self.driver.find_element(By.ID, "finder-query")

    def type(self, text):
        self.query.clear()
        self.query.send_keys(text)

    def wait_for_first(self, centre_id, count=None):
        def settled():
            shown = self.visible_centres()
            return shown[:1] == [centre_id] and (count is None or len(shown) == count)
        self.wait_for(settled, f"visible: {self.visible_centres()}")

    def use_location(self):
        origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlparse(self.base))
        self.driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": origin, "permissions": ["geolocation"]})
        self.driver.execute_cdp_cmd("Emulation.setGeolocationOverride", OXFORD)
        self.driver.find_element(By.ID, "finder-locate").click()

    def test_the_controls_are_labelled_and_the_status_is_a_status(self):
        self.assertEqual(self.query.get_attribute("autocomplete"), "postal-code")
        label = self.driver.find_element(By.CSS_SELECTOR, "label[for='finder-query']")
        self.assertTrue(label.text.strip())
        self.assertEqual(self.driver.find_element(By.ID, "finder-locate").text, "Use my location")
        self.assertEqual(self.driver.find_element(By.ID, "finder-status").get_attribute("role"), "status")
        self.assertEqual(self.status(), f"{CENTRES} centres shown.")

    def test_the_status_changes_between_states(self):
        seen = [self.status()]
        for text, expected in [("Newmarket", "1 centre matches “Newmarket”"), ("", f"{CENTRES} centres shown"),
                               ("ME19", "ME19 first"), ("Atlantis", "No centre matches")]:
            self.type(text) if text else self.query.send_keys(Keys.CONTROL, "a", Keys.DELETE)
            self.wait_for(lambda: expected in self.status(), f"expected {expected!r}, status: {self.status()!r}")
            seen.append(self.status())
        self.assertEqual(len(seen), len(set(seen)) + 1, seen)  # all differ except the two "12 centres shown."

    def test_typing_a_town_leaves_only_its_centre(self):
        self.type("Newmarket")
        self.wait_for(lambda: self.visible_centres() == ["cambridge"], f"visible: {self.visible_centres()}")
        self.wait_for(lambda: "1 centre matches" in self.status(), f"status: {self.status()}")

    def test_any_case_and_spacing_of_a_postcode(self):
        for text in ["ox46lb", "OX4 6LB", " ox4  6lb "]:
            self.type(text)
            self.wait_for_first("oxford")
        self.type("newmarket")
        self.wait_for(lambda: self.visible_centres() == ["cambridge"], f"visible: {self.visible_centres()}")

    def test_a_postcode_area_puts_its_centre_first(self):
        self.type("ME19")
        self.wait_for_first("kent", CENTRES)
        self.wait_for(lambda: "ME19 first" in self.status(), f"status: {self.status()}")

    def test_the_letters_of_a_postcode_area_put_its_centre_first(self):
        for text, centre in [("OX", "oxford"), ("ng", "nottingham"), ("OX4", "oxford")]:
            self.type(text)
            self.wait_for_first(centre)

    def test_a_postcode_in_an_area_without_a_centre_says_so_and_lists_all(self):
        self.type("RG1 1AA")
        self.wait_for(lambda: "No centre in the RG postcode area" in self.status(), f"status: {self.status()}")
        self.assertEqual(len(self.visible_centres()), CENTRES)

    def distances(self):
        return [element.text for element in self.driver.find_elements(By.CSS_SELECTOR, "#centre-list .distance")]

    def test_any_uk_postcode_puts_the_nearest_centre_first(self):
        self.type("LS6 2AB")  # Leeds: no centre in LS, Nottingham is the nearest
        self.wait_for_first("nottingham", CENTRES)
        self.wait_for(lambda: "nearest to LS6 2AB first" in self.status(), f"status: {self.status()}")
        self.assertIn("approximate", self.status())
        distances = self.distances()
        self.assertTrue(all(re.fullmatch(r"About \d+ km \(\d+ miles\) from LS6 2AB \(approximate\)", text) for text in distances),
                        distances)
        kilometres = [int(re.search(r"(\d+) km", text).group(1)) for text in distances]
        self.assertEqual(kilometres, sorted(kilometres), distances)
        for text, first in [("LS6", "nottingham"), ("SO16 6UY", "southampton"), ("CB8", "cambridge"),
                            ("RG1 1AA", "windsor"), ("BN1", "guildford"), ("CO1", "chelmsford")]:
            self.type(text)
            self.wait_for_first(first, CENTRES)

    def test_a_postcode_that_is_not_a_uk_one_says_so(self):
        for text in ["75001", "QQ1 1AA", "K1A 0B1"]:
            self.type(text)
            self.wait_for(lambda: f"“{text}” is not a UK postcode" in self.status(), f"{text}: status: {self.status()}")
            self.assertEqual(len(self.visible_centres()), CENTRES, text)

    def test_the_page_says_the_postcode_and_location_stay_in_the_browser(self):
        hint = self.driver.find_element(By.ID, "finder-hint").text
        self.assertIn("never leave this browser", hint)
        self.assertIn("postcode", hint)
        self.assertIn("location", hint)

    def test_the_map_highlights_what_the_search_finds(self):
        self.assertEqual(len(self.markers()), CENTRES)
        self.assertEqual(self.markers("is-match"), [])
        self.assertEqual(self.markers("is-dimmed"), [])
        self.type("Newmarket")
        self.wait_for(lambda: self.markers("is-match") == ["cambridge"], f"marked: {self.markers('is-match')}")
        self.assertEqual(len(self.markers("is-dimmed")), CENTRES - 1)
        self.type("ng")  # Nottingham's area, and the names and addresses with "ng" in them
        self.wait_for(lambda: set(self.markers("is-match")) == set(self.visible_centres()), f"marked: {self.markers('is-match')}")
        self.assertIn("nottingham", self.markers("is-match"))
        self.query.send_keys(Keys.CONTROL, "a", Keys.DELETE)
        self.wait_for(lambda: self.markers("is-match") == [] and self.markers("is-dimmed") == [], "marks left after clearing")

    def test_the_map_marks_the_nearest_to_a_postcode_and_shows_where_it_is(self):
        self.type("ME19 4UA")
        self.wait_for(lambda: "kent" in self.markers("is-match"), f"marked: {self.markers('is-match')}")
        self.assertEqual(set(self.markers("is-match")), set(self.visible_centres()[:3]))
        self.assertEqual(self.script("return document.querySelector('.map-origin text').textContent"), "ME19 4UA")
        self.type("LS6 2AB")  # off the map: no point drawn
        self.wait_for(lambda: self.visible_centres()[:1] == ["nottingham"], f"visible: {self.visible_centres()}")
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, ".map-origin"))

    def test_no_match_says_so(self):
        self.type("Atlantis")
        self.wait_for(lambda: self.visible_centres() == [], f"visible: {self.visible_centres()}")
        self.wait_for(lambda: "No centre matches" in self.status(), f"status: {self.status()}")

    def test_links_still_work_after_reordering(self):
        self.type("ME19")
        self.wait_for_first("kent")
        self.driver.find_element(By.CSS_SELECTOR, "#centre-list > li:not([hidden]) h2 a").click()
        self.wait_for(lambda: self.driver.current_url.endswith("/centres/kent/"), self.driver.current_url)

    def test_my_location_near_oxford_puts_oxford_first(self):
        before = self.status()
        self.use_location()
        self.wait_for(lambda: "nearest to you first" in self.status(), f"status: {self.status()}")
        self.assertNotEqual(self.status(), before)
        self.assertEqual(self.visible_centres()[0], "oxford")
        distances = [element.text for element in self.driver.find_elements(By.CSS_SELECTOR, "#centre-list .distance")]
        self.assertEqual(len(distances), CENTRES)
        self.assertTrue(all("approximate" in text for text in distances), distances)
        kilometres = [int(re.search(r"(\d+) km", text).group(1)) if "About" in text else 0 for text in distances]
        self.assertEqual(kilometres, sorted(kilometres), distances)
        self.assertRegex(distances[1], r"About \d+ km \(\d+ miles\) away")
        self.assertEqual(set(self.markers("is-match")), set(self.visible_centres()[:3]))
        self.assertIn("oxford", self.markers("is-match"))
        self.assertEqual(self.script("return document.querySelector('.map-origin text').textContent"), "You")
        # A town typed afterwards still filters, and the distance stays.
        self.type("Windsor")
        self.wait_for(lambda: self.visible_centres() == ["windsor"], f"visible: {self.visible_centres()}")
        self.assertIn("km", self.driver.find_element(By.CSS_SELECTOR, "li[data-id='windsor'] .distance").text)

    def test_a_refused_location_leaves_the_list_usable(self):
        self.driver.execute_cdp_cmd("Browser.resetPermissions", {})
        self.driver.execute_cdp_cmd("Browser.setPermission", {"permission": {"name": "geolocation"}, "setting": "denied"})
        self.driver.find_element(By.ID, "finder-locate").click()
        self.wait_for(lambda: "not shared" in self.status() or "could not" in self.status(), f"status: {self.status()}")
        self.assertEqual(len(self.visible_centres()), CENTRES)
        self.type("Newmarket")
        self.wait_for(lambda: self.visible_centres() == ["cambridge"], f"visible: {self.visible_centres()}")

    def test_only_the_site_s_own_files_are_fetched(self):
        self.type("LS6 2AB")  # a postcode is looked up in the browser, never sent
        self.wait_for_first("nottingham")
        resources = self.script("return performance.getEntriesByType('resource').map(r => r.name)"
                                ".filter(name => !name.endsWith('/favicon.ico'))")  # the browser's own
        self.assertTrue(all(url.startswith(self.base) for url in resources), resources)
        self.assertEqual(sorted(url for url in resources if url.endswith(".json")),
                         [self.base + "centres.json", self.base + "postcode-areas.json"])
        self.assertFalse([url for url in resources if "LS6" in url.upper().replace("%20", "")], resources)
        self.assertEqual(self.script("return document.querySelectorAll('script:not([src]):not([type=\"application/ld+json\"])').length"), 0)
        for name in ["finder", "finder-map"]:  # by their fingerprinted names, finder.0123abcd.js
            deferred = self.script("return Array.from(document.querySelectorAll('script[src]'))"
                                   ".filter(s => new RegExp(arguments[0]).test(s.src)).map(s => s.defer)",
                                   rf"/{name}\.[0-9a-f]{{8}}\.js$")
            self.assertEqual(deferred, [True], name)


class CentrePages(Browser):
    def test_each_centre_page_has_address_telephone_and_map(self):
        self.driver.get(self.base + "centres/")
        links = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "#centre-list h2 a")]
        self.assertEqual(len(links), CENTRES)
        for link in links:
            self.driver.get(link)
            self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "main address").text.strip(), link)
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "main a[href^='tel:']"), link)
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "main a[href^='https://www.openstreetmap.org/']"), link)
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "main a[href$='centres/']"), link)
            self.assertEqual(self.script("return getComputedStyle(document.querySelector('main address')).fontStyle"), "normal", link)


class Look(Browser):
    def test_the_skip_link_shows_on_focus_and_leads_to_main(self):
        self.driver.get(self.base)
        skip = self.driver.find_element(By.CSS_SELECTOR, ".skip-link")
        self.assertLess(skip.rect["y"] + skip.rect["height"], 1, "the skip link shows before it has focus")
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        self.assertEqual(self.driver.switch_to.active_element, skip)
        self.assertGreaterEqual(skip.rect["y"], 0)
        self.assertTrue(skip.is_displayed())
        self.assertTrue(skip.get_attribute("href").endswith("#main"))
        self.assertEqual(self.script("return getComputedStyle(arguments[0]).outlineWidth", skip), "3px")

    def test_keyboard_focus_has_a_3px_outline(self):
        self.driver.get(self.base + "centres/")
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        for _ in range(4):  # skip link, brand, header telephone, first navigation link
            focused = self.driver.switch_to.active_element
            self.assertEqual(self.script("return getComputedStyle(arguments[0]).outlineWidth", focused), "3px",
                             focused.get_attribute("outerHTML")[:80])
            focused.send_keys(Keys.TAB)

    def test_every_page_has_the_telephone_in_the_header_and_one_h1(self):
        for path in KEY_PAGES + ["evidence/", "no-such-page/"]:
            self.driver.get(self.base + path)
            tel = self.driver.find_element(By.CSS_SELECTOR, "header a.tel[href^='tel:']")
            self.assertGreaterEqual(float(self.script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", tel)), 20, path)
            self.assertEqual(len(self.driver.find_elements(By.TAG_NAME, "h1")), 1, path)

    def test_targets_are_large_enough(self):
        self.driver.get(self.base + "centres/")
        self.wait_for(lambda: self.driver.find_element(By.ID, "finder").is_displayed(), "no finder")
        for selector, least in [(".site-nav a", 44), ("#finder-query", 44), ("#finder-locate", 44),
                                ("header a.tel", 24), ("#centre-list a", 24), (MARKERS, 24)]:
            for element in self.driver.find_elements(By.CSS_SELECTOR, selector):
                self.assertGreaterEqual(element.rect["height"], least, f"{selector}: {element.text}")

    def test_print_hides_the_controls_and_shows_external_addresses(self):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            self.driver.get(self.base + "centres/")
            time.sleep(0.3)  # the finder may reveal itself; print hides it all the same
            for selector in [".skip-link", ".site-nav", "#finder"]:
                self.assertEqual(self.script("return getComputedStyle(document.querySelector(arguments[0])).display", selector),
                                 "none", selector)
            self.assertEqual(self.script("return getComputedStyle(document.body).color"), "rgb(0, 0, 0)")
            self.driver.get(self.base + "centres/oxford/")
            after = self.script("return getComputedStyle(document.querySelector('main a[href^=\"https://\"]'), '::after').content")
            self.assertTrue("attr(href)" in after or "openstreetmap" in after, after)
            header = self.script("return getComputedStyle(document.querySelector('.site-header')).backgroundColor")
            self.assertIn(header, ("rgba(0, 0, 0, 0)", "transparent"))
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


class NarrowScreen(Browser):
    width = 320

    def test_no_page_scrolls_sideways_at_320_px(self):
        self.driver.get(self.base)
        self.assertEqual(self.script("return window.innerWidth"), 320)
        public = pathlib.Path(PUBLIC)
        pages = sorted(page.relative_to(public).parent.as_posix() + "/" for page in public.rglob("index.html"))
        paths = KEY_PAGES + [page for page in pages if page != "./" and page not in KEY_PAGES]
        for path in paths:
            self.driver.get(self.base + path)
            if path == "centres/":
                self.wait_for(lambda: self.driver.find_element(By.ID, "finder").is_displayed(), "no finder at 320 px")
            scroll = self.script("return document.documentElement.scrollWidth")
            self.assertLessEqual(scroll, 320, f"{path or 'home'} is {scroll} px wide")

    def test_a_wide_table_scrolls_inside_its_box_at_320_px(self):
        for path in TABLE_PAGES:
            self.driver.get(self.base + path)
            # A word no phone fits in a cell (a long drug name, a URL): the table grows wider than the screen.
            self.script("document.querySelector('.table-scroll td').textContent = 'lutetium'.repeat(40)")
            box = self.driver.find_element(By.CSS_SELECTOR, ".table-scroll")
            self.assertGreater(self.script("return arguments[0].scrollWidth - arguments[0].clientWidth", box), 0,
                               f"{path}: the table does not overflow its box")
            self.assertLessEqual(box.rect["x"] + box.rect["width"], 320, f"{path}: the box is wider than the screen")
            scroll = self.script("return document.documentElement.scrollWidth")
            self.assertLessEqual(scroll, 320, f"{path} is {scroll} px wide with a wide table")
            # The box is named by its section's heading and a keyboard scrolls it.
            name = self.driver.find_element(By.ID, box.get_attribute("aria-labelledby")).text
            self.assertEqual(name, "Treatment at a glance")
            self.script("arguments[0].focus()", box)
            self.assertEqual(self.script("return document.activeElement.className"), "table-scroll")
            self.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
            self.wait_for(lambda: self.script("return arguments[0].scrollLeft", box) > 0, f"{path}: the arrow key did not scroll the table")

    def test_the_navigation_wraps_at_320_px(self):
        self.driver.get(self.base)
        links = self.driver.find_elements(By.CSS_SELECTOR, ".site-nav a")
        self.assertTrue(all(link.rect["x"] >= 0 and link.rect["x"] + link.rect["width"] <= 320 for link in links))
        self.assertGreater(len({link.rect["y"] for link in links}), 1, "the navigation did not wrap")


def main(public_dir, base_url=None):
    global PUBLIC, BASE_URL
    PUBLIC = str(pathlib.Path(public_dir).resolve())
    BASE_URL = base_url and base_url.rstrip("/") + "/"
    suite = unittest.TestSuite(unittest.defaultTestLoader.loadTestsFromTestCase(case)
                               for case in (WithoutJavaScript, WithJavaScript, CentrePages, Look, NarrowScreen))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 1 if failed or result.testsRun == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else os.environ.get("SITE_BASE_URL")))
