## -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# Build: FullTcp as an ns-3 module in ns-3 <= 3.35 source trees (waf)
#
# Build description for ns-3 <= 3.35 source trees (waf): put this folder at contrib/fulltcp.
# ns-3 >= 3.36 and out-of-tree builds use CMakeLists.txt. The lists below must name the same
# files as the lists of the same names in CMakeLists.txt: test/check-build-manifests.py (CTest
# "build-manifests") fails when they differ. The GoogleTest sources (CMake's
# FULLTCP_GTEST_SOURCES) are not listed here: when GoogleTest is installed, waf builds
# fulltcp-gtest from test/gtest/*.cc, which the checker keeps equal to CMake's list.
#
# Keep the lists literal (no computed values): the checker reads them without running waf.

# The layers, lowest first (CMakeLists.txt: one library each out of tree; here, as in any ns-3
# tree, one module library of them all; test/check-layers.py keeps the includes pointing down).
FULLTCP_WIRE_SOURCES = [
    'model/wire/fulltcp-fast-open-option.cc',
    'model/wire/fulltcp-options.cc',
    'model/wire/fulltcp-header.cc',
]

FULLTCP_WIRE_HEADERS = [
    'model/wire/fulltcp-fast-open-option.h',
    'model/wire/fulltcp-options.h',
    'model/wire/fulltcp-header.h',
]

FULLTCP_ENGINE_SOURCES = [
    'model/engine/fulltcp-state.cc',
    'model/engine/fulltcp-connection-output.cc',
    'model/engine/fulltcp-segment-io.cc',
    'model/engine/fulltcp-listen-rules.cc',
    'model/engine/fulltcp-rst-rules.cc',
    'model/engine/fulltcp-segment-checks.cc',
    'model/engine/fulltcp-fast-open-cookie.cc',
    'model/engine/fulltcp-isn.cc',
    'model/engine/fulltcp-byte-queue.cc',
    'model/engine/fulltcp-reassembly.cc',
    'model/engine/fulltcp-sack-generator.cc',
    'model/engine/fulltcp-sack-scoreboard.cc',
    'model/engine/fulltcp-rtt-estimator.cc',
    'model/engine/fulltcp-linux-rcv-window.cc',
    'model/engine/congestion/fulltcp-congestion-control.cc',
    'model/engine/congestion/fulltcp-cubic.cc',
    'model/engine/congestion/fulltcp-newreno.cc',
    'model/engine/fulltcp-timer.cc',
    'model/engine/fulltcp-delivery-rate.cc',
    'model/engine/fulltcp-pacer.cc',
    'model/engine/recovery/fulltcp-loss-recovery.cc',
    'model/engine/recovery/fulltcp-newreno-recovery.cc',
    'model/engine/recovery/fulltcp-prr.cc',
    'model/engine/recovery/fulltcp-rack.cc',
    'model/engine/recovery/fulltcp-sack-recovery.cc',
    'model/engine/recovery/fulltcp-undo.cc',
    'model/engine/recovery/fulltcp-frto.cc',
    'model/engine/recovery/fulltcp-tlp.cc',
    'model/engine/fulltcp-tcb.cc',
    'model/engine/fulltcp-connection.cc',
    'model/engine/fulltcp-segment-arrives.cc',
    'model/engine/fulltcp-icmp-arrives.cc',
    'model/engine/fulltcp-transmit.cc',
    'model/engine/fulltcp-timers.cc',
    'model/engine/fulltcp-receive.cc',
    'model/engine/fulltcp-urgent.cc',
    'model/engine/fulltcp-push.cc',
    'model/engine/fulltcp-cork.cc',
    'model/engine/fulltcp-gso.cc',
    'model/engine/fulltcp-cwnd-use.cc',
    'model/engine/fulltcp-ack-processing.cc',
    'model/engine/fulltcp-output.cc',
    'model/engine/fulltcp-probes.cc',
    'model/engine/fulltcp-set-options.cc',
    'model/engine/fulltcp-ecn.cc',
    'model/engine/fulltcp-undo-hooks.cc',
    'model/engine/fulltcp-fast-open-client.cc',
    'model/engine/fulltcp-time-wait-rules.cc',
]

FULLTCP_ENGINE_HEADERS = [
    'model/engine/fulltcp-state.h',
    'model/engine/fulltcp-config.h',
    'model/engine/fulltcp-ecn.h',
    'model/engine/fulltcp-fast-open-client.h',
    'model/engine/fulltcp-linux-rcv-window.h',
    'model/engine/fulltcp-connection-output.h',
    'model/engine/fulltcp-segment-io.h',
    'model/engine/fulltcp-listen-rules.h',
    'model/engine/fulltcp-rst-rules.h',
    'model/engine/fulltcp-segment-checks.h',
    'model/engine/fulltcp-fast-open-cookie.h',
    'model/engine/fulltcp-isn.h',
    'model/engine/fulltcp-byte-queue.h',
    'model/engine/fulltcp-range.h',
    'model/engine/fulltcp-reassembly.h',
    'model/engine/fulltcp-sack-generator.h',
    'model/engine/fulltcp-sack-scoreboard.h',
    'model/engine/fulltcp-rtt-estimator.h',
    'model/engine/congestion/fulltcp-congestion-control.h',
    'model/engine/congestion/fulltcp-cubic.h',
    'model/engine/congestion/fulltcp-newreno.h',
    'model/engine/fulltcp-registry.h',
    'model/engine/fulltcp-timer.h',
    'model/engine/fulltcp-delivery-rate.h',
    'model/engine/fulltcp-pacer.h',
    'model/engine/recovery/fulltcp-loss-recovery.h',
    'model/engine/recovery/fulltcp-newreno-recovery.h',
    'model/engine/recovery/fulltcp-prr.h',
    'model/engine/recovery/fulltcp-rack.h',
    'model/engine/recovery/fulltcp-sack-recovery.h',
    'model/engine/recovery/fulltcp-undo.h',
    'model/engine/recovery/fulltcp-frto.h',
    'model/engine/recovery/fulltcp-tlp.h',
    'model/engine/fulltcp-tcb.h',
    'model/engine/fulltcp-connection.h',
    'model/engine/fulltcp-time-wait-rules.h',
]

FULLTCP_NODE_SOURCES = [
    'model/node/fulltcp-ip-l4-base.cc',
    'model/node/fulltcp-endpoint.cc',
    'model/node/fulltcp-port-allocator.cc',
    'model/node/fulltcp-demux.cc',
    'model/node/fulltcp-time-wait.cc',
    'model/node/fulltcp-listen-backlog.cc',
    'model/node/fulltcp-mib.cc',
    'model/node/fulltcp-l4-protocol.cc',
    'model/node/fulltcp-l4-protocol-tx.cc',
    'model/node/fulltcp-l4-protocol-icmp.cc',
    'model/node/fulltcp-socket.cc',
    'model/node/fulltcp-socket-engine.cc',
    'model/node/fulltcp-socket-listener.cc',
    'model/node/fulltcp-socket-fast-open.cc',
    'model/node/fulltcp-syn-cookie.cc',
    'model/node/fulltcp-fast-open-cache.cc',
    'model/node/fulltcp-error-queue.cc',
    'model/node/fulltcp-socket-error-queue.cc',
    'model/node/fulltcp-socket-fast-open-client.cc',
    'model/node/fulltcp-socket-attributes.cc',
    'model/node/fulltcp-socket-accessors.cc',
    'model/node/fulltcp-socket-options.cc',
    'model/node/fulltcp-socket-factory.cc',
    'model/node/fulltcp-ns3-congestion.cc',
]

FULLTCP_NODE_HEADERS = [
    'model/node/fulltcp-ip-l4-base.h',
    'model/node/fulltcp-endpoint.h',
    'model/node/fulltcp-port-allocator.h',
    'model/node/fulltcp-demux.h',
    'model/node/fulltcp-time-wait.h',
    'model/node/fulltcp-listen-backlog.h',
    'model/node/fulltcp-loss-event.h',
    'model/node/fulltcp-mib.h',
    'model/node/fulltcp-syn-cookie.h',
    'model/node/fulltcp-fast-open-cache.h',
    'model/node/fulltcp-error-queue.h',
    'model/node/fulltcp-l4-protocol.h',
    'model/node/fulltcp-socket.h',
    'model/node/fulltcp-socket-factory.h',
    'model/node/fulltcp-ns3-congestion.h',
]

FULLTCP_HELPER_SOURCES = [
    'helper/fulltcp-helper.cc',
    'helper/fulltcp-snapshot.cc',
    'helper/fulltcp-congestion-log.cc',
    'helper/fulltcp-state-log.cc',
    'helper/fulltcp-internet-stack-helper.cc',
    'helper/fulltcp-segment-record.cc',
    'helper/fulltcp-svg.cc',
    'helper/fulltcp-ladder.cc',
    'helper/fulltcp-ladder-svg.cc',
    'helper/fulltcp-time-sequence.cc',
    'helper/fulltcp-trace-recorder.cc',
    'helper/fulltcp-helper-drawings.cc',
    'helper/fulltcp-profile.cc',
]

FULLTCP_HELPER_HEADERS = [
    'helper/fulltcp-helper.h',
    'helper/fulltcp-snapshot.h',
    'helper/fulltcp-congestion-log.h',
    'helper/fulltcp-state-log.h',
    'helper/fulltcp-internet-stack-helper.h',
    'helper/fulltcp-segment-record.h',
    'helper/fulltcp-svg.h',
    'helper/fulltcp-ladder.h',
    'helper/fulltcp-time-sequence.h',
    'helper/fulltcp-trace-recorder.h',
    'helper/fulltcp-profile.h',
]

FULLTCP_SCRIPT_SOURCES = [
    'script/fulltcp-raw-peer.cc',
    'script/fulltcp-script-lexer.cc',
    'script/fulltcp-script-parser.cc',
    'script/fulltcp-script-matcher.cc',
    'script/fulltcp-script-syscalls.cc',
    'script/fulltcp-script-constants.cc',
    'script/fulltcp-script-sockopts.cc',
    'script/fulltcp-script-msg.cc',
    'script/fulltcp-script-epoll.cc',
    'script/fulltcp-script-files.cc',
    'script/fulltcp-script-runner.cc',
    'script/fulltcp-script-shell.cc',
    'script/fulltcp-script-tcpinfo.cc',
    'script/fulltcp-script-under-test.cc',
    'script/fulltcp-script-icmp.cc',
    'script/fulltcp-script-poll.cc',
]

FULLTCP_SCRIPT_HEADERS = [
    'script/fulltcp-raw-peer.h',
    'script/fulltcp-script.h',
    'script/fulltcp-script-lexer.h',
    'script/fulltcp-script-parser.h',
    'script/fulltcp-script-matcher.h',
    'script/fulltcp-script-syscalls.h',
    'script/fulltcp-script-runner.h',
    'script/fulltcp-script-shell.h',
    'script/fulltcp-script-tcpinfo.h',
    'script/fulltcp-script-under-test.h',
    'script/fulltcp-script-icmp.h',
]

FULLTCP_LAYERS = ['WIRE', 'ENGINE', 'NODE', 'HELPER', 'SCRIPT']

# ns-3 TestSuites; a suite's name is its file name without "-test-suite.cc".
FULLTCP_NS3_TEST_SOURCES = [
    'test/fulltcp-wire-test-suite.cc',
    'test/fulltcp-checksum-test-suite.cc',
    'test/fulltcp-drawings-test-suite.cc',
    'test/fulltcp-socket-test-suite.cc',
    'test/fulltcp-callbacks-test-suite.cc',
    'test/fulltcp-errno-test-suite.cc',
    'test/fulltcp-interop-test-suite.cc',
    'test/fulltcp-drop-in-test-suite.cc',
    'test/fulltcp-lifecycle-test-suite.cc',
    'test/fulltcp-backlog-test-suite.cc',
    'test/fulltcp-scale-test-suite.cc',
    'test/fulltcp-syn-cookies-test-suite.cc',
    'test/fulltcp-icmp-test-suite.cc',
    'test/fulltcp-rx-drops-test-suite.cc',
    'test/fulltcp-bind-device-test-suite.cc',
    'test/fulltcp-traces-test-suite.cc',
    'test/fulltcp-streams-test-suite.cc',
    'test/fulltcp-plumbing-test-suite.cc',
    'test/fulltcp-ns3-congestion-test-suite.cc',
    'test/fulltcp-undo-test-suite.cc',
    'test/fulltcp-loss-recovery-test-suite.cc',
    'test/fulltcp-sockopts-test-suite.cc',
    'test/fulltcp-ecn-test-suite.cc',
    'test/fulltcp-cubic-vs-ns3-test-suite.cc',
    'test/fulltcp-script-parser-test-suite.cc',
]

# Suites that write ns-3 callbacks and events as C++ lambdas, which ns-3 accepts from 3.36 on
# (Callback from a lambda, Simulator::Schedule of a lambda): older trees build the test
# library without them (a warning says so). Every name here is also in the list above.
FULLTCP_NS3_TEST_SOURCES_NEED_336 = [
    'test/fulltcp-drawings-test-suite.cc',
    'test/fulltcp-socket-test-suite.cc',
    'test/fulltcp-callbacks-test-suite.cc',
    'test/fulltcp-errno-test-suite.cc',
    'test/fulltcp-interop-test-suite.cc',
    'test/fulltcp-drop-in-test-suite.cc',
    'test/fulltcp-lifecycle-test-suite.cc',
    'test/fulltcp-backlog-test-suite.cc',
    'test/fulltcp-scale-test-suite.cc',
    'test/fulltcp-syn-cookies-test-suite.cc',
    'test/fulltcp-icmp-test-suite.cc',
    'test/fulltcp-rx-drops-test-suite.cc',
    'test/fulltcp-bind-device-test-suite.cc',
    'test/fulltcp-traces-test-suite.cc',
    'test/fulltcp-plumbing-test-suite.cc',
    'test/fulltcp-ns3-congestion-test-suite.cc',
    'test/fulltcp-loss-recovery-test-suite.cc',
    'test/fulltcp-sockopts-test-suite.cc',
    'test/fulltcp-ecn-test-suite.cc',
    'test/fulltcp-cubic-vs-ns3-test-suite.cc',
]

# ns-3 modules the library needs, and those its tests and examples need besides.
FULLTCP_DEPENDENCIES = ['internet', 'network', 'core']
FULLTCP_TEST_DEPENDENCIES = ['point-to-point', 'csma', 'applications']


def _std_year(flags):
    """The C++ year of the last -std= flag in flags (2017 for -std=c++17), or None."""
    years = {'98': 1998, '03': 2003, '0x': 2011, '11': 2011, '1y': 2014, '14': 2014,
             '1z': 2017, '17': 2017, '2a': 2020, '20': 2020, '2b': 2023, '23': 2023}
    year = None
    for flag in flags:
        if flag.startswith('-std=') and '++' in flag:
            year = years.get(flag.split('++')[-1])
    return year


def configure(conf):
    # FullTcp is C++17. ns-3.35 already defaults to -std=c++17; refuse an older standard
    # chosen with --cxx-standard or CXXFLAGS rather than fail later with obscure errors.
    year = _std_year(conf.env['CXXFLAGS'])
    if year is not None and year < 2017:
        conf.fatal('fulltcp needs C++17 or newer; configure with --cxx-standard=-std=c++17 '
                   '(found %s in CXXFLAGS)' % [f for f in conf.env['CXXFLAGS'] if f.startswith('-std=')][-1])
    conf.msg('fulltcp C++ standard', 'ok (C++17 or newer)')

    # GoogleTest (Debian: libgtest-dev) is optional: without it fulltcp-gtest is not built.
    conf.env['FULLTCP_HAVE_GTEST'] = bool(conf.check_cxx(
        lib=['gtest_main', 'gtest', 'pthread'], uselib_store='FULLTCP_GTEST',
        fragment='#include <gtest/gtest.h>\nTEST(FullTcp, Configure) { EXPECT_EQ(1, 1); }\n',
        msg='Checking for GoogleTest (fulltcp-gtest)', mandatory=False))


def _ns3_version_defines(bld):
    # FULLTCP_NS3_VERSION_MAJOR/MINOR: the ns-3 release being built against, for #if guards.
    # ns3/version-defines.h exists only with --enable-build-version, so the build says it.
    version = str(bld.env['VERSION'] or '')
    parts = version.split('.')
    try:
        major, minor = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        major, minor = 3, 99  # development trees ("3-dev"): newer than any release
    return ['FULLTCP_NS3_VERSION_MAJOR=%d' % major, 'FULLTCP_NS3_VERSION_MINOR=%d' % minor]


def _ns3_version(bld):
    # (major, minor) of the ns-3 tree; development trees count as newer than any release.
    parts = str(bld.env['VERSION'] or '').split('.')
    try:
        return int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        return 3, 99


def build(bld):
    defines = _ns3_version_defines(bld)

    module = bld.create_ns3_module('fulltcp', FULLTCP_DEPENDENCIES)
    module.source = [f for layer in FULLTCP_LAYERS for f in globals()['FULLTCP_%s_SOURCES' % layer]]
    module.defines = list(defines)
    module.export_defines = list(defines)

    headers = bld(features='ns3header')
    headers.module = 'fulltcp'
    headers.source = [f for layer in FULLTCP_LAYERS for f in globals()['FULLTCP_%s_HEADERS' % layer]]

    # The tests need modules the library does not; with --enable-modules they must be named
    # (waf enables only the library's own dependencies by itself). Without --enable-modules
    # every module is in NS3_ENABLED_MODULES.
    enabled = bld.env['NS3_ENABLED_MODULES'] or []
    missing = [m for m in FULLTCP_TEST_DEPENDENCIES if 'ns3-' + m not in enabled]
    if bld.env['ENABLE_TESTS'] and missing:
        from waflib import Logs
        Logs.warn('fulltcp: tests not built; add %s to --enable-modules' % ','.join(missing))
    if bld.env['ENABLE_TESTS'] and not missing:
        module_test = bld.create_ns3_module_test_library('fulltcp')
        sources = list(FULLTCP_NS3_TEST_SOURCES)
        if _ns3_version(bld) < (3, 36):
            from waflib import Logs
            Logs.warn('fulltcp: ns-3 < 3.36 cannot build %d test suites (lambdas as callbacks)'
                      % len(FULLTCP_NS3_TEST_SOURCES_NEED_336))
            sources = [s for s in sources if s not in FULLTCP_NS3_TEST_SOURCES_NEED_336]
        module_test.source = sources
        module_test.use.extend(['ns3-' + m for m in FULLTCP_TEST_DEPENDENCIES])
        # ns-3's "ns3testlib" feature defines NS_TEST_SOURCEDIR; the version defines come
        # from the module's export_defines.

    # GoogleTest unit tests: ./waf --run fulltcp-gtest
    if bld.env['ENABLE_TESTS'] and bld.env['FULLTCP_HAVE_GTEST']:
        gtest = bld.create_ns3_program('fulltcp-gtest', ['fulltcp'])
        gtest.source = bld.path.ant_glob('test/gtest/*.cc')
        gtest.use.append('FULLTCP_GTEST')
        gtest.install_path = None

    if bld.env['ENABLE_EXAMPLES']:
        bld.recurse('examples')

    bld.ns3_python_bindings()
