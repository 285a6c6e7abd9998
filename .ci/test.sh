#!/usr/bin/env bash
# The project's one test command (the README's, and the one CI runs).
#
# It builds and tests every project. The platform shell (the Functions app, the Momento.Sdk adapters and their
# tests) needs packages that only nuget.org serves; where the package source lacks them, restore fails for those
# projects alone, and this script says so in one line and tests everything else. Any other failure fails.
set -euo pipefail
cd "$(dirname "$0")/.."

shell_projects=(
  src/CourseComments.Functions/CourseComments.Functions.csproj
  src/CourseComments.Momento/CourseComments.Momento.csproj
  tests/CourseComments.Shell.Tests/CourseComments.Shell.Tests.csproj
)
results=$(mktemp -d)
restore_log="$results/restore.log"

target=CourseComments.sln
if ! dotnet restore CourseComments.sln >"$restore_log" 2>&1; then
  # Tolerated: NuGet could not find or resolve a package (NU1101/NU1102/NU1103/NU1603) in a shell project.
  errors=$(grep -E ': error ' "$restore_log" | sort -u || true)
  shell_pattern=$(printf '%s\n' "${shell_projects[@]}" | sed 's/[.]/[.]/g' | paste -sd'|')
  # NuGet names the project at the start of the line when restoring the solution, in brackets when restoring a project.
  unexpected=$(echo "$errors" | grep -v -E "^[^ ]*(${shell_pattern}) : error NU(1101|1102|1103|1603):|error NU(1101|1102|1103|1603):.*\[[^]]*(${shell_pattern})\]" || true)
  if [ -z "$errors" ] || [ -n "$unexpected" ]; then
    cat "$restore_log"
    echo "FAILED: restore failed for a reason other than packages missing from the package source." >&2
    exit 1
  fi
  missing=$(echo "$errors" | grep -oE 'package [A-Za-z0-9.]+|Unable to find package [A-Za-z0-9.]+|depends on [A-Za-z0-9.]+' | awk '{print $NF}' | sed 's/[.]$//' | sort -u | paste -sd, - | sed 's/,/, /g' || true)
  echo "SKIPPED (not built, not tested): ${shell_projects[*]} — this machine's NuGet source lacks ${missing:-their packages}; they build on a machine with nuget.org."
  target=.ci/portable.slnf
fi

set +e
dotnet test "$target" --no-restore --logger "trx" --results-directory "$results" "$@"
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
        failed += int(values.get("failed", 0)) + int(values.get("error", 0)) + int(values.get("timeout", 0)) + int(values.get("aborted", 0))
        skipped += int(values.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
