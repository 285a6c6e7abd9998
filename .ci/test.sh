#!/usr/bin/env bash
# The project's one test command (the README's, and the one CI runs): restore, build and test every project.
#
# Packages come from the machine's configured NuGet source. Where ../shared/nuget exists (this workplace, whose source
# lacks Momento.Sdk, Momento.Protos and JWT) it is added as an extra restore source, never otherwise. Any restore,
# build or test failure fails the command.
set -euo pipefail
cd "$(dirname "$0")/.."

extra=()
if [ -d ../shared/nuget ]; then
  extra=(-p:RestoreAdditionalProjectSources="$(cd ../shared/nuget && pwd)")
fi
results=$(mktemp -d)

if ! dotnet restore CourseComments.sln "${extra[@]}" >"$results/restore.log" 2>&1; then
  grep -E ': error ' "$results/restore.log" | sort -u >&2 || cat "$results/restore.log" >&2
  echo "FAILED: restore" >&2
  exit 1
fi

set +e
dotnet test CourseComments.sln --no-restore --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

# A plain closing line, summed over every test assembly's TRX report.
python3 - "$results" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = re.search(r"<Counters [^>]*>", open(path, encoding="utf-8").read())
    if counters:
        values = dict(re.findall(r'(\w+)="(\d+)"', counters.group(0)))
        passed += int(values.get("passed", 0))
        failed += sum(int(values.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
        skipped += int(values.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
