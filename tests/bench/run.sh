#!/usr/bin/env bash
# The load benchmark of DESIGN §9: the release binary on a fresh database (SQLite, then
# PostgreSQL), seeded with a million complaints, driven by wrk from a second process with 64
# connections. Prints one table a database.
#
#   tests/bench/run.sh                 # SQLite, then PostgreSQL
#   tests/bench/run.sh sqlite          # one of them
#
# Settings (environment): BENCH_COMPLAINTS (1000000), BENCH_DURATION (10s a scenario),
# BENCH_CONNECTIONS (64), BENCH_THREADS (2, wrk's), BENCH_PORT (18080),
# BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432: a server where the benchmark may
# create and drop the database samenleven_bench), BENCH_SCENARIOS (a subset of "live create read
# list statistics overview budget"), BENCH_KEEP (SQLite only: a directory where the seeded
# database is kept and, on the next run, used again without seeding), BENCH_BIN (a samenleven
# binary to measure instead of building the release binary: two builds side by side).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/tests/bench"
BACKENDS=("${@:-sqlite}")
[ $# -eq 0 ] && BACKENDS=(sqlite postgres)
COMPLAINTS=${BENCH_COMPLAINTS:-1000000}
INCIDENTS=$((COMPLAINTS / 50))
APPLICATIONS=$((COMPLAINTS / 100))
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
PORT=${BENCH_PORT:-18080}
PG_SERVER=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
SCENARIOS=${BENCH_SCENARIOS:-live create read list statistics overview budget}
KEEP=${BENCH_KEEP:-}
BASE="http://127.0.0.1:$PORT"
MUNICIPALITIES="36008,41002,41048,41018,41011,23104"

need() {
  command -v "$1" >/dev/null && return
  echo "installing $2 (for $1)" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y "$2" >/dev/null
}
need wrk wrk
need jq jq
need curl curl

if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$(realpath "$BENCH_BIN")
else
  echo "building the release binary" >&2
  cargo build --release --quiet -p samenleven-server --manifest-path "$ROOT/Cargo.toml"
  BIN="$ROOT/target/release/samenleven"
fi

WORK=$(mktemp -d)
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

export SAMENLEVEN_JWT_SECRET
SAMENLEVEN_JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export SAMENLEVEN_PSEUDONYM_KEY
SAMENLEVEN_PSEUDONYM_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export SAMENLEVEN_BIND="127.0.0.1:$PORT"
# The service's own limits would cap one key and one address far below the load asked for.
export SAMENLEVEN_API_KEY_RATE_LIMIT=1000000000
export SAMENLEVEN_ANONYMOUS_RATE_LIMIT=1000000000
export SAMENLEVEN_LOG_FORMAT=json
export RUST_LOG=${RUST_LOG:-info}

now_ms() { date +%s%3N; }

# Starts the service in production mode; READY_MS holds the milliseconds from start to ready.
start_service() {
  if curl -s -o /dev/null "$BASE/health/live"; then
    echo "something already listens on port $PORT (set BENCH_PORT)" >&2
    exit 1
  fi
  local started
  started=$(now_ms)
  SAMENLEVEN_ENV=production "$BIN" serve >>"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  until curl -sf -o /dev/null "$BASE/health/ready"; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -20 "$WORK/service.log" >&2; exit 1; }
    sleep 0.005
  done
  READY_MS=$(($(now_ms) - started))
}

# The service's peak resident memory since start or the last reset, in MB.
rss_peak() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status"; }

stop_service() {
  kill -TERM "$SERVICE_PID"
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}

api() { curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$1"; }

# Runs wrk on one scenario; prints "<req/s> <p50> <p99> <2xx> <4xx> <5xx> <other>".
load() {
  local paths=$1 method=$2 header=$3 body=$4
  local run=(wrk -t"$THREADS" -c"$CONNECTIONS" --latency -s "$HERE/scenario.lua" "$BASE")
  export BENCH_PATHS=$paths BENCH_METHOD=$method BENCH_HEADER=$header BENCH_BODY=$body
  export BENCH_MUNICIPALITIES=$MUNICIPALITIES
  "${run[@]:0:3}" -d2s "${run[@]:3}" >/dev/null # warm-up, not counted
  "${run[@]:0:3}" -d"$DURATION" "${run[@]:3}" | awk '/^RESULT/ {print $2, $3, $4, $5, $6, $7, $8}'
}

bench() {
  local backend=$1 url db_dir=$WORK seeded=""
  case $backend in
    sqlite)
      if [ -n "$KEEP" ]; then
        mkdir -p "$KEEP"
        db_dir=$(cd "$KEEP" && pwd)
        [ -f "$db_dir/bench.db" ] && seeded=yes
      fi
      url="sqlite://$db_dir/bench.db?mode=rwc" ;;
    postgres)
      psql "$PG_SERVER/postgres" -qc 'DROP DATABASE IF EXISTS samenleven_bench WITH (FORCE)' >/dev/null
      psql "$PG_SERVER/postgres" -qc 'CREATE DATABASE samenleven_bench' >/dev/null
      url="$PG_SERVER/samenleven_bench" ;;
    *) echo "unknown backend $backend: sqlite or postgres" >&2; exit 2 ;;
  esac
  export SAMENLEVEN_DATABASE_URL=$url
  local ready_ms="-" seed_s="-"
  if [ -z "$seeded" ]; then
    rm -f "$db_dir"/bench.db*
    echo "[$backend] start to ready on an empty database" >&2
    start_service
    ready_ms=$READY_MS
    stop_service

    echo "[$backend] seeding $COMPLAINTS complaints, $INCIDENTS incidents, $APPLICATIONS applications" >&2
    local seed_started
    seed_started=$(now_ms)
    SAMENLEVEN_ENV=dev "$BIN" seed --complaints "$COMPLAINTS" --incidents "$INCIDENTS" \
      --applications "$APPLICATIONS" >&2
    seed_s=$(awk -v ms=$(($(now_ms) - seed_started)) 'BEGIN {printf "%.0f", ms / 1000}')
  else
    echo "[$backend] using the database seeded before in $db_dir" >&2
  fi

  start_service
  local seeded_ready_ms=$READY_MS
  TOKEN=$("$BIN" token --role admin --role complaint_handler --role hate_crime_coordinator \
    --role subsidy_officer --municipality '*' --subject bench)
  local partner key
  partner=$(curl -sf -X POST "$BASE/api/v1/partners" -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' \
    -d "{\"name\": \"Benchmark NGO\", \"kind\": \"ngo\", \"municipalities\": [\"${MUNICIPALITIES//,/\",\"}\"]}" | jq -r .id)
  key=$(SAMENLEVEN_ENV=production "$BIN" api-key create --partner "$partner" --scope complaints:submit 2>/dev/null)

  # The requests of each scenario, built from the seeded data.
  local year half m
  year=$(date +%Y)
  : >"$WORK/live"; : >"$WORK/read"; : >"$WORK/list"; : >"$WORK/statistics"
  : >"$WORK/overview"; : >"$WORK/budget"; : >"$WORK/create"
  echo /health/live >"$WORK/live"
  for m in ${MUNICIPALITIES//,/ }; do
    for filter in status=received status=acknowledged status=in_treatment status=referred \
      status=closed ground=skin_colour ground=disability context=housing \
      context=employment overdue=true; do
      local page="/api/v1/complaints?municipality=$m&$filter&limit=50" cursor
      echo "$page" >>"$WORK/list"
      cursor=$(api "$page" | tee "$WORK/page.json" | jq -r '.nextCursor // empty')
      jq -r '.items[].id | "/api/v1/complaints/" + .' "$WORK/page.json" >>"$WORK/read"
      [ -n "$cursor" ] && echo "$page&cursor=$cursor" >>"$WORK/list"
    done
    for range in "" "&from=$((year - 1))-01-01&to=$((year - 1))-12-31" "&from=$year-01-15&to=$year-06-10"; do
      echo "/api/v1/complaints/statistics?municipality=$m$range" >>"$WORK/statistics"
    done
    for half in "$((year - 1))-H1" "$((year - 1))-H2" "$year-H1" "$year-H2"; do
      echo "/api/v1/hate-crime-incidents/overview?municipalities=$m&period=$half" >>"$WORK/overview"
    done
  done
  for half in "$((year - 1))-H2" "$year-H1"; do
    echo "/api/v1/hate-crime-incidents/overview?municipalities=$MUNICIPALITIES&period=$half" >>"$WORK/overview"
  done
  api "/api/v1/subsidy-schemes?limit=200" | jq -r '.items[].id | "/api/v1/subsidy-schemes/" + . + "/budget"' >"$WORK/budget"
  echo /api/v1/complaints >"$WORK/create"
  cat >"$WORK/body.json" <<EOF
{"kind": "complaint", "municipality": "{{municipality}}", "channel": "partner",
 "reporter": {"role": "victim", "contact": {"email": "melder@example.org", "preferredLanguage": "nl"},
              "consentToContact": true, "consentToShareWith": ["unia"]},
 "incident": {"occurredOn": "$(date -d yesterday +%F)", "location": {"kind": "address", "text": "Grote Markt"},
              "context": "goods_and_services"},
 "grounds": ["skin_colour", "religion_or_belief"], "conduct": ["direct_discrimination"],
 "description": "Refused entry to a café because of my headscarf and skin colour.",
 "possibleHateCrime": false}
EOF

  local bearer="Authorization: Bearer $TOKEN"
  declare -A result
  echo "[$backend] load: $CONNECTIONS connections, $DURATION a scenario" >&2
  # The peak RSS of each scenario: the kernel's high-water mark is reset before it (clear_refs
  # 5) and read after it; the service's peak is the highest of them and of its start. Where
  # the reset is not allowed, each scenario's figure is the peak since the start.
  local scenario hwm peak
  declare -A peak_of
  hwm=$(rss_peak)
  for scenario in live create read list statistics overview budget; do
    result[$scenario]="0 0 0 0 0 0 0"
    peak_of[$scenario]="-"
    [[ " $SCENARIOS " == *" $scenario "* ]] || continue
    echo 5 2>/dev/null >"/proc/$SERVICE_PID/clear_refs" || true
    case $scenario in
      live) result[live]=$(load "$WORK/live" GET "" "") ;;
      create) result[create]=$(load "$WORK/create" POST "X-API-Key: $key" "$WORK/body.json") ;;
      *) result[$scenario]=$(load "$WORK/$scenario" GET "$bearer" "") ;;
    esac
    peak=$(rss_peak)
    peak_of[$scenario]=$peak
    [ "$peak" -gt "$hwm" ] && hwm=$peak
  done
  local split
  split=$(awk '/^Rss(Anon|File|Shmem)/ {printf "%s %.0f MB ", $1, $2 / 1024}' "/proc/$SERVICE_PID/status")
  stop_service
  if grep -q '"level":"ERROR"' "$WORK/service.log"; then
    echo "[$backend] the service logged errors:" >&2
    grep '"level":"ERROR"' "$WORK/service.log" | head -5 >&2
  fi
  : >"$WORK/service.log"

  local floor
  floor=$(echo "${result[live]}" | awk '{print $1}')
  echo
  echo "samenleven load benchmark: $backend, $COMPLAINTS complaints, $INCIDENTS incidents, $APPLICATIONS applications"
  echo "$(date -u +%F), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $CONNECTIONS connections, $DURATION a scenario, wrk on the same machine"
  echo
  printf '| %-30s | %8s | %7s | %7s | %8s | %6s | %5s | %5s | %8s | %7s | %-26s |\n' \
    scenario "req/s" "p50 ms" "p99 ms" 2xx 4xx 5xx other "of floor" "RSS MB" budget
  printf '|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s|\n' \
    -------------------------------- ---------- --------- --------- ---------- -------- ------- ------- ---------- --------- ----------------------------
  local row name budget
  for row in "live|GET /health/live (floor)|-" \
    "create|create a complaint (API key)|>= 3000/s, p99 < 25 ms" \
    "read|read a complaint by id|>= 15000/s, p99 < 25 ms" \
    "list|list with filters|p99 < 50 ms" \
    "statistics|statistics|p99 < 50 ms" \
    "overview|incident overview|p99 < 50 ms" \
    "budget|subsidy budget|p99 < 50 ms"; do
    IFS='|' read -r key_ name budget <<<"$row"
    echo "${result[$key_]}" | awk -v name="$name" -v budget="$budget" -v floor="$floor" \
      -v rss="${peak_of[$key_]}" '{
      printf "| %-30s | %8.0f | %7.2f | %7.2f | %8d | %6d | %5d | %5d | %7.0f%% | %7s | %-26s |\n",
        name, $1, $2, $3, $4, $5, $6, $7, (floor > 0 ? 100 * $1 / floor : 0), rss, budget }'
  done
  echo
  echo "peak RSS of the service: $hwm MB (budget < 100 MB); at the end: $split"
  echo "start to ready: $ready_ms ms on an empty database (budget < 1000 ms), $seeded_ready_ms ms seeded"
  echo "seeding took $seed_s s"
}

for backend in "${BACKENDS[@]}"; do
  bench "$backend"
done
