#!/usr/bin/env bash
# Fuzzes the content pipeline's parsers with libFuzzer for SECONDS (default 600):
#   fuzz/run.sh [SECONDS] [more libFuzzer options]
# Builds fuzz/ (its own .build; the main package's modules are instrumented
# for coverage and AddressSanitizer), copies the seed corpus (fuzz/seeds/ and
# every content/**/*.md) into fuzz/corpus-work/, where libFuzzer keeps what it
# finds, and fuzzes with the tokens of fuzz/site.dict, writing each crash,
# leak or timeout to fuzz/crashes/. Re-run one:
#   SWIFT_BACKTRACE=enable=no fuzz/.build/release/site-fuzz fuzz/crashes/crash-...
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true

need_packages=()
command -v pkg-config >/dev/null 2>&1 || need_packages+=(pkg-config)
pkg-config --exists libcmark 2>/dev/null || need_packages+=(libcmark-dev)
pkg-config --exists libxml-2.0 2>/dev/null || need_packages+=(libxml2-dev)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "installing ${need_packages[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

# Coverage and AddressSanitizer in every module, Swift and C (Yams' libyaml).
# SwiftPM's --sanitize given twice passes two -sanitize= flags, of which
# swiftc keeps only the last: the -Xswiftc flag, which comes after, names
# both. (--sanitize fuzzer also keeps libFuzzer's main as the program's.)
swift build -c release --product site-fuzz --sanitize fuzzer \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >&2
binary=.build/release/site-fuzz

mkdir -p corpus-work crashes
cp seeds/* corpus-work/
(cd ../content && find . -name '*.md' -type f) | while read -r file; do
  cp "../content/$file" "corpus-work/content-$(echo "${file#./}" | tr / -)"
done

# One process, in the foreground (libFuzzer's -jobs would fork it and log to
# fuzz-N.log); the machine's other core stays free.
# Swift's own backtracer would slow every crash down and print over libFuzzer's report.
export SWIFT_BACKTRACE=enable=no
exec "$binary" corpus-work \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -dict=site.dict -artifact_prefix=crashes/ -print_final_stats=1 "$@"
