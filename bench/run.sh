#!/usr/bin/env bash
# Load benchmark: Postfix's smtp-source against Inbound, SubEthaSMTP and smtp-sink, side by side.
# See bench/README.md. Only 127.0.0.1 is ever targeted; every wait and every run is bounded.
set -Eeuo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/run.sh [--server-cmd CMD] [--rounds N] [--quick] [--no-warmup] [--out FILE]

  --server-cmd CMD  command that starts Inbound in the foreground; {PORT} is replaced by the
                    port to listen on (127.0.0.1). Same as INBOUND_SERVER_CMD. Default:
                    java -Xms32m -Xmx256m -jar dist/target/inbound.jar
                         --listen 127.0.0.1:{PORT} --handler sink
                    (run from the repo root; the jars are built with mvn if missing)
  --rounds N        rounds of every workload against every server (default 3); the summary
                    gives medians, each ratio taken against smtp-sink in the same round
  --quick           a tenth of the messages and one round, for a smoke test of the script
  --no-warmup       skip the unmeasured warm-up (the same workload, in two runs of half each) before
                    each measured run
  --out FILE        where to write the Markdown results (default bench/results/<date>.md)

The peers: SubEthaSMTP 7.2.2 with a handler that reads and discards each message
(bench/peers, SUBETHA_SERVER_CMD), and Postfix's smtp-sink.

Workload L is B over LMTP, against Inbound's --lmtp listener (INBOUND_LMTP_SERVER_CMD) and
smtp-sink -L; SubEthaSMTP speaks no LMTP. Workload C64 is C against Inbound alone, with its
heap at -Xmx64m (INBOUND_SMALL_HEAP_SERVER_CMD; by default the Inbound command with -Xmx256m
made -Xmx64m, and skipped when a custom command has no -Xmx256m to replace).

Environment: INBOUND_SERVER_CMD, INBOUND_LMTP_SERVER_CMD, INBOUND_SMALL_HEAP_SERVER_CMD, SUBETHA_SERVER_CMD, BENCH_INBOUND_PORT (25250),
BENCH_SINK_PORT (25251), BENCH_SUBETHA_PORT (25252), BENCH_ROUNDS (3), BENCH_A_MSGS (20000),
BENCH_B_MSGS (100000), BENCH_C_MSGS (2000), BENCH_RUN_TIMEOUT (300 s per smtp-source run).
USAGE
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="dist/target/inbound.jar"
SUBETHA_JAR="bench/peers/target/subethasmtp-sink.jar"
# The same heap for both JVMs: -Xms32m -Xmx256m, as the issue's figures were taken.
JVM_OPTS="-Xms32m -Xmx256m"
DEFAULT_CMD="java $JVM_OPTS -jar $JAR --listen 127.0.0.1:{PORT} --handler sink"
SERVER_CMD="${INBOUND_SERVER_CMD:-}"
DEFAULT_LMTP_CMD="java $JVM_OPTS -jar $JAR --lmtp 127.0.0.1:{PORT} --handler sink"
LMTP_CMD="${INBOUND_LMTP_SERVER_CMD:-$DEFAULT_LMTP_CMD}"
SUBETHA_CMD="${SUBETHA_SERVER_CMD:-java $JVM_OPTS -jar $SUBETHA_JAR {PORT}}"
INBOUND_PORT="${BENCH_INBOUND_PORT:-25250}"
SINK_PORT="${BENCH_SINK_PORT:-25251}"
SUBETHA_PORT="${BENCH_SUBETHA_PORT:-25252}"
ROUNDS="${BENCH_ROUNDS:-3}"
A_MSGS="${BENCH_A_MSGS:-20000}"
B_MSGS="${BENCH_B_MSGS:-100000}"
C_MSGS="${BENCH_C_MSGS:-2000}"
RUN_TIMEOUT="${BENCH_RUN_TIMEOUT:-300}"
WARMUP=1
OUT=""

while (($#)); do
    case "$1" in
        --server-cmd) SERVER_CMD="${2:?--server-cmd needs a value}"; shift 2 ;;
        --rounds) ROUNDS="${2:?--rounds needs a value}"; shift 2 ;;
        --quick) A_MSGS=$((A_MSGS / 10)); B_MSGS=$((B_MSGS / 10)); C_MSGS=$((C_MSGS / 10)); ROUNDS=1; shift ;;
        --no-warmup) WARMUP=0; shift ;;
        --out) OUT="${2:?--out needs a value}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

SMTP_SOURCE=/usr/sbin/smtp-source
SMTP_SINK=/usr/sbin/smtp-sink
STAMP="$(date +%F)"
RESULTS_DIR="$ROOT/bench/results"
OUT="${OUT:-$RESULTS_DIR/$STAMP.md}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/inbound-bench.XXXXXX")"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
    if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# ---------------------------------------------------------------------------------------------
# Tools: smtp-source and smtp-sink come with Debian's postfix package. Install it without
# configuring or starting a mail daemon.
# ---------------------------------------------------------------------------------------------
listening_on() { # port -> prints the listening socket line(s), if any
    ss -Hltnp "sport = :$1" 2>/dev/null || true
}

ensure_tools() {
    local missing=()
    command -v ss >/dev/null || missing+=(iproute2)
    command -v timeout >/dev/null || missing+=(coreutils)
    command -v setsid >/dev/null || missing+=(util-linux)
    [[ -x $SMTP_SOURCE && -x $SMTP_SINK ]] || missing+=(postfix)
    ((${#missing[@]})) || return 0

    log "installing ${missing[*]} (apt-get, non-interactive; no mail daemon is configured or started)"
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [[ ! -e $policy ]]; then
        # Forbid invoke-rc.d from starting services during this install.
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
        as_root chmod 755 "$policy"
        made_policy=1
    fi
    echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log" >&2; die "apt-get install failed"; }
    if ((made_policy)); then as_root rm -f "$policy"; fi
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
        as_root systemctl disable --now postfix >/dev/null 2>&1 || true
    fi
    [[ -x $SMTP_SOURCE && -x $SMTP_SINK ]] || die "postfix installed but $SMTP_SOURCE / $SMTP_SINK missing"
    if [[ -n "$(listening_on 25)" ]]; then
        die "something listens on port 25 after installing postfix: $(listening_on 25)"
    fi
}

# ---------------------------------------------------------------------------------------------
# Servers. Each is started in its own session (setsid) so that it and anything it spawns can be
# ended by its process-group id.
# ---------------------------------------------------------------------------------------------
declare -a STARTED_PGIDS=()
SERVER_PID=""       # the process that listens on the port (its VmHWM is the peak RSS)
SERVER_PGID=""

stop_server() {
    local pgid="${1:-}"
    [[ -n $pgid ]] || return 0
    kill -TERM -- "-$pgid" 2>/dev/null || return 0
    local i
    for ((i = 0; i < 50; i++)); do
        kill -0 -- "-$pgid" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
}

cleanup() {
    local pgid
    for pgid in "${STARTED_PGIDS[@]:-}"; do stop_server "$pgid"; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'log "ERROR: command failed (line $LINENO): $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

start_server() { # name port command
    local name="$1" port="$2" cmd="$3" logfile="$WORK/$1-$2-$RANDOM.log"
    [[ -z "$(listening_on "$port")" ]] || die "port $port is already in use: $(listening_on "$port")"
    (cd "$ROOT" && exec setsid bash -c "exec $cmd" >"$logfile" 2>&1 </dev/null) &
    SERVER_PGID=$!
    STARTED_PGIDS+=("$SERVER_PGID")
    SERVER_LOG="$logfile"
    # Bounded wait (30 s) for the port to accept connections.
    local i line
    for ((i = 0; i < 150; i++)); do
        line="$(listening_on "$port")"
        if [[ -n $line ]]; then
            SERVER_PID="$(grep -o 'pid=[0-9]*' <<<"$line" | head -1 | cut -d= -f2 || true)"
            SERVER_PID="${SERVER_PID:-$SERVER_PGID}"
            return 0
        fi
        if ! kill -0 "$SERVER_PGID" 2>/dev/null; then
            tail -20 "$logfile" >&2 || true
            die "$name exited before listening on 127.0.0.1:$port (command: $cmd)"
        fi
        sleep 0.2
    done
    tail -20 "$logfile" >&2 || true
    die "$name did not listen on 127.0.0.1:$port within 30 s (command: $cmd)"
}

finish_server() {
    stop_server "$SERVER_PGID"
    local keep=() p
    for p in "${STARTED_PGIDS[@]}"; do [[ $p == "$SERVER_PGID" ]] || keep+=("$p"); done
    STARTED_PGIDS=("${keep[@]:-}")
    SERVER_PID="" SERVER_PGID=""
}

proc_hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
proc_cpu_ticks() { # utime + stime of a process, in clock ticks
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
CLK_TCK="$(getconf CLK_TCK)"

# ---------------------------------------------------------------------------------------------
# Workloads
# ---------------------------------------------------------------------------------------------
SOURCE_COMMON=(-4 -M localhost -f bench@example.com -t sink@example.com)

source_run() { # port sessions messages size reuse(0/1) errfile lmtp(0/1) -> prints elapsed seconds; returns rc
    local port=$1 sessions=$2 msgs=$3 size=$4 reuse=$5 errfile=$6 args=()
    ((reuse)) && args+=(-d)
    ((${7:-0})) && args+=(-L)
    local t0 t1 rc=0 snap
    # A run that hangs is cut off by timeout; just before that, record the server-side sockets
    # (a non-zero Recv-Q there means the server stopped reading).
    # Own process group (setsid), no inherited stdout, so that it can be ended whole by its id.
    setsid bash -c 'sleep "$1" && { echo "server-side sockets on :$2 just before the timeout:"; ss -tn "sport = :$2"; } >"$3"' \
        snapshot "$((RUN_TIMEOUT > 3 ? RUN_TIMEOUT - 2 : 1))" "$port" "$errfile.snap" </dev/null >/dev/null 2>&1 &
    snap=$!
    t0=$(date +%s%N)
    timeout "$RUN_TIMEOUT" "$SMTP_SOURCE" "${SOURCE_COMMON[@]}" "${args[@]}" \
        -s "$sessions" -m "$msgs" -l "$size" "127.0.0.1:$port" >>"$errfile" 2>&1 || rc=$?
    t1=$(date +%s%N)
    kill -- "-$snap" 2>/dev/null || true
    wait "$snap" 2>/dev/null || true
    if ((rc == 124)); then
        echo "smtp-source timed out after ${RUN_TIMEOUT}s" >>"$errfile"
        cat "$errfile.snap" >>"$errfile" 2>/dev/null || true
    fi
    rm -f "$errfile.snap"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
    return $rc
}

ROWS=()
ERRORS=()
TARGETS=(inbound subethasmtp smtp-sink)
# One line per measured run, "id target round msgs/s MB/s cpu-us-per-msg peak-rss-MiB ok(0/1)",
# for the summary's medians.
RESULTS="$WORK/results.txt"
: >"$RESULTS"

run_workload() { # round id label sessions messages size reuse lmtp(0/1) [targets]
    local round=$1 id=$2 label=$3 sessions=$4 msgs=$5 size=$6 reuse=$7 lmtp=${8:-0}
    local target port cmd targets
    read -ra targets <<<"${9:-${TARGETS[*]}}"
    for target in "${targets[@]}"; do
        case $target in
            inbound)
                port=$INBOUND_PORT
                if ((lmtp)); then cmd="${LMTP_CMD//\{PORT\}/$port}"
                elif [[ $id == C64 ]]; then cmd="${SMALL_HEAP_CMD//\{PORT\}/$port}"
                else cmd="${SERVER_CMD//\{PORT\}/$port}"; fi ;;
            subethasmtp)
                ((lmtp)) && continue # it speaks no LMTP
                port=$SUBETHA_PORT; cmd="${SUBETHA_CMD//\{PORT\}/$port}" ;;
            smtp-sink)
                port=$SINK_PORT
                cmd="$SMTP_SINK $([[ $EUID -eq 0 ]] && echo '-u nobody' || true) $( ((lmtp)) && echo '-L' || true) 127.0.0.1:$port 256" ;;
        esac
        log "round $round: $id $label -> $target (127.0.0.1:$port): starting server"
        start_server "$target" "$port" "$cmd"
        local errfile="$WORK/$round-$id-$target.err"
        : >"$errfile"
        if ((WARMUP)); then
            # The whole workload, unmeasured, in two runs of half each: with a tenth of it the JIT
            # was still compiling through the measured run, and as one run its sessions ended
            # only at its end, whose first session ends deoptimised ~120 hot methods that C2
            # then recompiled inside the measured run (bench/README.md).
            local half=$(((msgs + 1) / 2)) part wrc
            for part in 1 2; do
                wrc=0
                log "$id $label -> $target: warm-up $part of 2, $half messages (not measured)"
                source_run "$port" "$sessions" "$half" "$size" "$reuse" "$errfile.warmup" "$lmtp" >/dev/null || wrc=$?
                if ((wrc != 0)) || [[ -s $errfile.warmup ]]; then
                    log "$id $target: warm-up $part rc=$wrc: $(head -3 "$errfile.warmup")"
                    ERRORS+=("### $id $label -> $target: warm-up $part rc=$wrc" '```' "$(head -30 "$errfile.warmup")" '```')
                    break
                fi
            done
        fi
        local cpu0 cpu1 secs rc=0
        cpu0=$(proc_cpu_ticks "$SERVER_PID")
        log "$id $label -> $target: $msgs messages x $size bytes, $sessions session(s)"
        secs=$(source_run "$port" "$sessions" "$msgs" "$size" "$reuse" "$errfile" "$lmtp") || rc=$?
        cpu1=$(proc_cpu_ticks "$SERVER_PID")
        local hwm alive=yes
        hwm=$(proc_hwm_kib "$SERVER_PID")
        kill -0 "$SERVER_PID" 2>/dev/null || alive=no
        local nerr status
        nerr=$(grep -c . "$errfile" || true)
        if ((rc == 124)); then status="TIMEOUT after ${RUN_TIMEOUT}s"
        elif ((rc != 0)); then status="FAILED rc=$rc"
        elif [[ $alive == no ]]; then status="server died"
        elif ((nerr > 0)); then status="$nerr stderr line(s)"
        else status="ok"; fi
        if [[ $status != ok ]]; then
            ERRORS+=("### $id $label -> $target: $status")
            ERRORS+=('```' "$(head -30 "$errfile")" '```')
            if [[ $alive == no || $rc != 0 ]]; then
                ERRORS+=("Last lines of the $target log:" '```' "$(tail -15 "$SERVER_LOG")" '```')
            fi
        fi
        local row good=0
        [[ $status == ok ]] && good=1
        row=$(awk -v r="$round" -v id="$id" -v tgt="$target" -v n="$msgs" -v s="$secs" \
            -v size="$size" -v hwm="$hwm" -v c0="$cpu0" -v c1="$cpu1" -v tck="$CLK_TCK" \
            -v st="$status" -v ok="$rc" 'BEGIN {
                if (ok != 0 || s <= 0) { mps = "-"; mbs = "-" }
                else { mps = sprintf("%.0f", n / s); mbs = sprintf("%.1f", n * size / s / 1e6) }
                cpu = (c1 - c0) / tck
                printf "| %s | %s | %s | %d | %.2f | %s | %s | %.0f | %.1f | %.2f | %s |", r, id, tgt,
                    n, s, mps, mbs, cpu * 1e6 / n, hwm / 1024, cpu, st }')
        ROWS+=("$row")
        awk -v r="$round" -v id="$id" -v tgt="$target" -v n="$msgs" -v s="$secs" -v size="$size" \
            -v hwm="$hwm" -v c0="$cpu0" -v c1="$cpu1" -v tck="$CLK_TCK" -v good="$good" \
            'BEGIN { printf "%s %s %s %.3f %.3f %.1f %.1f %d\n", id, tgt, r, (s > 0 ? n / s : 0),
                (s > 0 ? n * size / s / 1e6 : 0), (c1 - c0) / tck * 1e6 / n, hwm / 1024, good }' >>"$RESULTS"
        log "$row"
        finish_server
    done
}

# ---------------------------------------------------------------------------------------------
ensure_tools

if [[ -z $SERVER_CMD ]]; then
    SERVER_CMD="$DEFAULT_CMD"
fi
if [[ ! -f $ROOT/$JAR || ! -f $ROOT/$SUBETHA_JAR ]]; then
    log "building $JAR and $SUBETHA_JAR (./mvnw -q -B -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl dist,bench/peers -am) || die "maven build failed"
fi
[[ $SERVER_CMD == *"{PORT}"* ]] || die "the server command must contain {PORT}: $SERVER_CMD"
# C64: does the bulk path stay inside a quarter of the heap? (Messages stream to the spool.)
SMALL_HEAP_CMD="${INBOUND_SMALL_HEAP_SERVER_CMD:-}"
if [[ -z $SMALL_HEAP_CMD && $SERVER_CMD == *-Xmx256m* ]]; then SMALL_HEAP_CMD="${SERVER_CMD//-Xmx256m/-Xmx64m}"; fi
[[ $(printf '%s\n' "$INBOUND_PORT" "$SINK_PORT" "$SUBETHA_PORT" | sort -u | wc -l) == 3 ]] \
    || die "BENCH_INBOUND_PORT, BENCH_SINK_PORT and BENCH_SUBETHA_PORT must differ"

declare -A SHAPES=([A]="1 KiB, 1 session, new connection per message" [B]="1 KiB, 50 sessions, connections reused"
    [C]="1 MiB, 10 sessions, connections reused" [C64]="C with Inbound's heap at -Xmx64m" [L]="B over LMTP (smtp-source -L; Inbound --lmtp, smtp-sink -L)")
START_S=$(date +%s)
for ((round = 1; round <= ROUNDS; round++)); do
    run_workload "$round" A "${SHAPES[A]}" 1 "$A_MSGS" 1024 0
    run_workload "$round" B "${SHAPES[B]}" 50 "$B_MSGS" 1024 1
    run_workload "$round" C "${SHAPES[C]}" 10 "$C_MSGS" 1048576 1
    if [[ -n $SMALL_HEAP_CMD ]]; then
        run_workload "$round" C64 "${SHAPES[C64]}" 10 "$C_MSGS" 1048576 1 0 inbound
    elif ((round == 1)); then
        log "C64 skipped: the Inbound command has no -Xmx256m; set INBOUND_SMALL_HEAP_SERVER_CMD"
    fi
    run_workload "$round" L "${SHAPES[L]}" 50 "$B_MSGS" 1024 1 1
done
END_S=$(date +%s)

# Medians over the rounds that went well; each round's ratio is against smtp-sink in that round.
summary() {
    awk '
        function median(list,   n, parts, i, j, t) {
            n = split(list, parts, " ")
            if (n == 0) return 0
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (parts[j] + 0 < parts[i] + 0) { t = parts[i]; parts[i] = parts[j]; parts[j] = t }
            return n % 2 ? parts[(n + 1) / 2] : (parts[n / 2] + parts[n / 2 + 1]) / 2
        }
        $8 == 1 {
            key = $1 SUBSEP $2
            mps[key] = mps[key] " " $4; mbs[key] = mbs[key] " " $5; cpu[key] = cpu[key] " " $6
            if ($7 > rss[key]) rss[key] = $7
            rate[key, $3] = $4; rounds[key] = rounds[key] " " $3; count[key]++
            if ($2 == "smtp-sink") sink[$1, $3] = $4
        }
        END {
            split("A B C C64 L", ids, " "); split("inbound subethasmtp smtp-sink", tgts, " ")
            for (i = 1; i <= 5; i++) for (t = 1; t <= 3; t++) {
                key = ids[i] SUBSEP tgts[t]
                if (ids[i] == "L" && tgts[t] == "subethasmtp") continue # it speaks no LMTP
                if (ids[i] == "C64" && (tgts[t] != "inbound" || !count[key])) continue # Inbound alone
                peer = ids[i] == "C64" ? "C" : ids[i] # C64 is C: ratio to smtp-sink on C, same round
                ratios = ""; n = split(rounds[key], rs, " ")
                for (k = 1; k <= n; k++) if (sink[peer, rs[k]] > 0) ratios = ratios " " rate[key, rs[k]] / sink[peer, rs[k]]
                printf "| %s | %s | %d | %.0f | %.1f | %.2f× | %.0f | %.1f |\n", ids[i], tgts[t], count[key] + 0,
                    median(mps[key]), median(mbs[key]), median(ratios), median(cpu[key]), rss[key]
            }
        }' "$RESULTS"
}

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
mkdir -p "$(dirname "$OUT")"
{
    echo "# Inbound load benchmark, $(date '+%F %H:%M %Z')"
    echo
    echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -sr)"
    echo "- java: $(java -version 2>&1 | head -1)"
    echo "- postfix (smtp-source, smtp-sink): $(dpkg-query -W -f '${Version}' postfix 2>/dev/null || echo unknown)"
    echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
    echo "- Inbound command: \`$SERVER_CMD\`"
    echo "- warm-up: $([[ $WARMUP == 1 ]] && echo 'the same workload, unmeasured, in two runs of half each, before each run' || echo none); a fresh server per row; wall time $((END_S - START_S)) s"
    echo "- SubEthaSMTP command: \`$SUBETHA_CMD\`"
    echo "- rounds: $ROUNDS; A = ${SHAPES[A]} ($A_MSGS messages), B = ${SHAPES[B]} ($B_MSGS), C = ${SHAPES[C]} ($C_MSGS), C64 = ${SHAPES[C64]}, L = ${SHAPES[L]} ($B_MSGS)"
    echo "- Inbound command for C64: \`${SMALL_HEAP_CMD:-skipped}\`"
    echo
    echo "## Summary: medians over the rounds"
    echo
    echo "| Workload | Server | Rounds | Msg/s | MB/s | × smtp-sink | CPU µs/msg | Peak RSS (MiB) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    summary
    echo
    echo "## Every run"
    echo
    echo "| Round | Workload | Server | Messages | Time (s) | Msg/s | MB/s | CPU µs/msg | Peak RSS (MiB) | Server CPU (s) | Status |"
    echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "MB/s = message payload (smtp-source -l bytes; headers and SMTP framing not counted) / 10^6 per second."
    echo "CPU µs/msg = the server process's user + system time over the measured run, per message."
    echo "× smtp-sink = msg/s over smtp-sink's in the same round (the C program that reads and drops)."
    echo "Peak RSS = VmHWM of the listening process after the run (warm-up included); the summary gives the highest."
    if ((${#ERRORS[@]})); then
        echo
        echo "## Errors"
        echo
        printf '%s\n' "${ERRORS[@]}"
    fi
} >"$OUT"

cat "$OUT"
log "results written to $OUT"
if ((${#ERRORS[@]})); then exit 1; fi
