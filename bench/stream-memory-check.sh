#!/usr/bin/env bash
# Bounded memory of the stream commands: synthesizes QEMU 7.2-shaped streams of 1 GiB and 4 GiB
# (SyntheticStream: the engine's own writer, QEMU's RAM section layout; a second stream of each
# size differs in one RAM page and one device byte), then runs analyze, explain, diff and a
# rewrite with one edit on each, every one in a JVM limited to -Xmx256m that exits on
# OutOfMemoryError. Fails when a run fails, runs out of memory, or diff misses one of the two
# differences. Prints wall time, peak RSS and heap peak per run, next to cat of the same file.
#
#   bench/stream-memory-check.sh            # 1 GiB and 4 GiB
#   SIZES="1024" bench/stream-memory-check.sh
#
# Scratch files (about 3 x the largest size) go to a temporary directory under ${TMPDIR:-/tmp},
# removed at the end. Needs /usr/bin/time (Debian package "time").
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
heap="${HEAP:-256m}"
sizes="${SIZES:-1024 4096}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -x /usr/bin/time ]]; then
  echo "stream-memory-check: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi
if [[ ! -f "$jar" || -n "$(find "$root/engine/src/main" "$root/bench/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "stream-memory-check: building the bench jar..." >&2
  (cd "$root" && mvn -q -B -ntp -pl bench -am package -DskipTests)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/vmstate4j-memcheck.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

failed=0
rows=()

# run LABEL SIZE COMMAND...: one run under /usr/bin/time; records a table row
run() {
  local label="$1" size="$2"
  shift 2
  local rc=0
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >"$dir/out" 2>"$dir/err" || rc=$?
  local wall rss heapline
  wall="$(tail -n 1 "$dir/time" | cut -d' ' -f1)"
  rss="$(tail -n 1 "$dir/time" | cut -d' ' -f2)"
  heapline="$(grep -o 'heap peak [0-9]* MiB' "$dir/err" | tail -n 1 || true)"
  local verdict=ok
  if [[ $rc -ne 0 ]]; then
    verdict="FAILED (exit $rc)"
    failed=1
    sed 's/^/    /' "$dir/err" | tail -n 5 >&2
  fi
  rows+=("$(printf '| %s | %s | %s s | %s MiB | %s | %s |' "$size" "$label" "$wall" \
    "$((rss / 1024))" "${heapline#heap peak }" "$verdict")")
}

for mib in $sizes; do
  a="$dir/a.mig"
  b="$dir/b.mig"
  c="$dir/c.mig"
  "$java" -cp "$jar" org.vmstate4j.bench.SyntheticStream "$a" "$mib"
  "$java" -cp "$jar" org.vmstate4j.bench.SyntheticStream "$b" "$mib" --variant
  size="$(($(stat -c %s "$a") / 1048576)) MiB"
  cat "$a" >/dev/null
  run "cat" "$size" cat "$a"
  check=("$java" "-Xmx$heap" -XX:+ExitOnOutOfMemoryError -cp "$jar" org.vmstate4j.bench.StreamCheck)
  run "analyze --dump state" "$size" "${check[@]}" analyze "$a"
  run "explain" "$size" "${check[@]}" explain "$a"
  run "diff (1 RAM page, 1 device byte)" "$size" "${check[@]}" diff "$a" "$b" \
    "ram/pc.ram @ 0x1234000" "serial/state/scr"
  run "rewrite with one edit" "$size" "${check[@]}" rewrite "$a" "$c" "serial/state/scr=0x5a"
  if ! cmp -s "$b" "$c"; then
    # the variant's RAM page differs too: the edit must be the only other difference
    if [[ "$(cmp -l "$a" "$c" | wc -l)" -ne 1 ]]; then
      echo "stream-memory-check: the rewrite changed more than the edited byte" >&2
      failed=1
    fi
  fi
  rm -f "$a" "$b" "$c"
done

echo
echo "| stream | command | wall | peak RSS | heap peak | -Xmx$heap |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [[ $failed -ne 0 ]]; then
  echo "stream-memory-check: FAILED" >&2
  exit 1
fi
echo "stream-memory-check: every command ran within -Xmx$heap"
