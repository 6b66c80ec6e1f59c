#!/usr/bin/env bash
# Issue 3's accuracy run: train on cdeep3m-mito/train with the default settings for a 30-minute budget,
# validating on cdeep3m-mito/valid, then plot validation IoU against training minutes.
# Usage: bench/train-accuracy/run.sh [MINUTES]      (needs ../shared/data; takes MINUTES plus ~1 min)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
minutes="${1:-30}"
data="$root/../shared/data/cdeep3m-mito"
work="$root/bench/work/train-accuracy"; mkdir -p "$work"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$root/vemseg" train --images "$data/train/images" --labels "$data/train/labels" \
  --valid-images "$data/valid/images" --valid-labels "$data/valid/labels" \
  --out "$work/mito-${minutes}min.vsm" --max-minutes "$minutes" --validate-every 250 -q --overwrite
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$root/bench/train-accuracy/plot.py" "$work/mito-${minutes}min.vsm.log.csv" \
  "$root/bench/train-accuracy/iou-vs-minutes.png"
