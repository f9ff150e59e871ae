#!/usr/bin/env bash
# Load test of the dashboard: a synthetic warehouse of 1 year × 200 agents (BuildWarehouse.java,
# DuckDB generate_series, no Spark), the real dashboard jar on a free local port, and 50 signed-in
# managers opening KPI explorer views (page + trend PNG + ranking PNG) for 60 s (LoadClient.java).
# Prints p50/p95/p99 per request kind; exits non-zero on any error. Target: p95 <= 200 ms.
#
#   dashboard/bench/load.sh [--users 50] [--seconds 60] [--think-ms 1000] [--agents 200] [--days 365]
#                           [--dir work/bench] [--rebuild] [--rounds 1]
# --rounds 2 runs the client twice against the same server: the second round meets warm caches.
# The rounds start once the server has warmed the explorer's default views of the publish (it
# does so after every publish); the warm-up time is printed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
users=50 seconds=60 think=1000 agents=200 days=365 dir="$root/work/bench" rebuild=0 rounds=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --think-ms) think="$2"; shift 2 ;;
    --agents) agents="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
jar="$root/dashboard/target/kefu-dashboard-0.1.0-SNAPSHOT-app.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -q -pl dashboard -am package -DskipTests -Dspotless.check.skip=true)
fi
duckdb_jar="$(ls "$HOME"/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar | grep -v sources | sort -V | tail -1)"
warehouse="$dir/kefu.duckdb"
if [[ $rebuild -eq 1 || ! -f "$warehouse" ]]; then
  java -cp "$duckdb_jar" "$here/BuildWarehouse.java" "$warehouse" "$agents" "$days"
fi
app_db="$dir/app.duckdb"
rm -f "$app_db" "$app_db.wal"
password="bench-$(date +%s)-password"
printf '%s\n' "$password" > "$dir/password.txt"
log="$dir/serve.log"
java -Xmx2g -jar "$jar" --warehouse "$warehouse" --app-db "$app_db" --port 0 \
  --live "$dir/live.duckdb" --init-admin-password-file "$dir/password.txt" \
  --init-admin-username bench > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
# The first match of PATTERN in the server's log, waiting up to SECONDS for it; empty if none.
await_log() {
  local pattern="$1" seconds="$2" found="" i
  for ((i = 0; i < seconds * 2; i++)); do
    found="$(grep -o "$pattern" "$log" | head -1 || true)"
    [[ -n "$found" ]] && break
    sleep 0.5
  done
  echo "$found"
}
url="$(await_log 'http://127.0.0.1:[0-9]*/' 60)"
[[ -n "$url" ]] || { echo "the dashboard did not start:"; cat "$log"; exit 1; }
echo "dashboard $url on $warehouse"
# After a publish the dashboard computes the explorer's default views (everyone, each team, each
# agent) in the background; the rounds measure the service after that, as managers meet it.
warm="$(await_log 'views of the publish of .* warmed in [0-9]* ms' 300)"
echo "${warm:-the default views were not warmed within 300 s}" | sed 's/^/warm-up: /'
status=0
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds"
  java "$here/LoadClient.java" "$url" bench "$password" "$users" "$seconds" "$think" "$agents" || status=1
done
exit $status
