# Sourced by the tests of the release tool: checks their two arguments (the
# tool and a site it built), makes `work`, a folder removed at exit (and
# `cleanup_more`, when a test defines it, run first), and counts what
# `pass` and `fail` report; `finish NAME` prints the counts and fails on any failure.
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -f "$2/index.html" ]; then
  echo "usage: $0 SITE_TOOL PUBLIC_DIR (the release tool and a site it built)" >&2
  exit 2
fi
tool=$1
work=$(mktemp -d)
cleanup() {
  if declare -F cleanup_more >/dev/null; then cleanup_more; fi
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1"; }
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
