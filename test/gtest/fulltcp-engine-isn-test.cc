/*
 * Test: RFC 6528 ISN generation and SipHash-2-4 reference vectors
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Initial sequence numbers per RFC 6528 (RFC 9293 §3.4.1) and the SipHash-2-4 behind them.
 */
#include "ns3/fulltcp-isn.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <gtest/gtest.h>

#include <vector>

namespace
{

using namespace ns3;

const Address kLocal = Ipv4Address("10.0.0.1");
const Address kRemote = Ipv4Address("10.0.0.2");

FullTcpIsnGenerator
Keyed(uint64_t k0, uint64_t k1)
{
    FullTcpIsnGenerator g;
    g.SetKey(k0, k1);
    return g;
}

TEST(Isn, SipHash24MatchesTheReferenceVectors)
{
    // Aumasson & Bernstein, "SipHash: a fast short-input PRF", Appendix A / vectors.h:
    // key 00 01 .. 0f, messages 00 01 .. (len-1).
    const uint64_t k0 = 0x0706050403020100ULL;
    const uint64_t k1 = 0x0f0e0d0c0b0a0908ULL;
    std::vector<uint8_t> msg;
    for (uint8_t i = 0; i < 15; ++i)
    {
        msg.push_back(i);
    }
    EXPECT_EQ(FullTcpSipHash24(k0, k1, msg.data(), 0), 0x726fdb47dd0e0e31ULL);
    EXPECT_EQ(FullTcpSipHash24(k0, k1, msg.data(), 8), 0x93f5f5799a932462ULL);
    EXPECT_EQ(FullTcpSipHash24(k0, k1, msg.data(), 15), 0xa129ca6149be45e5ULL);
}

TEST(Isn, IsnDependsOnTheFourTuple)
{
    const FullTcpIsnGenerator g = Keyed(1, 2);
    const Time t = Seconds(1);
    const uint32_t base = g.Generate(kLocal, 49152, kRemote, 80, t);
    EXPECT_NE(base, g.Generate(kLocal, 49153, kRemote, 80, t));
    EXPECT_NE(base, g.Generate(kLocal, 49152, kRemote, 81, t));
    EXPECT_NE(base, g.Generate(kLocal, 49152, Ipv4Address("10.0.0.3"), 80, t));
    EXPECT_NE(base, g.Generate(Ipv4Address("10.0.0.9"), 49152, kRemote, 80, t));
    EXPECT_NE(base, g.Generate(kRemote, 49152, kLocal, 80, t)); // direction matters
    EXPECT_EQ(base, g.Generate(kLocal, 49152, kRemote, 80, t));
}

TEST(Isn, IsnAdvancesWithTheFourMicrosecondClock)
{
    const FullTcpIsnGenerator g = Keyed(3, 4);
    const uint32_t a = g.Generate(kLocal, 1, kRemote, 2, Seconds(5));
    const uint32_t b = g.Generate(kLocal, 1, kRemote, 2, Seconds(5) + MicroSeconds(4000));
    EXPECT_EQ(b - a, 1000u);
    const uint32_t c = g.Generate(kLocal, 1, kRemote, 2, Seconds(5) + MicroSeconds(3));
    EXPECT_EQ(c, a); // the clock ticks every 4 µs
}

TEST(Isn, IsnIsReproducibleFromKeyAndClockOffset)
{
    FullTcpIsnGenerator a = Keyed(11, 12);
    FullTcpIsnGenerator b = Keyed(11, 12);
    FullTcpIsnGenerator other = Keyed(11, 13);
    const Time t = Seconds(2);
    EXPECT_EQ(a.Generate(kLocal, 1, kRemote, 2, t), b.Generate(kLocal, 1, kRemote, 2, t));
    EXPECT_NE(a.Generate(kLocal, 1, kRemote, 2, t), other.Generate(kLocal, 1, kRemote, 2, t));
    const uint32_t before = a.Generate(kLocal, 1, kRemote, 2, t);
    a.SetClockOffset(12345);
    EXPECT_EQ(a.Generate(kLocal, 1, kRemote, 2, t) - before, 12345u);
}

TEST(Isn, Ipv6TuplesHashToo)
{
    const FullTcpIsnGenerator g = Keyed(5, 6);
    const Address l6 = Ipv6Address("2001:db8::1");
    const Address r6 = Ipv6Address("2001:db8::2");
    EXPECT_NE(g.Generate(l6, 1, r6, 2, Seconds(0)), g.Generate(l6, 1, r6, 3, Seconds(0)));
}

TEST(Isn, FixedIsnModeReturnsTheConstantForTeaching)
{
    FullTcpIsnGenerator g = Keyed(7, 8);
    g.SetFixed(0);
    EXPECT_EQ(g.Generate(kLocal, 1, kRemote, 2, Seconds(3)), 0u);
    EXPECT_EQ(g.Generate(kRemote, 9, kLocal, 8, Seconds(99)), 0u);
    g.SetFixed(std::nullopt);
    EXPECT_NE(g.Generate(kLocal, 1, kRemote, 2, Seconds(3)),
              g.Generate(kLocal, 1, kRemote, 3, Seconds(3)));
}

} // namespace
