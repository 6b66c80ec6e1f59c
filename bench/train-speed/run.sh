#!/usr/bin/env bash
# Training iterations/s of vemseg against the same network, batch, patch and optimiser in PyTorch,
# in one run on the same machine. Usage: bench/train-speed/run.sh [ITERATIONS] [THREADS]
# Needs ../shared/data/cdeep3m-mito; installs Debian's python3-torch if missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-200}"; threads="${2:-2}"; warm=20
data="$root/../shared/data/cdeep3m-mito/train"
work="$root/bench/work/train-speed"; mkdir -p "$work"
py=/usr/bin/python3
$py -c "import torch, PIL" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-pil >/dev/null; }
[ -f "$root/vemseg-cli/target/vemseg.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The malloc settings the ./vemseg launcher exports (see there); the peer is timed with and without them.
tuned=(env MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1073741824)
# vemseg, started by its launcher as users start it: the rate over the iterations after warm-up, from the
# training log's minutes column.
"$root/vemseg" train --images "$data/images" --labels "$data/labels" \
  --out "$work/speed.vsm" --iterations $((n + warm)) --threads "$threads" --validate-every 100000 \
  --checkpoint-every 100000 -q --overwrite >/dev/null
read -r jt < <(awk -F, -v w=$warm -v e=$((n + warm)) '$2==w {a=$3} $2==e {b=$3} END {printf "%.3f\n", (b-a)*60}' "$work/speed.vsm.log.csv")
peer() { "$@" $py "$root/bench/train-speed/torch_train.py" "$data/images" "$data/labels" --iterations "$n" --warmup $warm --threads "$threads"; }
read -r pn pt < <(peer)
read -r pn pt2 < <(peer "${tuned[@]}")
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$n" -v jt="$jt" -v pt="$pt" -v pt2="$pt2" -v th="$threads" 'BEGIN {
  printf "%-22s %8s %10s %8s %7s\n", "trainer", "threads", "seconds", "it/s", "ratio";
  printf "%-22s %8d %10.2f %8.2f %7s\n", "pytorch", th, pt, n/pt, "1.00";
  printf "%-22s %8d %10.2f %8.2f %7.2f\n", "pytorch+launcher-malloc", th, pt2, n/pt2, pt/pt2;
  printf "%-22s %8d %10.2f %8.2f %7.2f\n", "vemseg", th, jt, n/jt, pt/jt }'
