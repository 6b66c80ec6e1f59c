#!/usr/bin/env bash
# Issue 15 item 2: does bf16 arithmetic speed up prediction on this CPU, and what does it change?
# DJL 0.35.1 cannot hold bf16 tensors: its PyTorch JNI maps only float32/64/16, uint8, int8, int32, int64 and bool
# (GetScalarTypeFromDType), and any other dtype reaches a bare `throw;`, which aborts the JVM ("terminate called
# without an active exception"). What it can do is let oneDNN compute fp32 convolutions in bf16 (its fpmath mode,
# ONEDNN_DEFAULT_FPMATH_MODE=BF16; ONEDNN_VERBOSE shows brg_conv_fwd on AMX with attr-fpmath:bf16 on this CPU).
# This script predicts the same slices both ways with `vemseg predict --tta 1` and reports wall and process CPU
# seconds, prob8 differences and IoU against the labels.
# Usage: bench/predict/bf16.sh MODEL.vsm IMAGES LABELS [ROUNDS=2]   (VEMSEG overrides the launcher; THREADS=2)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
model=$1; images=$2; labels=$3; rounds=${4:-2}; threads=${THREADS:-2}
read -r -a v <<< "${VEMSEG:-$root/vemseg}"
work="$root/bench/work/bf16"; mkdir -p "$work"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); flags: $(grep -m1 -o 'avx512_bf16\|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  for mode in fp32 bf16; do
    if [ "$mode" = bf16 ]; then export ONEDNN_DEFAULT_FPMATH_MODE=BF16; else unset ONEDNN_DEFAULT_FPMATH_MODE; fi
    /usr/bin/time -f "%e %U %S" -o "$work/$mode.time" "${v[@]}" predict --model "$model" --input "$images" \
      --output "$work/$mode.tif" --tta 1 --threads "$threads" -q --overwrite >/dev/null
    iou=$("${v[@]}" evaluate --prediction "$work/$mode.tif" --labels "$labels" --model "$model" | awk '$1 == "foreground" { print $9 }')
    read -r wall user sys < "$work/$mode.time"
    echo "round $r $mode: wall $wall s, CPU $(awk -v a="$user" -v b="$sys" 'BEGIN { print a + b }') s, IoU $iou"
  done
  unset ONEDNN_DEFAULT_FPMATH_MODE
done
/usr/bin/python3 - "$work/fp32.tif" "$work/bf16.tif" <<'PY'
import sys, numpy as np, tifffile
a = tifffile.imread(sys.argv[1]).astype(int); b = tifffile.imread(sys.argv[2]).astype(int)
d = np.abs(a - b)
print(f"prob8 bf16 vs fp32: max {d.max()} steps, {np.mean(d > 1) * 100:.4f} % of voxels > 1 step, {np.mean(d > 0) * 100:.3f} % differ")
PY
