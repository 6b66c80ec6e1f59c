#!/usr/bin/env bash
# Issue 17, item 1: does a threshold calibrated on held-out training slices help on unseen slices?
# Trains on Lucchi++ slices 0-139 with the defaults (so the last 14 are held out and calibrate the threshold),
# predicts the unseen slices 140-164 and scores them at 0.5 and at the calibrated threshold, then prints the IoU
# the best threshold of the test slices themselves would give (the ceiling of any threshold choice).
# Usage: bench/calibration/run.sh [ITERATIONS=4000]     (needs ../shared/data and python3-tifffile; ~20 min)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
it="${1:-4000}"
data="$root/../shared/data/lucchi-pp"
work="$root/bench/work/calibration"; mkdir -p "$work"; cd "$work"
v="$root/vemseg"
[ -f tr-img.tif ] || {
  "$v" convert "$data/train-images.tif" tr-img.tif --crop 0:140,:,: -q
  "$v" convert "$data/train-mito.tif" tr-lab.tif --crop 0:140,:,: -q
  "$v" convert "$data/train-images.tif" va-img.tif --crop 140:165,:,: -q
  "$v" convert "$data/train-mito.tif" va-lab.tif --crop 140:165,:,: -q
}
"$v" train --images tr-img.tif --labels tr-lab.tif --out "m$it.vsm" --iterations "$it" --threads 1 \
  --validate-every 500 -q --overwrite
"$v" predict --model "m$it.vsm" --input va-img.tif --output "p$it.tif" --threads 1 -q --overwrite
"$v" evaluate --prediction "p$it.tif" --labels va-lab.tif --threshold 0.5
"$v" evaluate --prediction "p$it.tif" --labels va-lab.tif --model "m$it.vsm"
/usr/bin/python3 "$root/bench/calibration/ceiling.py" "p$it.tif" va-lab.tif
