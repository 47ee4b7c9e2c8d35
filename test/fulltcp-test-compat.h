// Test-case durations under one name for every ns-3 FullTcp builds with (3.35 to 3.48)
/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns-3.42 made TestCase's duration a scoped enum and renamed it (TestCase::TestDuration ->
 * TestCase::Duration), and dropped the unscoped names TestCase::QUICK and TestSuite::UNIT.
 * The suites write FullTcpTestDuration::QUICK and TestSuite::Type::UNIT: both compile on the
 * old plain enums (C++11 allows an enum's name before its enumerators) and on the new ones.
 */
#ifndef FULLTCP_TEST_COMPAT_H
#define FULLTCP_TEST_COMPAT_H

#include "ns3/test.h"

namespace ns3
{

#if FULLTCP_NS3_VERSION_MAJOR == 3 && FULLTCP_NS3_VERSION_MINOR < 42
using FullTcpTestDuration = TestCase::TestDuration; ///< the name before ns-3.42
#else
using FullTcpTestDuration = TestCase::Duration; ///< the name since ns-3.42
#endif

} // namespace ns3

#endif // FULLTCP_TEST_COMPAT_H
