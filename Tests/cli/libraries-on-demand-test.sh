#!/usr/bin/env bash
# The release tool's libraries loaded at their first use: on Linux ./build
# strikes libxml2, Brotli's encoder and libwebp from the libraries the tool
# loads at start (Sources/CLibrariesOnDemand loads each at its first call), so
# this checks that the tool starts without them, and that what needs them
# still works: `site check` of the built site passes (it parses every page,
# loading libxml2 then); an SVG image with a script stops a build with an
# error naming its file and line, and a safe one is published; a WebP image's
# width and height reach its page; `--compress` writes `.br` files (loading
# Brotli), a build without it does not load Brotli. A libxml2, Brotli or
# libwebp that lacks its functions stops the command with an error naming
# it, exit 1; a build stopped by any of these errors leaves the output byte
# for byte as it was, and the next build removes what it had staged.
# Ends with "N passed, N failed"; exits 1 on any failure.
#
# Usage: Tests/cli/libraries-on-demand-test.sh SITE_TOOL PUBLIC_DIR  (from the repository's root)
set -euo pipefail

source "$(dirname "$0")/release-tool.sh"

if [ "$(uname)" = Linux ]; then
  for library in libxml2 libbrotlienc libwebp; do
    if readelf -d "$tool" | grep NEEDED | grep -q "$library"; then
      fail "the tool names $library among the libraries it loads at start"
    else
      pass "the tool does not name $library among the libraries it loads at start"
    fi
  done
  LD_DEBUG=libs "$tool" --version > "$work/start.log" 2>&1
  if grep -qE "libxml2|libbrotlienc|libwebp" "$work/start.log"; then
    fail "'site --version' loads $(grep -oE "libxml2|libbrotlienc|libwebp" "$work/start.log" | sort -u | tr '\n' ' ')"
  else
    pass "'site --version' runs without loading libxml2, Brotli or libwebp"
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

# Builds a copy of content/ with images/map.svg holding BODY (and further arguments to the build),
# the libraries in $library_path found first when it is set; the build's exit status.
build_with_svg() {
  [ -d "$work/content" ] || cp -r content "$work/content"
  mkdir -p "$work/content/images"
  printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n%s\n</svg>\n' "$1" > "$work/content/images/map.svg"
  shift
  env ${library_path:+LD_LIBRARY_PATH="$library_path"} LD_DEBUG=libs \
    "$tool" build --content "$work/content" --output "$work/out" "$@" > "$work/build.log" 2>&1 || return $?
}
# Passes DESCRIPTION when the build exited EXPECTED and FILE holds PATTERN.
expect_build() {
  local status=$1 expected=$2 file=$3 pattern=$4 description=$5
  if [ "$status" -eq "$expected" ] && grep -q "$pattern" "$file" 2>/dev/null; then
    pass "$description"
  else
    fail "$description: exit $status, $(grep -v "^ *[0-9]*:" "$work/build.log" | head -c 300)"
  fi
}
# Passes DESCRIPTION when the output folder is still byte for byte the one saved before the build.
expect_output_kept() {
  if diff -r "$work/before" "$work/out" > "$work/kept.log" 2>&1; then
    pass "$1"
  else
    fail "$1: $(head -c 300 "$work/kept.log")"
  fi
}
# An empty library named FILE in a folder of its own, to be found first: the folder.
empty_library() {
  mkdir -p "$work/empty-$1"
  echo 'int site_test_nothing;' > "$work/empty.c"
  cc -shared -fPIC -o "$work/empty-$1/$1" "$work/empty.c"
  echo "$work/empty-$1"
}

# A WebP image on a page (9 by 2 pixels) and a safe SVG image.
mkdir -p "$work/content"
cp -r content/. "$work/content"
mkdir -p "$work/content/images"
cp Tests/SiteTests/Fixtures/images/strip.webp "$work/content/images/strip.webp"
printf '\n![A strip](images/strip.webp)\n' >> "$work/content/what-is-theranostics.md"
library_path=
status=0
build_with_svg '<circle cx="5" cy="5" r="4"/>' || status=$?
expect_build "$status" 0 "$work/out/images/map.svg" "<circle" "a safe SVG image is published"
if grep -q 'src="../images/strip.webp" alt="A strip" width="9" height="2"' "$work/out/what-is-theranostics/index.html"; then
  pass "a WebP image's width and height reach its page"
else
  fail "a WebP image's size is not on its page"
fi
if [ "$(uname)" = Linux ]; then
  if grep -q "calling init: .*libbrotlienc" "$work/build.log"; then
    fail "a build without --compress loads Brotli"
  else
    pass "a build without --compress does not load Brotli"
  fi
fi
status=0
build_with_svg '<circle cx="5" cy="5" r="4"/>' --compress || status=$?
if [ "$status" -eq 0 ] && [ -s "$work/out/what-is-theranostics/index.html.br" ] \
    && { [ "$(uname)" != Linux ] || grep -q "calling init: .*libbrotlienc" "$work/build.log"; }; then
  pass "--compress writes .br files, loading Brotli then"
else
  fail "--compress: exit $status, $(grep -v "^ *[0-9]*:" "$work/build.log" | head -c 300)"
fi

# Builds that fail leave the output as the last good build wrote it.
cp -a "$work/out" "$work/before"
status=0
build_with_svg '<script>alert(1)</script>' || status=$?
expect_build "$status" 1 "$work/build.log" "images/map.svg:2: error:" "an SVG image with a script is refused at its line, exit 1"
expect_output_kept "the output is kept whole after the SVG image's error"
if [ "$(uname)" = Linux ]; then
  # A page changed, so its copies are compressed again, with a Brotli that lacks its functions.
  printf '\nOne more line.\n' >> "$work/content/what-is-theranostics.md"
  status=0
  library_path=$(empty_library libbrotlienc.so.1) build_with_svg '<circle cx="5" cy="5" r="4"/>' --compress || status=$?
  expect_build "$status" 1 "$work/build.log" "^error: libbrotlienc has no Brotli" "a Brotli without its functions is named, exit 1"
  expect_output_kept "the output is kept whole after Brotli's error"
  # Every image measured again (no cache), with a libwebp that lacks its function.
  status=0
  library_path=$(empty_library libwebp.so.7) build_with_svg '<circle cx="5" cy="5" r="4"/>' --no-cache || status=$?
  expect_build "$status" 1 "$work/build.log" "^error: libwebp has no WebPGetInfo" "a libwebp without its function is named, exit 1"
  expect_output_kept "the output is kept whole after libwebp's error"
  # The next build puts it right and removes what the stopped builds left beside the output.
  status=0
  build_with_svg '<circle cx="5" cy="5" r="4"/>' --compress || status=$?
  expect_build "$status" 0 "$work/out/what-is-theranostics/index.html" "One more line" "the next build succeeds"
  leftovers=$(find "$work" -maxdepth 1 \( -name '.out.staging-*' -o -name '.out.old-*' -o -name '.out.manifest-*' \) | tr '\n' ' ')
  if [ -z "$leftovers" ]; then
    pass "nothing the stopped builds staged is left beside the output"
  else
    fail "left beside the output: $leftovers"
  fi
fi

# A libxml2 without its functions (an empty library found first): a clear error and exit 1, no crash.
library=libxml2.so.2  # libxml2.so.16 from 2.14 on, as Sources/CLibrariesOnDemand names it
pkg-config --atleast-version 2.14 libxml-2.0 && library=libxml2.so.16
status=0
LD_LIBRARY_PATH="$(empty_library "$library")" "$tool" check --output "$work/public" > "$work/broken.log" 2>&1 || status=$?
if [ "$status" -eq 1 ] && grep -q "^error: libxml2 has no " "$work/broken.log"; then
  pass "a libxml2 without its functions is named, exit 1"
else
  fail "a libxml2 without its functions: exit $status, $(head -c 300 "$work/broken.log")"
fi

finish "libraries on demand"
