#!/usr/bin/env bash
# QEMU -> vmstate proxy (one edit) -> QEMU, on 127.0.0.1.
#
# A source QEMU runs its BIOS and migrates over TCP to `vmstate proxy`, which passes RAM through
# as it arrives, sets COM1's scratch register in the device state at completion, and forwards
# everything to a destination QEMU started with -incoming. The destination then shows the
# edit, and everything else as the source had it. QMP is spoken over bash's /dev/tcp: nothing
# but bash, QEMU and the vmstate launcher is needed.
#
# Usage: scripts/live-proxy.sh [PATH=VALUE]   (default: serial/state/scr=0x5a)
# Ports: VMSTATE_PORT_BASE (default 44400) .. +4 on 127.0.0.1.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
edit="${1:-serial/state/scr=0x5a}"
qemu="${VMSTATE4J_QEMU:-qemu-system-x86_64}"
if ! command -v "$qemu" >/dev/null; then
  echo "live-proxy: $qemu is missing. Install QEMU first, e.g. on Debian or Ubuntu:" >&2
  echo "  sudo apt-get install -y --no-install-recommends qemu-system-x86" >&2
  exit 1
fi

base="${VMSTATE_PORT_BASE:-44400}"
src_qmp=$base dst_qmp=$((base + 1)) dst_port=$((base + 2)) proxy_port=$((base + 3))
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

machine=(-M pc -nodefaults -m 16 -accel tcg -device isa-serial,chardev=s0 -chardev null,id=s0
  -display none)

# qmp_open VAR PORT: connects to a QMP socket, reads the greeting, negotiates capabilities.
qmp_open() {
  local fd i
  for i in $(seq 1 100); do
    if { exec {fd}<>"/dev/tcp/127.0.0.1/$2"; } 2>/dev/null; then break; fi
    sleep 0.1
  done
  printf -v "$1" '%s' "$fd"
  IFS= read -r -t 10 _ <&"$fd"
  qmp "$fd" '{"execute":"qmp_capabilities"}' >/dev/null
}

# qmp FD JSON: sends a command, prints its reply (skipping asynchronous events).
qmp() {
  local line
  printf '%s\n' "$2" >&"$1"
  while IFS= read -r -t 30 line <&"$1"; do
    [[ $line == *'"event"'* ]] && continue
    printf '%s\n' "$line"
    return 0
  done
  echo "live-proxy: no reply to $2" >&2
  return 1
}

# hmp FD COMMAND: a human monitor command, its output as text.
hmp() {
  qmp "$1" "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"$2\"}}" \
    | tr -d '\r' | sed -e 's/^{"return": "//' -e 's/"}$//' -e 's/\\r\\n/\n/g' -e 's/\\r//g'
}

# migration_status FD: waits (up to 60 s) until QEMU's migration ends; prints its status.
migration_status() {
  local s i
  for i in $(seq 1 600); do
    s="$(qmp "$1" '{"execute":"query-migrate"}' | grep -o '"status": "[a-z-]*"' | head -1 \
      | cut -d'"' -f4)"
    case "$s" in completed|failed|cancelled) echo "$s"; return 0 ;; esac
    sleep 0.1
  done
  echo "timeout"
}

show() { # FD: what the script compares
  printf '  COM1 scratch register (i /b 0x3ff): %s' "$(hmp "$1" 'i /b 0x3ff' | tr -d '\n')"
  printf '\n  RAM at 0x400 (xp /2xb 0x400):       %s' "$(hmp "$1" 'xp /2xb 0x400' | tr -d '\n')"
  printf '\n  CPU: %s\n' "$(hmp "$1" 'info registers' | grep -o 'EIP=[0-9a-f]*' | head -1)"
}

echo "== destination: $qemu ${machine[*]} -S -incoming tcp:127.0.0.1:$dst_port"
"$qemu" "${machine[@]}" -S -incoming "tcp:127.0.0.1:$dst_port" \
  -qmp "tcp:127.0.0.1:$dst_qmp,server=on,wait=off" >"$work/dst.log" 2>&1 &
pids+=($!)
echo "== source: the same machine, running its BIOS for 2 s, then stopped"
"$qemu" "${machine[@]}" -qmp "tcp:127.0.0.1:$src_qmp,server=on,wait=off" \
  >"$work/src.log" 2>&1 &
pids+=($!)
qmp_open SRC "$src_qmp"
qmp_open DST "$dst_qmp"
sleep 2
qmp "$SRC" '{"execute":"stop"}' >/dev/null
show "$SRC"

echo "== ./vmstate proxy --listen 127.0.0.1:$proxy_port --forward 127.0.0.1:$dst_port --set $edit"
"$root/vmstate" proxy --listen "127.0.0.1:$proxy_port" --forward "127.0.0.1:$dst_port" \
  --set "$edit" --record "$work/recorded.mig" >"$work/proxy.out" 2>"$work/proxy.err" &
proxy=$!
pids+=("$proxy")
for i in $(seq 1 1200); do  # the launcher may build the console first
  grep -q '^listening on' "$work/proxy.err" 2>/dev/null && break
  kill -0 "$proxy" 2>/dev/null || { cat "$work/proxy.err" >&2; exit 1; }
  sleep 0.25
done

echo "== source: migrate tcp:127.0.0.1:$proxy_port (QMP migrate)"
qmp "$SRC" '{"execute":"migrate-set-parameters","arguments":{"max-bandwidth":100000000000}}' \
  >/dev/null
qmp "$SRC" "{\"execute\":\"migrate\",\"arguments\":{\"uri\":\"tcp:127.0.0.1:$proxy_port\"}}" \
  >/dev/null
echo "  source: $(migration_status "$SRC")"
code=0
wait "$proxy" || code=$?
echo "== proxy (exit $code):"
sed 's/^/  /' "$work/proxy.out" "$work/proxy.err" | grep -v -e '^  listening on' -e '^  vmstate: building'
[[ $code -eq 0 ]] || exit "$code"
echo "  destination: $(migration_status "$DST")"
echo "== destination after the migration:"
show "$DST"
