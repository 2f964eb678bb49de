"""axe-core in headless Chromium on every page of a built site, at WCAG 2.2 AA.

Usage: python3 Tests/validators/axe_check.py PUBLIC_DIR

axe-selenium-python drives the browser; it bundles axe-core 3.1, which
predates the WCAG 2.1 and 2.2 rules, so the current axe-core script that
axe-playwright-python ships is injected instead (installed without its
Playwright dependency: only its script is used).
"""

import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "browser"))

import axe_playwright_python  # noqa: E402  (only for its bundled axe.min.js)
from axe_selenium_python import Axe  # noqa: E402

import site_browser  # noqa: E402

AXE_SCRIPT = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def main(public_dir):
    public = pathlib.Path(public_dir).resolve()
    pages = sorted(str(path.relative_to(public)) for path in public.rglob("*.html"))
    passed = failed = 0
    with site_browser.serve(public, site_browser.base_path(public)) as base:
        driver = site_browser.chrome(width=1280, height=900)
        try:
            axe = Axe(driver, script_url=AXE_SCRIPT)
            for page in pages:
                url = base + (page[: -len("index.html")] if page.endswith("index.html") else page)
                driver.get(url)
                axe.inject()
                results = axe.run(options=str(OPTIONS).replace("'", '"'))
                violations = results["violations"]
                if violations:
                    failed += 1
                    for violation in violations:
                        for node in violation["nodes"]:
                            print(f"{public.name}/{page}: {violation['id']} ({violation['impact']}): "
                                  f"{' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1].strip()}")
                else:
                    passed += 1
            version = driver.execute_script("return axe.version")
        finally:
            driver.quit()
    print(f"axe-core {version}, WCAG 2.2 AA, {len(pages)} pages")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
