/*
 * Node: FullTcpIpKey conversion to and from ns-3 addresses, comparison and printing
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-endpoint.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpEndpoint");

namespace
{

/// \return the 8 bytes at p as a big-endian word
uint64_t
LoadBigEndian64(const uint8_t* p)
{
    uint64_t w = 0;
    for (int i = 0; i < 8; ++i)
    {
        w = (w << 8) | p[i];
    }
    return w;
}

/// Store w big-endian at p.
void
StoreBigEndian64(uint64_t w, uint8_t* p)
{
    for (int i = 7; i >= 0; --i)
    {
        p[i] = static_cast<uint8_t>(w & 0xff);
        w >>= 8;
    }
}

} // namespace

FullTcpIpKey::FullTcpIpKey(Ipv4Address address) : m_low(address.Get()), m_family(Family::IPV4) {}

FullTcpIpKey::FullTcpIpKey(Ipv6Address address) : m_family(Family::IPV6)
{
    uint8_t bytes[16];
    address.GetBytes(bytes);
    m_high = LoadBigEndian64(bytes);
    m_low = LoadBigEndian64(bytes + 8);
}

std::optional<FullTcpIpKey>
FullTcpIpKey::FromAddress(const Address& address)
{
    if (Ipv4Address::IsMatchingType(address))
    {
        return FullTcpIpKey(Ipv4Address::ConvertFrom(address));
    }
    if (Ipv6Address::IsMatchingType(address))
    {
        return FullTcpIpKey(Ipv6Address::ConvertFrom(address));
    }
    return std::nullopt;
}

FullTcpIpKey
FullTcpIpKey::GetAny(Family family)
{
    // All address bits zero in either family; built directly, since Lookup() calls this
    // for every segment that misses the connection table.
    FullTcpIpKey any;
    any.m_family = family;
    return any;
}

Address
FullTcpIpKey::ToAddress() const
{
    if (m_family == Family::IPV4)
    {
        return Ipv4Address(static_cast<uint32_t>(m_low));
    }
    uint8_t bytes[16];
    StoreBigEndian64(m_high, bytes);
    StoreBigEndian64(m_low, bytes + 8);
    return Ipv6Address(bytes);
}

Address
FullTcpIpKey::ToSocketAddress(uint16_t port) const
{
    if (m_family == Family::IPV4)
    {
        return InetSocketAddress(Ipv4Address(static_cast<uint32_t>(m_low)), port);
    }
    return Inet6SocketAddress(Ipv6Address::ConvertFrom(ToAddress()), port);
}

FullTcpIpKey::Family
FullTcpIpKey::GetFamily() const
{
    return m_family;
}

bool
FullTcpIpKey::IsAny() const
{
    return m_high == 0 && m_low == 0;
}

uint64_t
FullTcpIpKey::GetHigh() const
{
    return m_high;
}

uint64_t
FullTcpIpKey::GetLow() const
{
    return m_low;
}

bool
FullTcpIpKey::operator==(const FullTcpIpKey& other) const
{
    return m_low == other.m_low && m_high == other.m_high && m_family == other.m_family;
}

bool
FullTcpIpKey::operator!=(const FullTcpIpKey& other) const
{
    return !(*this == other);
}

bool
FullTcpLocalEndpoint::operator==(const FullTcpLocalEndpoint& other) const
{
    return port == other.port && address == other.address;
}

FullTcpLocalEndpoint
FullTcpFourTuple::GetLocal() const
{
    return {localAddress, localPort};
}

bool
FullTcpFourTuple::operator==(const FullTcpFourTuple& other) const
{
    return localPort == other.localPort && remotePort == other.remotePort
        && localAddress == other.localAddress && remoteAddress == other.remoteAddress;
}

std::ostream&
operator<<(std::ostream& os, const FullTcpIpKey& key)
{
    if (key.GetFamily() == FullTcpIpKey::Family::IPV4)
    {
        return os << Ipv4Address::ConvertFrom(key.ToAddress());
    }
    return os << Ipv6Address::ConvertFrom(key.ToAddress());
}

std::ostream&
operator<<(std::ostream& os, const FullTcpLocalEndpoint& endpoint)
{
    if (endpoint.address.GetFamily() == FullTcpIpKey::Family::IPV6)
    {
        return os << '[' << endpoint.address << "]:" << endpoint.port;
    }
    return os << endpoint.address << ':' << endpoint.port;
}

std::ostream&
operator<<(std::ostream& os, const FullTcpFourTuple& tuple)
{
    return os << tuple.GetLocal() << " -> "
              << FullTcpLocalEndpoint {tuple.remoteAddress, tuple.remotePort};
}

} // namespace ns3
