#!/usr/bin/env bash
# Live migration benchmark with real QEMU: QEMU -> QEMU against QEMU -> vmstate proxy -> QEMU,
# and QEMU -> a discarding socket against QEMU -> vmstate receive, on a 256 MiB heap.
# Arguments go to LiveMigrationBench: --memory MIB (1024), --image MIB (512), --rounds N (3),
# --warmup N (1), --only discard,receive,direct,proxy, --dir DIR (where the random image is
# written).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
if ! command -v "${VMSTATE4J_QEMU:-qemu-system-x86_64}" >/dev/null; then
  echo "live-migration: qemu-system-x86_64 is missing; on Debian or Ubuntu:" >&2
  echo "  sudo apt-get install -y --no-install-recommends qemu-system-x86" >&2
  exit 1
fi
(cd "$root" && mvn -q -B -ntp -pl bench -am package -DskipTests)
exec java -Xmx256m -cp "$root/bench/target/benchmarks.jar" \
  org.vmstate4j.bench.LiveMigrationBench "$@"
