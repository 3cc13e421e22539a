#!/usr/bin/env bash
# One-shot topic setup for the distributed mode (docker-compose.yml, kafka-setup): one public topic
# per producing service (libs/contracts/src/topics.ts), 6 partitions each. Idempotent.
set -euo pipefail

BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-6}"
REPLICATION="${KAFKA_TOPIC_REPLICATION:-1}"
TOPICS_BIN="${KAFKA_TOPICS_BIN:-/opt/kafka/bin/kafka-topics.sh}"
TOPICS=(
  kinerja.work-planning.v1
  kinerja.feedback-intake.v1
  kinerja.evaluation.v1
  kinerja.career-decisions.v1
)

for attempt in $(seq 1 60); do
  if "$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; then break; fi
  if ((attempt == 60)); then echo "kafka at $BOOTSTRAP did not answer" >&2; exit 1; fi
  sleep 2
done

for topic in "${TOPICS[@]}"; do
  "$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$REPLICATION" \
    --config min.insync.replicas=1
done
"$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --describe --topic 'kinerja\..*'
