"""axe-core in headless Chromium on every HTML page of a built site, at WCAG 2.2 AA.

Usage: python3 Tests/validators/axe_check.py PUBLIC_DIR

The site is served on loopback below its base path, as the web host serves
it (Tests/browser/site_browser.py); 404.html is opened at an address that
does not exist, as visitors meet it. Each page is checked with JavaScript on
(after the centre finder has built its controls) at a desktop and a phone
width. Prints every violation (page, width, rule, impact, the failing
node and what to fix), then a line "N passed, N failed" counting pages;
exits 1 on any violation.

axe-selenium-python drives the browser (inject, then run). The axe-core it
bundles is 3.1.1, which has no WCAG 2.1 or 2.2 rules and rejects those tags
("Could not find tags `wcag21a`, `wcag22aa`"), so the current axe-core script
that axe-playwright-python ships (installed without Playwright: only its
axe.min.js is used) is injected instead.
"""

import json
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "browser"))

from axe_selenium_python import Axe  # noqa: E402
from selenium.common.exceptions import TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

import site_browser  # noqa: E402

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}}
WIDTHS = [(1280, 900), (375, 812)]
MISSING_PAGE = "no-such-page/"


def axe_script():
    """The newest axe-core at hand: axe-playwright-python's, else the bundled one."""
    try:
        import axe_playwright_python
    except ImportError:
        from axe_selenium_python import axe as bundled
        return bundled._DEFAULT_SCRIPT
    return os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")


def page_url(base, page):
    if page == "404.html":
        return base + MISSING_PAGE
    if page == "index.html" or page.endswith("/index.html"):
        return base + page[: -len("index.html")]
    return base + page


def settle(driver):
    """Waits for the load and for the centre finder (if any) to show its controls."""
    try:
        WebDriverWait(driver, 5, poll_frequency=0.1).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && !document.querySelector('[data-index][hidden]')"))
    except TimeoutException:
        pass  # a finder that never shows is Tests/browser/finder_test.py's to report


def summary(node):
    lines = [line.strip() for line in (node.get("failureSummary") or "").splitlines() if line.strip()]
    return "; ".join(lines[1:] if len(lines) > 1 else lines)


def main(public_dir):
    public = pathlib.Path(public_dir).resolve()
    pages = sorted(path.relative_to(public).as_posix() for path in public.rglob("*.html"))
    if not pages:
        print(f"no HTML pages in {public}")
        print("0 passed, 1 failed")
        return 1
    failed_pages = set()
    version = "?"
    rules = 0
    with site_browser.serve(public, site_browser.base_path(public)) as base:
        for width, height in WIDTHS:
            driver = site_browser.chrome(width=width, height=height)
            driver.set_script_timeout(60)
            try:
                axe = Axe(driver, script_url=axe_script())
                for page in pages:
                    driver.get(page_url(base, page))
                    settle(driver)
                    axe.inject()
                    version = driver.execute_script("return axe.version")
                    unknown = driver.execute_script(
                        "return arguments[0].filter(tag => axe.getRules([tag]).length === 0)", TAGS)
                    if unknown:
                        print(f"axe-core {version} has no rules tagged {', '.join(unknown)}; "
                              f"cannot check WCAG 2.2 AA")
                        print(f"0 passed, {len(pages)} failed")
                        return 1
                    try:
                        results = axe.run(options=json.dumps(OPTIONS))
                    except WebDriverException as error:
                        failed_pages.add(page)
                        print(f"{page} @{width}px: axe-core did not finish: {error.msg}")
                        continue
                    rules = max(rules, sum(len(results[kind]) for kind in
                                           ("passes", "violations", "incomplete", "inapplicable")))
                    for violation in results["violations"]:
                        failed_pages.add(page)
                        for node in violation["nodes"]:
                            target = " ".join(map(str, node["target"]))
                            print(f"{page} @{width}px: {violation['id']} ({node.get('impact') or violation['impact']}): "
                                  f"{target}: {summary(node)} [{violation['help']}]")
            finally:
                driver.quit()
    widths = " and ".join(f"{width}px" for width, _ in WIDTHS)
    print(f"axe-core {version}, WCAG 2.2 AA ({rules} rules), {len(pages)} pages at {widths}")
    print(f"{len(pages) - len(failed_pages)} passed, {len(failed_pages)} failed")
    return 1 if failed_pages else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
