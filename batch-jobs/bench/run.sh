#!/usr/bin/env bash
# Batch benchmark (issue: "Spark job ≥ 150 k events/s at 10 M events; within 5x of DuckDB").
#
# Generates 30 days of a 200-agent shop (about 11.5 M lines; kept in work/bench for re-runs), runs
# the Spark batch job on it exactly as `bin/kefu batch` does, then runs the same core KPIs as
# plain DuckDB SQL over the same files (DuckDbBaseline), and prints events/s for both, their
# ratio and each run's peak memory (RSS). Not a test: it prints figures.
#
#   batch-jobs/bench/run.sh [--agents N] [--days D]
set -euo pipefail
cd "$(dirname "$0")/../.."
agents=200 days=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --agents) agents="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    *) echo "usage: $0 [--agents N] [--days D]" >&2; exit 2 ;;
  esac
done
data="work/bench/events-${agents}x${days}"
wh="work/bench/bench-${agents}x${days}.duckdb"
mkdir -p work/bench
bin/kefu build >/dev/null
if [[ ! -f "$data/manifest.json" ]]; then
  echo "generating $agents agents x $days days into $data ..."
  bin/kefu generate --out "$data" --agents "$agents" --days "$days" --start 2026-10-20 \
    --rate 130 --seed 7 --quiet
fi
lines=$(python3 -c "import json;print(json.load(open('$data/manifest.json'))['lines']['total'])" 2>/dev/null \
  || zcat "$data"/*-events-*.jsonl.gz | wc -l)

measure() { # label, command...: runs it, prints wall seconds and peak RSS (MB)
  local label="$1"; shift
  local log="work/bench/$label.log"
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v "$@" >"$log" 2>&1
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep "Maximum resident" "$log" | awk '{printf "%.0f", $NF/1024}')
  else
    local t0; t0=$(date +%s.%N); "$@" >"$log" 2>&1; wall=$(echo "$(date +%s.%N) - $t0" | bc); rss="n/a"
  fi
}

rm -f "$wh"
measure spark env KEFU_BATCH_MEMORY="${KEFU_BATCH_MEMORY:-4g}" bin/kefu batch --input "$data" --warehouse "$wh"
spark_wall=$wall spark_rss=$rss
measure duckdb java -Xmx8g -cp "batch-jobs/target/kefu-batch-jobs-0.1.0-SNAPSHOT-app.jar" \
  io.kefu.batch.DuckDbBaseline "$data"
duck_wall=$wall duck_rss=$rss

python3 - "$lines" "$spark_wall" "$spark_rss" "$duck_wall" "$duck_rss" <<'PY'
import sys
lines, sw, sr, dw, dr = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5]
print(f"input            {lines:,} lines ({lines/1e6:.1f} M)")
print(f"spark batch      {sw:7.1f} s  {lines/sw:>10,.0f} events/s  peak RSS {sr} MB   (target >= 150,000 events/s)")
print(f"duckdb baseline  {dw:7.1f} s  {lines/dw:>10,.0f} events/s  peak RSS {dr} MB")
print(f"ratio            spark takes {sw/dw:.1f}x the DuckDB time (target <= 5x)")
PY
echo "logs: work/bench/spark.log, work/bench/duckdb.log"
