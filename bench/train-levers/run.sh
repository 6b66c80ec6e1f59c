#!/usr/bin/env bash
# Issue 17, items 2 and 3: do training patches from the xz and yz planes (train --planes) and boundary-aware loss
# weighting (train --boundary-weight) help on unseen slices? Each variant trains on Lucchi++ slices 0-139 (5 nm
# isotropic voxels, so --planes auto takes all three planes; the last 14 slices are held out, xy only, and
# calibrate the threshold) for the same budget, predicts the unseen slices 140-164 (xy) and scores them at the
# calibrated threshold and at 0.5: IoU, precision and recall.
# Usage: bench/train-levers/run.sh [MINUTES=30] [VARIANT...]   (needs ../shared/data; MINUTES + ~2 min a variant)
#   A variant is a label and train options, e.g. 'planes=--planes auto' or 'bw5=--boundary-weight 5'.
#   WORK overrides the working folder (tr-img.tif etc. are made there unless present).
#   VEMSEG overrides the command (e.g. VEMSEG="java -Dai.djl.offline=true -jar vemseg-cli/target/vemseg.jar").
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
minutes="${1:-30}"; shift || true
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("base=" "planes=--planes auto" "bw2=--boundary-weight 2"
  "bw5=--boundary-weight 5" "planes-bw5=--planes auto --boundary-weight 5")
data="$root/../shared/data/lucchi-pp"
work="${WORK:-$root/bench/work/train-levers}"; mkdir -p "$work"; cd "$work"
v="${VEMSEG:-$root/vemseg}"
[ -f tr-img.tif ] || {
  $v convert "$data/train-images.tif" tr-img.tif --crop 0:140,:,: -q
  $v convert "$data/train-mito.tif" tr-lab.tif --crop 0:140,:,: -q
  $v convert "$data/train-images.tif" va-img.tif --crop 140:165,:,: -q
  $v convert "$data/train-mito.tif" va-lab.tif --crop 140:165,:,: -q
}
for variant in "${variants[@]}"; do
  name="${variant%%=*}"; opts="${variant#*=}"
  echo "== $name: train $opts (load $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  $v train --images tr-img.tif --labels tr-lab.tif --out "$name.vsm" --max-minutes "$minutes" --threads 2 \
    --validate-every 500 -q --overwrite $opts
  $v predict --model "$name.vsm" --input va-img.tif --output "p-$name.tif" --threads 2 -q --overwrite
  $v evaluate --prediction "p-$name.tif" --labels va-lab.tif --model "$name.vsm" | grep -E "^threshold|^class|foreground"
  $v evaluate --prediction "p-$name.tif" --labels va-lab.tif --threshold 0.5 | grep -E "^threshold|foreground"
done
