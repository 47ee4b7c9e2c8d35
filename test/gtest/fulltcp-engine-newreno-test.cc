/*
 * Test: NewReno window arithmetic (RFC 5681 §3.1) and the algorithm registry
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * NewReno's window arithmetic (RFC 5681 §3.1) and the registry of algorithms.
 */
#include "fulltcp-engine-data-fixture.h"

#include "ns3/fulltcp-newreno.h"

namespace fulltcp_test
{
namespace
{

FullTcpCongestionContext
Context(uint32_t flightSize)
{
    FullTcpCongestionContext ctx;
    ctx.now = Seconds(1);
    ctx.smss = 1000;
    ctx.flightSize = flightSize;
    ctx.srtt = MilliSeconds(50);
    ctx.minRtt = MilliSeconds(40);
    return ctx;
}

TEST(NewReno, SlowStartAddsTheSmallerOfAckedBytesAndSmss)
{
    FullTcpNewReno cc;
    FullTcpCongestionState s {2000, 10000};
    cc.OnAck(s, 500, Context(0));
    EXPECT_EQ(s.cwnd, 2500u);
    cc.OnAck(s, 3000, Context(0)); // RFC 5681 equation 2: min(N, SMSS)
    EXPECT_EQ(s.cwnd, 3500u);
}

TEST(NewReno, CongestionAvoidanceAddsOneSmssPerWindowOfAckedBytes)
{
    FullTcpNewReno cc;
    FullTcpCongestionState s {4000, 4000};
    cc.OnAck(s, 1000, Context(0));
    cc.OnAck(s, 1000, Context(0));
    cc.OnAck(s, 1000, Context(0));
    EXPECT_EQ(s.cwnd, 4000u);
    cc.OnAck(s, 1000, Context(0)); // 4000 bytes = cwnd: +1 SMSS
    EXPECT_EQ(s.cwnd, 5000u);
    cc.OnAck(s, 4999, Context(0));
    EXPECT_EQ(s.cwnd, 5000u);
    cc.OnAck(s, 1, Context(0));
    EXPECT_EQ(s.cwnd, 6000u);
}

TEST(NewReno, LossCountStartsAfresh)
{
    FullTcpNewReno cc;
    FullTcpCongestionState s {4000, 4000};
    cc.OnAck(s, 3000, Context(0));
    cc.OnStateChange(s, FullTcpCaState::DISORDER, FullTcpCaState::RECOVERY, Context(0));
    cc.OnAck(s, 1000, Context(0));
    EXPECT_EQ(s.cwnd, 4000u);
}

TEST(NewReno, EveryTimeoutStartsTheCountAfresh)
{
    FullTcpNewReno cc;
    FullTcpCongestionState s {4000, 4000};
    cc.OnAck(s, 3000, Context(0));
    cc.OnStateChange(s, FullTcpCaState::LOSS, FullTcpCaState::LOSS, Context(0));
    cc.OnAck(s, 1000, Context(0));
    EXPECT_EQ(s.cwnd, 4000u);
}

TEST(NewReno, LeavingRecoveryKeepsTheCount)
{
    FullTcpNewReno cc;
    FullTcpCongestionState s {4000, 4000};
    cc.OnAck(s, 3000, Context(0));
    cc.OnStateChange(s, FullTcpCaState::RECOVERY, FullTcpCaState::OPEN, Context(0));
    cc.OnAck(s, 1000, Context(0));
    EXPECT_EQ(s.cwnd, 5000u);
}

TEST(NewReno, SsthreshIsHalfTheFlightSizeAtLeastTwoSegments)
{
    FullTcpNewReno cc;
    const FullTcpCongestionState s {20000, 30000};
    EXPECT_EQ(cc.SsThreshAfterLoss(s, Context(9000)), 4500u); // RFC 5681 equation 4
    EXPECT_EQ(cc.SsThreshAfterLoss(s, Context(3000)), 2000u);
}

TEST(CongestionControlFactory, CreatesRegisteredAlgorithmsByName)
{
    const auto names = FullTcpCongestionControlFactory::Names();
    EXPECT_NE(std::find(names.begin(), names.end(), "NewReno"), names.end());
    const auto cc = FullTcpCongestionControlFactory::Create("NewReno");
    ASSERT_TRUE(cc);
    EXPECT_EQ(cc->GetName(), "NewReno");
    EXPECT_FALSE(FullTcpCongestionControlFactory::Create("NoSuchAlgorithm"));
}

} // namespace
} // namespace fulltcp_test
