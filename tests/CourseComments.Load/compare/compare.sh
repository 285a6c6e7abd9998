#!/usr/bin/env bash
# Issue 14's comparison in one command and one run: starts our dev server (Release; its embedded Momento emulator)
# and the seed's handler on Node (seed-peer.js, storing through Momento's JavaScript SDK into that same emulator),
# drives both with the same autocannon load (compare.js), checks every answered event is stored exactly once, prints
# both throughputs, the ratio and p50/p99/max, then stops both. Extra arguments go to compare.js, e.g.
#   bash tests/CourseComments.Load/compare/compare.sh                 # 32 connections, 8 s each, unpaced
#   bash tests/CourseComments.Load/compare/compare.sh --rate 500      # latency at 500 requests/s, paced evenly,
#                                                                     # after a floor row: our GET /api/health alike
#   bash tests/CourseComments.Load/compare/compare.sh --rounds 3      # three rounds, alternating targets
#   COMPARE_TARGETS=ours COMPARE_SAMPLE_SECONDS=30 bash .../compare.sh --rate 1000 --duration 600 --warmup 0
#                                                                     # 10-minute soak, dev server memory every 30 s
# Ports (127.0.0.1): COMPARE_PORT_BASE (default 7600) + 1 app, + 2 emulator gRPC, + 3 emulator HTTP, + 4 Node peer.
# Not run by CI (it takes about a minute and a half and needs a quiet machine to mean anything).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
base="${COMPARE_PORT_BASE:-7600}"
app_port=$((base + 1)) grpc_port=$((base + 2)) http_port=$((base + 3)) peer_port=$((base + 4))
secret="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
logs="$(mktemp -d)"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT

echo "building the dev server (Release) and installing the Node packages..."
# Packages come from the test command's restore (bash .ci/test.sh), the one place that knows the package sources.
dotnet build -c Release --no-restore "$root/src/CourseComments.DevServer" -v q -nologo >"$logs/build.log" 2>&1 \
  || { cat "$logs/build.log" >&2; echo "Run bash .ci/test.sh once first: it restores the packages." >&2; exit 1; }
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >"$logs/npm.log" 2>&1) || { cat "$logs/npm.log" >&2; exit 1; }
fi

# Started in its output folder, its content root, so its appsettings.json (log levels) applies as under dotnet run.
# The per-author limit (Intake) is raised to its maximum: the load's 97 authors each send thousands of comments.
# Webhook delivery: the comparison drives the webhook (in the default Subscription mode it answers 409).
(cd "$root/artifacts/bin/CourseComments.DevServer/release" \
  && Urls="http://127.0.0.1:$app_port" Momento__Delivery=Webhook Momento__LocalEndpoint="127.0.0.1:$grpc_port" \
  MomentoEmulator__HttpPort="$http_port" \
  Webhook__SigningSecrets__0="$secret" Intake__MaxCommentsPerAuthor=10000 \
  exec dotnet CourseComments.DevServer.dll) >"$logs/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$app_port/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done
if ! curl -fs "http://127.0.0.1:$app_port/api/health" >/dev/null; then
  echo "the dev server did not start:" >&2
  cat "$logs/app.log" >&2
  exit 1
fi

node "$here/seed-peer.js" "$peer_port" 127.0.0.1 "$grpc_port" course-comments "$secret" >"$logs/peer.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q listening "$logs/peer.log" && break; sleep 0.5; done
grep -q listening "$logs/peer.log" || { echo "the Node peer did not start:" >&2; cat "$logs/peer.log" >&2; exit 1; }

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "machine: $(nproc) CPUs, $cpu, dotnet $(dotnet --version), node $(node --version)"
targets=(--target "ours=http://127.0.0.1:$app_port/api/webhook")
[ "${COMPARE_TARGETS:-ours,node}" = ours ] || targets+=(--target "node=http://127.0.0.1:$peer_port/api/webhook")
if [ -n "${COMPARE_SAMPLE_SECONDS:-}" ]; then
  (while sleep "$COMPARE_SAMPLE_SECONDS"; do
    echo "dev server memory: $(ps -o rss= -p "${pids[0]}" | awk '{printf "%.0f MB", $1/1024}') RSS at $(date +%T)"
  done) &
  pids+=($!)
fi
status=0
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
node "$here/compare.js" --secret "$secret" --emulator "127.0.0.1:$grpc_port" --cache course-comments \
  --floor "http://127.0.0.1:$app_port/api/health" "${targets[@]}" "$@" \
  || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); dev server log: $(wc -l <"$logs/app.log") lines"
exit $status
