#!/usr/bin/env bash
# Scaling on this machine: the batch job on a Spark standalone cluster with 1 and then 2 workers
# (one core each), and the live job on the Flink standalone cluster at parallelism 1 and 2,
# reading the same events from Kafka. Prints lines/s for each. Not a test: run it on a quiet
# machine (uptime's load average is printed with every figure).
#
#   cluster/bench/run.sh [--agents N] [--days N] [--dir DIR]        defaults: 40 agents, 10 days
set -euo pipefail
shopt -s inherit_errexit
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KEFU="$HOME_DIR/bin/kefu"
DIR="$HOME_DIR/work/cluster-bench"
AGENTS=40
DAYS=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --agents) AGENTS="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    *) echo "usage: $0 [--agents N] [--days N] [--dir DIR]" >&2; exit 2 ;;
  esac
done
CL="$DIR/cluster"
"$KEFU" cluster stop --dir "$CL" >/dev/null 2>&1 || true
rm -rf "$DIR"
mkdir -p "$DIR/logs"
"$KEFU" build >/dev/null
"$KEFU" generate --out "$DIR/events" --agents "$AGENTS" --days "$DAYS" --seed 5 --rate 100 --quiet
LINES=$(for f in "$DIR"/events/*.jsonl.gz; do zcat "$f"; done | wc -l)
echo "events: $AGENTS agents × $DAYS days = $LINES lines; $(nproc) cores"

results=()
for workers in 1 2; do
  "$KEFU" cluster start --dir "$CL" --port-base 37000 --spark-workers "$workers" --worker-cores 1 \
    --worker-memory 4g --task-managers 1 --slots 2 >"$DIR/logs/start-$workers.log"
  # shellcheck disable=SC1091
  source "$CL/cluster.env"
  if [[ $workers -eq 1 ]]; then
    "$KEFU" produce --input "$DIR/events" --bootstrap-servers "$KAFKA" | tail -1
  fi

  start=$(date +%s.%N)
  KEFU_BATCH_MEMORY=3g "$KEFU" batch --master "$SPARK_MASTER" --conf spark.executor.memory=3g \
    --input "$DIR/events" --warehouse "$DIR/batch-$workers.duckdb" >"$DIR/logs/batch-$workers.log" 2>&1
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  line=$(printf "batch   %d Spark worker(s) × 1 core:  %6.1f s end to end  %8.0f lines/s   (load %s)" \
    "$workers" "$secs" "$(awk -v n="$LINES" -v s="$secs" 'BEGIN { print n / s }')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)")
  echo "$line"; results+=("$line")

  p=$workers
  "$KEFU" stream --jobmanager "$FLINK_JOBMANAGER" --source kafka --bootstrap-servers "$KAFKA" \
    --stop-at-latest --kafka-group "bench-p$p" --parallelism "$p" --checkpoint-interval 10s \
    --warehouse "$DIR/live-$p.duckdb" --out "$DIR/stream-$p" >"$DIR/logs/stream-$p.log" 2>&1
  tput=$(grep '^throughput' "$DIR/logs/stream-$p.log" | sed 's/^throughput //')
  ran=$(grep '^job ran' "$DIR/logs/stream-$p.log" | sed 's/^job ran //')
  line=$(printf "stream  Flink parallelism %d:           %s; job %s   (load %s)" \
    "$p" "$tput" "$ran" "$(cut -d' ' -f1-3 /proc/loadavg)")
  echo "$line"; results+=("$line")
  "$KEFU" cluster stop --dir "$CL" >/dev/null
done
echo
echo "== summary ($LINES lines, $(nproc) cores)"
printf '%s\n' "${results[@]}"
