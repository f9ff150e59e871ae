#!/usr/bin/env bash
# Benchmark of the live job (not a test): whole-pipeline throughput, and event-to-table latency at
# a steady 10,000 events/s. Runs the app jar in Flink's local mini-cluster at parallelism 2.
#
#   streaming-jobs/bench/run.sh [--agents N] [--days D] [--rate EVENTS_PER_S] [--latency-days D]
#                               [--skip-throughput]
#
# 1. generates a shop (default 120 agents x 14 days, about 2.7 million lines; cached in
#    work/bench/events-<agents>x<days>),
# 2. calibration: a plain Flink window job with JSON parsing (PlainWindowBench: Jackson trees, keyed
#    1-minute counts, no sink) over the same files, so the live figure can be read as a ratio that
#    cancels most of this shared machine's drift,
# 3. throughput: replays all of it as fast as possible through parse, watermarks, late routing,
#    per-session tracking, agent and shop minutes and the DuckDB live warehouse; prints lines/s
#    from the first to the last line parsed (start-up and the final checkpoint excluded), and its
#    ratio to the plain job's,
# 4. latency: replays the first --latency-days days paced to --rate events/s, anchored to the wall
#    clock, and prints p50/p99 of (publish time of the live table row - time its event was due).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
agents=120 days=14 rate=10000 latency_days=2 throughput=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --agents) agents="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --latency-days) latency_days="$2"; shift 2 ;;
    --skip-throughput) throughput=0; shift ;;
    -h | --help) sed -n 2,18p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

work="$ROOT/work/bench"
events="$work/events-${agents}x${days}"
mkdir -p "$work"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR="$ROOT/streaming-jobs/target/kefu-streaming-jobs-0.1.0-SNAPSHOT-app.jar"
# bin/kefu rebuilds the jar when it is missing or older than its sources; check that once, here,
# so every step below (generator, calibration, the job) runs the same jar.
"$ROOT/bin/kefu" stream --help >/dev/null
export KEFU_NO_BUILD=1
OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)
# The job runs as `kefu stream` runs it, with the same JVM options (see bin/kefu).
stream() { KEFU_JAVA_OPTS="-Xmx3g ${KEFU_JAVA_OPTS:-}" "$ROOT/bin/kefu" stream "$@"; }

if [[ ! -f "$events/manifest.json" ]]; then
  echo "== generating $agents agents x $days days into $events"
  "$JAVA" -Dfile.encoding=UTF-8 -cp "$JAR" io.kefu.sample.GenerateCommand --out "$events" \
    --agents "$agents" --days "$days" --seed 7 --quiet
fi
lines=$(python3 -c "import json;print(json.load(open('$events/manifest.json'))['lines']['total'])")
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $throughput -eq 1 ]]; then
  echo
  echo "== calibration: a plain Flink window job with JSON parsing over the same $lines lines"
  # With the JVM options bin/kefu gives a replay, so the ratio compares the jobs, not the flags.
  "$JAVA" "${OPENS[@]}" -Xmx3g -XX:MaxInlineLevel=6 -XX:InlineSmallCode=500 \
    -XX:CompileThresholdScaling=3 -XX:+UseParallelGC \
    -Dfile.encoding=UTF-8 -cp "$JAR" io.kefu.stream.bench.PlainWindowBench \
    --input "$events" --parallelism 2 2>"$work/plain.log" | tee "$work/plain.txt" \
    || { echo "the calibration job failed; see $work/plain.log" >&2; exit 1; }
  echo
  echo "== throughput: $lines lines, as fast as possible, parallelism 2"
  rm -rf "$work/out-throughput"
  stream --input "$events" --speed 0 --parallelism 2 --checkpoint-interval 10s \
    --out "$work/out-throughput" --warehouse "$work/live-throughput.duckdb" | tee "$work/throughput.txt" \
    | grep -E "^(read|accepted|dead letters|job ran|throughput|  second half)"
  python3 - "$work/plain.txt" "$work/throughput.txt" <<'PY'
import re, sys
plain = re.search(r"first to last line parsed: [\d.]+ s = ([\d,]+) lines/s", open(sys.argv[1]).read())
live = re.search(r"^throughput ([\d,]+) lines/s", open(sys.argv[2]).read(), re.M)
if plain and live:
    p, l = (int(m.group(1).replace(",", "")) for m in (plain, live))
    print(f"   live / plain = {l / p:.2f} (the issue's 300,000 against ~590,000 events/s is 0.51)")
else:
    print("   WARNING: no live / plain ratio: a rate is missing from", sys.argv[1:], file=sys.stderr)
PY
fi

echo
echo "== latency: the first $latency_days day(s), paced to $rate events/s"
partial="$work/events-latency"
rm -rf "$partial"; mkdir -p "$partial"
for f in $(ls "$events" | grep -E '^(chat|order)-events-' | sort -t- -k3 | awk -F'-events-' '{print $2}' | sort -u | head -n "$latency_days"); do
  cp "$events"/*-events-"$f" "$partial"/
done
plines=$(for f in "$partial"/*.gz; do zcat "$f"; done | wc -l)
span=$(python3 - "$partial" <<'PY'
import gzip, json, sys, glob, datetime
ts = []
for f in glob.glob(sys.argv[1] + "/*.gz"):
    with gzip.open(f, "rt") as fh:
        for i, line in enumerate(fh):
            if i % 97: continue
            try: ts.append(datetime.datetime.fromisoformat(json.loads(line)["ts"]).timestamp())
            except Exception: pass
print(max(ts) - min(ts))
PY
)
speed=$(python3 -c "print(round($rate * $span / $plines, 1))")
echo "   $plines lines over $(python3 -c "print(round($span/3600,1))") h of event time: speed x$speed"
rm -rf "$work/out-latency"
stream --input "$partial" --speed "$speed" --parallelism 2 --checkpoint-interval 10s --report-latency \
  --out "$work/out-latency" --warehouse "$work/live-latency.duckdb" | tee "$work/latency.txt" \
  | grep -E "^(read|throughput|event-to-table)"
