#!/usr/bin/env bash
# Issue 15: what fraction of the limit vemseg predict reaches, against a PyTorch whole-slice baseline, run by hand:
#   bench/predict/whole.sh [SLICES]        (default 10 slices per input; BIG_SLICES=2 of the 4096^2 plane)
# Inputs of real shapes: lucchi-pp train (768 x 1024, its first SLICES slices), cdeep3m-mito/valid (1024^2) and a
# synthetic 4096^2 plane (cdeep3m-mito/valid slices tiled 4 x 4). For each: vemseg predict --tta 1 with its
# defaults (tile chosen from plane and memory, halo from the model), vemseg with the previous defaults (--tile 1024
# --halo 192), vemseg with a narrower mirror border for planes predicted in one call (--border 32 and 0: less
# work, but border voxels then differ from the full-context prediction), and bench/predict/whole_slice.py (the
# same ResUNet in PyTorch on whole slices, no tiling). Prints wall time, voxels/s, the useful-compute fraction
# (vemseg's own report; the baseline's output / padded pixels), and useful GFLOP/s (the network's FLOPs for the
# output voxels only, per second) against the 3x3-convolution GFLOP/s
# measured at the same thread count in the same run.
# VEMSEG overrides the command (default: the ./vemseg launcher), e.g. VEMSEG="java -jar vemseg-cli/target/vemseg.jar".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
slices=${1:-10}
big_slices=${BIG_SLICES:-2}
big_tiles=${BIG_TILES:-4}   # the synthetic plane is (1024 x BIG_TILES)^2
threads=${THREADS:-2}
work="$root/bench/work/predict-whole"
mkdir -p "$work"
py=/usr/bin/python3
vemseg=${VEMSEG:-$root/vemseg}
data="$root/../shared/data"
model="$work/resunet-w0.25.vsm"
[ -f "$model" ] || $vemseg train --images "$data/cdeep3m-mito/train/images" --labels "$data/cdeep3m-mito/train/labels" \
  --out "$model" --iterations 1 --threads "$threads" -q >/dev/null

# The inputs, written once.
lucchi="$work/lucchi-$slices.tif"; cdeep="$work/cdeep3m-$slices.tif"; big="$work/synthetic$((1024 * big_tiles))-$big_slices.tif"
$py - "$data" "$slices" "$big_slices" "$big_tiles" "$lucchi" "$cdeep" "$big" <<'PY'
import glob, os, sys
import numpy as np, tifffile
from PIL import Image
data, n, nb, k, lucchi, cdeep, big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), *sys.argv[5:]
if not os.path.exists(lucchi):
    with tifffile.TiffFile(os.path.join(data, "lucchi-pp/train-images.tif")) as t:
        tifffile.imwrite(lucchi, np.stack([p.asarray() for p in t.pages[:n]]))
files = sorted(glob.glob(os.path.join(data, "cdeep3m-mito/valid/images/*.png")))
if not os.path.exists(cdeep):
    tifffile.imwrite(cdeep, np.stack([np.asarray(Image.open(f)) for f in files[:n]]))
if not os.path.exists(big):
    s = [np.asarray(Image.open(f)) for f in files]
    tifffile.imwrite(big, np.stack([np.tile(s[z % len(s)], (k, k)) for z in range(nb)]))
PY

conv=$($py "$root/bench/predict/whole_slice.py" --conv --threads "$threads")
echo "3x3 convolution (torch, 32->32 channels, 512^2, $threads threads): $conv GFLOP/s; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
# GFLOP per output voxel of the network (for the useful-GFLOP/s column), from the baseline's own count
printf "%-14s %-16s %8s %9s %8s %14s %8s  %s\n" input side wall_s Mvox/s useful useful_GFLOP/s of_conv tiles
for in in "$lucchi" "$cdeep" "$big"; do
  name=$(basename "$in" .tif)
  set -- $($py "$root/bench/predict/whole_slice.py" "$in" --threads "$threads")
  tvox=$2; tsec=$3; tcomp=$4; tneed=$5
  for side in vemseg vemseg-border32 vemseg-border0 vemseg-old torch-whole; do
    case $side in
      vemseg*)
        case $side in
          vemseg-old) extra=(--tile 1024 --halo 192) ;;
          vemseg-border*) extra=(--border "${side#vemseg-border}") ;;
          *) extra=() ;;
        esac
        t0=$(date +%s.%N)
        $vemseg predict --model "$model" --input "$in" --output "$work/$name-$side.tif" --tta 1 --threads "$threads" \
          --overwrite -q ${extra[@]+"${extra[@]}"} >"$work/last.out"
        t1=$(date +%s.%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
        useful=$(sed -n 's/^useful compute \([0-9.]*\) (tiles \(.*\))$/\1/p' "$work/last.out")
        tiles=$(sed -n 's/^useful compute [0-9.]* (tiles \(.*\))$/\1/p' "$work/last.out")
        vox=$tvox ;;
      *)
        wall=$tsec; vox=$tvox; tiles="whole slice"
        useful=$(awk -v a="$tneed" -v b="$tcomp" 'BEGIN { printf "%.2f", a / b }') ;;
    esac
    awk -v n="$name" -v s="$side" -v w="$wall" -v v="$vox" -v u="$useful" -v g="$tneed" -v c="$conv" -v t="$tiles" \
      'BEGIN { printf "%-14s %-16s %8.1f %9.3f %8s %14.2f %8.2f  %s\n", n, s, w, v / w / 1e6, u, g / w, g / w / c, t }'
  done
done
echo "vemseg wall times include JVM start and model loading; the baseline's exclude Python start and reading."
