#!/usr/bin/env bash
# Issue 17, item 5: what mask post-processing does to the scores. For each probability map, each threshold and each
# post-processing variant (none; --min-size N for each N of SIZES; --fill-holes 2d and 3d; both), runs
#   vemseg evaluate --objects --json
# and prints one row: IoU, precision, recall, 3D objects predicted / true / matched (IoU >= 0.5), voxels filled and
# objects removed, wall seconds. Seconds per evaluate on 25 Lucchi++ slices.
# Usage: bench/postprocess/run.sh MAP[:LABELS] ...
#   MAP: a probability map (uint8 0-255 or float 0-1); LABELS default to Lucchi++ train-mito slices 140-164
#   (cropped once from ../shared/data into bench/work/postprocess), which is what maps of those slices need.
#   Example: bench/postprocess/run.sh /work/calib/pb-default.tif /work/calib/pb-0.tif
# Environment: THRESHOLDS (default "0.5 0.653"), SIZES (default "100 1000 5000"), BOTH_SIZE (min size of the
# "both" row, default 1000), VEMSEG (default: java -jar vemseg-cli/target/vemseg.jar of this checkout).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
[ $# -ge 1 ] || { sed -n 2,13p "$0"; exit 2; }
work="$root/bench/work/postprocess"; mkdir -p "$work"
vemseg=${VEMSEG:-java -jar $root/vemseg-cli/target/vemseg.jar}
thresholds=${THRESHOLDS:-0.5 0.653}
sizes=${SIZES:-100 1000 5000}
both=${BOTH_SIZE:-1000}
py=/usr/bin/python3
lucchi="$work/lucchi-pp-140-164-labels.tif"
csv="$work/results.csv"
echo "map,threshold,post_processing,iou,precision,recall,objects_predicted,objects_true,objects_matched,filled_voxels,removed_objects,seconds" > "$csv"

row() { # map labels threshold name options...
  local map=$1 labels=$2 t=$3 name=$4; shift 4
  local json="$work/last.json" start end
  start=$(date +%s.%N)
  $vemseg evaluate --prediction "$map" --labels "$labels" --threshold "$t" --objects --json "$json" --overwrite \
    "$@" > /dev/null
  end=$(date +%s.%N)
  $py - "$json" "$(basename "$map")" "$t" "$name" "$(echo "$end - $start" | bc)" >> "$csv" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
fg = j["classes"][1]
o = j["objects"]
p = j.get("post_processing", {})
print(",".join(str(v) for v in [sys.argv[2], sys.argv[3], sys.argv[4], round(fg["jaccard"], 4),
      round(fg["precision"], 4), round(fg["recall"], 4), o["predicted"], o["true"], o["matched"],
      p.get("filled_voxels", 0), p.get("removed_objects", 0), round(float(sys.argv[5]), 1)]))
PY
  tail -1 "$csv"
}

for arg in "$@"; do
  map=${arg%%:*}
  labels=${arg#*:}
  if [ "$labels" = "$arg" ]; then
    labels=$lucchi
    [ -f "$lucchi" ] || $py - "$root/../shared/data/lucchi-pp/train-mito.tif" "$lucchi" <<'PY'
import sys, tifffile
with tifffile.TiffFile(sys.argv[1]) as t:
    tifffile.imwrite(sys.argv[2], __import__("numpy").stack([p.asarray() for p in t.pages[140:165]]))
PY
  fi
  for t in $thresholds; do
    row "$map" "$labels" "$t" none
    for n in $sizes; do
      row "$map" "$labels" "$t" "min-size $n" --min-size "$n"
    done
    row "$map" "$labels" "$t" "fill-holes 2d" --fill-holes 2d
    row "$map" "$labels" "$t" "fill-holes 3d" --fill-holes 3d
    row "$map" "$labels" "$t" "fill-holes 2d + min-size $both" --fill-holes 2d --min-size "$both"
  done
done
echo "wrote $csv"
