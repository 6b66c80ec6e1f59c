#!/usr/bin/env bash
# Issue 15: the halo the networks need. For each architecture (default width 0.25, trained briefly on
# cdeep3m-mito/train), predicts real EM planes whole (one tile per plane, mirror padding only at the plane
# border) and tiled (valid regions of 256 px, overlap 64, tile = 2 x halo + 256, so many seams), for each halo,
# and compares the prob8 outputs. Usage: bench/halo/run.sh [ITERATIONS] [HALOS] [MODELS]
#   defaults: 300 "16 32 48 64 96 128 160 192 224 256" "resunet deepem3d resunet50"
# A model is an architecture, trained for ITERATIONS, or ARCH-iN, trained for N iterations (e.g. resunet-i3000).
# Models, inputs and predictions already in bench/work/halo are reused (delete them to start afresh).
# Writes bench/work/halo/results.csv and prints the table. One engine thread throughout.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
iters="${1:-300}"; halos="${2:-16 32 48 64 96 128 160 192 224 256}"; archs="${3:-resunet deepem3d resunet50}"
data="$root/../shared/data"
work="$root/bench/work/halo"; mkdir -p "$work/out"
py=/usr/bin/python3
$py -c "import tifffile, PIL" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-tifffile python3-pil >/dev/null; }
jar="$root/vemseg-cli/target/vemseg.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -o -q -DskipTests -Dspotbugs.skip -Dcheckstyle.skip package)
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 MALLOC_CONF=oversize_threshold:0
vemseg() { java -jar "$jar" "$@"; }
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); cpu:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); load: $(cut -d' ' -f1-3 /proc/loadavg)"

$py "$root/bench/halo/prep.py" "$data" "$work"
inputs="cdeep3m-valid-050-055 lucchi-040-120"
csv="$work/results.csv"
[ -f "$csv" ] || echo "arch,input,halo,ref,max_diff,frac_diff,mean_abs_diff" > "$csv"
for arch in $archs; do
  model="$work/$arch.vsm"; net="$arch"; n="$iters"
  case "$arch" in *-i[0-9]*) net="${arch%-i*}"; n="${arch##*-i}";; esac
  [ -f "$model" ] || vemseg train --images "$data/cdeep3m-mito/train/images" \
    --labels "$data/cdeep3m-mito/train/labels" --arch "$net" --iterations "$n" --threads 1 -q \
    --overwrite --out "$model"
  for inp in $inputs; do
    # References: whole plane at each halo, plus large halos of both phases modulo 32.
    refs="$halos"; for h in $halos; do refs="$refs $((256 + h % 32))"; done
    for h in $(echo $refs | tr ' ' '\n' | sort -nu); do
      out="$work/out/$arch-$inp-whole-h$h.tif"
      [ -f "$out" ] || vemseg predict --model "$model" --input "$work/$inp.tif" --output "$out" \
        --tile 4096 --halo "$h" --overlap 64 --batch 1 --threads 1 -q
    done
    for h in $halos; do
      out="$work/out/$arch-$inp-tiled-h$h.tif"
      [ -f "$out" ] || vemseg predict --model "$model" --input "$work/$inp.tif" --output "$out" \
        --tile $((2 * h + 256)) --halo "$h" --overlap 64 --batch 1 --threads 1 -q
    done
    $py "$root/bench/halo/compare.py" "$work" "$arch" "$inp" $halos | tee -a "$csv"
  done
done
$py "$root/bench/halo/table.py" "$csv"

# Tile phase: a 1000 x 1000 plane, whose last tile row and column start at 744 (not a multiple of the stride).
mkdir -p "$work/odd"
$py -c "import tifffile; tifffile.imwrite('$work/odd/cdeep3m-1000.tif', tifffile.imread('$work/cdeep3m-valid-050-055.tif')[:, :1000, :1000])"
echo; echo "tile phase on 1000 x 1000 (halo 256): arch,halo,max_aligned,frac_aligned,max_shifted,frac_shifted"
for arch in $archs; do
  for kind in whole tiled; do
    out="$work/odd/$arch-$kind-h256.tif"; tile=4096; [ $kind = tiled ] && tile=768
    [ -f "$out" ] || vemseg predict --model "$work/$arch.vsm" --input "$work/odd/cdeep3m-1000.tif" --output "$out" \
      --tile $tile --halo 256 --overlap 64 --batch 1 --threads 1 -q >/dev/null
  done
  $py "$root/bench/halo/odd.py" "$work" "$arch"
done
$py "$root/bench/halo/quality.py" "$data" "$work" $archs
$py "$root/bench/halo/rf.py"
