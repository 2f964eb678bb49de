"""Screenshots of the key pages at desktop and phone widths, for the README.

Usage: python3 Tests/browser/screenshots.py PUBLIC_DIR OUT_DIR

Full page height (the window is made as tall as the page). Names are
PAGE-WIDTH.png: home-1280.png, finder-375.png, ... Parts of a page are shot
on their own as well, the same way: the centre map (map-1280.png,
map-375.png, the finder's map section). When pngquant is on the
PATH (Debian package pngquant) the PNGs are reduced to 256 colours, which
keeps them a third of the size or less for the repository.
"""

import pathlib
import shutil
import subprocess
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import site_browser

PAGES = {
    "home": "",
    "service": "services/lutetium-psma/",
    "finder": "centres/",
    "centre": "centres/oxford/",
}
# Parts of pages shot on their own: name, page, CSS selector.
PARTS = {
    "map": ("centres/", ".centre-map"),
}
WIDTHS = (1280, 375)
TALLEST = 8000


def page_height(driver):
    return driver.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")


def capture(driver, url, width, target):
    driver.set_window_size(width, 800)
    driver.get(url)
    if driver.find_elements(By.ID, "finder"):
        # The finder reveals its controls once it has read centres.json.
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "finder-status").text)
    # The window's own frame takes some of its height: make the viewport, not
    # the window, as tall as the page.
    frame = driver.execute_script("return window.outerHeight - window.innerHeight")
    height = page_height(driver)
    driver.set_window_size(width, min(height, TALLEST) + frame)
    time.sleep(0.2)
    height = page_height(driver)  # the same, unless the layout depends on the window's height
    driver.set_window_size(width, min(height, TALLEST) + frame)
    viewport = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    if viewport != [width, min(height, TALLEST)]:
        raise RuntimeError(f"{url}: viewport {viewport}, wanted {width}x{min(height, TALLEST)}")
    driver.save_screenshot(str(target))
    return height


def capture_part(driver, url, width, selector, target):
    """One element of the page, with the page laid out as for capture()."""
    capture(driver, url, width, target)
    element = driver.find_element(By.CSS_SELECTOR, selector)
    element.screenshot(str(target))
    return element.rect


def shrink(path):
    pngquant = shutil.which("pngquant")
    if pngquant:
        subprocess.run([pngquant, "--force", "--skip-if-larger", "--strip", "--quality=70-95",
                        "--output", str(path), "256", str(path)], check=False)


def main(public_dir, out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    with site_browser.serve(public_dir, site_browser.base_path(public_dir)) as base:
        for width in WIDTHS:
            driver = site_browser.chrome(width=width, height=800)
            try:
                for name, path in PAGES.items():
                    target = out / f"{name}-{width}.png"
                    height = capture(driver, base + path, width, target)
                    shrink(target)
                    size = target.stat().st_size
                    total += size
                    print(f"{target} ({width}x{height}, {size // 1024} KiB)")
                for name, (path, selector) in PARTS.items():
                    target = out / f"{name}-{width}.png"
                    rect = capture_part(driver, base + path, width, selector, target)
                    shrink(target)
                    size = target.stat().st_size
                    total += size
                    print(f"{target} ({selector} at {width} px: {round(rect['width'])}x{round(rect['height'])}, {size // 1024} KiB)")
            finally:
                driver.quit()
    print(f"{(len(PAGES) + len(PARTS)) * len(WIDTHS)} screenshots, {total // 1024} KiB")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
