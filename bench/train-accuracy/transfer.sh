#!/usr/bin/env bash
# Issue 17's transfer goal on cdeep3m-mito: a model trained with the defaults on train/ (validating on valid/, as
# run.sh does) is fine-tuned with --init on valid slices 050-054, which show the myelinated bundle train/ lacks,
# then both models predict slices 055-059 (full slices, never used for training or checkpoint choice) and are
# scored with `vemseg evaluate` at their stored thresholds.
# Both trainings run for a fixed number of iterations at THREADS engine threads, so the result does not depend on
# machine load: the defaults are what 30 and 5 minutes give at 2 threads on the machine of bench/RESULTS.md
# (13.1 it/s, measured with `train --max-minutes 1.5 --threads 2` on Lucchi++).
# Usage: bench/train-accuracy/transfer.sh [BASE_ITERATIONS [FINE_TUNE_ITERATIONS]]
#   MODEL: an already trained base model to fine-tune instead of training one (it must not have seen valid/ labels
#   in training; validating on them is how run.sh chooses its checkpoint); VEMSEG overrides the launcher;
#   THREADS (default 1); TTAS the --tta values to score (default "1 8"); TUNE_ARGS extra options of the fine-tuning
#   `train` (a lever, e.g. "--class-weights auto") and TUNE_NAME the fine-tuned model's name (default tuned-N);
#   BASE=no scores the fine-tuned model only; ORACLE=yes fine-tunes on the scored slices 055-059 themselves (a
#   ceiling: what the budget can fit of those labels, not a transfer result).
# Prints one line per model and tta: name tta IoU precision recall; needs ../shared/data.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base_it="${1:-23600}"
tune_it="${2:-3900}"
threads="${THREADS:-1}"
read -r -a vemseg <<< "${VEMSEG:-$root/vemseg}"
data="$root/../shared/data/cdeep3m-mito"
[ -d "$data/valid/images" ] || { echo "needs $data (see ../shared/data/README)" >&2; exit 1; }
work="$root/bench/work/transfer"; mkdir -p "$work"
grep -m1 "model name" /proc/cpuinfo
# the two halves of valid/, as folders of links (vemseg reads a folder of numbered PNG slices as a stack)
for half in a:050:054 b:055:059; do
  IFS=: read -r name from to <<< "$half"
  for kind in images labels; do
    dir="$work/$name-$kind"
    [ "$(find "$dir" -name '*.png' 2>/dev/null | wc -l)" -eq 5 ] && continue  # kept for runs side by side
    rm -rf "$dir"; mkdir -p "$dir"
    for f in "$data/valid/$kind"/*; do
      n=$(basename "$f" | grep -o '[0-9][0-9][0-9]' | tail -1)
      if [ "$((10#$n))" -ge "$((10#$from))" ] && [ "$((10#$n))" -le "$((10#$to))" ]; then ln -s "$f" "$dir/"; fi
    done
  done
done
model="${MODEL:-$work/mito-$base_it.vsm}"
if [ ! -f "$model" ]; then
  "${vemseg[@]}" train --images "$data/train/images" --labels "$data/train/labels" \
    --valid-images "$data/valid/images" --valid-labels "$data/valid/labels" --out "$model" \
    --iterations "$base_it" --threads "$threads" --validate-every 500 -q
fi
tuned="$work/${TUNE_NAME:-tuned-$tune_it}.vsm"
read -r -a tune_args <<< "${TUNE_ARGS:-}"
tune_set=a; [ "${ORACLE:-no}" = yes ] && tune_set=b
"${vemseg[@]}" train --images "$work/$tune_set-images" --labels "$work/$tune_set-labels" --init "$model" --out "$tuned" \
  --iterations "$tune_it" --threads "$threads" -q --overwrite "${tune_args[@]}"
scored=("$tuned"); [ "${BASE:-yes}" = no ] || scored=("$model" "$tuned")
for m in "${scored[@]}"; do
  for tta in ${TTAS:-1 8}; do
    p="$work/$(basename "$m" .vsm)-tta$tta.tif"
    "${vemseg[@]}" predict --model "$m" --input "$work/b-images" --output "$p" --tta "$tta" --threads "$threads" \
      -q --overwrite
    "${vemseg[@]}" evaluate --prediction "$p" --labels "$work/b-labels" --model "$m" \
      | awk -v n="$(basename "$m")" -v t="$tta" '$1 == "foreground" { print n, "tta " t, "IoU " $9, "P " $6, "R " $7 }'
  done
done
