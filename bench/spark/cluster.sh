#!/usr/bin/env bash
# Distributed predict on a real Spark standalone cluster on this machine, built from the Maven jars (no Spark
# download): a master and two workers (1 core each) as separate JVMs, executors of EXEC_MEM each.
#   bench/spark/cluster.sh [DEPTH]      input: DEPTH slices of 1024 x 1024 uint8 (default 1000 = 1.05 GB)
# 1. convert: the TIFF stack to OME-Zarr on the cluster through spark-submit (org.vemseg.cli.SparkSubmitMain),
#    checked file for file against convert on one machine;
# 2. clean: predict on 2 workers (./vemseg ... --spark spark://...), wall time and peak executor RSS;
# 3. fault: the same, one worker killed with kill -9 at KILL_AT % (default 40) of the clean run's time; the job
#    must complete with output identical, file for file, to the clean run;
# 4. scaling: the same on the 1 worker left; speed-up of 2 workers over 1 (goal >= 1.7x);
# 5. overhead: --spark local[2] against plain predict, both on this machine (goal >= 0.9x throughput).
# Work files under bench/work/spark; summary at the end and in bench/work/spark/summary.txt.
# Tiny end-to-end check: DEPTH=24 bench/spark/cluster.sh (a few minutes; throughput figures mean nothing then).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
depth=${1:-${DEPTH:-1000}}
exec_mem=${EXEC_MEM:-2g}
kill_at=${KILL_AT:-40}
mport=${MASTER_PORT:-17077}
work="$root/bench/work/spark"
mkdir -p "$work"
jar="$root/vemseg-cli/target/vemseg.jar"
spark_jar="$root/vemseg-spark/target/vemseg-spark.jar"
lib="$root/vemseg-spark/target/spark-lib"
if [ ! -f "$jar" ] || [ ! -f "$spark_jar" ] || [ ! -d "$lib" ]; then
  (cd "$root" && mvn -B -q -o -pl vemseg-cli,vemseg-spark -am package -DskipTests -Dspotbugs.skip -Dcheckstyle.skip)
fi
. "$root/launcher/runtime-env.sh"
vemseg_runtime_env

# A Spark home made of the Maven jars: spark-lib (Spark's provided dependencies) plus the SLF4J API and its log4j
# binding, which vemseg-spark leaves out (vemseg.jar brings its own) but Spark's daemons need.
sh="$work/spark-home"
if [ ! -d "$sh/jars" ]; then
  mkdir -p "$sh/jars"
  ln -sf "$lib"/*.jar "$sh/jars/"
  m2="${M2_REPO:-$HOME/.m2/repository}"
  slf4j=$(ls "$lib" | sed -n 's/^jul-to-slf4j-\(.*\)\.jar$/\1/p')
  log4j=$(ls "$lib" | sed -n 's/^log4j-api-\(.*\)\.jar$/\1/p')
  ln -sf "$m2/org/slf4j/slf4j-api/$slf4j/slf4j-api-$slf4j.jar" "$sh/jars/"
  ln -sf "$m2/org/apache/logging/log4j/log4j-slf4j2-impl/$log4j/log4j-slf4j2-impl-$log4j.jar" "$sh/jars/"
fi
export SPARK_HOME="$sh" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
opens="$opens -Djdk.reflect.useDirectMethodHandle=false"
master="spark://127.0.0.1:$mport"

# Only the processes this script starts are stopped, by their ids.
pids=()
execs=()
cleanup() {
  for e in "${execs[@]}"; do kill "$e" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do kill "$c" 2>/dev/null || true; done
    kill "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

wait_port() {  # PORT: until something listens there (60 s at most)
  for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.5; done
  echo "nothing listens on port $1" >&2; return 1
}

# --- data and model ---------------------------------------------------------------------------------------------
data="$root/../shared/data/cdeep3m-mito"
big="$work/big-$depth.tif"
[ -f "$big" ] || /usr/bin/python3 "$root/bench/predict/make_big.py" "$data/valid/images" "$big" "$depth"
model="$work/resunet-w0.0625.vsm"
[ -f "$model" ] || java -Dai.djl.offline=true -jar "$jar" train --images "$data/train/images" \
  --labels "$data/train/labels" --out "$model" --iterations 1 --width 0.0625 --threads 2 -q >/dev/null
predict_args=(--model "$model" --tta 1 --halo 64 --tile 1152 --batch 1 --overwrite -q)

# --- the cluster ------------------------------------------------------------------------------------------------
java -Xmx256m $opens -cp "$sh/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$mport" \
  --webui-port $((mport + 1)) >"$work/master.log" 2>&1 &
pids+=($!)
wait_port "$mport"
workers=()
for w in 1 2; do
  java -Xmx256m $opens -cp "$sh/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
    --memory "$(( ${exec_mem%g} + 1 ))g" --work-dir "$work/worker-$w" --webui-port $((mport + 1 + w)) "$master" \
    >"$work/worker-$w.log" 2>&1 &
  pids+=($!); workers+=($!)
  disown "$!"  # no job-control notice when worker 2 is killed on purpose
done
for _ in $(seq 120); do
  [ "$(grep -c 'Registering worker' "$work/master.log" || true)" -ge 2 ] && break; sleep 0.5
done
echo "cluster: master $master, 2 workers x 1 core, executors of $exec_mem; $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"

# The driver as ./vemseg starts it for --spark (vemseg.jar, vemseg-spark.jar, Spark's jars), with no more heap than an
# executor: the plan sizes its work units by the driver's heap.
driver=(java -Xmx"$exec_mem" $opens -Dai.djl.offline=true -Dspark.executor.memory="$exec_mem"
  -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 -cp "$jar:$spark_jar:$sh/jars/*" org.vemseg.cli.Main)

# timed NAME CMD...: runs CMD, sampling the RSS of the workers' executors every 2 s; sets wall and rss (MB).
timed() {
  local name=$1; shift
  local t0 peak=0 r
  t0=$(date +%s.%N)
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  local cmd=$!
  while kill -0 "$cmd" 2>/dev/null; do
    for w in "${workers[@]}"; do
      for e in $(ps -o pid= --ppid "$w" 2>/dev/null); do
        [[ " ${execs[*]} " == *" $e "* ]] || execs+=("$e")
        r=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$e/status" 2>/dev/null || echo 0)
        [ "${r:-0}" -gt "$peak" ] && peak=$r
      done
    done
    if [ -n "${KILL_AFTER:-}" ] && [ "$(echo "$(date +%s.%N) - $t0 >= $KILL_AFTER" | bc)" = 1 ] \
        && in_flight "$work/worker-2"; then
      killed_after=$(echo "$(date +%s.%N) - $t0" | bc); kill -9 "${workers[1]}"; KILL_AFTER=""
    fi
    sleep 2
  done
  if ! wait "$cmd"; then echo "$name failed:"; tail -5 "$work/$name.err"; exit 1; fi
  wall=$(echo "$(date +%s.%N) - $t0" | bc); rss=$peak
}

# in_flight WORKDIR: whether the worker's newest executor is running a task (started more than it finished), so
# that the kill interrupts a task and not an executor still starting or idle.
in_flight() {
  local log
  log=$(ls -t "$1"/app-*/*/stderr 2>/dev/null | head -1)
  [ -n "$log" ] && [ "$(grep -c 'Running task' "$log")" -gt "$(grep -c 'Finished task' "$log")" ]
}

same_files() { diff -rq "$1" "$2" >/dev/null && echo identical || echo DIFFERENT; }
voxels=$((depth * 1024 * 1024))
summary="$work/summary.txt"
: >"$summary"
report() { echo "$*" | tee -a "$summary"; }

# 1. convert through spark-submit, against convert on one machine
rm -rf "$work/one" "$work/in.zarr"; mkdir -p "$work/one"
java -Dai.djl.offline=true -jar "$jar" convert "$big" "$work/one/in.zarr" -q >/dev/null
timed convert java -Xmx"$exec_mem" $opens -cp "$sh/jars/*" org.apache.spark.deploy.SparkSubmit --master "$master" \
  --executor-memory "$exec_mem" --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
  --class org.vemseg.cli.SparkSubmitMain --jars "$spark_jar" "$jar" convert "$big" "$work/in.zarr" -q
report "convert (spark-submit, 2 workers): $(printf %.1f "$wall") s, $(same_files "$work/one/in.zarr" "$work/in.zarr") to one machine's, file for file"
input="$work/in.zarr"

# 2. clean run on 2 workers
# Each run writes pred.zarr in its own folder: the image name in .zattrs comes from the file name.
out() { rm -rf "$work/$1"; mkdir -p "$work/$1"; echo "$work/$1/pred.zarr"; }
timed clean "${driver[@]}" predict --input "$input" --output "$(out clean)" --spark "$master" "${predict_args[@]}"
clean=$wall
report "$(printf 'predict, 2 workers: %.1f s, %.3f Mvoxels/s, peak executor RSS %d MB' "$wall" \
  "$(echo "$voxels / $wall / 1000000" | bc -l)" "$rss")"

# 3. one worker killed mid-job
KILL_AFTER=$(echo "$clean * $kill_at / 100" | bc -l)
killed_after=""
timed killed "${driver[@]}" predict --input "$input" --output "$(out killed)" --spark "$master" "${predict_args[@]}"
if [ -z "$killed_after" ]; then
  report "predict, worker to be killed: the job ended before worker 2 ran a task past $kill_at % of the clean run"
else
  report "$(printf 'predict, worker 2 killed (kill -9) after %.1f s with a task running: %.1f s, completed, output %s to the clean run' \
    "$killed_after" "$wall" "$(same_files "$work/clean/pred.zarr" "$work/killed/pred.zarr")")"
fi
workers=("${workers[0]}")

# 4. one worker
timed one "${driver[@]}" predict --input "$input" --output "$(out one-worker)" --spark "$master" "${predict_args[@]}"
report "$(printf 'predict, 1 worker: %.1f s; 2 workers are %.2fx faster (goal >= 1.7x); output %s' "$wall" \
  "$(echo "$wall / $clean" | bc -l)" "$(same_files "$work/clean/pred.zarr" "$work/one-worker/pred.zarr")")"
cleanup; pids=(); workers=()

# 5. overhead on this machine: --spark local[2] (2 tasks, 1 engine thread each) against plain predict (2 threads)
timed local "${driver[@]}" predict --input "$input" --output "$(out local)" --spark 'local[2]' "${predict_args[@]}"
localw=$wall
timed plain java -Xmx"$exec_mem" -Dai.djl.offline=true -jar "$jar" predict --input "$input" \
  --output "$(out plain)" --threads 2 "${predict_args[@]}"
compare() { java -cp "$jar" "$root/bench/spark/Compare.java" "$1" "$2"; }
read -r n d m f < <(compare "$work/plain/pred.zarr" "$work/local/pred.zarr")
report "$(printf 'local[2]: %.1f s, plain predict: %.1f s: throughput %.2fx of plain (goal >= 0.9x); %d of %d voxels differ, by at most %d' \
  "$localw" "$wall" "$(echo "$wall / $localw" | bc -l)" "$d" "$n" "$m")"
# Executors predict with spark.task.cpus = 1 engine thread, this machine with 2: rounding may differ (at most 1 step
# on fewer than 1 voxel in 10,000 is allowed).
read -r n d m f < <(compare "$work/clean/pred.zarr" "$work/plain/pred.zarr")
report "cluster (1 engine thread) against plain predict (2): $d of $n voxels differ ($f), by at most $m"
