#!/usr/bin/env bash
# JMS benchmark: bench/run.sh's workloads against `inbound --handler jms` publishing into an
# ActiveMQ Artemis broker (persistent, journal synced) in a JVM of its own on 127.0.0.1.
# Workload B (1 KiB, 50 sessions, 20,000 messages) is the number asked for. See bench/README.md.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROKER_PORT="${BENCH_BROKER_PORT:-25616}"
QUEUE="bench"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/inbound-jms-bench.XXXXXX")"
BROKER_PGID=""

log() { printf '[jms-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

cleanup() {
    if [[ -n $BROKER_PGID ]]; then
        kill -TERM -- "-$BROKER_PGID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 -- "-$BROKER_PGID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL -- "-$BROKER_PGID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
if [[ ! -f dist/target/inbound.jar || ! -d handlers-jms/target/test-classes ]]; then
    log "building (mvnw -q -B -o -DskipTests install)"
    ./mvnw -q -B -o -DskipTests install
fi
./mvnw -q -B -o -pl handlers-jms dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/classpath" >/dev/null
CP="handlers-jms/target/test-classes:handlers-jms/target/classes:$(cat "$WORK/classpath")"

log "starting the broker on 127.0.0.1:$BROKER_PORT (journal in $WORK/broker)"
setsid java -Xmx1g -Dlogback.configurationFile=handlers-jms/src/test/resources/jms-test-logback.xml \
    -cp "$CP" dev.inbound.jms.BenchmarkBroker "$BROKER_PORT" "$WORK/broker" "$QUEUE" \
    >"$WORK/broker.log" 2>&1 </dev/null &
BROKER_PGID=$!
for i in $(seq 150); do
    grep -q 'broker listening' "$WORK/broker.log" 2>/dev/null && break
    kill -0 "$BROKER_PGID" 2>/dev/null || { cat "$WORK/broker.log" >&2; exit 1; }
    ((i < 150)) || { log "the broker did not start in 30 s"; exit 1; }
    sleep 0.2
done

rc=0
bench/run.sh --server-cmd "java -Xmx256m -jar dist/target/inbound.jar --listen 127.0.0.1:{PORT} --handler jms \
--handler-option url=tcp://127.0.0.1:$BROKER_PORT,destination=$QUEUE,sessions=50" \
    --out "${1:-$ROOT/bench/results/$(date +%F)-jms.md}" || rc=$?

sleep 2
log "the broker's consumer took $(grep -o 'consumed [0-9]*' "$WORK/broker.log" | tail -1 | cut -d' ' -f2) messages in all"
exit $rc
