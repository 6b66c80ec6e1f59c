#!/usr/bin/env bash
# 3D connected components, Euclidean distance transform and marching cubes: vemseg against scikit-image and
# SciPy on the same volume in one run. Usage: bench/analysis/run.sh [SIZE=512] [RUNS=3]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n=${1:-512}
runs=${2:-3}
work="$root/bench/work/analysis"
mkdir -p "$work"
py=/usr/bin/python3
if ! $py -c "import skimage, scipy" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-skimage python3-scipy >/dev/null
fi
[ -f "$root/vemseg-cli/target/vemseg.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
vol="$work/blobs-$n.raw"
[ -f "$vol" ] || $py "$root/bench/analysis/make_volume.py" "$vol" "$n"
$py "$root/bench/analysis/peers.py" "$vol" "$n" "$runs" > "$work/peers.txt"
java -Xmx6g -cp "$root/vemseg-cli/target/vemseg.jar" "$root/bench/analysis/AnalysisBench.java" "$vol" "$n" "$runs" \
  > "$work/vemseg.txt"
echo "volume: $n^3 uint8 blobs (~20 % foreground), $(nproc) cores, best of $runs runs after warm-up"
printf "%-6s %-28s %10s %10s %8s  %s\n" algo peer "peer s" "vemseg s" speedup "check (peer / vemseg)"
join <(sort "$work/peers.txt") <(sort "$work/vemseg.txt") | while read -r name pt pc jt jc; do
  case $name in
    cc26) peer="skimage.measure.label(c=3)";; cc6) peer="skimage.measure.label(c=1)";;
    edt) peer="scipy distance_transform_edt";; mc) peer="skimage marching_cubes";;
  esac
  awk -v n="$name" -v p="$peer" -v pt="$pt" -v jt="$jt" -v pc="$pc" -v jc="$jc" \
    'BEGIN { printf "%-6s %-28s %10.3f %10.3f %7.2fx  %s / %s\n", n, p, pt, jt, pt / jt, pc, jc }'
done
