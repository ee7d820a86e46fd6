#!/bin/bash
# Starts one KRaft Kafka node from the environment, the way the apache/kafka image is configured:
# every KAFKA_<KEY> variable becomes the broker setting <key> (lower case, "_" -> "."), e.g.
# KAFKA_NODE_ID=1 -> node.id=1, KAFKA_PROCESS_ROLES=broker,controller -> process.roles=...
# KAFKA_HEAP_OPTS and KAFKA_JVM_OPTS are JVM options, not settings. CLUSTER_ID formats the log folder
# on the first start only (a restart on the same volume resumes).
#
# KAFKA_CONFIG_WAIT_FILE names a file of extra "key=value" lines that some other party writes after the
# container started (Testcontainers writes the advertised listener once it knows the published port):
# the node waits for it, at most KAFKA_CONFIG_WAIT_SECONDS (default 60).
set -euo pipefail

KAFKA_HOME=/opt/kafka
CONFIG=/tmp/kafka-server.properties
: "${KAFKA_LOG_DIRS:=/var/lib/kafka/data}"
export KAFKA_LOG_DIRS
: "${CLUSTER_ID:=4L6g3nShT-eMCtK--X86sw}"

{
  echo "# written by kafka-start.sh from KAFKA_* variables"
  while IFS='=' read -r name value; do
    case "$name" in
      KAFKA_HEAP_OPTS|KAFKA_JVM_OPTS|KAFKA_CONFIG_WAIT_FILE|KAFKA_CONFIG_WAIT_SECONDS) continue ;;
      KAFKA_*)
        key="${name#KAFKA_}"
        key="${key,,}"
        echo "${key//_/.}=${value}"
        ;;
    esac
  done < <(env)
} > "$CONFIG"

if [ -n "${KAFKA_CONFIG_WAIT_FILE:-}" ]; then
  waited=0
  until [ -s "$KAFKA_CONFIG_WAIT_FILE" ]; do
    if [ "$waited" -ge "$(( ${KAFKA_CONFIG_WAIT_SECONDS:-60} * 10 ))" ]; then
      echo "kafka-start: $KAFKA_CONFIG_WAIT_FILE did not appear within ${KAFKA_CONFIG_WAIT_SECONDS:-60} s" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  cat "$KAFKA_CONFIG_WAIT_FILE" >> "$CONFIG"
fi

# Kafka's own tools read log4j2; the jars here log through slf4j-simple to stderr instead.
JAVA_OPTS=(${KAFKA_HEAP_OPTS:--Xmx512m} ${KAFKA_JVM_OPTS:-} -Dorg.slf4j.simpleLogger.showDateTime=true
  -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaConfig=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig=warn)
CLASSPATH="$KAFKA_HOME/libs/*"

first_dir="${KAFKA_LOG_DIRS%%,*}"
mkdir -p "$first_dir"
if [ ! -f "$first_dir/meta.properties" ]; then
  java "${JAVA_OPTS[@]}" -cp "$CLASSPATH" kafka.tools.StorageTool format --cluster-id "$CLUSTER_ID" \
    --config "$CONFIG" --ignore-formatted
fi
exec java "${JAVA_OPTS[@]}" -cp "$CLASSPATH" kafka.Kafka "$CONFIG"
