#!/usr/bin/env bash
# Builds ns-3 3.37 with its MPI module (Debian's libns3-dev has none) from Debian's own source
# package, installs it into a cache folder OUTSIDE the repository and prints that install prefix
# on the last line of stdout. A later run whose configuration is unchanged reuses the cache and
# takes a second; a first run took about 3 minutes on 2 cores (doc/distributed.rst).
#
#   FULLTCP_MPI_CACHE   the cache folder (default ${XDG_CACHE_HOME:-~/.cache}/fulltcp/ns-3.37-mpi)
#   JOBS                parallel compile jobs (default: nproc)
#
# Only the modules FullTcp links (and what they depend on) are built, with the mpi module added.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cache="${FULLTCP_MPI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fulltcp/ns-3.37-mpi}"
jobs="${JOBS:-$(nproc)}"
prefix="$cache/install"
# ns-3 resolves the modules these depend on (bridge, traffic-control, stats, ...) by itself.
modules="core;network;internet;point-to-point;csma;applications;fd-net-device;mpi"
# The build profile "relwithdebinfo" names the libraries libns3-<module>-relwithdebinfo.so, so
# they can never be mistaken for Debian's libns3-<module>.so.37 in /usr/lib. Logging is built
# in and asserts are off, as in Debian's package (debian/rules: release, --enable-logs).
cmake_args=(
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2
  -DNS3_MPI=ON -DNS3_ENABLED_MODULES="$modules" -DNS3_LOG=ON -DNS3_ASSERT=OFF
  -DNS3_EXAMPLES=OFF -DNS3_TESTS=OFF -DNS3_PYTHON_BINDINGS=OFF -DNS3_WARNINGS_AS_ERRORS=OFF
  -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib
  # The installed libraries find each other (libns3-internet needs libns3-bridge, ...) without
  # LD_LIBRARY_PATH: programs linked against them carry a run path to direct dependencies only.
  -DCMAKE_INSTALL_RPATH="$prefix/lib"
)
stamp_text="ns3 3.37 debian-source; ${cmake_args[*]}"

if [ -f "$prefix/.fulltcp-stamp" ] && [ "$(cat "$prefix/.fulltcp-stamp")" = "$stamp_text" ] &&
   [ -f "$prefix/lib/cmake/ns3/ns3Config.cmake" ]; then
  echo "build-ns3-mpi: reusing $prefix" >&2
  echo "$prefix"
  exit 0
fi

# Open MPI and what ns-3's CMake needs.
"$here/install-deps.sh" libopenmpi-dev openmpi-bin >&2

# Debian 12's own ns3 source package, through a private apt configuration: /etc/apt is neither
# read for sources nor changed (scripts/fetch-debian-source.sh says why).
src="$("$here/fetch-debian-source.sh" bookworm ns3 "$cache/src")/ns-3.37"
echo "build-ns3-mpi: building $src into $prefix" >&2

launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
rm -rf "$cache/build" "$prefix"
cmake -S "$src" -B "$cache/build" "${cmake_args[@]}" "${launcher[@]}" >&2
cmake --build "$cache/build" -j "$jobs" >&2
cmake --install "$cache/build" >&2
echo "$stamp_text" >"$prefix/.fulltcp-stamp"
echo "$prefix"
