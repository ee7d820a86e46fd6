#!/bin/sh
# Creates Coffer's topics on the compose cluster: replication factor 3, min.insync.replicas 2, and
# the partitions and configs of schemas' dev.coffer.topics.CofferTopics (a test in deploy/local checks
# the "create" lines below against it). Idempotent: existing topics are left as they are.
set -eu
BOOTSTRAP="${BOOTSTRAP:-kafka-1:9092,kafka-2:9092,kafka-3:9092}"
TOPICS=/opt/kafka/bin/kafka-topics.sh

# Wait for all three brokers: a topic with replication factor 3 needs them.
attempt=0
until [ "$(/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$BOOTSTRAP" 2>/dev/null \
    | grep -c ' (id: ')" -ge 3 ]; do
  attempt=$((attempt + 1))
  if [ "$attempt" -gt 60 ]; then
    echo "fewer than 3 brokers reachable at $BOOTSTRAP after 60 attempts" >&2
    exit 1
  fi
  sleep 2
done

# create NAME PARTITIONS [KEY=VALUE ...]
create() {
  name="$1"; partitions="$2"; shift 2
  configs="--config min.insync.replicas=2"
  for kv in "$@"; do
    configs="$configs --config $kv"
  done
  # shellcheck disable=SC2086 # configs is a list of words on purpose
  $TOPICS --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 3 $configs
}

create coffer.ledger-events 6 cleanup.policy=delete retention.ms=-1
create coffer.ledger-sequence 6 cleanup.policy=delete retention.ms=-1
create coffer.ledger-outcomes 6 cleanup.policy=delete retention.ms=-1
create coffer.wallet-changes 6 cleanup.policy=delete retention.ms=-1
create coffer.inventory-changes 6 cleanup.policy=delete retention.ms=-1
create coffer.purchase-log 6 cleanup.policy=delete retention.ms=157680000000
create coffer.purchase-index 6 cleanup.policy=compact
create coffer.catalog 1 cleanup.policy=compact
create coffer.player-keys 6 cleanup.policy=compact delete.retention.ms=86400000
create coffer.ledger-dead-letters 1 cleanup.policy=delete retention.ms=7776000000
create coffer.projections-webhook-dead-letters 1 cleanup.policy=delete retention.ms=2592000000

$TOPICS --bootstrap-server "$BOOTSTRAP" --list | grep '^coffer\.'
echo "Coffer topics ready"
