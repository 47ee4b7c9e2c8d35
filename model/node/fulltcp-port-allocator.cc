/*
 * Node: port holders, inet_csk_bind_conflict() rules, SipHash offset of RFC 6056 Algorithm 3
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-port-allocator.h"

#include "ns3/fulltcp-isn.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpPortAllocator");

namespace
{

/// Append an address's family and 16 bytes (IPv4 zero-padded) at p; return the next position.
uint8_t*
PutAddress(uint8_t* p, const FullTcpIpKey& a)
{
    *p++ = static_cast<uint8_t>(a.GetFamily());
    for (uint64_t w : {a.GetHigh(), a.GetLow()})
    {
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            *p++ = static_cast<uint8_t>(w >> shift);
        }
    }
    return p;
}

/// \return the index of a holder kind in LocalHolders::byUse
size_t
UseIndex(FullTcpPortUse use)
{
    return static_cast<size_t>(use);
}

} // namespace

Socket::SocketErrno
FullTcpPortAllocator::SetEphemeralRange(uint16_t first, uint16_t last)
{
    // Port 0 is reserved (RFC 6335 §6): it means "any port" in a bind, never a real port.
    if (first == 0 || first > last)
    {
        return Socket::ERROR_INVAL;
    }
    m_first = first;
    m_last = last;
    return Socket::ERROR_NOTERROR;
}

uint16_t
FullTcpPortAllocator::GetEphemeralFirst() const
{
    return m_first;
}

uint16_t
FullTcpPortAllocator::GetEphemeralLast() const
{
    return m_last;
}

void
FullTcpPortAllocator::SetSelectionSecret(uint64_t k0, uint64_t k1, uint32_t nextEphemeral)
{
    m_k0 = k0;
    m_k1 = k1;
    m_nextEphemeral = nextEphemeral;
}

bool
FullTcpPortAllocator::CanBind(const FullTcpIpKey& address, uint16_t port) const
{
    if (port == 0)
    {
        return false;
    }
    const auto holders = m_ports.find(PortKey(address.GetFamily(), port));
    if (holders == m_ports.end())
    {
        return true;
    }
    // Linux inet_csk_bind_conflict() without SO_REUSEADDR: the addresses overlap when one of
    // them is the wildcard or both are equal. Every holder counts, connections included.
    if (address.IsAny() || holders->second.wildcard > 0)
    {
        return false;
    }
    return m_locals.find(FullTcpLocalEndpoint {address, port}) == m_locals.end();
}

FullTcpPortResult
FullTcpPortAllocator::SelectBindPort(const FullTcpIpKey& address)
{
    // No peer is known at bind time: F() gets the wildcard remote address and port 0.
    const uint32_t offset = Offset(address, FullTcpIpKey::GetAny(address.GetFamily()), 0);
    for (uint32_t count = GetRangeSize(); count > 0; --count)
    {
        const uint16_t port = NextCandidate(offset);
        if (CanBind(address, port))
        {
            return {Socket::ERROR_NOTERROR, port};
        }
    }
    // Linux's bind() with port 0 reports an exhausted range as EADDRINUSE.
    return {Socket::ERROR_ADDRINUSE, 0};
}

void
FullTcpPortAllocator::Acquire(const FullTcpIpKey& address, uint16_t port, FullTcpPortUse use)
{
    PortHolders& holders = m_ports[PortKey(address.GetFamily(), port)];
    ++holders.total;
    holders.wildcard += address.IsAny() ? 1 : 0;
    holders.notAuto += use == FullTcpPortUse::AUTO ? 0 : 1;
    ++m_locals[FullTcpLocalEndpoint {address, port}].byUse[UseIndex(use)];
}

bool
FullTcpPortAllocator::Release(const FullTcpIpKey& address, uint16_t port, FullTcpPortUse use)
{
    const auto local = m_locals.find(FullTcpLocalEndpoint {address, port});
    if (local == m_locals.end() || local->second.byUse[UseIndex(use)] == 0)
    {
        return false;
    }
    uint32_t(&byUse)[3] = local->second.byUse;
    --byUse[UseIndex(use)];
    if (byUse[0] == 0 && byUse[1] == 0 && byUse[2] == 0)
    {
        m_locals.erase(local);
    }
    const auto holders = m_ports.find(PortKey(address.GetFamily(), port));
    --holders->second.total;
    holders->second.wildcard -= address.IsAny() ? 1 : 0;
    holders->second.notAuto -= use == FullTcpPortUse::AUTO ? 0 : 1;
    if (holders->second.total == 0)
    {
        m_ports.erase(holders);
    }
    return true;
}

uint32_t
FullTcpPortAllocator::GetHolders(const FullTcpIpKey& address,
                                 uint16_t port,
                                 FullTcpPortUse use) const
{
    const auto local = m_locals.find(FullTcpLocalEndpoint {address, port});
    return local == m_locals.end() ? 0 : local->second.byUse[UseIndex(use)];
}

uint32_t
FullTcpPortAllocator::PortKey(FullTcpIpKey::Family family, uint16_t port)
{
    return (static_cast<uint32_t>(family) << 16) | port;
}

uint32_t
FullTcpPortAllocator::Offset(const FullTcpIpKey& local,
                             const FullTcpIpKey& remote,
                             uint16_t remotePort) const
{
    // RFC 6056 §3.3.3: offset = F(local_IP, remote_IP, remote_port, secret_key), F a keyed
    // cryptographic hash; SipHash-2-4, as for the ISN (RFC 6528) and in Linux.
    uint8_t input[2 * 17 + 2];
    uint8_t* p = PutAddress(input, local);
    p = PutAddress(p, remote);
    *p++ = static_cast<uint8_t>(remotePort >> 8);
    *p++ = static_cast<uint8_t>(remotePort & 0xff);
    return static_cast<uint32_t>(FullTcpSipHash24(m_k0, m_k1, input, p - input));
}

uint16_t
FullTcpPortAllocator::NextCandidate(uint32_t offset)
{
    // port = min_ephemeral + (next_ephemeral + offset) % num_ephemeral; next_ephemeral++.
    // Each term is reduced first so that the sum cannot wrap around 2^32.
    const uint32_t size = GetRangeSize();
    const uint32_t index = (m_nextEphemeral % size + offset % size) % size;
    ++m_nextEphemeral;
    return static_cast<uint16_t>(m_first + index);
}

uint32_t
FullTcpPortAllocator::GetRangeSize() const
{
    return static_cast<uint32_t>(m_last) - m_first + 1;
}

bool
FullTcpPortAllocator::IsShareable(FullTcpIpKey::Family family, uint16_t port) const
{
    const auto holders = m_ports.find(PortKey(family, port));
    return holders == m_ports.end() || holders->second.notAuto == 0;
}

} // namespace ns3
