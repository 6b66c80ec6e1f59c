#!/usr/bin/env bash
# Issue 17 item 2: what orthoplane prediction (--planes xy,xz,yz) costs and gains on isotropic FIB-SEM.
# Trains one model on Lucchi++ slices 0-139 (validating on 140-164, 5x5x5 nm voxels) for MINUTES, then predicts
# the whole 165-slice stack along xy alone and along xy,xz,yz, each with --tta 1 and 8, times each prediction,
# and scores the held-out slices 140-164 (full slices) with `vemseg evaluate`.
# The whole stack is predicted because xz and yz slices are as deep as the volume and must be larger than the
# halo: the 25 held-out slices alone are too thin. Their xz/yz tiles see training slices as context near z = 140,
# never their labels.
# Usage: bench/orthoplanes/run.sh [MINUTES [CROP [HALO]]]
#   MINUTES training budget (default 15); CROP a y,x crop such as 0:256,0:256 for a quick check (default: all);
#   HALO --halo of predict (default 128: must be below the 165 slices).
#   VEMSEG overrides the launcher (default: ./vemseg); THREADS the --threads of every step (default 2);
#   TTAS the --tta values to compare (default "1 8"); MODEL a model to use instead of training one (it must not
#   have seen slices 140-164).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
minutes="${1:-15}"
crop="${2:-:,:}"
halo="${3:-128}"
threads="${THREADS:-2}"
read -r -a vemseg <<< "${VEMSEG:-$root/vemseg}"
data="$root/../shared/data/lucchi-pp"
work="$root/bench/work/orthoplanes"; mkdir -p "$work"
[ -f "$data/train-images.tif" ] || { echo "needs $data (see ../shared/data/README)" >&2; exit 1; }
grep -m1 "model name" /proc/cpuinfo
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for part in images mito; do
  "${vemseg[@]}" convert "$data/train-$part.tif" "$work/all-$part.tif" --crop ":,$crop" -q --overwrite
  "${vemseg[@]}" convert "$work/all-$part.tif" "$work/tr-$part.tif" --crop "0:140,:,:" -q --overwrite
  "${vemseg[@]}" convert "$work/all-$part.tif" "$work/va-$part.tif" --crop "140:165,:,:" -q --overwrite
done
model="${MODEL:-$work/lucchi-${minutes}min.vsm}"
if [ ! -f "$model" ]; then
  "${vemseg[@]}" train --images "$work/tr-images.tif" --labels "$work/tr-mito.tif" \
    --valid-images "$work/va-images.tif" --valid-labels "$work/va-mito.tif" --out "$model" \
    --max-minutes "$minutes" --validate-every 250 --threads "$threads" -q
fi
table="$work/results.md"
echo "| planes | tta | predict seconds | IoU | precision | recall |" > "$table"
echo "|---|---:|---:|---:|---:|---:|" >> "$table"
for tta in ${TTAS:-1 8}; do
  for planes in xy xy,xz,yz; do
    name="p-${planes//,/}-tta$tta"
    start=$(date +%s.%N)
    "${vemseg[@]}" predict --model "$model" --input "$work/all-images.tif" --output "$work/$name.zarr" \
      --planes "$planes" --tta "$tta" --halo "$halo" --threads "$threads" -q --overwrite
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    "${vemseg[@]}" convert "$work/$name.zarr" "$work/$name-va.tif" --crop "140:165,:,:" -q --overwrite
    "${vemseg[@]}" evaluate --prediction "$work/$name-va.tif" --labels "$work/va-mito.tif" \
      --json "$work/$name.json" > /dev/null
    python3 - "$work/$name.json" "$planes" "$tta" "$seconds" >> "$table" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["classes"][-1]  # the foreground class's voxel scores
iou, p, r = c["jaccard"], c["precision"], c["recall"]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {float(sys.argv[4]):.1f} | {iou:.3f} | {p:.3f} | {r:.3f} |")
PY
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$table"
