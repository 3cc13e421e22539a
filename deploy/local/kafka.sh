#!/usr/bin/env bash
# A real Apache Kafka broker for tests and local runs, without Docker (ARCHITECTURE §8).
#   deploy/local/kafka.sh start | stop | status | reset | logs
# The server and its runtime dependencies are resolved from Maven Central with mvn at a pinned
# version into .kafka/<version>/libs (artifacts cached in ~/.m2). One combined KRaft
# broker/controller listens on 127.0.0.1:9092 (controller 127.0.0.1:9093). Its storage lives in a
# temporary folder recorded in .kafka/run/data-dir, kept across stop/start (tests restart the broker
# mid-stream) until `reset`.
# KINERJA_KAFKA_PORT / KINERJA_KAFKA_CONTROLLER_PORT move the listeners (default 9092 / 9093).
set -euo pipefail

KAFKA_VERSION="${KINERJA_KAFKA_VERSION:-4.4.0}"
LOG4J_VERSION="2.25.5"
HOST=127.0.0.1
PORT="${KINERJA_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KINERJA_KAFKA_CONTROLLER_PORT:-9093}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.kafka"
DIST="$CACHE/$KAFKA_VERSION"
# The default broker keeps its state in .kafka/run; one on other ports in .kafka/run-<port>.
if [[ "$PORT" == 9092 ]]; then RUN="$CACHE/run"; else RUN="$CACHE/run-$PORT"; fi
PID_FILE="$RUN/kafka.pid"
DATA_FILE="$RUN/data-dir"
LOG_FILE="$RUN/server.log"
READY_JS="$ROOT/deploy/local/kafka-ready.js"

log() { printf '[kafka] %s\n' "$*" >&2; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid must still be our JVM.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka.Kafka' || return 1
  echo "$pid"
}

# Exit 0 once the broker answers Kafka requests (a kafkajs admin describeCluster).
ready() { # timeout-seconds
  node "$READY_JS" "$HOST:$PORT" "$1" >/dev/null 2>&1
}

resolve() {
  [[ -f "$DIST/libs/.complete" ]] && return 0
  mkdir -p "$CACHE"
  exec 8>"$CACHE/.resolve.lock"
  flock 8
  if [[ -f "$DIST/libs/.complete" ]]; then flock -u 8; return 0; fi
  command -v mvn >/dev/null || { log "mvn is not on PATH: cannot resolve Apache Kafka $KAFKA_VERSION"; exit 1; }
  log "resolving Apache Kafka $KAFKA_VERSION from Maven Central into $DIST/libs"
  mkdir -p "$DIST"
  cat >"$DIST/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kinerja.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
POM
  rm -rf "$DIST/libs"
  mvn -q -B -Dstyle.color=never -f "$DIST/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$DIST/libs" >&2
  cat >"$DIST/log4j2.properties" <<'PROPS'
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
logger.org.name = org.apache.kafka
logger.org.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
PROPS
  touch "$DIST/libs/.complete"
  flock -u 8
}

JAVA_OPTS=(-Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$DIST/log4j2.properties" -cp "$DIST/libs/*")
java_cmd() { java "${JAVA_OPTS[@]}" "$@" 8>&- 9>&-; }

write_config() { # data-dir
  cat >"$RUN/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$1
num.partitions=6
auto.create.topics.enable=true
delete.topic.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
}

start() {
  mkdir -p "$RUN"
  local pid
  if pid="$(running_pid)"; then
    if ready 60; then log "already running (pid $pid) on $HOST:$PORT"; return 0; fi
    log "pid $pid is running but does not answer on $HOST:$PORT"; tail -n 60 "$LOG_FILE" >&2 || true; exit 1
  fi
  if ready 2; then
    log "a broker not started by this checkout already answers on $HOST:$PORT: reusing it"
    return 0
  fi
  command -v java >/dev/null || { log "java is not on PATH"; exit 1; }
  resolve

  local data=""
  [[ -f "$DATA_FILE" ]] && data="$(cat "$DATA_FILE")"
  if [[ -z "$data" || ! -f "$data/meta.properties" ]]; then
    data="$(mktemp -d "${TMPDIR:-/tmp}/kinerja-kafka.XXXXXX")"
    echo "$data" >"$DATA_FILE"
    write_config "$data"
    local cluster_id
    cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid)"
    log "formatting KRaft storage in $data (cluster $cluster_id)"
    java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$RUN/server.properties" >>"$LOG_FILE" 2>&1 \
      || { tail -n 40 "$LOG_FILE" >&2; exit 1; }
  else
    write_config "$data"
    log "reusing KRaft storage in $data"
  fi

  log "starting Apache Kafka $KAFKA_VERSION on $HOST:$PORT (log: $LOG_FILE)"
  # setsid: the broker outlives the shell (and the process group) that started it.
  # 8>&- 9>&-: the broker must not inherit the locks.
  setsid nohup java "${JAVA_OPTS[@]}" kafka.Kafka "$RUN/server.properties" >>"$LOG_FILE" 2>&1 </dev/null 8>&- 9>&- &
  echo $! >"$PID_FILE"
  pid=$!

  local deadline=$((SECONDS + 120))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the broker exited during start-up; last lines of $LOG_FILE:"; tail -n 60 "$LOG_FILE" >&2; rm -f "$PID_FILE"; exit 1
    fi
    if ready 5; then log "ready on $HOST:$PORT (pid $pid)"; return 0; fi
  done
  log "the broker did not become ready in 120 s; last lines of $LOG_FILE:"; tail -n 60 "$LOG_FILE" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$PID_FILE"; return 0; fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then log "still alive after 60 s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  log "stopped (data kept in $(cat "$DATA_FILE" 2>/dev/null))"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if ready 10; then echo "up: Apache Kafka $KAFKA_VERSION on $HOST:$PORT (pid $pid)"; return 0; fi
    echo "starting or unhealthy: pid $pid does not answer on $HOST:$PORT"; return 1
  fi
  if ready 2; then echo "up: a broker not started by this checkout answers on $HOST:$PORT"; return 0; fi
  echo "down"; return 3
}

reset() {
  stop
  if [[ -f "$DATA_FILE" ]]; then
    local data
    data="$(cat "$DATA_FILE")"
    [[ "$data" == */kinerja-kafka.* ]] && rm -rf "$data"
    rm -f "$DATA_FILE"
  fi
  # A broker on other ports leaves nothing behind.
  [[ "$RUN" != "$CACHE/run" ]] && rm -rf "$RUN"
  log "storage removed"
}

mkdir -p "$RUN"
exec 9>"$RUN/.lock"
cmd="${1:-}"
case "$cmd" in
  start | stop | reset) flock 9; "$cmd" ;;
  status) status ;;
  logs) tail -n "${2:-100}" "$LOG_FILE" ;;
  *) echo "usage: $0 start|stop|status|reset|logs [lines]" >&2; exit 2 ;;
esac
