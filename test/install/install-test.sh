#!/usr/bin/env bash
# Installs the build into a scratch prefix and builds an outside program with pkg-config only.
# Usage: install-test.sh BUILD_DIR SOURCE_DIR [EXTRA_CXXFLAGS]
# (a sanitized build passes its -fsanitize flags: its library needs their runtime)
set -euo pipefail
build=$1
src=$2
extra=${3:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/include/ns3/fulltcp-module.h"
test -f "$prefix/include/ns3/fulltcp-header.h"
libdir=$(ls -d "$prefix"/lib*/ | head -n 1)
test -f "$libdir/pkgconfig/ns3-fulltcp.pc"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2086 # $extra is a list of flags
g++ -std=c++17 $extra "$src/test/install/outside-program.cc" -o "$prefix/outside-program" \
    $(pkg-config --cflags --libs ns3-fulltcp)
"$prefix/outside-program"
