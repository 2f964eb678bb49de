"""The centre finder and the centre pages in headless Chromium.

Usage: python3 Tests/browser/finder_test.py PUBLIC_DIR
"""

import pathlib
import sys
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import site_browser

PUBLIC = None
CENTRES = 12
OXFORD = {"latitude": 51.75, "longitude": -1.25, "accuracy": 100}


class Browser(unittest.TestCase):
    width = 1280
    javascript = True

    @classmethod
    def setUpClass(cls):
        cls.server = site_browser.serve(PUBLIC, site_browser.base_path(PUBLIC))
        cls.base = cls.server.__enter__()
        cls.driver = site_browser.chrome(width=cls.width, height=900, javascript=cls.javascript)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.__exit__(None, None, None)

    def visible_centres(self):
        return [item.get_attribute("data-id") for item in self.driver.find_elements(By.CSS_SELECTOR, "#centre-list > li")
                if item.is_displayed()]

    def status(self):
        return self.driver.find_element(By.ID, "finder-status").text

    def wait_for(self, condition, message):
        WebDriverWait(self.driver, 5).until(lambda _: condition(), message)


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


class WithJavaScript(Browser):
    def setUp(self):
        self.driver.get(self.base + "centres/")
        self.wait_for(lambda: self.driver.find_element(By.ID, "finder").is_displayed(), "the finder controls never appeared")
        self.query = self.driver.find_element(By.ID, "finder-query")

    def type(self, text):
        self.query.clear()
        self.query.send_keys(text)

    def test_the_search_field_is_labelled_for_postcodes(self):
        self.assertEqual(self.query.get_attribute("autocomplete"), "postal-code")
        label = self.driver.find_element(By.CSS_SELECTOR, "label[for='finder-query']")
        self.assertTrue(label.text.strip())
        self.assertEqual(self.driver.find_element(By.ID, "finder-status").get_attribute("role"), "status")

    def test_typing_a_town_leaves_only_its_centre(self):
        before = self.status()
        self.type("Newmarket")
        self.wait_for(lambda: self.visible_centres() == ["cambridge"], f"visible: {self.visible_centres()}")
        self.assertNotEqual(self.status(), before)
        self.assertIn("1 centre matches", self.status())

    def test_any_case_and_spacing_of_a_postcode(self):
        self.type("ox46lb")
        self.wait_for(lambda: self.visible_centres()[:1] == ["oxford"], f"visible: {self.visible_centres()}")

    def test_a_postcode_area_puts_its_centre_first(self):
        self.type("ME19")
        self.wait_for(lambda: self.visible_centres()[:1] == ["kent"], f"visible: {self.visible_centres()}")
        self.assertEqual(len(self.visible_centres()), CENTRES)
        self.assertIn("ME19 first", self.status())

    def test_no_match_says_so(self):
        self.type("Atlantis")
        self.wait_for(lambda: self.visible_centres() == [], f"visible: {self.visible_centres()}")
        self.assertIn("No centre matches", self.status())

    def test_my_location_near_oxford_puts_oxford_first(self):
        self.driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": self.base.split("/uk/")[0].rstrip("/"), "permissions": ["geolocation"]})
        self.driver.execute_cdp_cmd("Emulation.setGeolocationOverride", OXFORD)
        before = self.status()
        self.driver.find_element(By.ID, "finder-locate").click()
        self.wait_for(lambda: "nearest to you first" in self.status(), f"status: {self.status()}")
        self.assertNotEqual(self.status(), before)
        self.assertEqual(self.visible_centres()[0], "oxford")
        distance = self.driver.find_element(By.CSS_SELECTOR, "li[data-id='oxford'] .distance")
        self.assertIn("approximate", distance.text)

    def test_a_refused_location_leaves_the_list_usable(self):
        self.driver.execute_cdp_cmd("Browser.resetPermissions", {})
        self.driver.execute_cdp_cmd("Browser.setPermission", {"permission": {"name": "geolocation"}, "setting": "denied"})
        self.driver.find_element(By.ID, "finder-locate").click()
        self.wait_for(lambda: "not shared" in self.status() or "could not" in self.status(), f"status: {self.status()}")
        self.assertEqual(len(self.visible_centres()), CENTRES)


class CentrePages(Browser):
    def test_each_centre_page_has_address_telephone_and_map(self):
        self.driver.get(self.base + "centres/")
        links = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "#centre-list h2 a")]
        self.assertEqual(len(links), CENTRES)
        for link in links:
            self.driver.get(link)
            self.assertTrue(self.driver.find_element(By.TAG_NAME, "address").text.strip(), link)
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "main a[href^='tel:']"), link)
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "a[href^='https://www.openstreetmap.org/']"), link)
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "a[href$='centres/']"), link)


class NarrowScreen(Browser):
    width = 320

    def test_no_page_scrolls_sideways_at_320_px(self):
        for path in ["", "services/lutetium-psma/", "centres/", "centres/oxford/", "evidence/"]:
            self.driver.get(self.base + path)
            inner = self.driver.execute_script("return window.innerWidth")
            scroll = self.driver.execute_script("return document.documentElement.scrollWidth")
            self.assertLessEqual(scroll, inner, path or "home")


def main(public_dir):
    global PUBLIC
    PUBLIC = str(pathlib.Path(public_dir).resolve())
    suite = unittest.TestSuite(unittest.defaultTestLoader.loadTestsFromTestCase(case)
                               for case in (WithoutJavaScript, WithJavaScript, CentrePages, NarrowScreen))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 1 if failed or result.testsRun == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
