#!/usr/bin/env bash
# vemseg predict against the same pipeline in PyTorch (bench/predict/torch_predict.py), run by hand:
#   bench/predict/run.sh [throughput|memory|all]
# throughput: --tta 1 on the 10 cdeep3m-mito validation slices (1024 x 1024) and --tta 8 on the first
#   TTA8_SLICES of them, vemseg then PyTorch, same network (ResUNet width 0.25), tile, halo, overlap, batch
#   and threads; plus the machine's fp32 matmul GFLOP/s and the achieved GFLOP/s of the network.
# memory: a 2000 x 1024 x 1024 uint8 TIFF (2.1 GB) predicted with -Xmx1g into OME-Zarr; peak RSS.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
what=${1:-all}
work="$root/bench/work/predict"
mkdir -p "$work"
py=/usr/bin/python3
jar="$root/vemseg-cli/target/vemseg.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -o -DskipTests install)
data="$root/../shared/data/cdeep3m-mito"
threads=${THREADS:-2}
tile=${TILE:-1024}; halo=${HALO:-192}; overlap=${OVERLAP:-64}; batch=${BATCH:-2}
tta8_slices=${TTA8_SLICES:-3}

model="$work/resunet-w0.25.vsm"
# One iteration: an effectively untrained but saved network (throughput does not depend on the weights).
[ -f "$model" ] || java -jar "$jar" train --images "$data/train/images" --labels "$data/train/labels" \
  --out "$model" --iterations 1 --threads "$threads" -q >/dev/null

# timed CMD...: runs CMD under /usr/bin/time -v; prints "wall_s cpu_s peak_rss_mb"
timed() {
  /usr/bin/time -v "$@" >"$work/last.out" 2>"$work/last.time"
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 }
    END { printf "%.2f %.2f %.0f\n", w, u + s, r / 1024 }' "$work/last.time"
}

if [ "$what" = throughput ] || [ "$what" = all ]; then
  sub="$work/valid-$tta8_slices"
  if [ ! -d "$sub" ]; then
    mkdir -p "$sub"
    ls "$data/valid/images"/*.png | head -n "$tta8_slices" | while read -r f; do ln -s "$f" "$sub/"; done
  fi
  gemm=$($py "$root/bench/predict/torch_predict.py" --matmul --threads "$threads")
  echo "fp32 matmul (torch.mm 2048^2, $threads threads): $gemm GFLOP/s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf "%-4s %-7s %6s %8s %8s %9s %9s %8s  %s\n" tta side slices wall_s cpu_s Mvox/s GFLOP/s rss_MB load
  for tta in 1 8; do
    in="$data/valid/images"; [ "$tta" = 8 ] && in="$sub"
    slices=$(ls "$in" | wc -l)
    r=$(timed "$root/vemseg" predict --model "$model" --input "$in" --output "$work/vemseg-tta$tta.tif" \
      --tta "$tta" --tile "$tile" --halo "$halo" --overlap "$overlap" --batch "$batch" --threads "$threads" \
      --overwrite -q)
    set -- $r; vw=$1; vc=$2; vr=$3
    r=$(timed $py "$root/bench/predict/torch_predict.py" "$in" "$work/torch-tta$tta.tif" --tta "$tta" \
      --tile "$tile" --halo "$halo" --overlap "$overlap" --batch "$batch" --threads "$threads")
    set -- $r; tw=$1; tc=$2; trss=$3
    # torch_predict prints: slices voxels seconds tiles_per_slice calls gflop_per_tile
    set -- $(cat "$work/last.out"); voxels=$2; tiles=$4; gft=$6
    # The peer again with the allocator the ./vemseg launcher preloads (launcher/runtime-env.sh), for a fair view.
    r=$(timed env LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 MALLOC_CONF=oversize_threshold:0 \
      $py "$root/bench/predict/torch_predict.py" "$in" "$work/torch-tta$tta.tif" --tta "$tta" \
      --tile "$tile" --halo "$halo" --overlap "$overlap" --batch "$batch" --threads "$threads")
    set -- $r; uw=$1; uc=$2; urss=$3
    work_gflop=$(awk -v s="$slices" -v t="$tiles" -v g="$gft" -v v="$tta" 'BEGIN { print s * t * g * v }')
    load=$(cut -d' ' -f1 /proc/loadavg)
    for side in vemseg torch torch+je; do
      case $side in vemseg) w=$vw; c=$vc; m=$vr ;; torch) w=$tw; c=$tc; m=$trss ;; *) w=$uw; c=$uc; m=$urss ;; esac
      awk -v tta="$tta" -v side=$side -v sl="$slices" -v w="$w" -v c="$c" -v vox="$voxels" -v g="$work_gflop" \
        -v m="$m" -v load="$load" \
        'BEGIN { printf "%-4s %-7s %6d %8.1f %8.1f %9.3f %9.2f %8d  %s\n", tta, side, sl, w, c, vox / w / 1e6, g / w, m, load }'
    done
    awk -v tta="$tta" -v a="$tw" -v b="$vw" -v c="$tc" -v d="$vc" -v e="$uw" \
      'BEGIN { printf "tta %s: vemseg / PyTorch throughput = %.2fx by wall time, %.2fx by CPU time; %.2fx against PyTorch with the same allocator (jemalloc)\n", tta, a / b, c / d, e / b }'
  done
  echo "network: $gft GFLOP per ${tile}x${tile} tile (convolutions, 2 x multiply-adds), $tiles tiles per slice"
fi

if [ "$what" = memory ] || [ "$what" = all ]; then
  # 2000 x 1024 x 1024 uint8 = 2.1 GB, predicted with -Xmx1g into OME-Zarr by the smallest ResUNet
  # (width 0.0625, base 4 channels), --tta 1, --halo 64 and a tile covering a whole slice (1152) so the
  # run is as short as possible. RSS is sampled every 10 s (bench/work/predict/big2000.rss: epoch, RSS kB,
  # load, z-chunks started); DEADLINE_MIN (default 60) stops an unfinished run; at ~1 Mvoxels/s
  # on a loaded 2-core machine the whole volume takes ~35 min. /usr/bin/time reports the overall peak.
  depth=${DEPTH:-2000}
  big="$work/big-$depth.tif"
  [ -f "$big" ] || $py "$root/bench/predict/make_big.py" "$data/valid/images" "$big" "$depth"
  small="$work/resunet-w0.0625.vsm"
  [ -f "$small" ] || java -jar "$jar" train --images "$data/train/images" --labels "$data/train/labels" \
    --out "$small" --iterations 1 --width 0.0625 --threads "$threads" -q >/dev/null
  out="$work/big-$depth-pred.zarr"
  partial="$work/.big-$depth-pred.zarr.vemseg-partial"
  rm -rf "$out" "$partial" "$partial.job"
  echo "peak memory: $(du -h "$big" | cut -f1) input, -Xmx1g, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  VEMSEG_JAVA_OPTS=-Xmx1g /usr/bin/time -v "$root/vemseg" predict --model "$small" --input "$big" --output "$out" \
    --tta 1 --halo 64 --tile 1152 --batch 1 --threads "$threads" --overwrite -q \
    >"$work/big$depth.out" 2>"$work/big$depth.time" &
  tpid=$!
  deadline=$(( $(date +%s) + ${DEADLINE_MIN:-60} * 60 ))
  sleep 3
  jpid=$(pgrep -P $tpid java || true)
  : >"$work/big$depth.rss"
  while kill -0 $tpid 2>/dev/null; do
    if [ -n "$jpid" ] && [ -r "/proc/$jpid/status" ]; then
      echo "$(date +%s) $(awk '/VmRSS/ {print $2}' "/proc/$jpid/status") $(cut -d' ' -f1 /proc/loadavg)" \
        "$(ls "$partial/0" 2>/dev/null | wc -l)" >>"$work/big$depth.rss"
    fi
    if [ "$(date +%s)" -ge "$deadline" ] && [ -n "$jpid" ]; then
      kill "$jpid"; echo "stopped at deadline" >>"$work/big$depth.rss"
    fi
    sleep 10
  done
  wait $tpid || true
  grep -E "Elapsed|Maximum resident|User time|System time" "$work/big$depth.time"
  cat "$work/big$depth.out"
fi
