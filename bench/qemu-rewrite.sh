#!/usr/bin/env bash
# A one-edit rewrite of a ~514 MiB stream that QEMU 7.2 makes (-m 1024, 512 MiB of random pages
# loaded into RAM, max-bandwidth raised), on a 256 MiB heap, timed next to cat of the same file.
# Needs qemu-system-x86_64 and about 1.6 GiB of free disk in the scratch directory.
#
#   bench/qemu-rewrite.sh [--dir DIR] [--ram-mib 1024] [--fill-mib 512] [--runs 3] [--no-load] [--keep]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v qemu-system-x86_64 >/dev/null; then
  echo "qemu-system-x86_64 is missing: install qemu-system-x86 (apt-get install -y --no-install-recommends qemu-system-x86)" >&2
  exit 1
fi
(cd "$root" && mvn -q -B -ntp -pl bench -am package -DskipTests)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Xmx256m -cp "$root/bench/target/benchmarks.jar" org.vmstate4j.bench.QemuRewriteCheck "$@"
