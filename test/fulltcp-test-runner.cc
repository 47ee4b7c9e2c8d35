/*
 * Test: out-of-tree main() running FullTcp's ns-3 TestSuites through TestRunner
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Runs FullTcp's ns-3 TestSuites out of tree (Debian ships no test-runner); in an ns-3
 * source tree, ns-3's own test-runner/test.py runs the same suites.
 */
#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
