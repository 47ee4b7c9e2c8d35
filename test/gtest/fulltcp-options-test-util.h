/*
 * Test: shared helpers of the option tests (wire bytes and tcpdump-style text of options)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_OPTIONS_TEST_UTIL_H
#define FULLTCP_OPTIONS_TEST_UTIL_H

#include "ns3/fulltcp-options.h"

#include <sstream>
#include <string>
#include <vector>

namespace fulltcp_options_test
{

/// \return the option bytes on the wire
inline std::vector<uint8_t>
Bytes(const ns3::FullTcpOptions& o)
{
    return std::vector<uint8_t>(o.GetBytes(), o.GetBytes() + o.GetLength());
}

/// \return the options printed as tcpdump prints them
inline std::string
Printed(const ns3::FullTcpOptions& o)
{
    std::ostringstream os;
    o.Print(os);
    return os.str();
}

} // namespace fulltcp_options_test

#endif /* FULLTCP_OPTIONS_TEST_UTIL_H */
