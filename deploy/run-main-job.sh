#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs prerequisites, builds ActorSsl (Release) and runs it
# on the default preset. Extra arguments go to the command, e.g. --epochs 3 --summary-json runs/p.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/prerequisites.sh
dotnet build src/ActorSsl.Cli -c Release -nologo -v quiet
mkdir -p runs
exec dotnet src/ActorSsl.Cli/bin/Release/net10.0/actorssl.dll train --summary-json runs/train-summary.json "$@"
