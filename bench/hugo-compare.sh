#!/usr/bin/env bash
# The same generated pages built by `site` and by Hugo (Debian's `hugo`, with a
# minimal layout: a page template and the Markdown body), median of three
# wall-clock runs each. Hugo does less per page here: no citations, link
# checks, JSON-LD or centre index. Usage: bench/hugo-compare.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
command -v hugo >/dev/null || { echo "installing hugo" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; }
[ -x .build/release/site ] || { echo "run ./build first" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

BENCH_DIR="$work/site" bench/run.sh "$pages" >/dev/null
# Hugo gets the same Markdown bodies, front matter reduced to what it knows.
mkdir -p "$work/hugo/content" "$work/hugo/layouts/_default"
python3 - "$work/site/content" "$work/hugo/content" <<'PY'
import sys, pathlib, re
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for path in src.rglob("*.md"):
    text = path.read_text()
    _, front, body = text.split("---\n", 2)
    title = re.search(r"^(title|name): (.*)$", front, re.M)
    out = dst / path.relative_to(src)
    if out.name == "index.md":
        out = out.with_name("_index.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"---\ntitle: {title.group(2) if title else path.stem!r}\n---\n{body}")
PY
cat > "$work/hugo/config.toml" <<'TOML'
baseURL = "https://www.example.org/"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
TOML
page='<!DOCTYPE html><html lang="en-GB"><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>'
echo "$page" > "$work/hugo/layouts/_default/single.html"
echo "$page" > "$work/hugo/layouts/_default/list.html"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
# Both start from no output folder (removed outside the timing), as Hugo's does.
site_ms=$(for _ in 1 2 3; do rm -rf "$work/site/public"; time_ms .build/release/site build --content "$work/site/content" --output "$work/site/public"; done | median)
hugo_ms=$(for _ in 1 2 3; do rm -rf "$work/hugo/public"; time_ms hugo --source "$work/hugo" --quiet; done | median)
echo "pages: $(find "$work/site/public" -name '*.html' | wc -l) (site), $(find "$work/hugo/public" -name '*.html' | wc -l) (hugo)"
echo "site build: ${site_ms} ms (clean output folder)"
echo "hugo build: ${hugo_ms} ms (clean output folder, $(hugo version | cut -d' ' -f2))"
