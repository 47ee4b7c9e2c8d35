#!/usr/bin/env bash
# Installs what FullTcp needs to build and test on Debian 12, and nothing that is already there.
# Idempotent and quiet when everything is present; works as root or through sudo.
set -euo pipefail

packages=(
  libns3-dev     # ns-3 3.37 headers, libraries and CMake package
  ns3            # its CMake package names the helper binaries in /usr/libexec/ns3
  libgsl-dev     # Debian's ns-3 CMake targets link libgsl.so but do not depend on it
  libboost-dev   # Boost (interval containers)
  libgtest-dev   # GoogleTest
  tshark         # the independent judge of every pcap the tests write
  python3-sphinx # builds doc/ (CTest doc-sphinx)
  clang          # the libFuzzer target (test/fuzz): CTest fuzz.header-parser
  cmake g++ make pkg-config python3
)
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-deps: missing ${missing[*]} and not root (no sudo): install them and retry" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# tshark asks whether non-root users may capture; the default answer (no) is fine here.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
