#!/usr/bin/env bash
# Issue 15: what fraction of the limit vemseg predict reaches, against a PyTorch whole-slice baseline, run by hand:
#   bench/predict/whole.sh [SLICES]        (default 10 slices per input; BIG_SLICES=2 of the 4096^2 plane)
# Inputs of real shapes: lucchi-pp train (768 x 1024, its first SLICES slices, at most its 165),
# cdeep3m-mito/valid (1024^2; its 10 slices repeated in turn up to SLICES) and a synthetic 4096^2 plane
# (cdeep3m-mito/valid slices tiled 4 x 4). For each: vemseg predict --tta 1 with its defaults (tile chosen from plane
# and memory, halo from the model, no mirror border at the volume's edges), vemseg with mirror borders of 32 and 256
# pixels (--border 32, --border 256 = the ResUNet's halo, the default before: more work, other voxels near the
# edges), vemseg with the older defaults (--tile 1024 --halo 192 --border halo), and bench/predict/whole_slice.py
# (the same ResUNet in PyTorch on whole slices, no tiling). Prints three times for vemseg: wall_s, the process
# (JVM start-up included); job_s, vemseg's own run ("wrote ... in X s": models loaded, planning, predicting,
# committing); predict_s, predicting alone (vemseg's "predicting X s" line: reading, inference, writing), which is
# what the baseline times (its inference loop, after Python start-up and reading). Voxels/s and useful GFLOP/s (the
# network's FLOPs for the output voxels only, per second, against the 3x3-convolution GFLOP/s measured at the same
# thread count in the same run) are given for predict_s, the steady state, and for wall_s; useful is the
# useful-compute fraction (vemseg's own report; the baseline's output / padded pixels).
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
lucchi_slices=$(( slices < 165 ? slices : 165 ))
lucchi="$work/lucchi-$lucchi_slices.tif"; cdeep="$work/cdeep3m-$slices.tif"; big="$work/synthetic$((1024 * big_tiles))-$big_slices.tif"
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
    # the folder has fewer slices than a long run wants: repeat them in turn
    s = [np.asarray(Image.open(f)) for f in files]
    tifffile.imwrite(cdeep, np.stack([s[z % len(s)] for z in range(n)]))
if not os.path.exists(big):
    s = [np.asarray(Image.open(f)) for f in files]
    tifffile.imwrite(big, np.stack([np.tile(s[z % len(s)], (k, k)) for z in range(nb)]))
PY

conv=$($py "$root/bench/predict/whole_slice.py" --conv --threads "$threads")
echo "3x3 convolution (torch, 32->32 channels, 512^2, $threads threads): $conv GFLOP/s; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-14s %-16s %7s %7s %9s %12s %12s %6s %12s %8s  %s\n" input side wall_s job_s predict_s \
  Mvox/s_pred Mvox/s_wall useful GFLOP/s_pred of_conv tiles
for in in "$lucchi" "$cdeep" "$big"; do
  name=$(basename "$in" .tif)
  set -- $($py "$root/bench/predict/whole_slice.py" "$in" --threads "$threads")
  tvox=$2; tsec=$3; tcomp=$4; tneed=$5
  for side in vemseg vemseg-border32 vemseg-border256 vemseg-old torch-whole; do
    case $side in
      vemseg*)
        case $side in
          vemseg-old) extra=(--tile 1024 --halo 192 --border halo) ;;
          vemseg-border*) extra=(--border "${side#vemseg-border}") ;;
          *) extra=() ;;
        esac
        t0=$(date +%s.%N)
        $vemseg predict --model "$model" --input "$in" --output "$work/$name-$side.tif" --tta 1 --threads "$threads" \
          --overwrite -q ${extra[@]+"${extra[@]}"} >"$work/last.out"
        t1=$(date +%s.%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
        job=$(sed -n 's/^wrote .* in \([0-9.]*\) s (.*$/\1/p' "$work/last.out")
        pred=$(sed -n 's/^predicting \([0-9.]*\) s .*$/\1/p' "$work/last.out")
        useful=$(sed -n 's/^useful compute \([0-9.]*\) (tiles \(.*\))$/\1/p' "$work/last.out")
        tiles=$(sed -n 's/^useful compute [0-9.]* (tiles \(.*\))$/\1/p' "$work/last.out")
        vox=$tvox ;;
      *)
        wall=$tsec; job=$tsec; pred=$tsec; vox=$tvox; tiles="whole slice"
        useful=$(awk -v a="$tneed" -v b="$tcomp" 'BEGIN { printf "%.2f", a / b }') ;;
    esac
    awk -v n="$name" -v s="$side" -v w="$wall" -v j="$job" -v p="$pred" -v v="$vox" -v u="$useful" -v g="$tneed" \
      -v c="$conv" -v t="$tiles" 'BEGIN { printf "%-14s %-16s %7.2f %7.2f %9.2f %12.3f %12.3f %6s %12.2f %8.2f  %s\n",
        n, s, w, j, p, v / p / 1e6, v / w / 1e6, u, g / p, g / p / c, t }'
  done
done
echo "wall_s: the process, JVM start-up included (vemseg) / the inference loop (torch-whole: it has no other figure)."
echo "job_s: vemseg's own run, model loading, planning and committing included; predict_s: reading, inference and"
echo "writing only, like the baseline's loop. Mvox/s_pred, GFLOP/s_pred and of_conv use predict_s; Mvox/s_wall wall_s."
