#!/usr/bin/env bash
# Soak: resident memory of long vemseg jobs, started by ./vemseg exactly as users start them, sampled every
# INTERVAL seconds by bench/soak/rss.sh. Usage:
#   bench/soak/run.sh train    [MINUTES=30] [EXTRA...]   default `train` on lucchi-pp
#   bench/soak/run.sh pretrain [MINUTES=30] [EXTRA...]   default `pretrain` on patches curated from ../shared/data
#   bench/soak/run.sh predict  [DEPTH=2000] [EXTRA...]   `predict` of a DEPTH x 1024 x 1024 uint8 TIFF (2000:
#                                             2.1 GB) with -Xmx1g and default settings into OME-Zarr, by an
#                                             untrained model of width $MODEL_WIDTH (default: train's default)
# EXTRA arguments go to the command (e.g. --threads 1 on a machine shared with other jobs). Each prints "peak_mb rss10_mb rss100_mb samples seconds" and the progress reached; the samples are kept in
# bench/work/soak/<job>.csv (seconds, RSS MB, training-log lines). Goal (issue 12): RSS at the end within 10 %
# of RSS at 10 % of the run, peak under 4 GB for train and predict.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
job=${1:?train, pretrain or predict}
work="$root/bench/work/soak"; mkdir -p "$work"
data="$root/../shared/data"
interval=${INTERVAL:-5}
vemseg="$root/vemseg"
[ -f "$root/vemseg-cli/target/vemseg.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
echo "cpu:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
( . "$root/launcher/runtime-env.sh"; vemseg_runtime_env; echo "allocator: ${LD_PRELOAD:-glibc ${MALLOC_MMAP_THRESHOLD_:+(mmap threshold $MALLOC_MMAP_THRESHOLD_)}}" )

case $job in
  train)
    minutes=${2:-30}
    rm -rf "$work/train"; mkdir -p "$work/train"
    PROGRESS_GLOB="$work/train/*log.csv*" "$root/bench/soak/rss.sh" "$work/train.csv" "$interval" $((minutes * 60 + 120)) \
      "$vemseg" train --images "$data/lucchi-pp/train-images.tif" --labels "$data/lucchi-pp/train-mito.tif" \
      --out "$work/train/lucchi.vsm" --max-minutes "$minutes" -q "${@:3}"
    ;;
  pretrain)
    minutes=${2:-30}
    [ -d "$work/curated/patches" ] || "$vemseg" curate --input "$data" --out "$work/curated" --planes all -q >/dev/null
    rm -rf "$work/pretrain"; mkdir -p "$work/pretrain"
    PROGRESS_GLOB="$work/pretrain/*log*.csv*" "$root/bench/soak/rss.sh" "$work/pretrain.csv" "$interval" \
      $((minutes * 60 + 120)) \
      "$vemseg" pretrain --patches "$work/curated/patches" --out "$work/pretrain/encoder.weights" \
      --max-minutes "$minutes" -q "${@:3}"
    ;;
  predict)
    depth=${2:-2000}
    big="$work/big-$depth.tif"
    /usr/bin/python3 -c "import tifffile, PIL" 2>/dev/null || { apt-get update -qq && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-tifffile python3-pil >/dev/null; }
    [ -f "$big" ] || /usr/bin/python3 "$root/bench/predict/make_big.py" "$data/cdeep3m-mito/valid/images" "$big" "$depth"
    width=${MODEL_WIDTH:-}
    model="$work/model-w${width:-default}.vsm"
    [ -f "$model" ] || "$vemseg" train --images "$data/cdeep3m-mito/train/images" \
      --labels "$data/cdeep3m-mito/train/labels" --out "$model" --iterations 1 ${width:+--width "$width"} -q >/dev/null
    name="predict-$depth-w${width:-default}"
    rm -rf "$work/$name.ome.zarr"
    VEMSEG_JAVA_OPTS=-Xmx1g "$root/bench/soak/rss.sh" "$work/$name.csv" "$interval" 86400 \
      "$vemseg" predict --model "$model" --input "$big" --output "$work/$name.ome.zarr" --overwrite -q "${@:3}"
    ;;
  *) echo "unknown job $job" >&2; exit 2 ;;
esac
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
