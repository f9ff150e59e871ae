# shellcheck shell=bash
# bin/kefu cluster: a Kafka broker (KRaft), a Spark standalone master and workers and a Flink
# standalone session cluster (job manager and task managers as separate processes) on this
# machine, from their Maven Central jars only. Sourced by bin/kefu, which defines JAVA, ADD_OPENS,
# KEFU_HOME, die and build.

cluster_usage() {
  cat <<'HELP'
Usage: bin/kefu cluster start  [--dir DIR] [--port-base N] [--spark-workers N] [--worker-cores N]
                               [--worker-memory SIZE] [--task-managers N] [--slots N]
       bin/kefu cluster stop   [--dir DIR]
       bin/kefu cluster status [--dir DIR]

Starts, on this machine, the engines the jobs scale out to, each process from the jars of its
Maven Central artifacts (cluster/kafka, cluster/spark, cluster/flink; nothing else is downloaded):
  Kafka    one KRaft node (broker and controller); creates topics cs.chat-events and
           cs.order-events
  Spark    a standalone master and N workers (executors launched from DIR/spark-home)
  Flink    a standalone session cluster: a job manager and N task managers
and writes their addresses to DIR/cluster.env. Logs in DIR/logs. Stop stops them all.

  --dir DIR             state, logs and data                          [work/cluster]
  --port-base N         ports: Kafka N+92 (controller N+93), Spark master N+77 (web UI N+80,
                        workers N+81…), Flink REST N+82 (RPC N+23)     [17000]
  --spark-workers N     Spark workers                                 [1]
  --worker-cores N      cores each Spark worker offers                [1]
  --worker-memory SIZE  memory each Spark worker offers               [3g]
  --task-managers N     Flink task managers                           [1]
  --slots N             task slots per task manager                   [2]
  --kafka-partitions N  partitions of each topic (a new topic's)       [2]

Then, for example:
  source DIR/cluster.env
  bin/kefu generate --out work/events --days 3 --bootstrap-servers "$KAFKA"
  bin/kefu batch --master "$SPARK_MASTER" --input work/events --warehouse work/kefu.duckdb
  bin/kefu stream --jobmanager "$FLINK_JOBMANAGER" --source kafka --bootstrap-servers "$KAFKA" \
      --warehouse work/live.duckdb
HELP
}

# The classpath file an engine module writes at package time; built when missing.
engine_classpath() {
  local file="$KEFU_HOME/cluster/$1/target/classpath.txt"
  if [[ ! -s "$file" ]]; then
    [[ -n "${KEFU_NO_BUILD:-}" ]] && die "cluster: $file is missing (mvn package builds it)"
    build >&2
  fi
  cat "$file"
}

cluster_main() {
  local sub="${1:-}"
  [[ $# -gt 0 ]] && shift
  CL_DIR="$KEFU_HOME/work/cluster"
  CL_PORT_BASE=17000
  CL_WORKERS=1
  CL_WORKER_CORES=1
  CL_WORKER_MEMORY=3g
  CL_TMS=1
  CL_SLOTS=2
  CL_PARTITIONS=2
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h | --help) cluster_usage; return 0 ;;
      --dir) CL_DIR="$2"; shift 2 ;;
      --port-base) CL_PORT_BASE="$2"; shift 2 ;;
      --spark-workers) CL_WORKERS="$2"; shift 2 ;;
      --worker-cores) CL_WORKER_CORES="$2"; shift 2 ;;
      --worker-memory) CL_WORKER_MEMORY="$2"; shift 2 ;;
      --task-managers) CL_TMS="$2"; shift 2 ;;
      --slots) CL_SLOTS="$2"; shift 2 ;;
      --kafka-partitions) CL_PARTITIONS="$2"; shift 2 ;;
      *) die "cluster: unknown option '$1' (bin/kefu cluster --help)" ;;
    esac
  done
  mkdir -p "$CL_DIR"
  CL_DIR="$(cd "$CL_DIR" && pwd)"
  case "$sub" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    "" | -h | --help | help) cluster_usage ;;
    *) cluster_usage >&2; die "cluster: unknown subcommand '$sub'" ;;
  esac
}

# Starts NAME in the background with its output in DIR/logs/NAME.log and its pid in DIR/pids.
cl_spawn() {
  local name="$1"; shift
  mkdir -p "$CL_DIR/logs" "$CL_DIR/pids"
  if cl_alive "$name"; then
    die "cluster: $name is already running (pid $(cat "$CL_DIR/pids/$name.pid")); bin/kefu cluster stop first"
  fi
  nohup "$@" >"$CL_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$CL_DIR/pids/$name.pid"
}

cl_alive() {
  local pidfile="$CL_DIR/pids/$1.pid"
  [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# Waits until CHECK (a command) succeeds; fails with NAME's log tail after SECONDS.
cl_wait() {
  local name="$1" seconds="$2"; shift 2
  local t=0
  until "$@" >/dev/null 2>&1; do
    if ! cl_alive "$name"; then
      tail -n 30 "$CL_DIR/logs/$name.log" >&2 || true
      die "cluster: $name exited while starting (log: $CL_DIR/logs/$name.log)"
    fi
    if ((t >= seconds * 2)); then
      tail -n 30 "$CL_DIR/logs/$name.log" >&2 || true
      die "cluster: $name not ready after ${seconds}s (log: $CL_DIR/logs/$name.log)"
    fi
    sleep 0.5
    t=$((t + 1))
  done
}

cl_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The JVM command line of the cluster's processes (an array, so paths with spaces survive).
cl_java_command() {
  CL_JAVA=("$JAVA" "${ADD_OPENS[@]}" -Dfile.encoding=UTF-8 "-Xmx$1"
    "-Dlog4j2.configurationFile=$KEFU_HOME/cluster/conf/log4j2.properties")
}

cluster_start() {
  local kafka_port=$((CL_PORT_BASE + 92)) controller_port=$((CL_PORT_BASE + 93))
  local spark_port=$((CL_PORT_BASE + 77)) spark_ui=$((CL_PORT_BASE + 80))
  local flink_rest=$((CL_PORT_BASE + 82)) flink_rpc=$((CL_PORT_BASE + 23))
  local kafka_cp spark_cp flink_cp
  kafka_cp="$(engine_classpath kafka)"
  spark_cp="$(engine_classpath spark)"
  flink_cp="$(engine_classpath flink)"
  cl_java_command 1g
  local java=("${CL_JAVA[@]}")

  echo "kefu cluster: starting in $CL_DIR"
  # --- Kafka: one KRaft node, formatted once.
  mkdir -p "$CL_DIR/kafka"
  cat >"$CL_DIR/kafka/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$CL_DIR/kafka/logs
num.partitions=$CL_PARTITIONS
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  if [[ ! -f "$CL_DIR/kafka/logs/meta.properties" ]]; then
    local id
    id="$("${java[@]}" -cp "$kafka_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    "${java[@]}" -cp "$kafka_cp" kafka.tools.StorageTool format -t "$id" \
      -c "$CL_DIR/kafka/server.properties" --ignore-formatted >"$CL_DIR/kafka/format.log" 2>&1 \
      || { cat "$CL_DIR/kafka/format.log" >&2; die "cluster: formatting Kafka's log folder failed"; }
  fi
  cl_spawn kafka "${java[@]}" -cp "$kafka_cp" kafka.Kafka "$CL_DIR/kafka/server.properties"

  # --- Spark: a SPARK_HOME whose jars/ are the Maven artifacts, which workers launch executors from.
  mkdir -p "$CL_DIR/spark-home/jars" "$CL_DIR/spark-home/conf" "$CL_DIR/spark-work"
  rm -f "$CL_DIR/spark-home/jars/"*.jar
  local jar
  for jar in ${spark_cp//:/ }; do
    ln -sf "$jar" "$CL_DIR/spark-home/jars/$(basename "$jar")"
  done
  cp "$KEFU_HOME/cluster/conf/log4j2.properties" "$CL_DIR/spark-home/conf/log4j2.properties"
  export SPARK_HOME="$CL_DIR/spark-home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
  cl_spawn spark-master "${java[@]}" -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" \
    org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$spark_port" --webui-port "$spark_ui"

  # --- Flink: the standalone session cluster's configuration.
  mkdir -p "$CL_DIR/flink/conf" "$CL_DIR/flink/tmp"
  cp "$KEFU_HOME/cluster/conf/log4j2.properties" "$CL_DIR/flink/conf/log4j.properties"
  cat >"$CL_DIR/flink/conf/config.yaml" <<EOF
jobmanager:
  rpc:
    address: 127.0.0.1
    port: $flink_rpc
  bind-host: 127.0.0.1
  memory:
    process:
      size: 1024m
taskmanager:
  host: 127.0.0.1
  bind-host: 127.0.0.1
  numberOfTaskSlots: $CL_SLOTS
  memory:
    process:
      size: 2048m
rest:
  address: 127.0.0.1
  bind-address: 127.0.0.1
  port: $flink_rest
parallelism:
  default: 1
io:
  tmp:
    dirs: $CL_DIR/flink/tmp
blob:
  storage:
    directory: $CL_DIR/flink/tmp
EOF
  cl_spawn flink-jobmanager "${java[@]}" -cp "$flink_cp" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$CL_DIR/flink/conf"

  cl_wait kafka 60 cl_port_open "$kafka_port"
  local topic
  for topic in cs.chat-events cs.order-events; do
    "${java[@]}" -cp "$kafka_cp" org.apache.kafka.tools.TopicCommand --bootstrap-server \
      "127.0.0.1:$kafka_port" --create --if-not-exists --topic "$topic" \
      --partitions "$CL_PARTITIONS" --replication-factor 1 >>"$CL_DIR/logs/kafka-topics.log" 2>&1 \
      || die "cluster: could not create topic $topic (log $CL_DIR/logs/kafka-topics.log)"
  done
  echo "  Kafka           127.0.0.1:$kafka_port  (KRaft; topics cs.chat-events, cs.order-events," \
    "$CL_PARTITIONS partitions each; log $CL_DIR/logs/kafka.log)"
  cl_wait spark-master 60 cl_port_open "$spark_port"

  local i
  for ((i = 1; i <= CL_WORKERS; i++)); do
    cl_spawn "spark-worker-$i" "${java[@]}" -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" \
      org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$CL_WORKER_CORES" \
      --memory "$CL_WORKER_MEMORY" --work-dir "$CL_DIR/spark-work/worker-$i" \
      --webui-port $((spark_ui + i)) "spark://127.0.0.1:$spark_port"
  done
  cl_wait "spark-worker-$CL_WORKERS" 60 cl_spark_workers_at_least "$spark_ui" "$CL_WORKERS"
  echo "  Spark master    spark://127.0.0.1:$spark_port  (web UI http://127.0.0.1:$spark_ui, $CL_WORKERS worker(s) × $CL_WORKER_CORES core(s))"

  cl_wait flink-jobmanager 90 curl -fsS "http://127.0.0.1:$flink_rest/overview"
  # The task manager's JVM sizes, worked out from the configuration the way Flink's own start
  # scripts do (BashJavaUtils), so the process runs with the memory the configuration gives it.
  local params jvm dyn
  params="$("${java[@]}" -cp "$flink_cp" org.apache.flink.runtime.util.bash.BashJavaUtils \
    GET_TM_RESOURCE_PARAMS --configDir "$CL_DIR/flink/conf" 2>/dev/null | grep '^BASH_JAVA_UTILS_EXEC_RESULT:')" \
    || die "cluster: could not work out the task manager's memory from $CL_DIR/flink/conf"
  jvm="$(sed -n 1p <<<"$params" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')"
  dyn="$(sed -n 2p <<<"$params" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')"
  for ((i = 1; i <= CL_TMS; i++)); do
    # shellcheck disable=SC2086
    cl_spawn "flink-taskmanager-$i" "$JAVA" "${ADD_OPENS[@]}" -Dfile.encoding=UTF-8 $jvm \
      "-Dlog4j2.configurationFile=$KEFU_HOME/cluster/conf/log4j2.properties" -cp "$flink_cp" \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CL_DIR/flink/conf" $dyn
  done
  cl_wait "flink-taskmanager-$CL_TMS" 90 cl_flink_slots_at_least "$flink_rest" $((CL_TMS * CL_SLOTS))
  echo "  Flink           127.0.0.1:$flink_rest  (REST and web UI; $CL_TMS task manager(s) × $CL_SLOTS slot(s))"

  cat >"$CL_DIR/cluster.env" <<EOF
# Written by bin/kefu cluster start; source it.
KAFKA=127.0.0.1:$kafka_port
SPARK_MASTER=spark://127.0.0.1:$spark_port
SPARK_UI=http://127.0.0.1:$spark_ui
FLINK_JOBMANAGER=127.0.0.1:$flink_rest
FLINK_CONF_DIR=$CL_DIR/flink/conf
SPARK_HOME=$CL_DIR/spark-home
EOF
  echo "kefu cluster: up; addresses in $CL_DIR/cluster.env"
}

cl_spark_workers_at_least() {
  local n
  n="$(curl -fsS "http://127.0.0.1:$1/json/" | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$')"
  [[ -n "$n" && "$n" -ge "$2" ]]
}

cl_flink_slots_at_least() {
  local n
  n="$(curl -fsS "http://127.0.0.1:$1/overview" | grep -o '"slots-total" *: *[0-9]*' | grep -o '[0-9]*$')"
  [[ -n "$n" && "$n" -ge "$2" ]]
}

# Stops every process this folder's cluster started, newest first: TERM, then KILL after 30 s.
cluster_stop() {
  local pidfile name pid t
  [[ -d "$CL_DIR/pids" ]] || { echo "kefu cluster: nothing running in $CL_DIR"; return 0; }
  for name in flink-taskmanager flink-jobmanager spark-worker spark-master kafka; do
    for pidfile in "$CL_DIR/pids/$name"*.pid; do
      [[ -f "$pidfile" ]] || continue
      pid="$(cat "$pidfile")"
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        t=0
        while kill -0 "$pid" 2>/dev/null && ((t < 60)); do sleep 0.5; t=$((t + 1)); done
        if kill -0 "$pid" 2>/dev/null; then
          echo "kefu cluster: $(basename "$pidfile" .pid) did not stop in 30 s; killing it" >&2
          kill -9 "$pid" 2>/dev/null || true
        fi
        echo "  stopped $(basename "$pidfile" .pid) (pid $pid)"
      fi
      rm -f "$pidfile"
    done
  done
  # Executors a worker launched die with it; any left (a worker killed hard) are children of init.
  pkill -f "CoarseGrainedExecutorBackend.*$CL_DIR" 2>/dev/null || true
  echo "kefu cluster: stopped"
}

cluster_status() {
  local pidfile any=0
  for pidfile in "$CL_DIR/pids/"*.pid; do
    [[ -f "$pidfile" ]] || continue
    any=1
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "  $(basename "$pidfile" .pid): running (pid $(cat "$pidfile"))"
    else
      echo "  $(basename "$pidfile" .pid): NOT running (log $CL_DIR/logs/$(basename "$pidfile" .pid).log)"
    fi
  done
  [[ $any -eq 1 ]] || echo "kefu cluster: nothing started in $CL_DIR"
  [[ -f "$CL_DIR/cluster.env" && $any -eq 1 ]] && grep -v '^#' "$CL_DIR/cluster.env"
  return 0
}
