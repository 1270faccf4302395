#!/usr/bin/env bash
# The origin's load check with wrk, for scripts/bench origin: starts `fanout origin` as its own
# process, warms it up with one wrk run, then measures several runs, each on a fresh wrk:
#   - added latency as the clients see it: wrk's latency percentiles (request written .. whole
#     response read) minus the origin's latency. Each run's first round includes the clients'
#     connection burst, and wrk's own queueing is in it too.
#   - added latency in the origin: its Server-Timing header (request read .. response written)
#     minus the latency, collected by wrk-summary.lua from every response.
#   - CPU per request: the origin process's CPU time (/proc/PID/stat) over the requests served,
#     which holds up when other processes load the machine; wrk's the same way (the shell's timer).
#   - the machine's load: the CPU that neither the origin nor wrk used during the run, and how long
#     the origin's loop thread was runnable but waiting for a CPU (schedstat): what delays answers
#     when the machine is busy, whatever the server does.
# Usage: origin-wrk.sh FANOUT OUT_DIR
# Environment: ORIGIN_BENCH_CONNECTIONS (2000), ORIGIN_BENCH_LATENCY_MS (100), ORIGIN_BENCH_RUNS (3),
#   ORIGIN_BENCH_SECONDS (20), ORIGIN_BENCH_WARMUP_SECONDS (10), ORIGIN_BENCH_WRK_THREADS (2),
#   ORIGIN_BENCH_PATH (/pages/dice)
set -euo pipefail
fanout=$1
out=$2
connections=${ORIGIN_BENCH_CONNECTIONS:-2000}
latency_ms=${ORIGIN_BENCH_LATENCY_MS:-100}
runs=${ORIGIN_BENCH_RUNS:-3}
seconds=${ORIGIN_BENCH_SECONDS:-20}
warmup=${ORIGIN_BENCH_WARMUP_SECONDS:-10}
threads=${ORIGIN_BENCH_WRK_THREADS:-2}
path=${ORIGIN_BENCH_PATH:-/pages/dice}
lua="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/wrk-summary.lua"
tick_hz=$(getconf CLK_TCK)
mkdir -p "$out"
log="$out/origin-wrk.log"

if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((connections + 256)) ]; then
  ulimit -n $((connections + 256)) 2>/dev/null || {
    echo "origin-wrk: $connections connections need more open files than 'ulimit -n' ($(ulimit -n)) allows" >&2
    exit 1
  }
fi

"$fanout" help >/dev/null # builds first when needed, so that the start below is quick
: >"$log" # emptied here: the redirection below happens in the background, maybe after the read
"$fanout" origin --port 0 --latency-ms "$latency_ms" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
base=
for _ in $(seq 1 300); do
  base=$(sed -n 's/^fanout origin listening on //p' "$log")
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "origin-wrk: the origin did not start; see $log" >&2; exit 1; }
url="$base$path"
loop_tid=$( (grep -lx origin-http /proc/"$pid"/task/*/comm || true) | head -1 | cut -d/ -f5)

process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# user + nice + system + irq + softirq: a process's system time includes the interrupts that
# came while it ran (loopback delivery), so they are counted here too.
machine_busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }
# The origin's first HTTP loop thread: its time on a CPU and waiting for one (ns), from schedstat.
loop_schedstat() {
  if [ -n "$loop_tid" ]; then cat "/proc/$pid/task/$loop_tid/schedstat"; else echo "0 -1 0"; fi
}

echo "load generator: wrk $(wrk --version 2>&1 | awk 'NR==1{print $2}') in its own process," \
  "-t$threads -c$connections, $runs runs of ${seconds}s on a fresh wrk after a ${warmup}s warm-up"
echo "origin: $url (pid $pid, latency $latency_ms ms), $(nproc) cores; added = wrk's latency - $latency_ms ms"
wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$lua" "$url" >"$out/origin-wrk-warmup.txt"

results="$out/origin-wrk.tsv"
printf 'run\treq_per_s\tp50\tp90\tp99\tp999\tmax\torigin_us\twrk_us\tother_cores\tload1\terrors\tloop_wait\tin_p50\tin_p90\tin_p99\tin_p999\tin_max\n' >"$results"
for run in $(seq 1 "$runs"); do
  sleep 1
  load1=$(cut -d' ' -f1 /proc/loadavg)
  origin0=$(process_ticks "$pid")
  busy0=$(machine_busy_ticks)
  read -r _ wait0 _ < <(loop_schedstat)
  # wrk's own CPU time (user + system, seconds), from the shell's timer.
  TIMEFORMAT='%U %S'
  wrk_cpu=$( { time wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$lua" "$url" \
    >"$out/origin-wrk-$run.txt"; } 2>&1 | awk '{print $1 + $2}')
  origin1=$(process_ticks "$pid")
  busy1=$(machine_busy_ticks)
  read -r _ wait1 _ < <(loop_schedstat)
  line=$(grep '^WRK ' "$out/origin-wrk-$run.txt")
  awk -v run="$run" -v line="$line" -v o0="$origin0" -v o1="$origin1" -v b0="$busy0" -v b1="$busy1" \
      -v w="$wrk_cpu" -v hz="$tick_hz" -v lat="$latency_ms" -v load1="$load1" -v wait0="$wait0" -v wait1="$wait1" 'BEGIN {
    n = split(line, kv, /[ =]/)
    for (i = 2; i < n; i += 2) v[kv[i]] = kv[i + 1]
    added = lat * 1000
    other = ((b1 - b0) - (o1 - o0)) / hz / v["seconds"] - w / v["seconds"]
    printf "%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%.1f\t%.2f\t%s\t%d\t%.3f", run,
      v["requests"] / v["seconds"], (v["p50"] - added) / 1000, (v["p90"] - added) / 1000,
      (v["p99"] - added) / 1000, (v["p999"] - added) / 1000, (v["max"] - added) / 1000,
      (o1 - o0) / hz * 1e6 / v["requests"], w * 1e6 / v["requests"],
      other < 0 ? 0 : other, load1, v["errors"], wait1 < 0 ? -1 : (wait1 - wait0) / 1e9 / v["seconds"]
    printf "\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", (v["origin_p50"] - added) / 1000,
      (v["origin_p90"] - added) / 1000, (v["origin_p99"] - added) / 1000,
      (v["origin_p999"] - added) / 1000, (v["origin_max"] - added) / 1000
  }' >>"$results"
  tail -1 "$results" | awk -F'\t' '{
    printf "run %d: %.0f req/s; added ms as wrk sees it: p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f;", $1, $2, $3, $4, $5, $6, $7
    if ($18 > -100) printf " in the origin (Server-Timing): p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f;", $14, $15, $16, $17, $18
    else printf " no Server-Timing header;"
    printf " CPU a request: origin %.1f us, wrk %.1f us; other processes %.2f cores, load %s;", $8, $9, $10, $11
    if ($13 >= 0) printf " first origin loop thread runnable but waiting for a CPU %.0f ms a second;", $13 * 1000
    printf " %d errors\n", $12
  }'
done

# Median and spread of the runs, figure by figure.
echo "median [min .. max] of $runs runs:"
for column in 2:req/s 3:p50 4:p90 5:p99 6:p99.9 7:max 14:origin_p50 15:origin_p90 16:origin_p99 \
  17:origin_p99.9 18:origin_max 8:origin_us/req 9:wrk_us/req 10:other_cores 13:loop_wait_s/s; do
  index=${column%%:*}
  name=${column#*:}
  tail -n +2 "$results" | cut -f"$index" | sort -g | awk -v name="$name" '
    { v[NR] = $1 }
    END {
      if (v[1] <= -100 || (name == "loop_wait_s/s" && v[1] < 0)) exit # not measured
      printf "  %-14s %10.2f  [%.2f .. %.2f]\n", name, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR]
    }'
done
echo "(added latency in ms: p50..max as wrk sees it, origin_* in the origin's Server-Timing;"
echo " raw figures in $results)"
