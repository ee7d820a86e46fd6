#!/bin/sh
# Waits for Apicurio Registry's Confluent-compatible API, then sets the global compatibility to
# BACKWARD_TRANSITIVE, as the local stack does per subject. The subjects themselves
# (<topic>-value) are registered by the writers on first use (ledger-streams and the gateway
# auto-register their writer schemas); projections only reads.
set -eu
REGISTRY="${REGISTRY:-http://registry:8080/apis/ccompat/v7}"

attempt=0
until curl -fsS "$REGISTRY/subjects" > /dev/null; do
  attempt=$((attempt + 1))
  if [ "$attempt" -gt 90 ]; then
    echo "registry at $REGISTRY not answering after 90 attempts" >&2
    exit 1
  fi
  sleep 2
done

curl -fsS -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
  --data '{"compatibility": "BACKWARD_TRANSITIVE"}' "$REGISTRY/config"
echo
echo "Registry compatibility set to BACKWARD_TRANSITIVE"
