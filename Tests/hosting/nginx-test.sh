#!/usr/bin/env bash
# The built site on a real nginx with the sample configuration
# (hosting/nginx.conf), as a web host would serve it: every page of the
# sitemap, the 404 page, clean-URL redirects, content types and security
# headers (nginx_check.py), then the centre finder's browser tests and a
# Content-Security-Policy check in headless Chromium against it.
#
# nginx runs as the test's own process on 127.0.0.1 at a free port, with its
# configuration, logs and pid in a temporary folder (never the system
# service); the sample's listen, certificate and root lines are swapped for
# the test's. Installs nginx, its brotli_static module, Chromium, its driver
# and Selenium when missing. PUBLIC_DIR is built with --compress (./build).
# Ends with "N passed, N failed"; exits 1 on any failure.
#
# Usage: Tests/hosting/nginx-test.sh PUBLIC_DIR
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/index.html" ]; then
  echo "usage: $0 PUBLIC_DIR (a built site)" >&2
  exit 2
fi
site=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages, each only when its command is absent -----------------
# (Where systemd runs, installing nginx also starts the system's own nginx
# on port 80; this test never uses it.)
export PATH="$PATH:/usr/sbin:/sbin"
apt_packages=()
command -v nginx >/dev/null 2>&1 || apt_packages+=(nginx)
# Debian's package of the module the sample's brotli_static needs; its own
# load_module line names it relative to Debian's prefix, /usr/share/nginx.
brotli_module=/usr/share/nginx/modules/ngx_http_brotli_static_module.so
[ -f "$brotli_module" ] || apt_packages+=(libnginx-mod-http-brotli-static)
# nginx_check.py decodes brotli with this library.
ldconfig -p 2>/dev/null | grep -q 'libbrotlidec\.so\.1 ' || apt_packages+=(libbrotli1)
command -v python3 >/dev/null 2>&1 || apt_packages+=(python3)
python3 -m pip --version >/dev/null 2>&1 || apt_packages+=(python3-pip)
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_packages+=(chromium-driver)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "installing ${apt_packages[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
# The same Selenium as the other browser tests.
if ! python3 -c 'from importlib import metadata; assert metadata.version("selenium") == "4.51.0"' 2>/dev/null; then
  echo "installing selenium==4.51.0" >&2
  PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q --disable-pip-version-check selenium==4.51.0
fi
mime_types=/etc/nginx/mime.types
[ -f "$mime_types" ] || { echo "no $mime_types (Debian's nginx-common)" >&2; exit 1; }

# --- the site below its base path, the sample configuration for this test --
# shellcheck disable=SC2016 # "$schema" is a JSON key, not a shell variable
base_path=$(python3 -c 'import json, sys, urllib.parse
schema = json.load(open(sys.argv[1], encoding="utf-8"))["$schema"]
print(urllib.parse.urlparse(schema).path.rsplit("/", 1)[0] + "/")' "$site/centres.json")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
nginx_pid=""
stop() {
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

# nginx's workers run as nobody: everything they read must be world-readable.
chmod 755 "$work"
mkdir -p "$work/www$base_path" "$work/temp"
cp -R "$site/." "$work/www$base_path"
chmod -R a+rX "$work/www"

# 443 as a whole word: the test's own port may hold those digits (44321).
sed -e "s|^\( *\)listen 443 ssl.*;|\1listen 127.0.0.1:$port;|" \
    -e '/^ *listen \[::\]:443/d' \
    -e '/^ *ssl_certificate/d' \
    -e "s|^\( *\)root /.*;|\1root $work/www;|" \
    "$repo/hosting/nginx.conf" > "$work/site.conf"
if ! grep -q "listen 127.0.0.1:$port;" "$work/site.conf" || ! grep -q "root $work/www;" "$work/site.conf" ||
   grep -q '^ *ssl_' "$work/site.conf" || grep -qw 443 "$work/site.conf"; then
  echo "hosting/nginx.conf no longer has the listen, ssl_certificate and root lines this test replaces" >&2
  exit 1
fi
# The system's nginx.conf loads modules from /etc/nginx/modules-enabled/; this one loads its own.
cat > "$work/nginx.conf" <<EOF
load_module $brotli_module;
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 64; }
http {
    include $mime_types;
    default_type application/octet-stream;
    access_log $work/access.log;
    client_body_temp_path $work/temp/body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;
    include $work/site.conf;
}
EOF

nginx_version=$(nginx -v 2>&1 | sed 's/^nginx version: //')
echo "== $nginx_version on 127.0.0.1:$port, $site below $base_path"
nginx -t -q -p "$work/" -e "$work/error.log" -c "$work/nginx.conf"
nginx -p "$work/" -e "$work/error.log" -c "$work/nginx.conf" &
nginx_pid=$!
base_url="http://127.0.0.1:$port$base_path"
for _ in $(seq 50); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "$base_url" 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/error.log" >&2; exit 1; }
  sleep 0.1
done

passed=0
failed=0
count() {  # adds the "N passed, N failed" line of a test's output
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1 || true)
  if [ -z "$line" ]; then
    failed=$((failed + 1))  # it did not finish
  else
    passed=$((passed + $(echo "$line" | awk '{print $1}')))
    failed=$((failed + $(echo "$line" | awk '{print $3}')))
  fi
}

echo "== HTTP: sitemap pages, 404, redirects, types, headers; CSP in Chromium"
python3 "$here/nginx_check.py" "$site" "$base_url" 2>&1 | tee "$work/check.txt" || true
count "$work/check.txt"
echo "== the centre finder's browser tests against nginx"
python3 "$repo/Tests/browser/finder_test.py" "$site" "$base_url" 2>&1 | tee "$work/finder.txt" || true
count "$work/finder.txt"

if grep -q '\[\(crit\|alert\|emerg\)\]' "$work/error.log"; then
  cat "$work/error.log" >&2
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
