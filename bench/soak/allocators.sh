#!/usr/bin/env bash
# Training cost per iteration under each native allocator, measured so that other jobs on the machine do not
# distort it: CPU seconds (user + system) and minor page faults per iteration at one engine thread (no thread
# spins while waiting for another), from the difference of a short and a long run (which removes start-up and
# data loading). Usage: bench/soak/allocators.sh [SHORT] [LONG] [ALLOCATORS...]
# Allocators: glibc-bounded (the launcher's fallback), glibc-tuned (the launcher's settings until December 2026),
# jemalloc, jemalloc-keep (MALLOC_CONF=oversize_threshold:0: large blocks cached like small ones), tcmalloc.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
short=${1:-40}; long=${2:-160}; shift 2 || true
allocators=("$@"); [ ${#allocators[@]} -gt 0 ] || allocators=(glibc-bounded glibc-tuned jemalloc jemalloc-keep tcmalloc)
data="$root/../shared/data/cdeep3m-mito/train"
work="$root/bench/work/allocators"; mkdir -p "$work"
jar="$root/vemseg-cli/target/vemseg.jar"
lib=/usr/lib/x86_64-linux-gnu
env_of() {
  case $1 in
    glibc-bounded) echo "MALLOC_MMAP_THRESHOLD_=131072" ;;
    glibc-tuned) echo "MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1073741824" ;;
    jemalloc) echo "LD_PRELOAD=$lib/libjemalloc.so.2" ;;
    jemalloc-keep) echo "LD_PRELOAD=$lib/libjemalloc.so.2 MALLOC_CONF=oversize_threshold:0" ;;
    tcmalloc) echo "LD_PRELOAD=$lib/libtcmalloc_minimal.so.4" ;;
  esac
}
# one ALLOCATOR N: prints "cpu_s minor_faults peak_rss_mb wall_s"
one() {
  # shellcheck disable=SC2046
  /usr/bin/time -f "%U %S %R %M %e" -o "$work/time.txt" env $(env_of "$1") java -Dai.djl.offline=true -jar "$jar" \
    train --images "$data/images" --labels "$data/labels" --out "$work/m.vsm" --iterations "$2" --threads 1 \
    --validate-every 100000 --checkpoint-every 100000 --overwrite -q >/dev/null 2>"$work/err.txt"
  awk '{ printf "%.2f %d %.0f %.2f\n", $1 + $2, $3, $4 / 1024, $5 }' "$work/time.txt"
}
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2) ; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-14s %12s %14s %12s %10s\n" allocator cpu_ms/iter faults/iter peak_rss_MB wall_it/s
for a in "${allocators[@]}"; do
  read -r c1 f1 r1 w1 < <(one "$a" "$short")
  read -r c2 f2 r2 w2 < <(one "$a" "$long")
  awk -v a="$a" -v n=$((long - short)) -v c1="$c1" -v c2="$c2" -v f1="$f1" -v f2="$f2" -v r="$r2" -v w1="$w1" -v w2="$w2" \
    'BEGIN { printf "%-14s %12.1f %14.0f %12d %10.2f\n", a, (c2 - c1) * 1000 / n, (f2 - f1) / n, r, n / (w2 - w1) }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
