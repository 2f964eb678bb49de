"""The built site as a web host serves it, over HTTP and in headless Chromium.

Usage: python3 Tests/hosting/nginx_check.py PUBLIC_DIR BASE_URL

BASE_URL is where a server (nginx in nginx-test.sh) serves PUBLIC_DIR below
its base path, e.g. http://127.0.0.1:8080/uk/theranostics/. Checks: every
URL of sitemap.xml (moved to BASE_URL's origin) answers 200 with text/html;
unknown paths answer 404 with the site's own 404.html; a folder without its
slash redirects to it; centres.json, the stylesheet and the scripts have
their types; the security headers are on every kind of response; the
fingerprinted stylesheet and scripts may be kept a year, HTML is asked for
again; a browser accepting br or gzip gets the build's .br or .gz, which
decodes to the file; and Chromium reports no Content-Security-Policy
violation on the key pages, whose script still runs. Ends with
"N passed, N failed"; exits 1 on any failure. PUBLIC_DIR must be built with
--compress (./build does).
"""

import ctypes
import ctypes.util
import gzip
import http.client
import json
import pathlib
import re
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "browser"))
import site_browser  # noqa: E402

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
       "base-uri 'self'; frame-ancestors 'none'")
KEY_PAGES = ["", "services/lutetium-psma/", "centres/", "centres/oxford/", "evidence/", "no-such-page/"]
IMMUTABLE = "public, max-age=31536000, immutable"


class Checks:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failures.append(f"{what}: {detail}" if detail else what)
            print(f"FAIL {what} {detail}".rstrip())


def fetch(origin, path, headers=None):
    """GET without following redirects: (status, lower-cased headers, body)."""
    parts = urllib.parse.urlparse(origin)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def unbrotli(data, size):
    """Brotli decoded by the system's libbrotlidec (Debian: libbrotli1), as the build encodes with it."""
    library = ctypes.CDLL(ctypes.util.find_library("brotlidec") or "libbrotlidec.so.1")
    library.BrotliDecoderDecompress.argtypes = [ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p]
    library.BrotliDecoderDecompress.restype = ctypes.c_int
    output, decoded = ctypes.create_string_buffer(size + 1), ctypes.c_size_t(size + 1)
    if library.BrotliDecoderDecompress(len(data), data, ctypes.byref(decoded), output) != 1:
        raise ValueError("not brotli")
    return output.raw[:decoded.value]


def fingerprinted_assets(public):
    """The stylesheet and scripts the home page and the finder load, by their published names."""
    names = set()
    for page in ["index.html", "centres/index.html"]:
        names.update(re.findall(r'(?:href|src)="[^"]*?([^"/]+\.[0-9a-f]{8}\.(?:css|js))"', (public / page).read_text()))
    return sorted(names)


def security_headers(checks, path, headers):
    checks.check(headers.get("content-security-policy") == CSP, f"{path}: Content-Security-Policy",
                 repr(headers.get("content-security-policy")))
    checks.check(headers.get("x-content-type-options") == "nosniff", f"{path}: X-Content-Type-Options")
    checks.check(headers.get("referrer-policy") == "strict-origin-when-cross-origin", f"{path}: Referrer-Policy")
    hsts = headers.get("strict-transport-security", "")
    checks.check(hsts.startswith("max-age=") and int(hsts.split("=")[1].split(";")[0]) >= 15552000,
                 f"{path}: Strict-Transport-Security of at least 180 days", repr(hsts))


def http_checks(checks, public, base_url):
    parts = urllib.parse.urlparse(base_url)
    origin, base = f"{parts.scheme}://{parts.netloc}", parts.path

    # Every page of the sitemap, at its path on this server.
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text.strip() for loc in ElementTree.parse(public / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    checks.check(len(locations) >= 20, "sitemap.xml lists the pages", str(len(locations)))
    for location in locations:
        path = urllib.parse.urlparse(location).path
        checks.check(path.startswith(base), f"{location} is below {base}")
        status, headers, _ = fetch(origin, path)
        checks.check(status == 200 and headers.get("content-type", "").startswith("text/html"),
                     f"{path}: 200 text/html", f"{status} {headers.get('content-type')}")
    security_headers(checks, base, fetch(origin, base)[1])

    # Missing pages: the site's 404 page with status 404, inside and outside the base path.
    not_found = (public / "404.html").read_bytes()
    for path in [base + "no-such-page/", base + "centres/atlantis/", base + "404.html", "/elsewhere", base + "missing.css"]:
        status, headers, body = fetch(origin, path)
        checks.check(status == 404, f"{path}: 404", str(status))
        checks.check(body == not_found, f"{path}: the site's 404.html", body[:80])
        checks.check(headers.get("content-type", "").startswith("text/html"), f"{path}: text/html", headers.get("content-type"))
        security_headers(checks, path, headers)

    # A folder asked for without its slash, and the base path without its own.
    for path in [base + "evidence", base + "centres/oxford", base.rstrip("/")]:
        status, headers, _ = fetch(origin, path)
        checks.check(status == 301 and headers.get("location") == path + "/", f"{path}: 301 to {path}/",
                     f"{status} {headers.get('location')}")
        security_headers(checks, path, headers)

    # The files the pages load, with their types.
    assets = fingerprinted_assets(public)
    checks.check(len(assets) == 3 and sum(name.startswith("styles.") for name in assets) == 1,
                 "the pages load a fingerprinted stylesheet and two scripts", str(assets))
    script_types = ["application/javascript", "text/javascript"]
    for name, types in [("centres.json", ["application/json"]), ("centres.schema.json", ["application/json"]),
                        ("sitemap.xml", ["application/xml", "text/xml"]), ("robots.txt", ["text/plain"])] + [
                        (asset, ["text/css"] if asset.endswith(".css") else script_types) for asset in assets]:
        status, headers, body = fetch(origin, base + name)
        content_type = headers.get("content-type", "").split(";")[0].strip()
        checks.check(status == 200 and content_type in types, f"{name}: 200 {' or '.join(types)}", f"{status} {content_type}")
        checks.check(body == (public / name).read_bytes(), f"{name}: served as built")
        security_headers(checks, base + name, headers)
    centres = json.loads(fetch(origin, base + "centres.json")[2])
    checks.check(len(centres["centres"]) == 12, "centres.json parses, twelve centres")
    caching_checks(checks, origin, base, assets)
    encoding_checks(checks, public, origin, base, assets)


def caching_checks(checks, origin, base, assets):
    """Fingerprinted files may be kept a year; pages, the JSON files and errors are asked for again."""
    for name in assets:
        cache = fetch(origin, base + name)[1].get("cache-control")
        checks.check(cache == IMMUTABLE, f"{name}: Cache-Control {IMMUTABLE}", repr(cache))
    for path in [base, base + "centres/", base + "evidence/", base + "centres.json", base + "postcode-areas.json"]:
        cache = fetch(origin, path, {"Accept-Encoding": "br"})[1].get("cache-control", "")
        checks.check("immutable" not in cache and "no-cache" in cache, f"{path}: Cache-Control no-cache", repr(cache))
    for path in [base + "no-such-page/", base + "styles.00000000.css"]:
        status, headers, _ = fetch(origin, path)
        checks.check(status == 404 and "immutable" not in headers.get("cache-control", ""), f"{path}: 404, not kept",
                     f"{status} {headers.get('cache-control')!r}")


def encoding_checks(checks, public, origin, base, assets):
    """The build's .br and .gz copies, sent to browsers that accept them, decode to the file."""
    files = {"": "index.html", "centres/": "centres/index.html", "centres.json": "centres.json",
             "sitemap.xml": "sitemap.xml", **{name: name for name in assets}}
    for path, file in files.items():
        plain = (public / file).read_bytes()
        for accept, encoding, decode in [("br", "br", unbrotli), ("gzip", "gzip", lambda data, _: gzip.decompress(data)),
                                         ("gzip, deflate, br", "br", unbrotli)]:
            checks.check((public / (file + (".br" if encoding == "br" else ".gz"))).is_file(), f"{file}: built with its {encoding} copy")
            status, headers, body = fetch(origin, base + path, {"Accept-Encoding": accept})
            checks.check(status == 200 and headers.get("content-encoding") == encoding,
                         f"{base + path} with Accept-Encoding: {accept}: Content-Encoding {encoding}",
                         f"{status} {headers.get('content-encoding')}")
            checks.check("accept-encoding" in headers.get("vary", "").lower(), f"{base + path}: Vary: Accept-Encoding", repr(headers.get("vary")))
            try:
                decoded = decode(body, len(plain))
            except (OSError, ValueError) as error:
                decoded = repr(error).encode()
            checks.check(decoded == plain, f"{base + path} as {encoding}: decodes to {file}", f"{len(body)} bytes")
        status, headers, body = fetch(origin, base + path)
        checks.check(status == 200 and "content-encoding" not in headers and body == plain,
                     f"{base + path} without Accept-Encoding: the file as it is", f"{status} {headers.get('content-encoding')}")


def csp_checks(checks, base_url):
    driver = site_browser.chrome(logging=True)
    try:
        for path in KEY_PAGES:
            driver.get(base_url + path)
            if path == "centres/":
                deadline = time.time() + 5
                while time.time() < deadline and not driver.find_element("id", "finder").is_displayed():
                    time.sleep(0.1)
                checks.check(driver.find_element("id", "finder").is_displayed(), "finder.js runs under the policy")
            time.sleep(0.3)
            messages = [entry["message"] for entry in driver.get_log("browser")]
            violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
            checks.check(violations == [], f"{path or 'home'}: no Content-Security-Policy violation in Chromium", str(violations))
    finally:
        driver.quit()


def main(public_dir, base_url):
    checks = Checks()
    http_checks(checks, pathlib.Path(public_dir).resolve(), base_url)
    csp_checks(checks, base_url)
    print(f"{checks.passed} passed, {len(checks.failures)} failed")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
