#!/usr/bin/env bash
# Runs one command and samples its resident memory (VmRSS of the process and its children) every few seconds.
#   bench/soak/rss.sh OUT.csv INTERVAL_S MAX_S COMMAND...
# Writes "seconds,rss_mb,progress" rows to OUT.csv, where progress is the line count of the newest file matching
# $PROGRESS_GLOB (a training log) if set. After MAX_S seconds the command gets SIGTERM (vemseg then saves a
# checkpoint and exits, as on Ctrl-C; SIGINT would not do: a background job of a script ignores it). Prints "peak_mb rss10_mb rss100_mb samples seconds" at the end:
# rss10/rss100 are the RSS at 10 % and at 100 % of the run.
set -uo pipefail
out=$1; interval=$2; max=$3; shift 3
"$@" &
pid=$!
start=$(date +%s.%N)
echo "seconds,rss_mb,progress" >"$out"
tree_rss_kb() {  # the process and its descendants (the launcher execs java, so usually just one)
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null); do
    total=$((total + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
sent=0
while kill -0 "$pid" 2>/dev/null; do
  now=$(date +%s.%N)
  t=$(awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f", b - a }')
  progress=""
  if [ -n "${PROGRESS_GLOB:-}" ]; then
    f=$(ls -t $PROGRESS_GLOB 2>/dev/null | head -1)
    [ -n "$f" ] && progress=$(($(wc -l <"$f") - 1))
  fi
  echo "$t,$(( $(tree_rss_kb "$pid") / 1024 )),$progress" >>"$out"
  if [ "$sent" = 0 ] && awk -v t="$t" -v m="$max" 'BEGIN { exit !(t >= m) }'; then kill -TERM "$pid"; sent=1; fi
  sleep "$interval"
done
wait "$pid"; rc=$?
awk -F, 'NR > 1 && $2 > 0 { n++; t[n] = $1; r[n] = $2; if ($2 > peak) peak = $2 }
  END { i = int(n / 10); if (i < 1) i = 1; printf "%d %d %d %d %.0f\n", peak, r[i], r[n], n, t[n] }' "$out"
exit $rc
