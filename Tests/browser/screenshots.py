"""Screenshots of the key pages at desktop and phone widths, for the README.

Usage: python3 Tests/browser/screenshots.py PUBLIC_DIR OUT_DIR
"""

import pathlib
import sys

import site_browser

PAGES = {
    "home": "",
    "service": "services/lutetium-psma/",
    "finder": "centres/",
    "centre": "centres/oxford/",
}
WIDTHS = (1280, 375)


def main(public_dir, out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with site_browser.serve(public_dir, site_browser.base_path(public_dir)) as base:
        for width in WIDTHS:
            driver = site_browser.chrome(width=width, height=800)
            try:
                for name, path in PAGES.items():
                    driver.get(base + path)
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    chrome = driver.execute_script("return window.outerHeight - window.innerHeight")
                    driver.set_window_size(width, min(height, 6000) + chrome)
                    target = out / f"{name}-{width}.png"
                    driver.save_screenshot(str(target))
                    print(f"{target} ({width}x{height})")
                    driver.set_window_size(width, 800)
            finally:
                driver.quit()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
