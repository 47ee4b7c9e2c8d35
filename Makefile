# FullTcp quick start: `make demo` runs the flagship example, `make test` runs every test.
# Both install what is missing first (scripts/install-deps.sh, Debian 12).

BUILD      ?= build
ASAN_BUILD ?= build-asan
MPI_BUILD  ?= build-mpi
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=
CTEST_ARGS ?=

.PHONY: all deps build demo test test-asan test-mpi test-intree test-kernel public-suite bench install \
        clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The flagship example (fulltcp-handshake): outputs go to the folder it prints at the end.
demo: build
	$(BUILD)/examples/fulltcp-handshake

# Every test (GoogleTest, ns-3 TestSuites, tshark checks, the fuzzer's short run) via CTest.
test: build
	cd $(BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS) $(CTEST_ARGS)

# The same tests once more with AddressSanitizer + UndefinedBehaviorSanitizer on our code.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DFULLTCP_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure --no-tests=error -j $(JOBS) -LE kernel $(CTEST_ARGS)

# ns-3's distributed engine (doc/distributed.rst). Debian's libns3-dev has no mpi module, so
# scripts/build-ns3-mpi.sh builds ns-3 3.37 with it from Debian's source package into a cache
# outside the repository (~3 min once on 2 cores; then reused); FullTcp and fulltcp-distributed are
# built against it, and the example runs sequentially and on 2 ranks (mpirun -np 2).
test-mpi: deps
	prefix=$$(scripts/build-ns3-mpi.sh) && \
	  cmake -S . -B $(MPI_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFULLTCP_REQUIRE_MPI=ON \
	        -Dns3_DIR=$$prefix/lib/cmake/ns3 $(CMAKE_ARGS)
	cmake --build $(MPI_BUILD) -j $(JOBS) --target fulltcp-distributed
	cd $(MPI_BUILD) && ctest --output-on-failure --no-tests=error -R '^distributed\.' $(CTEST_ARGS)

# FullTcp as contrib/fulltcp of an ns-3.48 source tree, as most ns-3 users have it: configure
# with tests and examples, build, ./test.py for every FullTcp suite, the GoogleTests and the
# examples (scripts/test-intree.sh). The tree (Debian sid's ns3 3.48 source package, through a
# private apt configuration; or FULLTCP_NS3_GIT's tag ns-3.48) and its build are cached outside
# the repository (README, "Using FullTcp inside an ns-3 source tree").
test-intree: deps
	scripts/test-intree.sh

# Every test/scripts/linux-*.pkt against the real Linux kernel with Google's packetdrill
# (scripts/test-kernel.sh): root, one network namespace per script. packetdrill is not part of
# the project: PACKETDRILL=path, else ../shared/tools/packetdrill. `make test` runs them too
# (CTest label kernel, skipped outside CI without root or packetdrill); here a missing
# precondition fails (CI=true).
test-kernel: build
	cd $(BUILD) && CI=true ctest --output-on-failure --no-tests=error -j $(JOBS) -L kernel \
	  $(CTEST_ARGS)

# Google packetdrill's public TCP suite (gtests/net/tcp, ~160 scripts, not part of the project:
# `git clone https://github.com/google/packetdrill`) on the real kernel (root: one network
# namespace per script) and on FullTcp's Linux profile; writes the table into doc/scripts.rst
# (scripts/public-suite.py). PUBLIC_SUITE_ARGS: e.g. --allow-cubic, --timeout=S, --no-kernel.
PACKETDRILL_SUITE ?=
PUBLIC_SUITE_ARGS ?=
public-suite: build
	@test -n "$(PACKETDRILL_SUITE)" || \
	  { echo "make public-suite PACKETDRILL_SUITE=/path/to/packetdrill" >&2; exit 1; }
	scripts/public-suite.py --fulltcp $(BUILD)/examples/fulltcp-script $(PUBLIC_SUITE_ARGS) \
	  $(PACKETDRILL_SUITE)

# The benchmark (issue 8): every scenario of examples/fulltcp-bench.cc on FullTcp and on ns-3's
# TCP, one table (doc/performance.rst). valgrind counts instructions where perf cannot (VMs).
# BENCH_ARGS=--quick for a few-minute run; --time-limit=S caps each run.
BENCH_ARGS ?=
bench: build
	@scripts/install-deps.sh valgrind
	bench/compare --build $(BUILD) $(BENCH_ARGS)

# Install into PREFIX (default /usr/local): headers under include/ns3, the library, ns3-fulltcp.pc.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(MPI_BUILD)
