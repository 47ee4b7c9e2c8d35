/*
 * Test: FullTcpLinuxRcvWindow, Linux 6.18's receive window arithmetic against the kernel's values
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Every expected value here was read from Linux 6.18.44 under packetdrill (the windows of
 * test/scripts/linux-rcv-window-*.pkt, and TCP_WINDOW_CLAMP after one segment of each size).
 */
#include "ns3/fulltcp-linux-rcv-window.h"

#include <gtest/gtest.h>

namespace
{

using ns3::FullTcpLinuxRcvWindow;
using ns3::MilliSeconds;
using ns3::Time;

/// tcp_rmem = 4096 131072 33554432, opened with \p synMss and established with \p advmss.
FullTcpLinuxRcvWindow
Established(uint32_t synMss, uint32_t advmss)
{
    FullTcpLinuxRcvWindow w;
    w.Configure(131072, 33554432);
    w.Open(synMss);
    w.Established(advmss, 1, Time());
    return w;
}

TEST(LinuxRcvWindow, SynOffersTcpRmem1InWholeSegments)
{
    FullTcpLinuxRcvWindow w;
    w.Configure(131072, 33554432);
    EXPECT_EQ(w.Open(1460), 64240U); // 44 * 1460
    EXPECT_EQ(w.Open(1000), 64240U) << "a retransmitted SYN offers the same window";
    FullTcpLinuxRcvWindow ts;
    ts.Configure(131072, 33554432);
    EXPECT_EQ(ts.Open(1448), 65160U); // SYN-ACK with timestamps: 45 * 1448
}

TEST(LinuxRcvWindow, ShiftCoversTcpRmem2)
{
    FullTcpLinuxRcvWindow w;
    w.Configure(131072, 33554432);
    EXPECT_EQ(w.Shift(), 10);
    w.Configure(131072, 6291456);
    EXPECT_EQ(w.Shift(), 7);
    w.Configure(65536, 65536);
    EXPECT_EQ(w.Shift(), 2) << "net.core.rmem_max (212992) counts too";
}

TEST(LinuxRcvWindow, EstablishedClampsOneSegmentBelowTheFullSpace)
{
    EXPECT_EQ(Established(1460, 1460).WindowClamp(), 64076U); // 65536 - 1460
    const FullTcpLinuxRcvWindow w = Established(1460, 1460);
    EXPECT_EQ(w.RcvSsthresh(), 64076U);
    EXPECT_EQ(w.Select(64240, 10), 64512U) << "63 << 10, the first ACK's window";
}

TEST(LinuxRcvWindow, TruesizeIsALinearSkb)
{
    EXPECT_EQ(FullTcpLinuxRcvWindow::Truesize(600, 40), 1280U);
    EXPECT_EQ(FullTcpLinuxRcvWindow::Truesize(1000, 40), 2304U);
    EXPECT_EQ(FullTcpLinuxRcvWindow::Truesize(1448, 52), 2304U);
}

TEST(LinuxRcvWindow, SegmentSizeSetsTheClampAsTheKernelMeasures)
{
    // TCP_WINDOW_CLAMP on the kernel after one segment of each size (no timestamps).
    const std::pair<uint32_t, uint32_t> measured[] = {
        {536, 64076}, {600, 61440}, {1000, 56832}, {1200, 68096}, {1448, 81920}, {1460, 82944}};
    for (const auto& [len, clamp] : measured)
    {
        FullTcpLinuxRcvWindow w = Established(1460, 1460);
        w.InOrder(len, 40);
        EXPECT_EQ(w.WindowClamp(), clamp) << len << "-byte segment";
    }
}

TEST(LinuxRcvWindow, FullSegmentsGrowRcvSsthreshByTwoSegments)
{
    FullTcpLinuxRcvWindow w;
    w.Configure(131072, 33554432);
    w.Open(1448);
    w.Established(1448, 1, Time());
    const uint32_t expected[] = {67, 70, 73}; // linux-rcv-window-passive.pkt
    int64_t edge = 65160;
    int64_t nxt = 0;
    for (uint32_t field : expected)
    {
        w.InOrder(1448, 52);
        nxt += 1448;
        const uint32_t win = w.Select(edge - nxt, 10);
        EXPECT_EQ(win >> 10, field);
        w.Advertised(win);
        edge = nxt + win;
    }
}

TEST(LinuxRcvWindow, OfferedWindowNeverShrinks)
{
    FullTcpLinuxRcvWindow w = Established(1460, 1460);
    w.Advertised(64240);
    w.InOrder(1000, 40); // the clamp falls to 56832
    EXPECT_EQ(w.Select(63240, 10), 63488U) << "the old edge, rounded up to 1024 (62)";
    EXPECT_FALSE(w.EdgeAdvances(10)) << "56 < 62: Linux waits for the delayed-ACK timer";
}

TEST(LinuxRcvWindow, FullBufferClosesTheWindow)
{
    FullTcpLinuxRcvWindow w = Established(1460, 1460);
    for (int i = 0; i < 60; ++i)
    {
        w.InOrder(1000, 40); // 60 * 2304 > 131072
    }
    EXPECT_EQ(w.Select(0, 10), 0U);
}

TEST(LinuxRcvWindow, ReadingFasterThanTheSpaceGrowsTheBuffer)
{
    FullTcpLinuxRcvWindow w = Established(1460, 1460);
    w.InOrder(1460, 40);
    const uint32_t before = w.RcvBuf();
    w.Read(1460, 1460, 1461, MilliSeconds(10), MilliSeconds(5));
    EXPECT_EQ(w.RcvBuf(), before) << "less than an RTT since the last measurement";
    w.Read(0, 0, 60001, MilliSeconds(10), MilliSeconds(20)); // 60000 bytes read in an RTT
    EXPECT_GT(w.RcvBuf(), before);
    EXPECT_GT(w.WindowClamp(), 82944U);
    FullTcpLinuxRcvWindow capped = Established(1460, 1460);
    capped.Configure(131072, 131072);
    capped.Read(0, 0, 600001, MilliSeconds(10), MilliSeconds(20));
    EXPECT_EQ(capped.RcvBuf(), 131072U) << "never beyond tcp_rmem[2]";
}

} // namespace
