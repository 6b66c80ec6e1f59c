#!/usr/bin/env bash
# Read throughput of vemseg against tifffile and zarr-python on the same 1 GB files, in one run.
# Usage: bench/io-read/run.sh      (needs ../shared/data/lucchi-pp; installs the Debian Python packages)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/bench/work/io-read"
mkdir -p "$work"
py=/usr/bin/python3
if ! $py -c "import tifffile, zarr, numcodecs" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-tifffile python3-zarr python3-numcodecs python3-numpy >/dev/null
fi
[ -f "$root/vemseg-cli/target/vemseg.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
if [ ! -f "$work/stack.tif" ]; then
  $py "$root/bench/io-read/make_data.py" "$root/../shared/data/lucchi-pp/train-images.tif" "$work"
fi
size=$(stat -c %s "$work/stack.tif")
jrun() { java -Xmx1g -cp "$root/vemseg-cli/target/vemseg.jar" "$root/bench/io-read/ReadThroughput.java" "$1" 3; }
printf "%-10s %-12s %10s %10s %8s  %s\n" format reader seconds MB/s ratio checksum
for f in stack.tif volume.ome.zarr; do
  cat "$work/$f" >/dev/null 2>&1 || find "$work/$f" -type f -exec cat {} + >/dev/null  # warm the page cache for both
  read -r pt pc < <($py "$root/bench/io-read/read_python.py" "$work/$f" 3)
  read -r jt jc < <(jrun "$work/$f")
  [ "$pc" = "$jc" ] || { echo "checksums differ: python $pc vemseg $jc" >&2; exit 1; }
  peer=$([ "$f" = stack.tif ] && echo tifffile || echo zarr-python)
  awk -v f="$f" -v p="$peer" -v pt="$pt" -v jt="$jt" -v s="$size" -v c="$jc" 'BEGIN {
    printf "%-10s %-12s %10.3f %10.0f %8s  %s\n", f, p, pt, s/pt/1e6, "1.00", c;
    printf "%-10s %-12s %10.3f %10.0f %8.2f  %s\n", f, "vemseg", jt, s/jt/1e6, pt/jt, c }'
done
