#!/usr/bin/env bash
# Makes a real QEMU migration stream of a guest whose RAM holds real pages:
#   bench/qemu-stream.sh OUT [RANDOM_MIB [GUEST_MIB]]
# A paused pc guest with GUEST_MIB (default 1024) of RAM gets RANDOM_MIB (default 512) of random
# bytes loaded at 16 MiB (-device loader,force-raw=on) and migrates to OUT with
# "exec:cat > OUT", max-bandwidth raised: with the defaults a stream of about 514 MiB.
# Needs qemu-system-x86_64 (Debian: apt-get install -y --no-install-recommends qemu-system-x86)
# and python3 (for QMP). QEMU is stopped whatever happens; every wait is bounded.
set -euo pipefail

out="${1:?usage: qemu-stream.sh OUT [RANDOM_MIB [GUEST_MIB]]}"
random_mib="${2:-512}"
guest_mib="${3:-1024}"
qemu="${QEMU:-qemu-system-x86_64}"

if ! command -v "$qemu" >/dev/null; then
  echo "qemu-stream: $qemu is missing (apt-get install -y --no-install-recommends" \
    "qemu-system-x86)" >&2
  exit 1
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/vmstate4j-qemu.XXXXXX")"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    sleep 1
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

head -c "$((random_mib << 20))" /dev/urandom >"$dir/random.bin"
"$qemu" -M pc -nodefaults -display none -S -m "$guest_mib" \
  -device "loader,file=$dir/random.bin,addr=0x1000000,force-raw=on" \
  -qmp "unix:$dir/qmp.sock,server=on,wait=off" &
pid=$!

python3 - "$dir/qmp.sock" "$out" <<'EOF'
import json, socket, sys, time

sock_path, out = sys.argv[1], sys.argv[2]
deadline = time.time() + 30
while True:
    try:
        s = socket.socket(socket.AF_UNIX)
        s.connect(sock_path)
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("QMP socket did not appear")
        time.sleep(0.1)
s.settimeout(30)
f = s.makefile("rw")
json.loads(f.readline())  # greeting

def call(cmd, **args):
    f.write(json.dumps({"execute": cmd, "arguments": args} if args else {"execute": cmd}) + "\n")
    f.flush()
    while True:
        reply = json.loads(f.readline())
        if "event" in reply:
            continue
        if "error" in reply:
            sys.exit(f"{cmd}: {reply['error']}")
        return reply["return"]

call("qmp_capabilities")
call("migrate-set-parameters", **{"max-bandwidth": 100_000_000_000})
call("migrate", uri=f"exec:cat > {out}")
deadline = time.time() + 600
while True:
    status = call("query-migrate").get("status")
    if status == "completed":
        break
    if status == "failed" or time.time() > deadline:
        sys.exit(f"migration {status}")
    time.sleep(0.2)
call("quit")
EOF
wait "$pid" || true
pid=""
echo "qemu-stream: $out ($(stat -c %s "$out") bytes)" >&2
