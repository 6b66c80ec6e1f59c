#!/usr/bin/env bash
# Issue 17 item 4, weight averaging: train on Lucchi++ slices 0-139 with --weight-average none, ema and swa (same
# seed and iteration count, so the trained weights are the same in all three runs and only the averaging differs),
# score each model on the unseen slices 140-164 at its calibrated threshold, and report the wall-clock seconds of
# the last quarter of the iterations (where the average is updated and validated) from the training logs.
# Usage: bench/weight-average/run.sh [ITERATIONS] [THREADS] [MODES]     e.g. run.sh 20000 2 "none ema swa"
# Data: CALIB (default /work/calib) holds tr-img.tif, tr-lab.tif (slices 0-139 of ../shared/data/lucchi-pp) and
# va-img.tif, va-lab.tif (slices 140-164). Needs vemseg-cli/target/vemseg.jar (mvn -o package).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
iterations="${1:-20000}"; threads="${2:-2}"; modes="${3:-none ema swa}"
calib="${CALIB:-/work/calib}"
work="$root/bench/work/weight-average"; mkdir -p "$work"
# shellcheck source=../../launcher/runtime-env.sh
. "$root/launcher/runtime-env.sh"
vemseg_runtime_env
vemseg() { java -Dai.djl.offline=true -jar "$root/vemseg-cli/target/vemseg.jar" "$@"; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$((iterations - iterations / 4))
for mode in $modes; do
  model="$work/wa-$mode-$iterations.vsm"
  vemseg train --images "$calib/tr-img.tif" --labels "$calib/tr-lab.tif" --out "$model" \
    --iterations "$iterations" --threads "$threads" --validate-every 500 --weight-average "$mode" -q --overwrite \
    | sed "s/^/$mode train: /"
  vemseg predict --model "$model" --input "$calib/va-img.tif" --output "$work/wa-$mode-$iterations.tif" \
    --threads "$threads" -q --overwrite >/dev/null
  vemseg evaluate --prediction "$work/wa-$mode-$iterations.tif" --labels "$calib/va-lab.tif" --model "$model" \
    | grep -E '^(threshold|foreground)' | sed "s/^/$mode unseen 140-164: /"
  awk -F, -v s="$start" -v e="$iterations" -v m="$mode" \
    '$2==s {a=$3} $2==e {b=$3} END {printf "%s last quarter (iterations %d-%d): %.1f s\n", m, s, e, (b-a)*60}' \
    "$model.log.csv"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
