#!/usr/bin/env bash
# Builds every image Coffer's compose cluster and its container tests (-Pcontainers) use, from files on
# this machine only: no image is pulled, and no package manager or Maven runs inside a container build.
#
#   coffer-local/debian:bookworm      debootstrap --variant=minbase (Debian's own tool, on the host)
#   coffer-local/java:<jdk>           that rootfs + the JDK of JAVA_HOME          (JAVA_IMAGE of the rest)
#   coffer/kafka:<kafka>              Apache Kafka's Maven artifacts (kafka_2.13 and its jars)
#   coffer/apicurio-registry:<ver>    io.apicurio:apicurio-registry-app:<ver>:tar.gz:all from ~/.m2
#   coffer/{ledger-streams,ingest-gateway,projections,setup}:<tag>
#                                     deploy/local/target/coffer-local.jar, made by the README's build
#
# Idempotent: each image carries a label with a digest of its inputs; an image whose label matches is
# skipped, so a second run takes seconds. With --public-base the Dockerfiles' own defaults are used
# instead of the debootstrap + JDK base (the public eclipse-temurin image: needs Docker Hub).
#
# Needs: docker (a running engine), debootstrap (unless --public-base), a JDK 21+ in JAVA_HOME, Maven's
# local repository with the build's artifacts (run `./mvnw -B -DskipTests package` first).
# --base-only builds the Debian and Java base images only (CI overlaps it with the tests).
# Environment: COFFER_TAG (default dev), DEBIAN_MIRROR (default http://deb.debian.org/debian),
# COFFER_IMAGES_WORK (staging folder, default deploy/images/target), DEBOOTSTRAP_CACHE (where
# debootstrap keeps the packages it downloaded, for the next run; default /var/cache/coffer-debootstrap).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/deploy/images"
WORK="${COFFER_IMAGES_WORK:-$HERE/target}"
TAG="${COFFER_TAG:-dev}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DEBIAN_IMAGE=coffer-local/debian:bookworm
# Packages beyond minbase: curl for the health checks, the rest for a JVM (certificates, fonts not needed).
DEBIAN_INCLUDE="curl,ca-certificates,procps"
PUBLIC_BASE=false
BASE_ONLY=false
for arg in "$@"; do
  case "$arg" in
    --public-base) PUBLIC_BASE=true ;;
    --base-only) BASE_ONLY=true ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

# The legacy builder needs no BuildKit plugin and behaves the same on every engine version.
export DOCKER_BUILDKIT=0
M2="${MAVEN_REPO:-$HOME/.m2/repository}"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
SECONDS=0

log() { printf '[images %3ds] %s\n' "$SECONDS" "$*"; }
digest() { sha256sum | cut -c1-16; }
label_of() { docker image inspect -f '{{index .Config.Labels "dev.coffer.inputs"}}' "$1" 2>/dev/null || true; }
image_id() { docker image inspect -f '{{.Id}}' "$1"; }
# up_to_date IMAGE INPUTS: whether IMAGE exists and was built from INPUTS.
up_to_date() { [ "$(label_of "$1")" = "$2" ]; }
# build NAME DOCKER-BUILD-ARGS...: docker build, quiet unless it fails.
build() {
  local name="$1"; shift
  docker build "$@" > "$WORK/build-$name.log" 2>&1 || { tail -30 "$WORK/build-$name.log" >&2; exit 1; }
}

mkdir -p "$WORK"

# ---- 1. Debian base (debootstrap on the host, then docker import) ---------------------------------
base_inputs="$(printf 'bookworm minbase %s v1' "$DEBIAN_INCLUDE" | digest)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
if [ "$PUBLIC_BASE" = true ]; then
  java_image_args=()
  java_id=public
  log "public base images (the Dockerfiles' defaults)"
else
  if up_to_date "$DEBIAN_IMAGE" "$base_inputs"; then
    log "$DEBIAN_IMAGE is up to date"
  else
    log "debootstrap bookworm (minbase + $DEBIAN_INCLUDE) from $MIRROR"
    rootfs="$WORK/rootfs"
    rm -rf "$rootfs"
    cache="${DEBOOTSTRAP_CACHE:-/var/cache/coffer-debootstrap}"
    mkdir -p "$cache"
    debootstrap --variant=minbase --include="$DEBIAN_INCLUDE" --cache-dir="$cache" bookworm "$rootfs" "$MIRROR" \
      > "$WORK/debootstrap.log" 2>&1 \
      || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
    # Package lists and caches are not needed at run time.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | docker import --change "LABEL dev.coffer.inputs=$base_inputs" \
      --change 'CMD ["/bin/bash"]' - "$DEBIAN_IMAGE" > /dev/null
    rm -rf "$rootfs"
    log "$DEBIAN_IMAGE imported"
  fi

  JAVA_IMAGE="coffer-local/java:$java_version"
  java_inputs="$( (image_id "$DEBIAN_IMAGE"; cat "$JAVA_HOME/release"; cat "$HERE/base/Dockerfile") | digest)"
  if up_to_date "$JAVA_IMAGE" "$java_inputs"; then
    log "$JAVA_IMAGE is up to date"
  else
    log "building $JAVA_IMAGE from $JAVA_HOME"
    ctx="$WORK/java"
    rm -rf "$ctx" && mkdir -p "$ctx"
    cp -a "$JAVA_HOME" "$ctx/jdk"
    rm -rf "$ctx/jdk/lib/src.zip" "$ctx/jdk/jmods" "$ctx/jdk/man"
    cp "$HERE/base/Dockerfile" "$ctx/"
    build java --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" --build-arg "INPUTS=$java_inputs" \
      -t "$JAVA_IMAGE" "$ctx"
    rm -rf "$ctx"
    log "$JAVA_IMAGE built"
  fi
  java_image_args=(--build-arg "JAVA_IMAGE=$JAVA_IMAGE")
  java_id="$(image_id "$JAVA_IMAGE")"
fi
if [ "$BASE_ONLY" = true ]; then
  log "done: the base images"
  exit 0
fi

# ---- 2. Kafka from Maven artifacts --------------------------------------------------------------
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml")"
KAFKA_IMAGE="coffer/kafka:$kafka_version"
kafka_inputs="$( (echo "$java_id"; cat "$HERE/kafka/Dockerfile" "$HERE/kafka/kafka-start.sh" "$HERE/kafka/pom.xml"; \
  echo "$kafka_version") | digest)"
if up_to_date "$KAFKA_IMAGE" "$kafka_inputs"; then
  log "$KAFKA_IMAGE is up to date"
else
  log "building $KAFKA_IMAGE from kafka_2.13:$kafka_version and its jars"
  ctx="$WORK/kafka"
  rm -rf "$ctx" && mkdir -p "$ctx"
  # Offline first (the build already resolved these); online only if something is missing.
  (cd "$ROOT" && { ./mvnw -B -q -o -f deploy/images/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$ctx/libs" > "$WORK/kafka-libs.log" 2>&1 \
    || ./mvnw -B -q -f deploy/images/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$ctx/libs" > "$WORK/kafka-libs.log" 2>&1; } ) \
    || { tail -20 "$WORK/kafka-libs.log" >&2; exit 1; }
  cp "$HERE/kafka/Dockerfile" "$HERE/kafka/kafka-start.sh" "$ctx/"
  build kafka "${java_image_args[@]}" --build-arg "INPUTS=$kafka_inputs" -t "$KAFKA_IMAGE" "$ctx"
  rm -rf "$ctx"
  log "$KAFKA_IMAGE built"
fi

# ---- 3. Apicurio Registry from its Maven distribution -------------------------------------------
apicurio_version="$(sed -n 's:.*<apicurio.version>\(.*\)</apicurio.version>.*:\1:p' "$ROOT/pom.xml")"
APICURIO_IMAGE="coffer/apicurio-registry:$apicurio_version"
archive="$M2/io/apicurio/apicurio-registry-app/$apicurio_version/apicurio-registry-app-$apicurio_version-all.tar.gz"
if [ ! -f "$archive" ]; then
  (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact="io.apicurio:apicurio-registry-app:$apicurio_version:tar.gz:all" \
    -Dtransitive=false) || { echo "cannot get $archive" >&2; exit 1; }
fi
apicurio_inputs="$( (echo "$java_id"; cat "$HERE/apicurio/Dockerfile"; sha256sum < "$archive") | digest)"
if up_to_date "$APICURIO_IMAGE" "$apicurio_inputs"; then
  log "$APICURIO_IMAGE is up to date"
else
  log "building $APICURIO_IMAGE from $(basename "$archive")"
  ctx="$WORK/apicurio"
  rm -rf "$ctx" && mkdir -p "$ctx/app"
  tar -xzf "$archive" -C "$ctx/app"
  cp "$HERE/apicurio/Dockerfile" "$ctx/"
  build apicurio "${java_image_args[@]}" --build-arg "INPUTS=$apicurio_inputs" -t "$APICURIO_IMAGE" "$ctx"
  rm -rf "$ctx"
  log "$APICURIO_IMAGE built"
fi

# ---- 4. Coffer's services from the README build's jar -------------------------------------------
jar="$ROOT/deploy/local/target/coffer-local.jar"
if [ ! -f "$jar" ]; then
  echo "$jar is missing: build it first with ./mvnw -B -DskipTests package (the README's build)" >&2
  exit 1
fi
coffer_inputs="$( (echo "$java_id"; cat "$HERE/coffer/Dockerfile" "$HERE"/coffer/*.yaml; sha256sum < "$jar") | digest)"
targets=(ledger-streams ingest-gateway projections setup)
stale=()
for t in "${targets[@]}"; do
  up_to_date "coffer/$t:$TAG" "$coffer_inputs" || stale+=("$t")
done
if [ "${#stale[@]}" -eq 0 ]; then
  log "coffer/{${targets[*]}}:$TAG are up to date"
else
  log "building coffer/{${stale[*]}}:$TAG from $(basename "$jar")"
  ctx="$WORK/coffer"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp "$jar" "$ctx/coffer-local.jar"
  cp "$HERE/coffer/Dockerfile" "$HERE"/coffer/*.yaml "$ctx/"
  for t in "${stale[@]}"; do
    build "$t" "${java_image_args[@]}" --build-arg "INPUTS=$coffer_inputs" --target "$t" -t "coffer/$t:$TAG" "$ctx"
  done
  rm -rf "$ctx"
  log "coffer/{${stale[*]}}:$TAG built"
fi

log "done: $KAFKA_IMAGE $APICURIO_IMAGE coffer/{${targets[*]}}:$TAG${JAVA_IMAGE:+ (base $JAVA_IMAGE)}"
