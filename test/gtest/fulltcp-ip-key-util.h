/*
 * Test: short address-key spellings for the demux and port-allocator tests
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Short spellings of address keys for the demux and port-allocator tests.
 */
#ifndef FULLTCP_IP_KEY_UTIL_H
#define FULLTCP_IP_KEY_UTIL_H

#include "ns3/fulltcp-endpoint.h"

namespace ns3
{

/// \return the key of an IPv4 address written as text.
inline FullTcpIpKey
V4(const char* a)
{
    return FullTcpIpKey(Ipv4Address(a));
}

/// \return the key of an IPv6 address written as text.
inline FullTcpIpKey
V6(const char* a)
{
    return FullTcpIpKey(Ipv6Address(a));
}

} // namespace ns3

#endif /* FULLTCP_IP_KEY_UTIL_H */
