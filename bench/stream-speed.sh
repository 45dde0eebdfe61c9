#!/usr/bin/env bash
# The stream commands against cat and QEMU's scripts/analyze-migration.py, side by side:
#   bench/stream-speed.sh [STREAM]
# STREAM defaults to a real QEMU 7.2 stream made by qemu-stream.sh (a 1 GiB pc guest with 512
# MiB of random pages: about 514 MiB) in a temporary directory, removed at the end. The script is
# not part of this project: give the path of QEMU's scripts/analyze-migration.py in
# ANALYZE_MIGRATION to get its rows and the ratios to it.
#
# Each round runs every command once, in turn (RUNS rounds, default 5, after one warm-up round),
# under /usr/bin/time, the file warm in the page cache; JVM start-up is part of every figure.
# Prints the table README "Performance" shows: median wall time, the median of the per-round
# ratios to cat and to the script (each pair measured in the same round), the median CPU time
# (user + sys) and the peak RSS; then the issue's goals with the figures they are judged by, and
# the load average before and after.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${RUNS:-5}"
script="${ANALYZE_MIGRATION:-}"
small="$root/samples/qemu-samples/pc-min.mig"
vmstate="$root/vmstate"

if [[ ! -x /usr/bin/time ]]; then
  echo "stream-speed: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi
if [[ -n "$script" && ! -f "$script" ]]; then
  echo "stream-speed: ANALYZE_MIGRATION=$script: no such file" >&2
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
"$vmstate" analyze "$small" >/dev/null # builds the launcher's jar and archive when needed

# measure NAME COMMAND...: one run; appends "wall cpu rss" to the file of NAME
measure() {
  local name="$1"
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$dir/t" "$@" >/dev/null 2>"$dir/err" || {
    echo "stream-speed: $name failed:" >&2
    cat "$dir/err" >&2
    exit 1
  }
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$dir/t" >>"$dir/${files[$name]}"
}

names=()
declare -A commands files
add() {
  files["$1"]="runs.${#names[@]}"
  names+=("$1")
  commands["$1"]="$2"
}
add "cat FILE > /dev/null" "cat $stream"
[[ -n "$script" ]] && add "analyze-migration.py -f FILE --dump state" "python3 $script -f $stream"
add "./vmstate analyze FILE --dump state" "$vmstate analyze $stream"
[[ -n "$script" ]] && add "analyze-migration.py -f FILE --dump desc" \
  "python3 $script -f $stream -d desc"
add "./vmstate analyze FILE --dump desc" "$vmstate analyze $stream --dump desc"
add "./vmstate explain FILE" "$vmstate explain $stream"
add "./vmstate diff FILE COPY" "$vmstate diff $stream $dir/copy.mig"
[[ -n "$script" ]] && add "on pc-min.mig: analyze-migration.py" "python3 $script -f $small"
add "on pc-min.mig: ./vmstate analyze" "$vmstate analyze $small"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
cat "$stream" "$dir/copy.mig" >/dev/null
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
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

median() { # median of the numbers on stdin
  sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
column() { # COLUMN NAME: that column of each run of NAME
  awk -v c="$1" '{ print $c }' "$dir/${files[$2]}"
}
ratio() { # median over rounds of NAME's wall / REF's wall, to 2 decimals
  paste -d' ' <(column 1 "$1") <(column 1 "$2") \
    | awk '{ if ($2 > 0) printf "%.4f\n", $1 / $2 }' | median | xargs printf '%.2f'
}

declare -A ref=(
  ["./vmstate analyze FILE --dump state"]="analyze-migration.py -f FILE --dump state"
  ["./vmstate analyze FILE --dump desc"]="analyze-migration.py -f FILE --dump desc"
  ["on pc-min.mig: ./vmstate analyze"]="on pc-min.mig: analyze-migration.py"
)
cat_name="cat FILE > /dev/null"

echo
echo "$(basename "$stream"): $(($(stat -c %s "$stream") / 1048576)) MiB; $runs rounds;" \
  "load average $load_before before, $load_after after; $(nproc) cores"
echo
echo "| command | time | x cat | x analyze-migration.py | cpu | peak RSS |"
echo "|---|---|---|---|---|---|"
for name in "${names[@]}"; do
  wall="$(column 1 "$name" | median)"
  cpu="$(column 2 "$name" | median)"
  rss="$(($(column 3 "$name" | median) / 1024))"
  x_cat=""
  [[ "$name" != on\ pc-min* ]] && x_cat="$(ratio "$name" "$cat_name")"
  x_script=""
  r="${ref[$name]:-}"
  [[ -n "$r" && -n "$script" ]] && x_script="$(ratio "$name" "$r")"
  echo "| \`$name\` | $wall s | $x_cat | $x_script | $cpu s | $rss MiB |"
done

# the goals of issue 13, each with the per-round ratio it is judged by
verdict() { # TEXT VALUE OP LIMIT
  local ok
  ok="$(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { print (op == "<=" ? v <= l : v >= l) }')"
  printf -- '- %s: %s (%s %s) %s\n' "$1" "$2" "$3" "$4" "$([[ $ok == 1 ]] && echo met || echo MISSED)"
}
echo
state="./vmstate analyze FILE --dump state"
verdict "analyze --dump state, x cat" "$(ratio "$state" "$cat_name")" "<=" 3
verdict "explain, x analyze --dump state" "$(ratio "./vmstate explain FILE" "$state")" "<=" 5
if [[ -n "$script" ]]; then
  verdict "analyze-migration.py --dump state, x analyze --dump state" \
    "$(ratio "${ref[$state]}" "$state")" ">=" 3
  verdict "analyze --dump desc, x analyze-migration.py" \
    "$(ratio "./vmstate analyze FILE --dump desc" "analyze-migration.py -f FILE --dump desc")" \
    "<=" 1
  verdict "analyze on pc-min.mig, x analyze-migration.py" \
    "$(ratio "on pc-min.mig: ./vmstate analyze" "on pc-min.mig: analyze-migration.py")" "<=" 1
fi
