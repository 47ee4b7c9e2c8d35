/*
 * Test: cwnd growth, fast retransmit, Limited Transmit, NewReno, timeout go-back-N
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for congestion control and loss recovery without SACK: initial window (RFC
 * 6928), slow start and congestion avoidance (RFC 5681 §3.1), duplicate ACKs and fast
 * retransmit (RFC 5681 §2, §3.2), Limited Transmit (RFC 3042), NewReno (RFC 6582), the
 * timeout's cwnd of one segment and go-back-N, and the pluggable algorithm.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// Data transfer with room for many segments: send buffer 100 kB, peer window 20000.
class RecoveryTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.sndBufSize = 100000;
        DriveToEstablished();
    }
};

// ------------------------------------------------------------------ windows

TEST_F(RecoveryTest, InitialWindowIsTenSegments)
{
    const std::string data = Text(15000);
    Write(data);
    // RFC 6928: IW = min(10·SMSS, max(2·SMSS, 14600)) = 10000 with SMSS 1000.
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    EXPECT_EQ(out.sent.size(), 10u);
    EXPECT_EQ(Tcb().sndNxt, 1 + 10000);
}

TEST_F(DataTest, InitialWindowIsConfigurable)
{
    cfg.initialCwnd = 4;
    cfg.sndBufSize = 100000;
    DriveToEstablished();
    Write(Text(10000));
    EXPECT_EQ(out.sent.size(), 4u);
}

TEST_F(DataTest, InitialWindowIsOneSegmentAfterALostSyn)
{
    cfg.sndBufSize = 100000;
    DriveToSynSent();
    Advance(cfg.initialRto); // the SYN goes again
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    out.ClearHistory();
    Write(Text(5000));
    // RFC 5681 §3.1: "the initial window ... after a correctly transmitted SYN MUST be one
    // segment".
    EXPECT_EQ(Tcb().cc.cwnd, 1000u);
    EXPECT_EQ(out.sent.size(), 1u);
}

TEST_F(RecoveryTest, SlowStartGrowsByOneSegmentPerAck)
{
    WriteAndSendSegments(10000);
    const std::string more = Text(20000);
    Write(more);
    // RFC 5681 §3.1: cwnd += min(N, SMSS) per ACK, even when the ACK covers two segments.
    Inject(PeerAck(2000));
    EXPECT_EQ(Tcb().cc.cwnd, 11000u);
    EXPECT_EQ(out.sent.size(), 3u); // 2000 acknowledged + 1000 more window
}

TEST_F(RecoveryTest, CongestionAvoidanceGrowsOneSegmentPerWindow)
{
    WriteAndSendSegments(10000);
    // Make cwnd = ssthresh = 4000 through a timeout and three ACKs of slow start.
    Advance(Tcb().rto);
    ASSERT_EQ(Tcb().cc.ssthresh, 5000u); // FlightSize 10000 / 2
    ASSERT_EQ(Tcb().cc.cwnd, 1000u);
    for (uint32_t a = 1000; a <= 4000; a += 1000)
    {
        Inject(PeerAck(a)); // cwnd 2000, 3000, 4000, 5000: slow start up to ssthresh
    }
    ASSERT_EQ(Tcb().cc.cwnd, 5000u);
    // Above ssthresh: one SMSS per cwnd's worth of acknowledged bytes (byte counting).
    for (uint32_t a = 5000; a <= 9000; a += 1000)
    {
        Inject(PeerAck(a));
    }
    EXPECT_EQ(Tcb().cc.cwnd, 6000u);
}

// ------------------------------------------------------------------ fast retransmit

TEST_F(RecoveryTest, ThreeDupAcksTriggerFastRetransmit)
{
    const std::string data = Text(14000);
    Write(data);
    out.ClearHistory(); // [0, 10000) sent
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 10000, 1000)); // cwnd 11000
    EXPECT_SENT(OurData(data, 11000, 1000));
    // [1000, 2000) is lost; each later segment draws a duplicate ACK. Limited Transmit (RFC
    // 3042): the first two release one new segment each.
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 12000, 1000));
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 13000, 1000, H::PSH));
    EXPECT_FALSE(Tcb().inRecovery);
    Inject(PeerAck(1000));
    // The third: fast retransmit of the first unacknowledged segment (RFC 5681 §3.2), no
    // more: ssthresh = FlightSize / 2 = 6500, cwnd = ssthresh + 3·SMSS.
    EXPECT_SENT(OurData(data, 1000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.ssthresh, 6500u);
    EXPECT_EQ(Tcb().cc.cwnd, 9500u);
    EXPECT_EQ(Tcb().recover, 1 + 14000);
    EXPECT_EQ(Tcb().fastRetransmits, 1u);
}

TEST_F(RecoveryTest, DuplicateAcksAreCountedExactlyAsRfc5681Defines)
{
    WriteAndSendSegments(10000);
    Inject(PeerAck(1000));
    // None of these is a duplicate ACK (RFC 5681 §2): data on it (b), a window update (e),
    // a FIN (c).
    Inject(PeerData(0, 10, 1000));
    Inject(PeerAck(1000, 10).Win(kPeerWin + 1000));
    Inject(Flags(H::ACK | H::FIN).Seq(kIrs + 11).Ack(kIss + 1001).Win(kPeerWin + 1000));
    EXPECT_EQ(Tcb().dupAcks, 0u);
    // Two true duplicates and an old ACK (d: not the greatest ACK received): no fast
    // retransmit.
    Inject(PeerAck(1000, 11).Win(kPeerWin + 1000));
    Inject(PeerAck(1000, 11).Win(kPeerWin + 1000));
    Inject(PeerAck(500, 11).Win(kPeerWin + 1000));
    EXPECT_EQ(Tcb().dupAcks, 2u);
    EXPECT_FALSE(Tcb().inRecovery);
}

TEST_F(RecoveryTest, FurtherDupAcksInflateCwndAndReleaseNewData)
{
    const std::string data = Text(20000);
    Write(data);
    out.ClearHistory(); // [0, 10000)
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerAck(0)); // [0, 1000) lost; Limited Transmit sends two new segments
    }
    EXPECT_SENT(OurData(data, 10000, 1000));
    EXPECT_SENT(OurData(data, 11000, 1000));
    EXPECT_SENT(OurData(data, 0, 1000)); // fast retransmit
    // ssthresh = 12000 / 2, cwnd = 6000 + 3000: FlightSize 12000 > cwnd, nothing new yet.
    ASSERT_EQ(Tcb().cc.cwnd, 9000u);
    // RFC 5681 §3.2 step 4: +1 SMSS per duplicate; new data once FlightSize < cwnd.
    for (uint32_t i = 0; i < 3; ++i)
    {
        Inject(PeerAck(0));
        EXPECT_NOTHING_SENT();
    }
    Inject(PeerAck(0)); // cwnd 13000 > FlightSize 12000
    EXPECT_SENT(OurData(data, 12000, 1000));
    EXPECT_EQ(Tcb().cc.cwnd, 13000u);
}

TEST_F(RecoveryTest, PartialAckRetransmitsNextHole)
{
    const std::string data = Text(10000);
    Write(data);
    out.ClearHistory();
    // [0, 1000) and [2000, 3000) are lost.
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerAck(0));
    }
    EXPECT_SENT(OurData(data, 0, 1000));
    ASSERT_EQ(Tcb().cc.cwnd, 5000u + 3000u);
    // The retransmission arrives: ACK 2000 < recover, a partial ACK (RFC 6582 §3.2 step 4).
    // The next hole goes at once, cwnd deflates by the 2000 acknowledged plus one SMSS.
    Inject(PeerAck(2000));
    EXPECT_SENT(OurData(data, 2000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 8000u - 2000u + 1000u);
    // Everything up to the recovery point: recovery ends, cwnd = min(ssthresh,
    // max(FlightSize, SMSS) + SMSS) = 2000 (step 3, option 1).
    Inject(PeerAck(10000));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 2000u);
    EXPECT_EQ(Tcb().cc.ssthresh, 5000u);
}

TEST_F(RecoveryTest, FullAckDeflatesCwndToSsthreshWithDataInFlight)
{
    const std::string data = Text(30000);
    Write(data);
    out.ClearHistory();
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerAck(0));
    }
    for (int i = 0; i < 10; ++i)
    {
        Inject(PeerAck(0)); // inflation releases new data beyond the recovery point
    }
    ASSERT_EQ(Tcb().sndNxt, 1 + 19000);
    Inject(PeerAck(12000)); // covers recover = 12001
    EXPECT_FALSE(Tcb().inRecovery);
    // min(ssthresh, max(FlightSize, SMSS) + SMSS) = min(6000, 7000 + 1000) = ssthresh.
    EXPECT_EQ(Tcb().cc.cwnd, 6000u);
    EXPECT_EQ(Tcb().cc.ssthresh, 6000u);
}

TEST_F(RecoveryTest, RecoveryPointPreventsASecondFastRetransmit)
{
    const std::string data = Text(10000);
    Write(data);
    out.ClearHistory();
    Advance(Tcb().rto); // timeout: recover = SND.NXT
    out.ClearHistory();
    // Duplicate ACKs below the recovery point (e.g. for the timeout's go-back-N copies) do
    // not cause a fast retransmit (RFC 6582 §3.2 step 2).
    for (int i = 0; i < 5; ++i)
    {
        Inject(PeerAck(0));
    }
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().fastRetransmits, 0u);
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------ timeout

TEST_F(RecoveryTest, CwndAfterRtoIsOneSegmentThenGoBackN)
{
    const std::string data = Text(6000);
    Write(data);
    out.ClearHistory();
    Advance(Tcb().rto);
    // RFC 5681 §3.1: ssthresh = max(FlightSize / 2, 2·SMSS) = 3000, cwnd = 1 SMSS: only the
    // first segment goes.
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 1000u);
    EXPECT_EQ(Tcb().cc.ssthresh, 3000u);
    // Its ACK: slow start, cwnd 2000, the next two go again (go-back-N).
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 1000, 1000));
    EXPECT_SENT(OurData(data, 2000, 1000));
    EXPECT_NOTHING_SENT();
    // The receiver had the rest: one ACK covers everything, nothing is sent twice more.
    Inject(PeerAck(6000));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(RecoveryTest, RepeatedTimeoutsHoldSsthresh)
{
    WriteAndSendSegments(8000);
    Advance(Tcb().rto);
    ASSERT_EQ(Tcb().cc.ssthresh, 4000u);
    Advance(Tcb().rto);
    // RFC 5681 §3.1: the segment already went by timeout: ssthresh is held constant.
    EXPECT_EQ(Tcb().cc.ssthresh, 4000u);
    EXPECT_EQ(Tcb().cc.cwnd, 1000u);
}

// ------------------------------------------------------------------ the algorithm

/// A congestion control algorithm for the test: cwnd jumps to 7777 on every ACK.
class MarkerCongestionControl : public FullTcpCongestionControl
{
  public:
    std::string
    GetName() const override
    {
        return "TestMarker";
    }

    void
    OnAck(FullTcpCongestionState& state, uint32_t, const FullTcpCongestionContext&) override
    {
        state.cwnd = 7777;
    }

    uint32_t
    SsThreshAfterLoss(const FullTcpCongestionState&, const FullTcpCongestionContext&) override
    {
        return 1234;
    }
};

FULLTCP_REGISTER_CONGESTION_CONTROL(MarkerCongestionControl, "TestMarker");

TEST_F(DataTest, CongestionControlIsChosenByName)
{
    // One file (a class and a registration line) adds an algorithm; the engine picks it by
    // name without knowing it.
    cfg.congestionControl = "TestMarker";
    cfg.sndBufSize = 100000;
    DriveToEstablished();
    Write(Text(5000));
    Inject(PeerAck(1000));
    EXPECT_EQ(Tcb().cc.cwnd, 7777u);
    Advance(Tcb().rto);
    EXPECT_EQ(Tcb().cc.ssthresh, 1234u);
}

TEST_F(DataTest, UnknownCongestionControlIsAConfigurationError)
{
    // No silent substitute: the connection refuses to open and says which names exist.
    cfg.congestionControl = "NoSuchAlgorithm";
    EXPECT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::UNKNOWN_ALGORITHM);
    EXPECT_EQ(Conn().GetConfigError(),
              "unknown congestion control \"NoSuchAlgorithm\" (known: Cubic, NewReno, "
              "TestFixedRate, TestHooks, TestMarker)");
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Conn().Listen(kLocalPort), FullTcpError::UNKNOWN_ALGORITHM);
    EXPECT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs)), kIss, now),
              FullTcpError::UNKNOWN_ALGORITHM);
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_TRUE(out.transitions.empty());
}

} // namespace
} // namespace fulltcp_test
