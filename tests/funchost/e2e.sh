#!/usr/bin/env bash
# End-to-end check of the Functions app under the real Azure Functions host, as `func start` runs it.
#
# Needs a host built by ../shared/funchost/prepare.sh (this script never builds it; CI has no such host, so CI does
# not run this). Starts the Momento emulator as its own process (as Azurite runs beside `func start`), the Functions
# app under the host, then walks the quickstart flow: token → publish over the emulator's Topics HTTP API → the
# comment read back through the app. Delivery mode: $DELIVERY (Webhook or Subscription; default both in turn).
set -euo pipefail
cd "$(dirname "$0")/../.."

shared=${SHARED:-$(cd .. && pwd)/shared}
run_host=$shared/funchost/run-host.sh
[ -x "$run_host" ] || [ -f "$run_host" ] || { echo "no $run_host: this check needs ../shared/funchost" >&2; exit 2; }
port=${PORT:-17171}
grpc_port=${EMULATOR_GRPC_PORT:-17172}
http_port=${EMULATOR_HTTP_PORT:-17173}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Packages come from the test command's restore (bash .ci/test.sh), the one place that knows the package sources.
restore_hint() { tail -20 "$work/build.log"; echo "Run bash .ci/test.sh once first: it restores the packages." >&2; }
dotnet build src/CourseComments.Functions -c Release --no-restore -v quiet -nologo >"$work/build.log" 2>&1 ||
  { restore_hint; exit 1; }
dotnet build src/CourseComments.MomentoEmulator -c Release --no-restore -v quiet -nologo >>"$work/build.log" 2>&1 ||
  { restore_hint; exit 1; }
app=$PWD/artifacts/bin/CourseComments.Functions/release

wait_for() {
  for _ in $(seq 1 60); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  echo "no answer: $1" >&2
  return 1
}

check_mode() {
  local mode=$1 course="e2e-$1-$RANDOM"
  export Webhook__SigningSecrets__0; Webhook__SigningSecrets__0=$(openssl rand -base64 32)
  MomentoEmulator__GrpcPort=$grpc_port MomentoEmulator__HttpPort=$http_port \
    MomentoEmulator__Webhook__Url=http://127.0.0.1:$port/api/webhook \
    dotnet artifacts/bin/CourseComments.MomentoEmulator/release/CourseComments.MomentoEmulator.dll \
    >"$work/emulator-$mode.log" 2>&1 &
  pids+=($!)
  Momento__Mode=Local Momento__Delivery=$mode Momento__LocalEndpoint=127.0.0.1:$grpc_port \
    bash "$run_host" "$app" "$port" >"$work/host-$mode.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/admin/host/ping"
  wait_for "http://127.0.0.1:$port/api/health"

  local token_json token url status comments
  token_json=$(curl -sf -XPOST "http://127.0.0.1:$port/api/tokens" -H 'content-type: application/json' \
    -d '{"user":"e2e-ann"}')
  token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$token_json")
  url=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["publishUrl"])' <<<"$token_json")
  status=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$url" -H "Authorization: $token" \
    -H 'content-type: text/plain' -d "{\"courseId\":\"$course\",\"comment\":\"hello from the Functions host\"}")
  [ "$status" = 204 ] || { echo "$mode: publish answered $status" >&2; return 1; }
  for _ in $(seq 1 20); do
    comments=$(curl -sf "http://127.0.0.1:$port/api/courses/$course/comments")
    grep -q 'hello from the Functions host' <<<"$comments" && break
    sleep 0.5
  done
  grep -q '"userID":"e2e-ann"' <<<"$comments" || { echo "$mode: not stored: $comments" >&2; return 1; }
  echo "$mode: token, publish, delivery and read-back work under the Functions host ($comments)"
  curl -sf "http://127.0.0.1:$port/api/health"; echo
  cleanup; pids=()
  sleep 2
}

for mode in ${DELIVERY:-Webhook Subscription}; do
  check_mode "$mode" || { echo "FAILED ($mode); logs in $work" >&2; exit 1; }
done
echo "PASSED"
