/*
 * Engine: SipHash-2-4 and ISN = 4 µs clock + keyed hash of the 4-tuple
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-isn.h"

#include "ns3/log.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpIsn");

namespace
{

uint64_t
Rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

/// One SipRound on the four state words.
void
SipRound(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3)
{
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
}

/// Append an address's bytes with their length, so that distinct tuples hash distinctly.
void
AppendAddress(std::vector<uint8_t>& out, const Address& a)
{
    uint8_t buf[Address::MAX_SIZE];
    const uint32_t n = a.CopyTo(buf);
    out.push_back(static_cast<uint8_t>(n));
    out.insert(out.end(), buf, buf + n);
}

} // namespace

uint64_t
FullTcpSipHash24(uint64_t k0, uint64_t k1, const uint8_t* data, size_t len)
{
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = k1 ^ 0x7465646279746573ULL;
    const size_t whole = len - len % 8;
    for (size_t i = 0; i < whole; i += 8)
    {
        uint64_t m = 0;
        for (int j = 7; j >= 0; --j)
        {
            m = (m << 8) | data[i + j];
        }
        v3 ^= m;
        SipRound(v0, v1, v2, v3);
        SipRound(v0, v1, v2, v3);
        v0 ^= m;
    }
    uint64_t b = static_cast<uint64_t>(len) << 56;
    for (size_t j = 0; j < len % 8; ++j)
    {
        b |= static_cast<uint64_t>(data[whole + j]) << (8 * j);
    }
    v3 ^= b;
    SipRound(v0, v1, v2, v3);
    SipRound(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    for (int r = 0; r < 4; ++r)
    {
        SipRound(v0, v1, v2, v3);
    }
    return v0 ^ v1 ^ v2 ^ v3;
}

void
FullTcpIsnGenerator::SetKey(uint64_t k0, uint64_t k1)
{
    m_k0 = k0;
    m_k1 = k1;
}

void
FullTcpIsnGenerator::SetClockOffset(uint32_t offset)
{
    m_clockOffset = offset;
}

void
FullTcpIsnGenerator::SetFixed(std::optional<uint32_t> isn)
{
    m_fixed = isn;
}

uint32_t
FullTcpIsnGenerator::Generate(const Address& local,
                              uint16_t localPort,
                              const Address& remote,
                              uint16_t remotePort,
                              Time now) const
{
    if (m_fixed)
    {
        return *m_fixed;
    }
    // RFC 6528 §3: F(localip, localport, remoteip, remoteport, secretkey).
    std::vector<uint8_t> tuple;
    AppendAddress(tuple, local);
    tuple.push_back(static_cast<uint8_t>(localPort >> 8));
    tuple.push_back(static_cast<uint8_t>(localPort & 0xff));
    AppendAddress(tuple, remote);
    tuple.push_back(static_cast<uint8_t>(remotePort >> 8));
    tuple.push_back(static_cast<uint8_t>(remotePort & 0xff));
    const auto f = static_cast<uint32_t>(FullTcpSipHash24(m_k0, m_k1, tuple.data(), tuple.size()));
    // RFC 9293 §3.4.1: M is a timer that increments about every 4 microseconds (mod 2^32).
    const auto m = static_cast<uint32_t>(now.GetMicroSeconds() / 4) + m_clockOffset;
    return m + f;
}

} // namespace ns3
