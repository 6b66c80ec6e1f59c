#!/usr/bin/env bash
# Distributed labelling (analyze --spark local[CORES]) against single-machine analyze on the same N^3 OME-Zarr in one
# run: wall time, peak RSS, and that both wrote the same object table and summary.
# Usage: bench/spark/labelling.sh [N=512] [MASTER=local[2]]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n=${1:-512}
master=${2:-local[$(nproc)]}
work="$root/bench/work/spark-labelling"
mkdir -p "$work"
jar="$root/vemseg-cli/target/vemseg.jar"
spark_jar="$root/vemseg-spark/target/vemseg-spark.jar"
if [ ! -f "$jar" ] || [ ! -f "$spark_jar" ]; then
  (cd "$root" && mvn -B -q -o -pl vemseg-cli,vemseg-spark -am package -DskipTests -Dspotbugs.skip -Dcheckstyle.skip)
fi
vol="$work/blobs-$n.zarr"
[ -d "$vol" ] || java -Xmx2g -cp "$jar" "$root/bench/spark/MakeBlobs.java" "$vol" "$n"
# Spark's --add-opens list on Java 17, as ./vemseg adds it for --spark.
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
heap=${VEMSEG_BENCH_HEAP:--Xmx6g}
args=(analyze --input "$vol" --threshold 0.5 --min-size 10 --labels labels.ome.zarr --window 1um -q --overwrite)
run() { # name, then the java command; prints "name seconds peak-MB"
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1 \
    || { cat "$work/$name.log"; exit 1; }
  read -r s kb < "$work/$name.time"
  printf "%-10s %8.1f s %8d MB\n" "$name" "$s" $((kb / 1024))
}
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
echo "volume: $n^3 uint8 ($(java -version 2>&1 | head -1)), $(nproc) cores:$cpu"
run single java $heap -jar "$jar" "${args[@]}" --out "$work/single"
# shellcheck disable=SC2086
run spark java $heap $opens -Djdk.reflect.useDirectMethodHandle=false \
  -cp "$jar:$spark_jar:$root/vemseg-spark/target/spark-lib/*" org.vemseg.cli.Main "${args[@]}" \
  --out "$work/spark" --spark "$master"
for f in objects.csv summary.json density-profile.csv; do
  cmp -s "$work/single/$f" "$work/spark/$f" || { echo "DIFFERENT: $f"; exit 1; }
done
objects=$(($(wc -l < "$work/single/objects.csv") - 1))
echo "identical: objects.csv, summary.json, density-profile.csv ($objects objects)"
awk -v a="$(cut -d' ' -f1 "$work/single.time")" -v b="$(cut -d' ' -f1 "$work/spark.time")" \
  'BEGIN { printf "spark %s / single: %.2fx the time\n", "'"$master"'", b / a }'
