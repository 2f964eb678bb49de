#!/usr/bin/env bash
# Build speed of `site` against Hugo on corpora of N generated pages
# (bench/make-corpus), and of `site` rebuilding with nothing changed, after
# one page's edit, and after the next page's edit (an editor's second save).
# Prints a Markdown table of medians: wall time, CPU time (user+sys), peak
# memory (max RSS); for several N, how each grows with N.
#
# Usage: bench/compare.sh [N...]          (default 10000)
#   SITE=path        the tool to measure (default .build/release/site)
#   BENCH_RUNS=k     runs of each measurement (default 3)
#   BENCH_KEEP=1     keep the corpora and outputs (under /dev/shm) afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
site=${SITE:-.build/release/site}
runs=${BENCH_RUNS:-3}
[ $# -gt 0 ] || set -- 10000
[ -x "$site" ] || { echo "no $site: build it (./build) or set SITE" >&2; exit 1; }
command -v hugo >/dev/null || { echo "hugo is missing: apt-get install hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }

# A tmpfs, so that the disk is not what is measured.
work=$(mktemp -d /dev/shm/site-bench.XXXXXX)
if [ -n "${BENCH_KEEP:-}" ]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
results=$work/results.txt

# measure CASE N OUTPUT COMMAND...: appends "case n html-files wall user sys maxrss-kB".
measure() {
  local case=$1 n=$2 out=$3; shift 3
  if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr"; then
    cat "$work/stderr" "$work/time" >&2; exit 1
  fi
  echo "$case $n $(find "$out" -name '*.html' | wc -l) $(tail -n 1 "$work/time")" >>"$results"
}

for n in "$@"; do
  echo "N=$n: making the corpus" >&2
  bench/make-corpus "$n" "$work/$n"
done
# Every measurement once per run, in turn, all N in each run: the machine's
# drift then falls on all of them alike.
for run in $(seq "$runs"); do
  for n in "$@"; do
    echo "N=$n: run $run of $runs" >&2
    corpus=$work/$n
    build=("$site" build --content "$corpus/content" --templates templates --output "$corpus/site-out")
    # Clean builds start from no output folder (removed outside the timing).
    rm -rf "$corpus/site-out" "$corpus"/.site-out.* "$corpus/hugo-out"
    measure "site build" "$n" "$corpus/site-out" "${build[@]}"
    measure "hugo build" "$n" "$corpus/hugo-out" hugo --source "$corpus/hugo" --destination "$corpus/hugo-out" --quiet
    measure "site rebuild, nothing changed" "$n" "$corpus/site-out" "${build[@]}"
    # A generated page is outside the navigation: its edit changes that page only.
    printf '\nThis paragraph was added for rebuild %s. It changes this page only.\n' "$run" \
      >>"$corpus/content/bench/part-1/page-1.md"
    measure "site rebuild, one page edited" "$n" "$corpus/site-out" "${build[@]}"
    # The editor's next save: the last build kept the site before it (.site-out.spare) for this one to build in.
    printf '\nThis paragraph was added for rebuild %s. It changes this page only.\n' "$run" \
      >>"$corpus/content/bench/part-1/page-2.md"
    measure "site rebuild, next page edited" "$n" "$corpus/site-out" "${build[@]}"
  done
done

echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')),"
echo "$("$site" --version | head -n 1) ($site), $(hugo version | cut -d' ' -f1-2); median of $runs runs."
echo
python3 - "$results" <<'PY'
import math, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    *case, n, pages, wall, user, system, rss = line.split()
    rows.setdefault((" ".join(case), int(n)), []).append(
        (int(pages), float(wall), float(user) + float(system), int(rss) / 1024))
med = {key: [statistics.median(column) for column in zip(*runs)] for key, runs in rows.items()}
cases = list(dict.fromkeys(case for case, _ in rows))
sizes = sorted({n for _, n in rows})
print("| tool | N | HTML pages | wall s | CPU s | peak MB | ms/page | wall, site/Hugo |")
print("|---|--:|--:|--:|--:|--:|--:|--:|")
for n in sizes:
    hugo = med.get(("hugo build", n))
    for case in cases:
        pages, wall, cpu, rss = med[(case, n)]
        ratio = f"{wall / hugo[1]:.2f}" if hugo and case.startswith("site") else ""
        print(f"| {case} | {n} | {pages:.0f} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {1000 * wall / pages:.2f} | {ratio} |")
if len(sizes) > 1:
    # Log-log slope between consecutive N: 1 is linear, 2 quadratic.
    print("\n| tool | N | wall grows as N^ | peak memory grows as N^ |")
    print("|---|--:|--:|--:|")
    for case in cases:
        for a, b in zip(sizes, sizes[1:]):
            (_, wa, _, ma), (_, wb, _, mb) = med[(case, a)], med[(case, b)]
            scale = math.log(b / a)
            print(f"| {case} | {a} → {b} | {math.log(wb / wa) / scale:.2f} | {math.log(mb / ma) / scale:.2f} |")
PY
