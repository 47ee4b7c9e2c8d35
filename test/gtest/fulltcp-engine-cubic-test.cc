/*
 * Test: CUBIC (RFC 9438), Linux HyStart and HyStart++ (RFC 9406), one rule per test
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The plug is driven through its interface (FullTcpCongestionState, FullTcpCongestionContext)
 * with ACKs at chosen times; one test runs it inside a connection to show that the name and
 * the HyStart setting reach it.
 */
#include "fulltcp-engine-data-fixture.h"

#include "ns3/fulltcp-cubic.h"

#include <cmath>

namespace fulltcp_test
{
namespace
{

constexpr uint32_t kSmss = 1000;
constexpr uint32_t kInfinite = 0x7fffffff;

/// A CUBIC whose slow start ends as `hystart` names.
std::unique_ptr<FullTcpCubic>
MakeCubic(const std::string& hystart)
{
    auto cc = std::make_unique<FullTcpCubic>();
    FullTcpConfig config;
    config.cubicHystart = hystart;
    EXPECT_EQ(cc->Configure(config), "");
    return cc;
}

/// The context of an ACK at `now` with a fixed RTT; sndUna and sndNxt as given.
FullTcpCongestionContext
Context(Time now, Time rtt, int64_t sndUna = 0, int64_t sndNxt = 0)
{
    FullTcpCongestionContext ctx;
    ctx.now = now;
    ctx.smss = kSmss;
    ctx.srtt = rtt;
    ctx.minRtt = rtt;
    ctx.sndUna = sndUna;
    ctx.sndNxt = sndNxt;
    return ctx;
}

/// One ACK of `acked` bytes with an RTT sample, the window full before it (cwnd-limited).
void
AckBytes(FullTcpCubic& cc,
         FullTcpCongestionState& s,
         uint32_t acked,
         Time now,
         Time rtt,
         int64_t sndUna = 0,
         int64_t sndNxt = 0)
{
    FullTcpCongestionContext ctx = Context(now, rtt, sndUna, sndNxt);
    ctx.bytesInFlight = s.cwnd - acked;
    ctx.flightSize = ctx.bytesInFlight;
    FullTcpAckSample sample;
    sample.acked = acked;
    sample.rtt = rtt;
    cc.OnAckSample(s, sample, ctx);
    cc.OnAck(s, acked, ctx);
}

/// One ACK of SMSS bytes (see AckBytes()).
void
Ack(FullTcpCubic& cc,
    FullTcpCongestionState& s,
    Time now,
    Time rtt,
    int64_t sndUna = 0,
    int64_t sndNxt = 0)
{
    AckBytes(cc, s, kSmss, now, rtt, sndUna, sndNxt);
}

/// Rounds of one window each, acknowledged in SMSS ACKs spread evenly over one RTT, from
/// `start` until `until`. \return the time after the last round
Time
Rounds(FullTcpCubic& cc, FullTcpCongestionState& s, Time start, Time rtt, Time until)
{
    Time t = start;
    while (t < until)
    {
        const uint32_t n = s.cwnd / kSmss;
        for (uint32_t i = 0; i < n; ++i)
        {
            Ack(cc, s, t + rtt * i / n, rtt);
        }
        t += rtt;
    }
    return t;
}

/// A fast retransmit at `now`: ssthresh from CUBIC, cwnd = ssthresh as the recovery leaves
/// it, then back to Open.
void
FastRecovery(FullTcpCubic& cc, FullTcpCongestionState& s, Time now)
{
    const FullTcpCongestionContext ctx = Context(now, MilliSeconds(100));
    s.ssthresh = cc.SsThreshAfterLoss(s, ctx);
    cc.OnStateChange(s, FullTcpCaState::OPEN, FullTcpCaState::RECOVERY, ctx);
    s.cwnd = s.ssthresh;
    cc.OnStateChange(s, FullTcpCaState::RECOVERY, FullTcpCaState::OPEN, ctx);
}

/// RFC 9438 §4.2 Figure 1 in bytes: W_cubic(t) = C·(t − K)^3 + W_max.
double
WCubic(double t, double k, double wMax)
{
    return FullTcpCubic::C * std::pow(t - k, 3) * kSmss + wMax;
}

TEST(Cubic, CubicWindowFollowsRfc9438Equation)
{
    // A loss at cwnd = 100 segments: W_max = 100, cwnd_epoch = 70, K = cbrt(30 / 0.4). The
    // window tracks W_cubic(t) through the concave (t < K) and convex (t > K) regions.
    auto cc = MakeCubic("None");
    FullTcpCongestionState s {100 * kSmss, kInfinite};
    FastRecovery(*cc, s, Seconds(0));
    ASSERT_EQ(s.cwnd, 70 * kSmss);
    const double k = std::cbrt(30 / FullTcpCubic::C);
    const Time rtt = MilliSeconds(200);
    for (Time t = Seconds(0); t < Seconds(8);)
    {
        t = Rounds(*cc, s, t, rtt, t + rtt);
        EXPECT_NEAR(s.cwnd, WCubic(t.GetSeconds(), k, 100 * kSmss), kSmss) << "t = " << t;
    }
    EXPECT_NEAR(cc->GetK(), k, 1e-9);
    EXPECT_GT(s.cwnd, 110 * kSmss); // well into the convex region
}

TEST(Cubic, CubicMultiplicativeDecreaseIsBeta07)
{
    // RFC 9438 §4.6: ssthresh = cwnd·β_cubic, at least 2 segments (Linux
    // bictcp_recalc_ssthresh()).
    auto cc = MakeCubic("Linux");
    const FullTcpCongestionContext ctx = Context(Seconds(1), MilliSeconds(100));
    EXPECT_EQ(cc->SsThreshAfterLoss(FullTcpCongestionState {100000, kInfinite}, ctx), 70000u);
    EXPECT_EQ(cc->SsThreshAfterLoss(FullTcpCongestionState {2500, kInfinite}, ctx), 2000u);
}

TEST(Cubic, CubicFastConvergenceLowersWmax)
{
    // RFC 9438 §4.7: a loss below the previous W_max sets W_max = cwnd·(1 + β)/2; a loss at
    // or above it sets W_max = cwnd.
    auto cc = MakeCubic("None");
    FullTcpCongestionState s {100 * kSmss, kInfinite};
    FastRecovery(*cc, s, Seconds(0));
    EXPECT_DOUBLE_EQ(cc->GetWMax(), 100 * kSmss);
    s.cwnd = 80 * kSmss;
    FastRecovery(*cc, s, Seconds(1));
    EXPECT_DOUBLE_EQ(cc->GetWMax(), 68 * kSmss);
    // The next epoch aims at the lowered W_max: K = cbrt((68 − 56) / 0.4).
    Ack(*cc, s, Seconds(2), MilliSeconds(100));
    EXPECT_NEAR(cc->GetK(), std::cbrt(12 / FullTcpCubic::C), 1e-9);
    s.cwnd = 90 * kSmss;
    FastRecovery(*cc, s, Seconds(3));
    EXPECT_DOUBLE_EQ(cc->GetWMax(), 90 * kSmss);
}

TEST(Cubic, CubicRenoFriendlyRegionWhenWindowSmall)
{
    // RFC 9438 §4.3: with W_max = 10 segments and a 50 ms RTT, W_est outgrows W_cubic and
    // cwnd follows it: α_cubic = 3(1 − β)/(1 + β) segments per window acknowledged until
    // W_est reaches cwnd_prior (10 segments), one segment per window after.
    auto cc = MakeCubic("None");
    FullTcpCongestionState s {10 * kSmss, kInfinite};
    FastRecovery(*cc, s, Seconds(0));
    const double alpha = 3 * (1 - FullTcpCubic::BETA) / (1 + FullTcpCubic::BETA);
    const Time rtt = MilliSeconds(50);
    Time t = Seconds(0);
    for (int round = 0; round < 30; ++round, t += rtt)
    {
        // One window acknowledged in SMSS ACKs (the last one shorter) over one RTT.
        const uint32_t before = s.cwnd;
        for (uint32_t acked = 0; acked < before; acked += kSmss)
        {
            AckBytes(*cc, s, std::min(kSmss, before - acked), t + rtt * acked / before, rtt);
        }
        const double perWindow = before >= 10 * kSmss ? 1.0 : alpha;
        EXPECT_NEAR(s.cwnd - before, perWindow * kSmss, 0.1 * kSmss) << "round " << round;
        EXPECT_GT(s.cwnd, WCubic((t + rtt).GetSeconds(), cc->GetK(), 10 * kSmss))
            << "round " << round;
    }
    EXPECT_GT(s.cwnd, 30 * kSmss);
}

TEST(Cubic, CubicEpochRestartsAfterTimeout)
{
    // RFC 9438 §4.8: after a timeout, the next congestion avoidance starts an epoch with
    // K = 0 and W_max = cwnd_epoch (Linux cubictcp_state(TCP_CA_Loss): bictcp_reset()).
    auto cc = MakeCubic("None");
    FullTcpCongestionState s {100 * kSmss, kInfinite};
    FastRecovery(*cc, s, Seconds(0));
    Ack(*cc, s, Seconds(1), MilliSeconds(100));
    ASSERT_GT(cc->GetK(), 0);
    s.cwnd = 100 * kSmss; // the timeout comes at 100 segments: ssthresh = 70 segments
    const FullTcpCongestionContext ctx = Context(Seconds(2), MilliSeconds(100));
    s.ssthresh = cc->SsThreshAfterLoss(s, ctx);
    cc->OnStateChange(s, FullTcpCaState::OPEN, FullTcpCaState::LOSS, ctx);
    s.cwnd = kSmss; // the engine's cwnd after a timeout (RFC 5681 §3.1)
    EXPECT_FALSE(cc->GetEpochStart());
    EXPECT_DOUBLE_EQ(cc->GetWMax(), 0);
    Time t = Seconds(3);
    while (s.cwnd < s.ssthresh) // slow start: no epoch
    {
        Ack(*cc, s, t, MilliSeconds(100));
        EXPECT_FALSE(cc->GetEpochStart());
        t += MilliSeconds(1);
    }
    ASSERT_EQ(s.ssthresh, 70 * kSmss);
    Ack(*cc, s, t, MilliSeconds(100)); // the first ACK of congestion avoidance
    EXPECT_EQ(cc->GetEpochStart(), t);
    EXPECT_DOUBLE_EQ(cc->GetK(), 0);
}

TEST(Cubic, CubicDoesNotGrowWhenApplicationLimited)
{
    // RFC 9438 §5.8: an application-limited flow does not grow cwnd (Linux
    // tcp_is_cwnd_limited()): half a window in flight in congestion avoidance.
    auto cc = MakeCubic("None");
    FullTcpCongestionState s {20 * kSmss, 10 * kSmss};
    FullTcpCongestionContext ctx = Context(Seconds(1), MilliSeconds(100));
    ctx.bytesInFlight = 10 * kSmss;
    for (int i = 0; i < 100; ++i)
    {
        ctx.now += MilliSeconds(10);
        cc->OnAck(s, kSmss, ctx);
    }
    EXPECT_EQ(s.cwnd, 20 * kSmss);
    EXPECT_FALSE(cc->GetEpochStart());
}

TEST(Cubic, CubicIdlePeriodShiftsTheEpoch)
{
    // RFC 9438 §5.8, Linux cubictcp_cwnd_event(CA_EVENT_TX_START): data leaving with
    // nothing in flight moves the epoch forward by the idle time.
    auto cc = MakeCubic("None");
    FullTcpCongestionState s {20 * kSmss, 10 * kSmss};
    FullTcpCongestionContext ctx = Context(Seconds(1), MilliSeconds(100));
    ctx.flightSize = 5 * kSmss;
    cc->PreTransmit(s, FullTcpTransmission {0, 1000, false}, ctx);
    Ack(*cc, s, Seconds(1), MilliSeconds(100));
    ASSERT_EQ(cc->GetEpochStart(), Seconds(1));
    ctx.now = Seconds(4); // idle for 3 s since the last transmission at 1 s
    ctx.flightSize = 0;
    cc->PreTransmit(s, FullTcpTransmission {1000, 2000, false}, ctx);
    EXPECT_EQ(cc->GetEpochStart(), Seconds(4));
}

TEST(Cubic, HystartExitsOnDelayIncrease)
{
    // Linux hystart_update(), HYSTART_DELAY: after HYSTART_MIN_SAMPLES = 8 samples of a
    // round, its smallest RTT exceeds delay_min + clamp(delay_min / 8, 4 ms, 16 ms).
    auto cc = MakeCubic("Linux");
    FullTcpCongestionState s {20 * kSmss, kInfinite};
    for (int i = 1; i <= 8; ++i) // round 1: delay_min = 100 ms; ACKs 5 ms apart, no train
    {
        Ack(*cc, s, MilliSeconds(5 * i), MilliSeconds(100), 1000 * i, 21000);
    }
    for (int i = 0; i < 8; ++i) // round 2: 120 ms > 100 + 12.5 ms
    {
        Ack(*cc, s, MilliSeconds(200 + 5 * i), MilliSeconds(120), 30000 + 1000 * i, 60000);
    }
    EXPECT_EQ(s.ssthresh, kInfinite);
    const uint32_t cwnd = s.cwnd;
    Ack(*cc, s, MilliSeconds(240), MilliSeconds(120), 38000, 60000);
    EXPECT_EQ(s.ssthresh, cwnd);
}

TEST(Cubic, HystartExitsOnAckTrain)
{
    // Linux hystart_update(), HYSTART_ACK_TRAIN: ACKs at most 2 ms apart from the round's
    // start over more than delay_min / 2.
    auto cc = MakeCubic("Linux");
    FullTcpCongestionState s {20 * kSmss, kInfinite};
    for (int i = 1; i <= 8; ++i)
    {
        Ack(*cc, s, MilliSeconds(5 * i), MilliSeconds(100), 1000 * i, 21000);
    }
    // Round 2 starts at 1 s; ACKs 1 ms apart, RTT unchanged.
    for (int i = 0; i <= 50; ++i)
    {
        Ack(*cc, s, Seconds(1) + MilliSeconds(i), MilliSeconds(100), 30000 + 1000 * i, 200000);
    }
    EXPECT_EQ(s.ssthresh, kInfinite); // 50 ms is not more than delay_min / 2
    const uint32_t cwnd = s.cwnd;
    Ack(*cc, s, Seconds(1) + MilliSeconds(51), MilliSeconds(100), 81000, 200000);
    EXPECT_EQ(s.ssthresh, cwnd);
}

TEST(Cubic, HystartPlusPlusEntersConservativeSlowStart)
{
    // RFC 9406 §4.2: a round's minimum RTT at least lastRoundMinRTT + RttThresh (here
    // 100 ms / 8 = 12.5 ms) after N_RTT_SAMPLE = 8 samples enters CSS: cwnd grows by a
    // quarter (CSS_GROWTH_DIVISOR) and ssthresh stays.
    auto cc = MakeCubic("HyStart++");
    FullTcpCongestionState s {20 * kSmss, kInfinite};
    for (int i = 1; i <= 8; ++i)
    {
        Ack(*cc, s, MilliSeconds(5 * i), MilliSeconds(100), 1000 * i, 21000);
    }
    for (int i = 0; i < 7; ++i)
    {
        Ack(*cc, s, MilliSeconds(200 + 5 * i), MilliSeconds(120), 30000 + 1000 * i, 60000);
    }
    EXPECT_FALSE(cc->InConservativeSlowStart());
    uint32_t cwnd = s.cwnd;
    Ack(*cc, s, MilliSeconds(240), MilliSeconds(120), 37000, 60000);
    EXPECT_TRUE(cc->InConservativeSlowStart());
    EXPECT_EQ(s.cwnd, cwnd + kSmss / 4);
    cwnd = s.cwnd;
    Ack(*cc, s, MilliSeconds(245), MilliSeconds(120), 38000, 60000);
    EXPECT_EQ(s.cwnd, cwnd + kSmss / 4);
    EXPECT_EQ(s.ssthresh, kInfinite);
}

TEST(Cubic, HystartPlusPlusEndsCssAfterCssRounds)
{
    // RFC 9406 §4.2: after CSS_ROUNDS = 5 rounds of CSS, ssthresh = cwnd.
    auto cc = MakeCubic("HyStart++");
    FullTcpCongestionState s {20 * kSmss, kInfinite};
    for (int i = 1; i <= 8; ++i)
    {
        Ack(*cc, s, MilliSeconds(5 * i), MilliSeconds(100), 1000 * i, 21000);
    }
    for (int i = 0; i < 8; ++i)
    {
        Ack(*cc, s, MilliSeconds(200 + 5 * i), MilliSeconds(120), 30000 + 1000 * i, 60000);
    }
    ASSERT_TRUE(cc->InConservativeSlowStart());
    for (int round = 1; round <= 4; ++round) // rounds end at SND.NXT of their start
    {
        Ack(*cc,
            s,
            MilliSeconds(200 + 130 * round),
            MilliSeconds(120),
            60000 * round,
            60000 * (round + 1));
        EXPECT_EQ(s.ssthresh, kInfinite) << "round " << round;
    }
    const uint32_t cwnd = s.cwnd;
    Ack(*cc, s, Seconds(1), MilliSeconds(120), 300000, 360000);
    EXPECT_FALSE(cc->InConservativeSlowStart());
    EXPECT_EQ(s.ssthresh, cwnd);
}

TEST(Cubic, UnknownHystartNameIsAnError)
{
    FullTcpCubic cc;
    FullTcpConfig config;
    config.cubicHystart = "Foo";
    EXPECT_EQ(cc.Configure(config),
              "unknown CUBIC HyStart \"Foo\" (known: Linux, HyStart++, None)");
}

TEST_F(DataTest, CubicIsChosenByNameWithItsHystart)
{
    // The registered name and FullTcpConfig::cubicHystart reach the plug: a timeout after
    // one slow-start ACK sets ssthresh = 0.7·cwnd (NewReno would take FlightSize / 2).
    cfg.congestionControl = "Cubic";
    cfg.cubicHystart = "HyStart++";
    cfg.sndBufSize = 100000;
    DriveToEstablished();
    const auto* cc = dynamic_cast<const FullTcpCubic*>(Conn().GetCongestionControl());
    ASSERT_TRUE(cc);
    EXPECT_EQ(cc->GetHystart(), FullTcpCubic::Hystart::HYSTART_PLUS_PLUS);
    Write(Text(20000));
    Inject(PeerAck(1000));
    EXPECT_EQ(Tcb().cc.cwnd, 11000u);
    Advance(Tcb().rto);
    EXPECT_EQ(Tcb().cc.ssthresh, 7700u);
}

/// Linux HyStart in a connection without timestamps.
class HystartConnectionTest : public DataTest
{
  protected:
    /// A handshake of 200 ms (delay_min); 30000 bytes written; the first 10 segments
    /// acknowledged after 200 ms,
    /// cwnd 20; then, 240 ms later, nine ACKs of 2000 bytes 1 ms apart, each an RTT sample of
    /// about 240 ms when every ACK is timed. \param sendTimes ackRttFromSendTimes
    void
    RoundWithLongerRtts(bool sendTimes)
    {
        cfg.congestionControl = "Cubic";
        cfg.cubicHystart = "Linux";
        cfg.ackRttFromSendTimes = sendTimes;
        cfg.cwndValidation = true; // cwnd grows while the round used it, as in Linux
        cfg.sndBufSize = 100000;
        DriveToSynSent();
        now += MilliSeconds(200); // the handshake's RTT: delay_min 200 ms
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
        Write(Text(30000));
        now += MilliSeconds(200);
        Inject(PeerAck(10000).Win(30000));
        ASSERT_EQ(Tcb().cc.cwnd, 20000u);
        now += MilliSeconds(240);
        for (uint32_t acked = 12000; acked <= 28000; acked += 2000)
        {
            Inject(PeerAck(acked).Win(30000));
            now += MilliSeconds(1);
        }
    }
};

TEST_F(HystartConnectionTest, HystartTimesEveryAckFromTheSendTimes)
{
    // Linux tcp_clean_rtx_queue(): ca_rtt_us from the newest acknowledged skb's send time,
    // on every ACK. The ninth sample of the round (hystart_update(), HYSTART_MIN_SAMPLES)
    // is 240 ms > 200 ms + clamp(25 ms, 4, 16): slow start ends at cwnd 36
    // (cubic/cubic-hystart-delay-rtt-jumps-upward.pkt, linux-cubic-hystart-delay).
    RoundWithLongerRtts(true);
    EXPECT_EQ(Tcb().cc.ssthresh, 36000u);
}

TEST_F(HystartConnectionTest, WithoutSendTimesHystartSeesOneTimedSegmentPerRtt)
{
    // RFC 6298 §3 times one segment at a time: the round gives HyStart one sample only.
    RoundWithLongerRtts(false);
    EXPECT_EQ(Tcb().cc.ssthresh, kInfinite);
}

TEST_F(DataTest, UnknownCubicHystartIsAConfigurationError)
{
    cfg.congestionControl = "Cubic";
    cfg.cubicHystart = "Foo";
    EXPECT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::UNKNOWN_ALGORITHM);
    EXPECT_EQ(Conn().GetConfigError(),
              "unknown CUBIC HyStart \"Foo\" (known: Linux, HyStart++, None)");
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_NOTHING_SENT();
}

} // namespace
} // namespace fulltcp_test
