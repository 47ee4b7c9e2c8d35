/*
 * Test: RTO computation of RFC 6298 §2, and Linux's (tcp_rtt_estimator(), tcp_set_rto())
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The RTO computation of RFC 6298 §2, and the Linux profile's RtoEstimator "Linux".
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

FullTcpRttEstimator
Estimator()
{
    // Initial 1 s, no floor worth mentioning, 60 s cap, G = 1 ms.
    return FullTcpRttEstimator(Seconds(1), MilliSeconds(1), Seconds(60), MilliSeconds(1));
}

TEST(RttEstimator, InitialRtoBeforeAnySample)
{
    FullTcpRttEstimator e = Estimator();
    EXPECT_FALSE(e.HasSample());
    EXPECT_EQ(e.GetRto(), Seconds(1)); // §2.1
    e.SetInitialRto(Seconds(3));       // §5.7
    EXPECT_EQ(e.GetRto(), Seconds(3));
}

TEST(RttEstimator, FirstSampleSetsSrttAndHalfOfItAsRttvar)
{
    FullTcpRttEstimator e = Estimator();
    e.Sample(MilliSeconds(200));
    // §2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, 4·RTTVAR).
    EXPECT_EQ(e.GetSrtt(), MilliSeconds(200));
    EXPECT_EQ(e.GetRttVar(), MilliSeconds(100));
    EXPECT_EQ(e.GetRto(), MilliSeconds(600));
    e.SetInitialRto(Seconds(3)); // no effect once a sample exists
    EXPECT_EQ(e.GetRto(), MilliSeconds(600));
}

TEST(RttEstimator, LaterSamplesAreSmoothedWithAlphaAndBeta)
{
    FullTcpRttEstimator e = Estimator();
    e.Sample(MilliSeconds(200));
    e.Sample(MilliSeconds(120));
    // §2.3: RTTVAR = 3/4·100 + 1/4·|200 - 120| = 95; SRTT = 7/8·200 + 1/8·120 = 190.
    EXPECT_EQ(e.GetRttVar(), MilliSeconds(95));
    EXPECT_EQ(e.GetSrtt(), MilliSeconds(190));
    EXPECT_EQ(e.GetRto(), MilliSeconds(190 + 4 * 95));
    EXPECT_EQ(e.GetMinRtt(), MilliSeconds(120));
    EXPECT_EQ(e.GetLatestRtt(), MilliSeconds(120));
}

TEST(RttEstimator, ClockGranularityBoundsTheVarianceTerm)
{
    FullTcpRttEstimator e(Seconds(1), MilliSeconds(0), Seconds(60), MilliSeconds(10));
    for (int i = 0; i < 50; ++i)
    {
        e.Sample(MilliSeconds(40)); // RTTVAR decays towards 0
    }
    EXPECT_LT(4 * e.GetRttVar(), MilliSeconds(10));
    EXPECT_EQ(e.GetRto(), e.GetSrtt() + MilliSeconds(10)); // SRTT + G
}

TEST(RttEstimator, RtoHasAFloorAndACap)
{
    FullTcpRttEstimator e(Seconds(1), Seconds(1), Seconds(60), MilliSeconds(1));
    e.Sample(MilliSeconds(10));
    EXPECT_EQ(e.GetRto(), Seconds(1)); // §2.4
    FullTcpRttEstimator c(Seconds(1), Seconds(1), Seconds(60), MilliSeconds(1));
    c.Sample(Seconds(30));
    EXPECT_EQ(c.GetRto(), Seconds(60)); // §2.5: 30 + 4·15 = 90, capped
}

TEST(RttEstimator, NegativeSampleIsIgnored)
{
    FullTcpRttEstimator e = Estimator();
    e.Sample(MilliSeconds(-5));
    EXPECT_FALSE(e.HasSample());
}

/// Linux's estimator with TCP_RTO_MIN 200 ms and HZ = 250 jiffies.
FullTcpRttEstimator
LinuxEstimator()
{
    FullTcpRttEstimator e(Seconds(1), MilliSeconds(200), Seconds(120), MilliSeconds(4));
    e.SetLinux(true);
    return e;
}

TEST(LinuxRttEstimator, FirstSampleGivesSrttPlusMaxOfTwiceItAndRtoMin)
{
    FullTcpRttEstimator e = LinuxEstimator();
    e.Sample(MilliSeconds(10), 1, 1);
    EXPECT_EQ(e.GetRto(), MilliSeconds(212)) << "10 + max(20, 200) ms, in whole 4 ms jiffies";
    FullTcpRttEstimator slow = LinuxEstimator();
    slow.Sample(MilliSeconds(150), 1, 1);
    EXPECT_EQ(slow.GetRto(), MilliSeconds(452)) << "150 + 300 ms: rto = 3 * rtt";
}

TEST(LinuxRttEstimator, SteadySamplesKeepSrttPlusRtoMin)
{
    // linux-rto-estimator.pkt: steady 100 ms samples, one per window of data.
    FullTcpRttEstimator e = LinuxEstimator();
    for (int64_t una = 1; una < 10; ++una)
    {
        e.Sample(MilliSeconds(100), una, una);
    }
    EXPECT_EQ(e.GetRto(), MilliSeconds(300));
    FullTcpRttEstimator rfc(Seconds(1), MilliSeconds(200), Seconds(120), MilliSeconds(4));
    for (int i = 0; i < 9; ++i)
    {
        rfc.Sample(MilliSeconds(100));
    }
    EXPECT_EQ(rfc.GetRto(), MilliSeconds(200)) << "RFC 6298's floor, where Linux keeps 300 ms";
}

TEST(LinuxRttEstimator, SmallerSamplesMoveTheDeviationWithGainOneThirtySecond)
{
    FullTcpRttEstimator e = LinuxEstimator();
    e.Sample(MilliSeconds(400), 1, 1); // mdev 800 ms: RTO 1200 ms
    e.Sample(MilliSeconds(80), 2, 2);
    // SRTT 400 - 320 / 8 = 360. The error 320 exceeds mdev / 4 = 200 by 120, and only an
    // eighth of that is added: mdev 815 (RFC 6298 would move RTTVAR by a quarter of 320).
    EXPECT_EQ(e.GetSrtt(), MilliSeconds(360));
    EXPECT_EQ(e.GetRto(), MilliSeconds(1176)) << "360 + 815 ms, rounded up to 4 ms";
}

} // namespace
} // namespace fulltcp_test
