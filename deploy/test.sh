#!/usr/bin/env bash
# Runs every test of ActorSsl (after installing prerequisites) and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash deploy/prerequisites.sh || exit 1
log=$(mktemp)
dotnet test ActorSsl.sln -c Release -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
