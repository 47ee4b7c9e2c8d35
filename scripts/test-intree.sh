#!/usr/bin/env bash
# `make test-intree`: FullTcp as contrib/fulltcp of an ns-3.48 source tree, built and tested as a user would
#
# What a user of ns-3's latest release does, in a tree cached outside the clone:
#   ./ns3 configure --enable-tests --enable-examples --enable-modules=fulltcp
#   ./ns3 build              (as cmake --build cmake-cache, which it runs)
#   ./test.py -s <suite>      for every FullTcp TestSuite (all durations)
#   ./ns3 run fulltcp-gtest   the GoogleTests, in tree one program
#   ./ns3 run <example>       every example that test/examples-to-run.py lists, with its arguments
# and it fails when configure warns about the module (ns-3's scanner once read "${module" in
# our CMakeLists.txt as a module name) or leaves fulltcp out.
#
# The ns-3.48 tree comes from Debian's sid source package (ns3 3.48-1), fetched through a
# private apt configuration (scripts/fetch-debian-source.sh: /etc/apt is not touched); or, where
# that archive cannot serve it, from a git clone of ns-3 named by FULLTCP_NS3_GIT (its tag
# ns-3.48). Either way it is unpacked once into the cache and reused, as is ns-3's build.
#
#   FULLTCP_INTREE_CACHE  the cache (default ${XDG_CACHE_HOME:-~/.cache}/fulltcp/ns-3.48-intree)
#   FULLTCP_NS3_GIT       optional: a git clone of ns-3 with the tag ns-3.48
#   JOBS                  parallel compile jobs (default: nproc)
set -euo pipefail

version=3.48
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${FULLTCP_INTREE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fulltcp/ns-$version-intree}"
jobs="${JOBS:-$(nproc)}"
say() { echo "test-intree: $*" >&2; }

# ---------------------------------------------------------------- the ns-3.48 tree
find_tree() {
  local t
  for t in "$cache/tree/ns-$version" "$cache"/debian/ns3-"$version"*/ns-"$version"; do
    if [ -f "$t/VERSION" ] && [ "$(cat "$t/VERSION")" = "$version" ]; then
      echo "$t"
      return 0
    fi
  done
  return 1
}

# From a git clone: every path of the tag except files the clone lacks (a partial clone may
# miss large data files of modules FullTcp does not use; those modules are left out).
unpack_from_git() {
  local git="$1" out="$cache/tree/ns-$version" tag="ns-$version" entry module
  git -C "$git" rev-parse -q --verify "$tag^{tree}" >/dev/null ||
    { say "$git has no tag $tag"; return 1; }
  rm -rf "$out" && mkdir -p "$out"
  for entry in $(git -C "$git" ls-tree --name-only "$tag"); do
    [ "$entry" = src ] && continue
    git -C "$git" archive "$tag" -- "$entry" | tar -x -C "$out"
  done
  for module in $(git -C "$git" ls-tree --name-only "$tag:src"); do
    if ! git -C "$git" archive "$tag" -- "src/$module" 2>/dev/null | tar -x -C "$out"; then
      say "leaving out src/$module: the clone lacks some of its files"
      rm -rf "${out:?}/src/$module"
    fi
  done
}

if ! tree="$(find_tree)"; then
  if ! "$repo/scripts/fetch-debian-source.sh" sid ns3 "$cache/debian" >/dev/null; then
    say "Debian's sid could not serve the ns3 $version source package"
    if [ -n "${FULLTCP_NS3_GIT:-}" ]; then
      say "unpacking tag ns-$version from $FULLTCP_NS3_GIT (in a partial clone git reports" \
          "the large files it lacks as invalid objects; their modules are left out)"
      unpack_from_git "$FULLTCP_NS3_GIT"
    else
      say "set FULLTCP_NS3_GIT to a git clone of ns-3 (https://gitlab.com/nsnam/ns-3-dev.git)"
      exit 1
    fi
  fi
  tree="$(find_tree)" || { say "no ns-$version tree in $cache"; exit 1; }
fi
say "ns-3 tree: $tree"

# ---------------------------------------------------------------- configure and build
"$repo/scripts/install-deps.sh" >&2
ln -sfn "$repo" "$tree/contrib/fulltcp"
cd "$tree"
log="$cache/configure.log"
./ns3 configure --enable-tests --enable-examples --enable-modules=fulltcp 2>&1 | tee "$log"
# ns-3's scanner once read text of our CMakeLists.txt as module names ("The CMakeLists.txt file
# for module ${module was not found", and garbled entries among the modules that cannot be
# built). Real modules may be listed there: point-to-point names mpi, which is not enabled.
misread=0
grep -n 'CMakeLists.txt file for module' "$log" && misread=1
for entry in $(sed -n '/Modules that cannot be built/,/^[[:space:]]*$/p' "$log" | tail -n +2); do
  if [ ! -d "src/$entry" ] && [ ! -d "contrib/$entry" ]; then
    say "'$entry' is listed as a module that cannot be built"
    misread=1
  fi
done
if [ "$misread" -ne 0 ]; then
  say "configure misread contrib/fulltcp/CMakeLists.txt (see $log)"
  exit 1
fi
if ! sed -n '/Modules configured to be built/,/^[[:space:]]*$/p' "$log" | grep -qw fulltcp; then
  say "configure does not build fulltcp (see $log)"
  exit 1
fi
# What `./ns3 build` runs (cmake --build cmake-cache) with our job count, since ./ns3 caps its
# jobs at the cores minus one; and only what FullTcp's tests need: everything under
# contrib/fulltcp (library, TestSuites, GoogleTests, examples) and test.py's test-runner, which
# links every enabled module's tests. ns-3's own examples are configured but not built.
cmake --build cmake-cache -j "$jobs" --target contrib/fulltcp/all test-runner

# ---------------------------------------------------------------- test.py, GoogleTests, examples
suites=$(python3 - "$repo" <<'EOF'
import pathlib, re, sys
names = []
for f in sorted(pathlib.Path(sys.argv[1], "test").glob("fulltcp-*-test-suite.cc")):
    names += re.findall(r'TestSuite\s*\(\s*"([^"]+)"', f.read_text())
print("\n".join(names))
EOF
)
[ -n "$suites" ] || { say "found no TestSuite names in test/"; exit 1; }
failed=()
# As in `make test`: a suite that needs tshark fails without it rather than skipping checks;
# and test.py counts a skipped suite as a success, so a SKIP fails here.
export FULLTCP_REQUIRE_TSHARK=1
for suite in $suites; do
  if ! ./test.py --no-build --fullness=TAKES_FOREVER --suite="$suite" | tee "$cache/suite.log" ||
    grep -q 'SKIP' "$cache/suite.log"; then
    failed+=("test.py -s $suite")
  fi
done

./ns3 run --no-build fulltcp-gtest || failed+=("fulltcp-gtest")

examples=$(python3 - "$repo/test/examples-to-run.py" <<'EOF'
import runpy, sys
for name, do_run, _ in runpy.run_path(sys.argv[1])["cpp_examples"]:
    if do_run == "True":
        print(name)
EOF
)
while IFS= read -r example; do
  say "example: $example"
  ./ns3 run --no-build "$example" >"$cache/example.log" 2>&1 ||
    { cat "$cache/example.log" >&2; failed+=("example $example"); }
done <<<"$examples"

if [ ${#failed[@]} -ne 0 ]; then
  say "FAILED in the ns-$version tree: ${failed[*]}"
  exit 1
fi
say "ns-$version tree: every FullTcp TestSuite, the GoogleTests and every example passed"
