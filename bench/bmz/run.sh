#!/usr/bin/env bash
# Issue 16: models that travel. Exports the `vemseg demo` model and a 1/3/5-frame deepem3d ensemble trained on real
# EM (cdeep3m-mito/train, validated on cdeep3m-mito/valid) as bioimage.io packages, then checks every package with
# Debian's PyTorch (bench/bmz/check.py: state dict into the exported architecture, test input through it, max
# |diff| against the test output <= 1e-4). Usage: bench/bmz/run.sh [ITERATIONS]   (default 300, deepem3d training)
# Work folder: bench/work/bmz (the demo and the ensemble are reused when present; delete them to start afresh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
iters="${1:-300}"
data="$root/../shared/data/cdeep3m-mito"
work="$root/bench/work/bmz"; mkdir -p "$work"
py=/usr/bin/python3
$py -c "import torch, numpy, yaml" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-yaml >/dev/null; }
jar="$root/vemseg-cli/target/vemseg.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -o -q -pl vemseg-cli -am package -DskipTests -Dspotbugs.skip -Dcheckstyle.skip)
[ -f /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 ] && export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
vemseg() { java -Dai.djl.offline=true -jar "$jar" "$@"; }
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); cpu:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); load: $(cut -d' ' -f1-3 /proc/loadavg)"

[ -f "$work/demo/mito.vsm" ] || vemseg demo --out "$work/demo" -q
vemseg export --bmz "$work/demo/mito.vsm" "$work/demo-mito.zip" --author "vemseg bench" --overwrite

[ -f "$work/deepem3d.vsm" ] || vemseg train --images "$data/train/images" --labels "$data/train/labels" \
  --valid-images "$data/valid/images" --valid-labels "$data/valid/labels" --arch deepem3d --frames 1,3,5 \
  --iterations "$iters" -q --overwrite --out "$work/deepem3d.vsm"
vemseg export --bmz "$work/deepem3d.vsm" "$work/deepem3d.zip" --author "vemseg bench" --overwrite

$py "$root/bench/bmz/check.py" "$work/demo-mito.zip" "$work"/deepem3d-member*.zip
