#!/usr/bin/env bash
# Where the training time goes, operator by operator: PyTorch's profiler over iterations 50-99 in vemseg
# (developer option -Dvemseg.profile) and in the PyTorch peer, same network, batch, patch and augmentation
# (flips/rotations), then their self times compared. Usage: bench/train-speed/profile.sh [THREADS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
threads="${1:-2}"
data="$root/../shared/data/cdeep3m-mito/train"
work="$root/bench/work/train-profile"; mkdir -p "$work"
py=/usr/bin/python3
VEMSEG_JAVA_OPTS="-Dvemseg.profile=$work/vemseg.json" "$root/vemseg" train --images "$data/images" \
  --labels "$data/labels" --out "$work/p.vsm" --iterations 110 --threads "$threads" --augment geometric \
  --validate-every 100000 --checkpoint-every 100000 -q --overwrite >/dev/null
MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1073741824 $py "$root/bench/train-speed/torch_train.py" \
  "$data/images" "$data/labels" --threads "$threads" --profile "$work/pytorch.json"
$py "$root/bench/train-speed/profile_compare.py" "$work/vemseg.json" "$work/pytorch.json"
