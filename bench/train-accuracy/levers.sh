#!/usr/bin/env bash
# Issue 17, items 3-4: one row of the training-levers table. Trains on Lucchi++ slices 0-139 with the defaults plus
# the given options (so the last 14 slices are held out and calibrate the threshold), for a fixed number of
# iterations at one engine thread, then predicts the unseen slices 140-164 on full slices (--tta 1) and scores
# them at the model's calibrated threshold and at 0.5 (cpu_s_per_iteration: the training process's user + system CPU
# seconds per iteration, which shared cores inflate less than wall time). Appends one tab-separated row to bench/work/levers/rows.tsv:
#   name  iterations  train_minutes  cpu_s_per_iteration  threshold  IoU  P  R  IoU@0.5  P@0.5  R@0.5  F1  F1@0.5  options
# A fixed iteration count makes rows comparable under any machine load (the result does not depend on timing);
# cpu_s_per_iteration converts a row to CPU time, so levers that cost more per iteration (width,
# ResNet-50) are compared at equal time by giving them proportionally fewer iterations.
# Usage: bench/train-accuracy/levers.sh NAME ITERATIONS [train options...]
#   e.g. bench/train-accuracy/levers.sh dice 4000 --dice
# VEMSEG overrides the command (default: the ./vemseg launcher), e.g. VEMSEG="java -jar /path/vemseg.jar".
# Two rows at once (one core each) is how the table was made; needs ../shared/data and python3-tifffile.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name=$1; it=$2; shift 2
# DATASET=isbi: ISBI 2012 membranes instead (slices 0-24 train, 25-29 unseen; membranes are label value 0).
dataset=${DATASET:-lucchi}
case $dataset in
  lucchi) data="$root/../shared/data/lucchi-pp"; images=train-images.tif; labels=train-mito.tif
          train=0:140; valid=140:165; fg=(); lv=() ;;
  isbi) data="$root/../shared/data/isbi2012"; images=train-volume.tif; labels=train-labels.tif
        train=0:25; valid=25:30; fg=(--foreground 0); lv=(--label-value 0) ;;
  *) echo "DATASET must be lucchi or isbi" >&2; exit 2 ;;
esac
work="$root/bench/work/levers"; [ "$dataset" = lucchi ] || work="$work-$dataset"; mkdir -p "$work"
v=${VEMSEG:-$root/vemseg}
split() { # the split, written once (flock: two rows may start together)
  exec 8>"$work/.split.lock"; flock 8
  [ -f "$work/va-lab.tif" ] || {
    $v convert "$data/$images" "$work/tr-img.tif" --crop "$train,:,:" -q --overwrite
    $v convert "$data/$labels" "$work/tr-lab.tif" --crop "$train,:,:" -q --overwrite
    $v convert "$data/$images" "$work/va-img.tif" --crop "$valid,:,:" -q --overwrite
    $v convert "$data/$labels" "$work/va-lab.tif" --crop "$valid,:,:" -q --overwrite
  }
  flock -u 8
}
split
m="$work/$name.vsm"; p="$work/$name-prob.tif"
/usr/bin/time -f "%U %S" -o "$work/$name.train.cpu" $v train --images "$work/tr-img.tif" --labels "$work/tr-lab.tif" \
  --out "$m" --iterations "$it" --threads 1 --validate-every 500 -q --overwrite ${fg[@]+"${fg[@]}"} "$@" > "$work/$name.train.out"
$v predict --model "$m" --input "$work/va-img.tif" --output "$p" --tta 1 --threads 1 -q --overwrite > "$work/$name.predict.out"
fgscores() { awk '$1 == "foreground" { print $6, $7, $9, $8 }'; }   # precision recall Jaccard F1
cal=$($v evaluate --prediction "$p" --labels "$work/va-lab.tif" --model "$m" ${lv[@]+"${lv[@]}"} | tee "$work/$name.eval.out" | fgscores)
thr=$(sed -n 's/^threshold \([0-9.]*\) (calibrated.*/\1/p' "$work/$name.eval.out"); thr=${thr:-0.5}
half=$($v evaluate --prediction "$p" --labels "$work/va-lab.tif" --threshold 0.5 ${lv[@]+"${lv[@]}"} | fgscores)
minutes=$(tail -1 "$m.log.csv" | cut -d, -f3)
spi=$(awk -v n="$it" '{ printf "%.3f", ($1 + $2) / n }' "$work/$name.train.cpu")
read -r p1 r1 j1 f1 <<<"$cal"; read -r p2 r2 j2 f2 <<<"$half"
row=$(printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s" "$name" "$it" "$minutes" "$spi" "$thr" "$j1" "$p1" \
  "$r1" "$j2" "$p2" "$r2" "$f1" "$f2" "$*")
echo "$row" | tee -a "$work/rows.tsv"
