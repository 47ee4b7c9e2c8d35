/*
 * Node: SYN cookie MSS table, 64 s period, Make() and Check() accepting two periods
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-syn-cookie.h"

#include "ns3/fulltcp-isn.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSynCookie");

namespace
{

/// Append a 64-bit value, big-endian. \param out bytes \param n used length \param v value
void
Put64(std::array<uint8_t, 64>& out, size_t& n, uint64_t v)
{
    for (int i = 7; i >= 0; --i)
    {
        out[n++] = static_cast<uint8_t>(v >> (8 * i));
    }
}

} // namespace

const std::array<uint16_t, 8>&
FullTcpSynCookie::MssTable()
{
    // 536 (RFC 9293 default), 1220 (IPv6 minimum MTU), 1300/1400 (tunnels), 1440 (IPv6 on
    // Ethernet), 1460 (IPv4 on Ethernet), 4312 and 8960 (jumbo frames).
    static const std::array<uint16_t, 8> table {536, 1220, 1300, 1400, 1440, 1460, 4312, 8960};
    return table;
}

Time
FullTcpSynCookie::Period()
{
    return Seconds(64);
}

uint32_t
FullTcpSynCookie::Hash(
    uint64_t k0, uint64_t k1, const FullTcpFourTuple& tuple, uint32_t clientIsn, uint32_t t)
{
    std::array<uint8_t, 64> bytes {};
    size_t n = 0;
    Put64(bytes, n, tuple.localAddress.GetHigh());
    Put64(bytes, n, tuple.localAddress.GetLow());
    Put64(bytes, n, tuple.remoteAddress.GetHigh());
    Put64(bytes, n, tuple.remoteAddress.GetLow());
    Put64(bytes,
          n,
          (uint64_t {tuple.localPort} << 48) | (uint64_t {tuple.remotePort} << 32) | clientIsn);
    Put64(bytes, n, (uint64_t {t} << 8) | static_cast<uint8_t>(tuple.localAddress.GetFamily()));
    return static_cast<uint32_t>(FullTcpSipHash24(k0, k1, bytes.data(), n)) & 0xffffff;
}

uint32_t
FullTcpSynCookie::Make(uint64_t k0,
                       uint64_t k1,
                       const FullTcpFourTuple& tuple,
                       uint32_t clientIsn,
                       uint16_t clientMss,
                       Time now)
{
    const auto& table = MssTable();
    uint32_t index = 0;
    for (uint32_t i = 0; i < table.size(); ++i)
    {
        if (table[i] <= clientMss)
        {
            index = i;
        }
    }
    const auto t = static_cast<uint32_t>(now.GetSeconds() / Period().GetSeconds());
    return ((t & 0x1f) << 27) | (index << 24) | Hash(k0, k1, tuple, clientIsn, t);
}

std::optional<uint16_t>
FullTcpSynCookie::Check(uint64_t k0,
                        uint64_t k1,
                        const FullTcpFourTuple& tuple,
                        uint32_t clientIsn,
                        uint32_t cookie,
                        Time now)
{
    const auto current = static_cast<uint32_t>(now.GetSeconds() / Period().GetSeconds());
    for (uint32_t age = 0; age < 2 && age <= current; ++age)
    {
        const uint32_t t = current - age;
        if ((cookie >> 27) == (t & 0x1f)
            && (cookie & 0xffffff) == Hash(k0, k1, tuple, clientIsn, t))
        {
            return MssTable()[(cookie >> 24) & 0x7];
        }
    }
    return std::nullopt;
}

} // namespace ns3
