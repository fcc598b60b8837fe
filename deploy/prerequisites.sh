#!/usr/bin/env bash
# Installs what ActorSsl needs on Debian 12 beyond the .NET 10 SDK: the Fashion-MNIST dataset; g++ and patchelf,
# which the build uses to let TorchSharp's native library load against Debian 12's libstdc++; and tcmalloc, which
# actorssl runs under (about half the peak RSS of glibc's malloc for the same step; README, Performance).
# Installs only what is missing; safe to run again.
set -euo pipefail

packages=(dataset-fashion-mnist g++ patchelf libtcmalloc-minimal4)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "actorssl: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "actorssl: the .NET 10 SDK is required (dotnet --list-sdks shows none). Install it from Microsoft's packages for Debian 12, then run this again." >&2
  exit 1
fi
