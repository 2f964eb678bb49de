"""Shared set-up for the browser checks: serve a built site on loopback and
drive headless Chromium through the chromedriver found on the PATH."""

import contextlib
import functools
import http.server
import json
import os
import pathlib
import shutil
import threading
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


@contextlib.contextmanager
def serve(public_dir, base_path="/"):
    """Serves `public_dir` on 127.0.0.1 at a free port, below `base_path`
    (as the web host does); yields the site's base URL."""
    handler = functools.partial(_SiteHandler, directory=str(public_dir), base_path=base_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


def base_path(public_dir):
    """The path the site is published under, from its centre index's schema URL."""
    with open(pathlib.Path(public_dir) / "centres.json", encoding="utf-8") as index:
        schema = json.load(index)["$schema"]
    return urllib.parse.urlparse(schema).path.rsplit("/", 1)[0] + "/"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files below the base path; anything else is the site's 404 page, with status 404."""

    def __init__(self, *args, base_path="/", **kwargs):
        self.base_path = base_path
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        else:
            path = "/404.html"
        return super().translate_path(path)

    def send_head(self):
        if not os.path.exists(self.translate_path(self.path)):
            self.path = self.base_path + "404.html"
            body = open(self.translate_path(self.path), "rb")
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            return body
        return super().send_head()

    def log_message(self, *args):
        pass


def chrome(width=1280, height=900, javascript=True, logging=False):
    """Headless Chromium; Debian's chromium and chromedriver when present.
    With `logging`, the console can be read with driver.get_log("browser")."""
    options = Options()
    if logging:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary:
        options.binary_location = binary
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver_path = shutil.which("chromedriver")
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(service=service, options=options)
    # Chromium opens no narrower than 500 px whatever --window-size says; a
    # resize after start gives the narrow phone widths (320, 375) for real.
    driver.set_window_size(width, height)
    return driver
