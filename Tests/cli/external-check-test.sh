#!/usr/bin/env bash
# The release tool's external link check, as `site check --external` runs it:
# on Linux ./build links the tool without libcurl (Sources/CLibrariesOnDemand loads
# it at the first request), so this checks that the tool does not name libcurl
# among the libraries it loads at start, and that its requests still work: a
# copy of the built site gets two links to a server on loopback, one found and
# one missing, and only the missing one must be reported, with its status; a
# libcurl that lacks its functions must stop the check with an error naming it.
# Ends with "N passed, N failed"; exits 1 on any failure.
#
# Usage: Tests/cli/external-check-test.sh SITE_TOOL PUBLIC_DIR
set -euo pipefail

server=
cleanup_more() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; }
source "$(dirname "$0")/release-tool.sh"

if [ "$(uname)" = Linux ]; then
  if readelf -d "$tool" | grep NEEDED | grep -q libcurl; then
    fail "the tool loads libcurl at start: $(readelf -d "$tool" | grep NEEDED | grep libcurl)"
  else
    pass "the tool does not load libcurl at start"
  fi
fi

cp -r "$2" "$work/public"
mkdir "$work/served"
echo found > "$work/served/found.html"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/served" > "$work/server.log" 2>&1 &
server=$!
port=
for _ in $(seq 50); do
  port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$work/server.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the loopback server did not start" >&2; exit 1; }
base="http://127.0.0.1:$port"
python3 - "$work/public/index.html" "$base" <<'PY'
import sys
path, base = sys.argv[1], sys.argv[2]
html = open(path, encoding="utf-8").read()
links = f'<a href="{base}/found.html">found</a> <a href="{base}/missing.html">missing</a>'
assert "</main>" in html
open(path, "w", encoding="utf-8").write(html.replace("</main>", links + "</main>", 1))
PY

status=0
"$tool" check --output "$work/public" --external --allow-private-addresses --timeout 5 > "$work/check.log" 2>&1 || status=$?
# The site's own external links (https) fail or pass with the network; only loopback is asserted.
if [ "$status" -eq 1 ]; then pass "the check exits 1"; else fail "the check exited $status"; fi
if grep -q "index.html:[0-9]*: error: external link $base/missing.html: HTTP status 404" "$work/check.log"; then
  pass "the missing page is reported with its status"
else
  fail "the missing page is not reported: $(grep -c . "$work/check.log") lines of output"
fi
if grep -q "$base/found.html" "$work/check.log"; then
  fail "the page found is reported: $(grep "$base/found.html" "$work/check.log")"
else
  pass "the page found is not reported"
fi
if grep -q "GET /found.html" "$work/server.log" && grep -q "GET /missing.html" "$work/server.log"; then
  pass "both links were requested"
else
  fail "the server did not see both requests"
fi

# A libcurl without its functions (an empty library found first): a clear error and exit 1, no crash.
echo 'int site_test_nothing;' > "$work/empty.c"
cc -shared -fPIC -o "$work/libcurl.so.4" "$work/empty.c"
status=0
LD_LIBRARY_PATH="$work" "$tool" check --output "$work/public" --external --allow-private-addresses --timeout 5 \
  > "$work/broken.log" 2>&1 || status=$?
if [ "$status" -eq 1 ] && grep -q "^error: libcurl has no curl_" "$work/broken.log"; then
  pass "a libcurl without its functions is named, exit 1"
else
  fail "a libcurl without its functions: exit $status, $(head -c 300 "$work/broken.log")"
fi

finish "external link check"
