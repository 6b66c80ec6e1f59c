#!/usr/bin/env bash
# Training iterations/s of vemseg against the same network, batch, patch and optimiser in PyTorch, on the same
# machine in one run. Usage: bench/train-speed/run.sh [ITERATIONS] [THREADS] [ROUNDS]
# Needs ../shared/data/cdeep3m-mito; installs Debian's python3-torch if missing.
#
# This machine's speed drifts by up to ±20 % within minutes (other tenants), so the four trainers are run in
# turn, ROUNDS times, and each is reported by its median rate; ratios are of medians.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-200}"; threads="${2:-2}"; rounds="${3:-3}"; warm=20
data="$root/../shared/data/cdeep3m-mito/train"
work="$root/bench/work/train-speed"; mkdir -p "$work"
py=/usr/bin/python3
$py -c "import torch, PIL" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-pil >/dev/null; }
[ -f "$root/vemseg-cli/target/vemseg.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The allocator the ./vemseg launcher preloads (launcher/runtime-env.sh): the peer is timed with its defaults and
# with the same allocator, so the table shows where a gain comes from.
[ -e /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjemalloc2 >/dev/null; }
jemalloc=(env LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 MALLOC_CONF=oversize_threshold:0)
echo "cpu:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); avx512_bf16: $(grep -qw avx512_bf16 /proc/cpuinfo && echo yes || echo no)"

# vemseg, started by its launcher as users start it; prints the seconds of the iterations after warm-up, from
# the training log's minutes column. Extra arguments go to `train`.
vemseg() {
  "$root/vemseg" train --images "$data/images" --labels "$data/labels" \
    --out "$work/speed.vsm" --iterations $((n + warm)) --threads "$threads" --validate-every 100000 \
    --checkpoint-every 100000 -q --overwrite "$@" >/dev/null
  awk -F, -v w=$warm -v e=$((n + warm)) '$2==w {a=$3} $2==e {b=$3} END {printf "%.3f\n", (b-a)*60}' \
    "$work/speed.vsm.log.csv"
}
peer() { "$@" $py "$root/bench/train-speed/torch_train.py" "$data/images" "$data/labels" --iterations "$n" \
  --warmup $warm --threads "$threads" | cut -d' ' -f2; }

: > "$work/times.txt"
for r in $(seq 1 "$rounds"); do
  echo "pytorch $(peer)" >> "$work/times.txt"
  echo "pytorch+jemalloc $(peer "${jemalloc[@]}")" >> "$work/times.txt"
  echo "vemseg $(vemseg)" >> "$work/times.txt"
  # the launcher's fallback where jemalloc is not installed: glibc with a fixed mmap threshold
  echo "vemseg-glibc-fallback $(VEMSEG_ALLOCATOR=glibc vemseg)" >> "$work/times.txt"
  # the peer's augmentation: the 16 flips/rotations only (vemseg's default adds intensity changes and
  # any-angle rotation with zoom, prepared on a background thread that shares the two cores)
  echo "vemseg--augment-geometric $(vemseg --augment geometric)" >> "$work/times.txt"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# median seconds per trainer, in the order first seen
awk -v n="$n" -v th="$threads" -v rounds="$rounds" '
  { if (!($1 in k)) { order[++m] = $1; k[$1] = 0 } t[$1, ++k[$1]] = $2 }
  function median(name,   i, j, x, c, v) {
    c = k[name]; for (i = 1; i <= c; i++) v[i] = t[name, i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
    return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2 }
  END {
    printf "%-26s %7s %7s %9s %7s %7s  %s\n", "trainer", "threads", "rounds", "seconds", "it/s", "ratio", "all runs (s)"
    base = median("pytorch")
    for (i = 1; i <= m; i++) {
      s = median(order[i]); runs = ""
      for (j = 1; j <= k[order[i]]; j++) runs = runs sprintf(" %.2f", t[order[i], j])
      printf "%-26s %7d %7d %9.2f %7.2f %7.2f %s\n", order[i], th, k[order[i]], s, n / s, base / s, runs }
  }' "$work/times.txt"
