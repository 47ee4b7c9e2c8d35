#!/usr/bin/env bash
# Installs the build into a scratch prefix and builds an outside program with pkg-config only.
# Usage: install-test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/include/ns3/fulltcp-module.h"
test -f "$prefix/include/ns3/fulltcp-header.h"
libdir=$(ls -d "$prefix"/lib*/ | head -n 1)
test -f "$libdir/pkgconfig/ns3-fulltcp.pc"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
g++ -std=c++17 "$src/test/install/outside-program.cc" -o "$prefix/outside-program" \
    $(pkg-config --cflags --libs ns3-fulltcp)
"$prefix/outside-program"
