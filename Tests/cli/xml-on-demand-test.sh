#!/usr/bin/env bash
# The release tool's XML and HTML parsing, as a build and `site check` run it:
# on Linux ./build strikes libxml2 from the libraries the tool loads at start
# (Sources/CXMLOnDemand loads it at the first parse), so this checks that the
# tool starts without it, and that what parses still works: `site check` of
# the built site passes (it parses every page, loading libxml2 then); an SVG
# image with a script stops a build with an error naming its file and line,
# and a safe one is published; a libxml2 that lacks its functions stops the
# check with an error naming it, exit 1.
# Ends with "N passed, N failed"; exits 1 on any failure.
#
# Usage: Tests/cli/xml-on-demand-test.sh SITE_TOOL PUBLIC_DIR  (from the repository's root)
set -euo pipefail

source "$(dirname "$0")/release-tool.sh"

if [ "$(uname)" = Linux ]; then
  if readelf -d "$tool" | grep NEEDED | grep -q libxml2; then
    fail "the tool names libxml2 among the libraries it loads at start"
  else
    pass "the tool does not name libxml2 among the libraries it loads at start"
  fi
  LD_DEBUG=libs "$tool" --version > "$work/start.log" 2>&1
  if grep -q "libxml2" "$work/start.log"; then
    fail "libxml2 is loaded by 'site --version'"
  else
    pass "'site --version' runs without loading libxml2"
  fi
fi

cp -r "$2" "$work/public"
status=0
LD_DEBUG=libs "$tool" check --output "$work/public" > "$work/check.log" 2>&1 || status=$?
if [ "$status" -eq 0 ] && grep -q ": no broken links" "$work/check.log"; then
  pass "site check parses the built pages and passes"
else
  fail "site check: exit $status, $(grep -v "^ *[0-9]*:" "$work/check.log" | head -c 300)"
fi
if [ "$(uname)" = Linux ]; then
  if grep -q "calling init: .*libxml2" "$work/check.log"; then
    pass "site check loads libxml2 when it parses"
  else
    fail "site check did not load libxml2"
  fi
fi

# Builds a copy of content/ with images/map.svg holding BODY; the build's exit status.
build_with_svg() {
  [ -d "$work/content" ] || cp -r content "$work/content"
  mkdir -p "$work/content/images"
  printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n%s\n</svg>\n' "$1" > "$work/content/images/map.svg"
  "$tool" build --content "$work/content" --output "$work/out" > "$work/svg.log" 2>&1 || return $?
}
status=0
build_with_svg '<script>alert(1)</script>' || status=$?
if [ "$status" -eq 1 ] && grep -q "images/map.svg:2: error:" "$work/svg.log"; then
  pass "an SVG image with a script is refused at its line, exit 1"
else
  fail "an SVG image with a script: exit $status, $(head -c 300 "$work/svg.log")"
fi
status=0
build_with_svg '<circle cx="5" cy="5" r="4"/>' || status=$?
if [ "$status" -eq 0 ] && grep -q "<circle" "$work/out/images/map.svg"; then
  pass "a safe SVG image is published"
else
  fail "a safe SVG image: exit $status, $(head -c 300 "$work/svg.log")"
fi

# A libxml2 without its functions (an empty library found first): a clear error and exit 1, no crash.
echo 'int site_test_nothing;' > "$work/empty.c"
library=libxml2.so.2  # libxml2.so.16 from 2.14 on, as Sources/CXMLOnDemand names it
pkg-config --atleast-version 2.14 libxml-2.0 && library=libxml2.so.16
cc -shared -fPIC -o "$work/$library" "$work/empty.c"
status=0
LD_LIBRARY_PATH="$work" "$tool" check --output "$work/public" > "$work/broken.log" 2>&1 || status=$?
if [ "$status" -eq 1 ] && grep -q "^error: libxml2 has no " "$work/broken.log"; then
  pass "a libxml2 without its functions is named, exit 1"
else
  fail "a libxml2 without its functions: exit $status, $(head -c 300 "$work/broken.log")"
fi

finish "XML on demand"
