#!/usr/bin/env bash
# Stream commands against cat and QEMU's scripts/analyze-migration.py, side by side:
#   bench/stream-speed.sh [STREAM]
# STREAM defaults to a real QEMU 7.2 stream made by qemu-stream.sh (a 1 GiB pc guest with 512
# MiB of random pages: about 514 MiB) in a temporary directory. The script is not part of this
# project: give its path in ANALYZE_MIGRATION (QEMU's scripts/analyze-migration.py) to get its
# columns. Each command runs RUNS times (default 5) in turn with the others, after one warm-up,
# under /usr/bin/time; the table gives medians of wall and CPU seconds (user + sys), the ratios
# of the medians, and the peak RSS. Run it on a quiet machine: the ratios are what it is for.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${RUNS:-5}"
script="${ANALYZE_MIGRATION:-}"
small="$root/engine/src/test/resources/qemu-samples/pc-min.mig"

if [[ ! -x /usr/bin/time ]]; then
  echo "stream-speed: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi
dir="$(mktemp -d "${TMPDIR:-/tmp}/vmstate4j-speed.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

stream="${1:-}"
if [[ -z "$stream" ]]; then
  stream="$dir/qemu.mig"
  "$root/bench/qemu-stream.sh" "$stream"
fi
cp "$stream" "$dir/copy.mig"
vmstate="$root/vmstate"
"$vmstate" analyze "$small" >/dev/null # builds the launcher's jar and archive when needed

# measure NAME COMMAND...: one run; appends "wall cpu rss" to $dir/NAME
measure() {
  local name="$1"
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$dir/t" "$@" >/dev/null 2>"$dir/err" || {
    echo "stream-speed: $name failed:" >&2
    cat "$dir/err" >&2
    exit 1
  }
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$dir/t" >>"$dir/$name"
}

names=()
declare -A commands
add() {
  names+=("$1")
  commands["$1"]="$2"
}
add "cat" "cat $stream"
[[ -n "$script" ]] && add "script --dump state" "python3 $script -f $stream"
add "analyze --dump state" "$vmstate analyze $stream"
[[ -n "$script" ]] && add "script --dump desc" "python3 $script -f $stream -d desc"
add "analyze --dump desc" "$vmstate analyze $stream --dump desc"
add "explain" "$vmstate explain $stream"
add "diff (same stream, two files)" "$vmstate diff $stream $dir/copy.mig"
[[ -n "$script" ]] && add "script on pc-min.mig" "python3 $script -f $small"
add "analyze on pc-min.mig" "$vmstate analyze $small"

for name in "${names[@]}"; do # warm-up
  read -r -a cmd <<<"${commands[$name]}"
  "${cmd[@]}" >/dev/null 2>&1 || true
done
for ((i = 0; i < runs; i++)); do
  for name in "${names[@]}"; do
    read -r -a cmd <<<"${commands[$name]}"
    measure "$name" "${cmd[@]}"
  done
done

median() { # column of $dir/NAME
  sort -g -k"$2" "$dir/$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'
}

echo
echo "$(basename "$stream"): $(($(stat -c %s "$stream") / 1048576)) MiB; medians of $runs runs"
echo
echo "| command | wall s | cpu s | wall x cat | wall x script | cpu x script | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
cat_wall="$(median "cat" 1)"
for name in "${names[@]}"; do
  wall="$(median "$name" 1)"
  cpu="$(median "$name" 2)"
  rss="$(($(median "$name" 3) / 1024))"
  ref=""
  case "$name" in
    "analyze --dump state") ref="script --dump state" ;;
    "analyze --dump desc") ref="script --dump desc" ;;
    "analyze on pc-min.mig") ref="script on pc-min.mig" ;;
  esac
  vs_wall=""
  vs_cpu=""
  if [[ -n "$ref" && -n "$script" ]]; then
    vs_wall="$(ratio "$wall" "$(median "$ref" 1)")"
    vs_cpu="$(ratio "$cpu" "$(median "$ref" 2)")"
  fi
  x_cat=""
  [[ "$name" != *pc-min* ]] && x_cat="$(ratio "$wall" "$cat_wall")"
  echo "| $name | $wall | $cpu | $x_cat | $vs_wall | $vs_cpu | $rss |"
done
