#!/usr/bin/env bash
# Makes a GCC 13 built libLibTorchSharp.so loadable with an older libstdc++ (e.g. Debian 12, GCC 12).
# Called by LibTorchSharpGlibcxxShim.targets; see there for the why.
#
#   check <libLibTorchSharp.so>                 prints "needed" or "not-needed" (and why, on stderr)
#   patch <libLibTorchSharp.so> <shim.cpp> <dir> writes <dir>/libLibTorchSharp.so and <dir>/$SHIM_NAME
#
# The input is never modified (it is the NuGet cache copy); outputs are written to temp files and
# renamed, so an interrupted run leaves nothing half-patched behind.
set -euo pipefail

readonly VERSION=GLIBCXX_3.4.32
readonly SYMBOL=_ZSt21ios_base_library_initv
readonly SHIM_NAME=libactorssl_glibcxx_shim.so
readonly FIX="apt-get install -y g++ patchelf"

# MSBuild's Exec turns "origin : error CODE : text" lines into build errors.
die() { echo "LibTorchSharpGlibcxxShim : error ASSL0001 : $*" >&2; exit 1; }

# The libstdc++.so.6 the dynamic loader would pick for a 64-bit process.
system_libstdcxx() {
  local ldconfig path
  for ldconfig in ldconfig /sbin/ldconfig /usr/sbin/ldconfig; do
    if command -v "$ldconfig" >/dev/null 2>&1; then
      path=$("$ldconfig" -p 2>/dev/null | awk '$1 == "libstdc++.so.6" && /x86-64/ { print $NF; exit }')
      if [[ -n "$path" && -e "$path" ]]; then echo "$path"; return 0; fi
    fi
  done
  for path in /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    if [[ -e "$path" ]]; then echo "$path"; return 0; fi
  done
  return 1
}

cmd_check() {
  local lib=$1 libstdcxx
  [[ -f "$lib" ]] || die "no such file: $lib"
  # Version names are plain strings in the version sections, so grep needs no binutils.
  if ! grep -qaF "$VERSION" "$lib"; then
    echo "$lib does not require $VERSION" >&2; echo not-needed; return
  fi
  if ! libstdcxx=$(system_libstdcxx); then
    echo "warning: no libstdc++.so.6 found; leaving $lib unpatched" >&2; echo not-needed; return
  fi
  if grep -qaF "$VERSION" "$(readlink -f "$libstdcxx")"; then
    echo "$libstdcxx provides $VERSION" >&2; echo not-needed
  else
    echo "$libstdcxx lacks $VERSION" >&2; echo needed
  fi
}

# File offset of the flags of the vernaux entry for $VERSION (Elf64_Vernaux: hash u32, flags u16, other u16, ...).
vernaux_flags_offset() {
  local lib=$1 section aux
  section=$(readelf -S -W "$lib" | sed -n 's/^ *\[ *[0-9]*\] *//p' | awk '$1 == ".gnu.version_r" { print $4 }')
  aux=$(readelf -V -W "$lib" | awk -v v="$VERSION" '$2 == "Name:" && $3 == v { sub(":", "", $1); print $1 }')
  [[ -n "$section" && -n "$aux" ]] || die "cannot locate the $VERSION version need in $lib"
  echo $(( 0x$section + aux + 4 ))
}

cmd_patch() {
  local lib=$1 src=$2 dir=$3 tool
  for tool in g++ patchelf readelf; do
    command -v "$tool" >/dev/null 2>&1 || die "the system libstdc++ lacks $VERSION needed by $lib; patching it needs '$tool' which is not installed. Fix: $FIX, then rebuild."
  done
  mkdir -p "$dir"
  local out="$dir/libLibTorchSharp.so" shim="$dir/$SHIM_NAME"
  tmp_out="$out.tmp.$$" tmp_shim="$shim.tmp.$$"   # globals: the EXIT trap runs after this function returns
  trap 'rm -f "$tmp_out" "$tmp_shim"' EXIT

  g++ -shared -fPIC -O2 -Wl,-soname,"$SHIM_NAME" -o "$tmp_shim" "$src"

  if readelf -d -W "$lib" | grep -qF "[$SHIM_NAME]"; then
    cp "$lib" "$tmp_out"   # already patched (not the pristine package file): keep as is
  else
    # Bind the symbol without a version (so the shim's definition satisfies it) and load the shim
    # first; RUNPATH starts with $ORIGIN/, so the shim is found beside the library.
    patchelf --clear-symbol-version "$SYMBOL" --add-needed "$SHIM_NAME" --output "$tmp_out" "$lib"
    # The loader still rejects a non-weak version need that libstdc++ does not define; patchelf
    # 0.14 cannot weaken it, so set VER_FLG_WEAK (0x2) in place, after checking the entry's layout.
    local off other
    off=$(vernaux_flags_offset "$tmp_out")
    other=$(od -A n -t u2 -j $(( off + 2 )) -N 2 "$tmp_out" | tr -d ' ')
    [[ "$(od -A n -t u2 -j "$off" -N 2 "$tmp_out" | tr -d ' ')" == 0 ]] || die "unexpected flags on the $VERSION version need in $lib"
    [[ "$other" =~ ^[0-9]+$ && "$other" -gt 1 ]] || die "unexpected version index for $VERSION in $lib"
    printf '\x02\x00' | dd of="$tmp_out" bs=1 seek="$off" conv=notrunc status=none
  fi

  readelf -d -W "$tmp_out" | grep -qF "[$SHIM_NAME]" || die "patching $lib failed: $SHIM_NAME is not NEEDED"
  readelf -V -W "$tmp_out" | grep -F "$VERSION" | grep -qF "Flags: WEAK" || die "patching $lib failed: $VERSION is not weak"
  mv -f "$tmp_shim" "$shim"
  mv -f "$tmp_out" "$out"
  echo "patched $lib -> $out (+ $SHIM_NAME)"
}

case "${1:-}" in
  check) [[ $# -eq 2 ]] || die "usage: $0 check <lib>"; cmd_check "$2" ;;
  patch) [[ $# -eq 4 ]] || die "usage: $0 patch <lib> <shim.cpp> <dir>"; cmd_patch "$2" "$3" "$4" ;;
  *) die "usage: $0 check|patch ..." ;;
esac
