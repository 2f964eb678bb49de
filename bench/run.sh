#!/usr/bin/env bash
# Speed of the build and of the check on a large site: the real content plus
# N generated pages (default 10000) that cite references, link each other and
# are all reachable from the home page. Prints the median of three runs each.
# Usage: bench/run.sh [N]     (after ./build, which compiles the release tool)
#        BENCH_DIR=/tmp/bench bench/run.sh 1000   keeps the generated site
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
site=.build/release/site
[ -x "$site" ] || { echo "run ./build first" >&2; exit 1; }
# BENCH_DIR keeps the generated site for profiling; by default it is removed.
if [ -n "${BENCH_DIR:-}" ]; then
  work=$BENCH_DIR; rm -rf "$work"; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi

cp -r content "$work/content"
mkdir -p "$work/content/bench"
python3 - "$work/content" "$pages" <<'PY'
import sys, pathlib
root, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
links = []
for i in range(n):
    nxt = (i + 1) % n
    body = f"""---
kind: page
title: Generated page {i}
description: A generated page for measuring the speed of the build and of the check.
reviewed: 2026-11-20
next_review: 2027-11-20
reviewed_by: Benchmark
---

## Overview

Theranostics combines imaging and treatment [@hofman2018]. See [the next page](page-{nxt}.md#details)
and [the evidence](../evidence.md#the-netter-1-trial) [@strosberg2017].

## Details

""" + "\n\n".join(f"Paragraph {p} of page {i}, with *emphasis*, `code` and a [link](../who-may-benefit.md)." for p in range(8)) + "\n"
    (root / "bench" / f"page-{i}.md").write_text(body)
    links.append(f"- [Page {i}](page-{i}.md)")
(root / "bench" / "index.md").write_text("""---
kind: page
title: All generated pages
description: Every generated page of the benchmark, so that each is reachable.
reviewed: 2026-11-20
next_review: 2027-11-20
reviewed_by: Benchmark
---

""" + "\n".join(links) + "\n")
with open(root / "index.md", "a") as home:
    home.write("\n[All generated pages](bench/index.md)\n")
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }

build_times=$(for _ in 1 2 3; do time_ms "$site" build --content "$work/content" --output "$work/public"; done | median)
check_times=$(for _ in 1 2 3; do time_ms "$site" check --content "$work/content" --output "$work/public"; done | median)
count=$(find "$work/public" -name '*.html' | wc -l)
echo "pages: $count html files"
echo "build: ${build_times} ms (median of 3, wall clock, $(nproc) cores)"
echo "check: ${check_times} ms (median of 3; includes loading content/ to name sources)"
"$site" build --content "$work/content" --output "$work/public" --verbose | sed 's/^/  /'
