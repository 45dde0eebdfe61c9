#!/usr/bin/env bash
# Bounded memory of the stream commands: synthesizes QEMU 7.2-shaped streams of 1 GiB and 4 GiB
# (SyntheticStream: the engine's own writer with QEMU's RAM section layout, since QEMU cannot
# make a 4 GiB stream on a small machine; a second stream of each size differs in one RAM page
# and one device byte), then runs the commands themselves through ./vmstate, each in a JVM
# limited to -Xmx256m that exits on OutOfMemoryError: analyze, explain, diff, edit (a rewrite
# with one edit), receive (the stream sent over 127.0.0.1 to 'receive --listen') and compat
# (once: it reads -dump-vmstate files, not streams, and its input does not grow with the guest).
# QEMU_STREAM=FILE adds the same runs (diff against a copy) on a real QEMU stream, e.g. one made
# by qemu-stream.sh.
#
# Fails (exit 1) when a command fails, runs out of heap, its peak RSS is over RSS_LIMIT_MIB
# (default 400: the heap limit plus what any JVM maps besides), diff misses one of the two
# differences, or the rewrite changes more than the edited byte. Prints wall time and peak RSS
# per run, next to cat of the same file.
#
#   bench/stream-memory-check.sh            # 1 GiB and 4 GiB
#   SIZES="1024" bench/stream-memory-check.sh
#   SIZES="" QEMU_STREAM=/tmp/qemu.mig bench/stream-memory-check.sh
#
# Scratch files (about 3 x the largest size) go to a temporary directory under ${TMPDIR:-/tmp},
# removed at the end. Needs /usr/bin/time (Debian package "time").
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
heap="${HEAP:-256m}"
sizes="${SIZES-1024 4096}"
rss_limit="${RSS_LIMIT_MIB:-400}"
qemu_stream="${QEMU_STREAM:-}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
vmstate="$root/vmstate"
dumps="$root/engine/src/test/resources/inspect/static-checker"

if [[ ! -x /usr/bin/time ]]; then
  echo "stream-memory-check: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi
if [[ -n "$sizes" ]] && [[ ! -f "$jar" || -n "$(find "$root/engine/src/main" "$root/bench/src/main" \
    -newer "$jar" -print -quit)" ]]; then
  echo "stream-memory-check: building the bench jar..." >&2
  (cd "$root" && mvn -q -B -ntp -pl bench -am package -DskipTests)
fi
"$vmstate" --help >/dev/null # builds the console and its archive when needed, outside the runs

dir="$(mktemp -d "${TMPDIR:-/tmp}/vmstate4j-memcheck.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
# every command below runs in a JVM with this heap, which exits at its first OutOfMemoryError
export VMSTATE_JAVA_OPTS="-Xmx$heap -XX:+ExitOnOutOfMemoryError"

failed=0
rows=()

# run LABEL SIZE EXPECTED_EXIT COMMAND...: one run under /usr/bin/time; records a table row
run() {
  local label="$1" size="$2" expected="$3"
  shift 3
  local rc=0
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >"$dir/out" 2>"$dir/err" || rc=$?
  row "$label" "$size" "$expected" "$rc"
}

# row LABEL SIZE EXPECTED_EXIT RC: the verdict of the run timed in $dir/time
row() {
  local label="$1" size="$2" expected="$3" rc="$4"
  local wall rss
  wall="$(tail -n 1 "$dir/time" | cut -d' ' -f1)"
  rss="$(($(tail -n 1 "$dir/time" | cut -d' ' -f2) / 1024))"
  local verdict=ok
  if [[ $rc -ne $expected ]]; then
    verdict="FAILED (exit $rc, expected $expected)"
    failed=1
    sed 's/^/    /' "$dir/err" | tail -n 5 >&2
  elif grep -q 'OutOfMemoryError' "$dir/err"; then
    verdict="FAILED (out of memory)"
    failed=1
  elif [[ "$label" != cat && $rss -gt $rss_limit ]]; then
    verdict="FAILED (peak RSS over $rss_limit MiB)"
    failed=1
  fi
  rows+=("$(printf '| %s | %s | %s s | %s MiB | %s |' "$size" "$label" "$wall" "$rss" \
    "$verdict")")
}

# expect_in_output TEXT...: fails the check unless the last run printed each TEXT
expect_in_output() {
  for text in "$@"; do
    if ! grep -qF -- "$text" "$dir/out"; then
      echo "stream-memory-check: the output does not name $text" >&2
      failed=1
    fi
  done
}

# receive FILE SIZE: 'vmstate receive --listen' on a free port, the file sent to it over TCP
receive() {
  local file="$1" size="$2" rc=0 port=""
  /usr/bin/time -f "%e %M" -o "$dir/time" timeout 900 "$vmstate" receive \
    --listen 127.0.0.1:0 --timeout 600 >"$dir/out" 2>"$dir/err" &
  local pid=$!
  for ((i = 0; i < 600; i++)); do # the JVM says where it listens within a minute
    port="$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$dir/err" | grep -o '[0-9]*$' || true)"
    [[ -n "$port" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -n "$port" ]]; then
    cat "$file" >"/dev/tcp/127.0.0.1/$port" || echo "stream-memory-check: send failed" >&2
  else
    echo "stream-memory-check: receive did not listen" >&2
  fi
  wait "$pid" || rc=$?
  row "receive --listen (sent over TCP)" "$size" 0 "$rc"
}

# commands FILE OTHER SIZE [DIFF_PATH ...]: every command on FILE (OTHER: the stream to diff with)
commands() {
  local a="$1" b="$2" size="$3"
  shift 3
  local c="$dir/c.mig"
  run "analyze --dump state" "$size" 0 "$vmstate" analyze "$a"
  run "explain" "$size" 0 "$vmstate" explain "$a"
  if [[ $# -gt 0 ]]; then
    run "diff (1 RAM page, 1 device byte)" "$size" 1 "$vmstate" diff "$a" "$b"
    expect_in_output "$@"
    run "edit --set serial/state/scr=0x5a" "$size" 0 "$vmstate" edit "$a" -o "$c" \
      --set "serial/state/scr=0x5a"
    # the variant's RAM page differs too: the edit must be the only other difference
    if [[ "$(cmp -l "$a" "$c" | wc -l)" -ne 1 ]]; then
      echo "stream-memory-check: the rewrite changed more than the edited byte" >&2
      failed=1
    fi
    rm -f "$c"
  else
    run "diff (a copy)" "$size" 0 "$vmstate" diff "$a" "$b"
  fi
  receive "$a" "$size"
}

for mib in $sizes; do
  a="$dir/a.mig"
  b="$dir/b.mig"
  "$java" -cp "$jar" org.vmstate4j.bench.SyntheticStream "$a" "$mib"
  "$java" -cp "$jar" org.vmstate4j.bench.SyntheticStream "$b" "$mib" --variant
  size="$(($(stat -c %s "$a") / 1048576)) MiB synthetic"
  cat "$a" >/dev/null
  run "cat" "$size" 0 cat "$a"
  commands "$a" "$b" "$size" "ram/pc.ram @ 0x1234000" "serial/state/scr"
  rm -f "$a" "$b"
done

if [[ -n "$qemu_stream" ]]; then
  size="$(($(stat -c %s "$qemu_stream") / 1048576)) MiB QEMU"
  cp "$qemu_stream" "$dir/copy.mig"
  run "cat" "$size" 0 cat "$qemu_stream"
  commands "$qemu_stream" "$dir/copy.mig" "$size"
  rm -f "$dir/copy.mig"
fi

# compat reads two -dump-vmstate files (about 100 KB each here); they differ: exit 1
run "compat OLD.json NEW.json" "-dump-vmstate" 1 "$vmstate" compat "$dumps/dump1.json" \
  "$dumps/dump2.json"
expect_in_output "device types compared"

echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| stream | command | wall | peak RSS | -Xmx$heap, RSS <= $rss_limit MiB |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [[ $failed -ne 0 ]]; then
  echo "stream-memory-check: FAILED" >&2
  exit 1
fi
echo "stream-memory-check: every command ran within -Xmx$heap and $rss_limit MiB of RSS"
