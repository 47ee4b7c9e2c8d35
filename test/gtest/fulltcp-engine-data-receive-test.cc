/*
 * Test: receive rules: reassembly, Table 6 acceptability, delayed/quick ACKs, receive window
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for receiving data: in-order delivery and reassembly (RFC 9293 §3.10.7.4
 * seventh step), the acceptability of segments (Table 6), the ACK policy (RFC 9293 §3.8.6.3,
 * RFC 5681 §4.2: delayed, quick and immediate ACKs) and the receive window (§3.8.6.2.2).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

// ------------------------------------------------------------------ byte stream

TEST_F(DataTest, OutOfOrderTextIsHeldAndDeliveredWhenTheGapFills)
{
    DriveToEstablished();
    Inject(PeerData(1000, 1000));
    EXPECT_SENT(OurAck(0)); // a duplicate ACK at once
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    EXPECT_FALSE(Saw(E::DATA_ARRIVED));
    EXPECT_EQ(Tcb().reassembly.Size(), 1000u);
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurAck(2000)); // the gap is filled: both segments acknowledged at once
    EXPECT_EQ(out.events, (std::vector<E> {E::DATA_ARRIVED}));
    EXPECT_EQ(ReadAll(), Text(2000));
    EXPECT_TRUE(Tcb().reassembly.Empty());
}

TEST_F(DataTest, OverlappingAndDuplicateSegmentsAreDeliveredOnce)
{
    DriveToEstablished();
    Inject(PeerData(300, 400));  // [300, 700)
    Inject(PeerData(500, 400));  // [500, 900) overlaps
    Inject(PeerData(300, 400));  // exact duplicate
    Inject(PeerData(1000, 100)); // [1000, 1100), another gap before it
    Inject(PeerData(0, 350));    // [0, 350) straddles the held data
    EXPECT_EQ(Tcb().rcvNxt, 1 + 900);
    Inject(PeerData(850, 250)); // [850, 1100) fills the last gap
    EXPECT_EQ(Tcb().rcvNxt, 1 + 1100);
    EXPECT_EQ(ReadAll(), Text(1100));
    EXPECT_TRUE(Tcb().reassembly.Empty());
}

TEST_F(DataTest, SegmentStraddlingRcvNxtDeliversOnlyTheNewPart)
{
    DriveToEstablished();
    Inject(PeerData(0, 600));
    Inject(PeerData(400, 600)); // "only the new parts are processed"
    EXPECT_EQ(ReadAll(), Text(1000));
}

TEST_F(DataTest, TextBeyondTheWindowIsLeftForRetransmission)
{
    DriveToEstablished();
    Inject(PeerData(7500, 1000)); // [7500, 8500): the window ends at 8000
    EXPECT_EQ(Tcb().reassembly.Size(), 500u);
    Inject(PeerData(0, 7500));
    EXPECT_EQ(Tcb().rcvNxt, 1 + 8000);
    EXPECT_EQ(ReadAll(), Text(8000));
}

TEST_F(DataTest, LastDataAndFinInOneSegmentReachTheApplicationInOrder)
{
    DriveToEstablished();
    // The application reads on DATA_ARRIVED, from inside the callback; the end of stream
    // must not overtake that read.
    std::vector<std::string> seen;
    out.onEvent = [&](FullTcpAppEvent e)
    {
        if (e == E::DATA_ARRIVED)
        {
            seen.push_back("data");
            seen.push_back("read " + Bytes(Conn().Receive(UINT32_MAX, now)));
        }
        if (e == E::PEER_CLOSED)
        {
            seen.push_back("eof");
        }
    };
    Inject(Flags(H::FIN | H::ACK | H::PSH).Seq(kIrs + 1).Ack(kIss + 1).Data("last"));
    EXPECT_EQ(seen, (std::vector<std::string> {"data", "read last", "eof"}));
    EXPECT_EQ(out.events, (std::vector<E> {E::DATA_ARRIVED, E::PEER_CLOSED}));
}

TEST_F(DataTest, OutOfOrderFinCountsOnceTheGapFills)
{
    DriveToEstablished();
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1 + 500).Ack(kIss + 1).Data(Text(500, 500)));
    EXPECT_SENT(OurAck(0));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_FALSE(Saw(E::PEER_CLOSED));
    Inject(PeerData(0, 500));
    // Data and FIN acknowledged together: ACK = the FIN's sequence number + 1.
    EXPECT_SENT(OurAck(1001));
    EXPECT_EQ(State(), S::CLOSE_WAIT);
    EXPECT_EQ(out.events, (std::vector<E> {E::DATA_ARRIVED, E::PEER_CLOSED}));
    EXPECT_EQ(ReadAll(), Text(1000));
}

// ------------------------------------------------------------------ ACK policy

TEST_F(DataTest, DelayedAckEverySecondFullSegment)
{
    cfg.quickAcks = 0; // no quick-ACK mode: the delayed-ACK rule from the first segment
    DriveToEstablished();
    Inject(PeerData(0, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.Timer(T::DELAYED_ACK), now + cfg.delayedAckTimeout);
    Inject(PeerData(1000, 1000));
    EXPECT_SENT(OurAck(2000).Win(kBuf - 2000));
    EXPECT_FALSE(out.Timer(T::DELAYED_ACK));
    Inject(PeerData(2000, 1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerData(3000, 1000));
    EXPECT_SENT(OurAck(4000));
}

TEST_F(DataTest, DelAckCountSetsHowManyFullSegmentsWaitForAnAck)
{
    // ns-3's DelAckCount: an ACK for every third full-sized segment here.
    cfg.quickAcks = 0;
    cfg.delAckCount = 3;
    DriveToEstablished();
    Inject(PeerData(0, 1000));
    Inject(PeerData(1000, 1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerData(2000, 1000));
    EXPECT_SENT(OurAck(3000));
    EXPECT_NOTHING_SENT();
}

TEST_F(DataTest, DelAckCountOneAcknowledgesEverySegment)
{
    cfg.quickAcks = 0;
    cfg.delAckCount = 1;
    DriveToEstablished();
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurAck(1000));
    Inject(PeerData(1000, 1000));
    EXPECT_SENT(OurAck(2000));
}

TEST_F(DataTest, DelayedAckIsSentWhenTheTimerExpires)
{
    cfg.quickAcks = 0;
    DriveToEstablished();
    Inject(PeerData(0, 100));
    Advance(cfg.delayedAckTimeout - MilliSeconds(1));
    EXPECT_NOTHING_SENT();
    Advance(MilliSeconds(1));
    EXPECT_SENT(OurAck(100));
    EXPECT_EQ(out.sent.size(), 0u);
}

TEST_F(DataTest, DelayedAckTimerIsNotPushedBackByLaterSegments)
{
    cfg.quickAcks = 0;
    DriveToEstablished();
    Inject(PeerData(0, 100));
    const Time due = now + cfg.delayedAckTimeout;
    Advance(MilliSeconds(150));
    Inject(PeerData(100, 100)); // small segments: not two full-sized ones yet
    EXPECT_EQ(out.Timer(T::DELAYED_ACK), due);
    Advance(MilliSeconds(50));
    EXPECT_SENT(OurAck(200));
}

TEST_F(DataTest, DelayedAckTimeoutZeroAcknowledgesEverySegment)
{
    cfg.quickAcks = 0;
    cfg.delayedAckTimeout = Seconds(0);
    DriveToEstablished();
    Inject(PeerData(0, 100));
    EXPECT_SENT(OurAck(100));
    Inject(PeerData(100, 100));
    EXPECT_SENT(OurAck(200));
}

TEST_F(DataTest, QuickAcksAtConnectionStartAcknowledgeEverySegment)
{
    DriveToEstablished();
    // RCV.WND / (2 · 1000) = 4 quick ACKs (Linux tcp_incr_quickack()), then delayed ACKs.
    for (uint32_t i = 0; i < 4; ++i)
    {
        Inject(PeerData(1000 * i, 1000));
        EXPECT_SENT(OurAck(1000 * (i + 1))) << "segment " << i;
    }
    Inject(PeerData(4000, 1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerData(5000, 1000));
    EXPECT_SENT(OurAck(6000));
}

TEST_F(DataTest, QuickAcksAreAtMostTheConfiguredCount)
{
    cfg.quickAcks = 1;
    DriveToEstablished();
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurAck(1000));
    Inject(PeerData(1000, 1000));
    EXPECT_NOTHING_SENT();
}

TEST_F(DataTest, OutOfOrderSegmentIsAcknowledgedAtOnce)
{
    cfg.quickAcks = 0;
    DriveToEstablished();
    Inject(PeerData(0, 100));
    EXPECT_NOTHING_SENT();
    Inject(PeerData(500, 100)); // RFC 5681 §4.2: out of order, a duplicate ACK at once
    EXPECT_SENT(OurAck(100));
    EXPECT_FALSE(out.Timer(T::DELAYED_ACK)); // the ACK sent covers the delayed one
}

TEST_F(DataTest, SegmentFillingAHoleIsAcknowledgedAtOnce)
{
    cfg.quickAcks = 0;
    DriveToEstablished();
    Inject(PeerData(200, 100));
    EXPECT_SENT(OurAck(0));
    Inject(PeerData(0, 100)); // fills part of the gap
    EXPECT_SENT(OurAck(100));
    Inject(PeerData(100, 100)); // fills the rest
    EXPECT_SENT(OurAck(300));
}

TEST_F(DataTest, FinIsAcknowledgedAtOnce)
{
    cfg.quickAcks = 0;
    DriveToEstablished();
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data(Text(100)));
    EXPECT_SENT(OurAck(101));
    EXPECT_EQ(State(), S::CLOSE_WAIT);
}

TEST_F(DataTest, DataWePiggybacksTheDelayedAck)
{
    cfg.quickAcks = 0;
    DriveToEstablished();
    Inject(PeerData(0, 100));
    EXPECT_NOTHING_SENT();
    Write("reply");
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 101).Data("reply"));
    EXPECT_FALSE(out.Timer(T::DELAYED_ACK));
    Advance(cfg.delayedAckTimeout);
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------ acceptability

TEST_F(DataTest, EmptySegmentOutsideTheWindowDrawsRateLimitedAcks)
{
    DriveToEstablished();
    // Zero length, SEG.SEQ left of RCV.NXT: not acceptable (Table 6). The replies are
    // throttled as Linux tcp_oow_rate_limited() throttles them.
    Inject(Flags(H::ACK).Seq(kIrs).Ack(kIss + 1));
    EXPECT_SENT(OurAck(0));
    Inject(Flags(H::ACK).Seq(kIrs).Ack(kIss + 1));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.drops, (std::vector<D> {D::SEQ_NOT_ACCEPTABLE, D::SEQ_NOT_ACCEPTABLE}));
    Advance(cfg.challengeAckInterval);
    Inject(Flags(H::ACK).Seq(kIrs).Ack(kIss + 1));
    EXPECT_SENT(OurAck(0));
}

TEST_F(DataTest, DuplicateDataIsAlwaysAnswered)
{
    DriveToEstablished();
    Inject(PeerData(0, 100));
    EXPECT_SENT(OurAck(100));
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerData(0, 100)); // a retransmission: the peer needs our ACK every time
        EXPECT_SENT(OurAck(100)) << "duplicate " << i;
    }
    EXPECT_EQ(ReadAll(), Text(100));
}

TEST_F(DataTest, ZeroWindowAcceptsOnlyAnEmptySegmentAtRcvNxt)
{
    DriveToEstablished();
    for (uint32_t i = 0; i < kBuf / 1000; ++i)
    {
        Inject(PeerData(1000 * i, 1000));
    }
    out.ClearHistory();
    ASSERT_EQ(Conn().GetRxAvailable(), kBuf);
    // RCV.WND = 0: zero length at RCV.NXT is acceptable (its ACK field is processed) ...
    Inject(PeerAck(0, kBuf).Win(3000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().sndWnd, 3000u);
    // ... a segment with data is not, even at RCV.NXT: ACK with the zero window.
    Inject(PeerData(kBuf, 10));
    EXPECT_SENT(OurAck(kBuf).Win(0));
    EXPECT_EQ(out.drops, (std::vector<D> {D::SEQ_NOT_ACCEPTABLE}));
}

// ------------------------------------------------------------------ receive window

TEST_F(DataTest, ReceiverSwsAvoidanceKeepsASmallWindowClosed)
{
    cfg.mss = 1000;
    DriveToEstablished();
    for (uint32_t i = 0; i < kBuf / 1000; ++i)
    {
        Inject(PeerData(1000 * i, 1000));
    }
    out.ClearHistory();
    // §3.8.6.2.2: the window opens only by min(RCV.BUFF / 2, MSS) = 1000 at a time.
    EXPECT_EQ(Conn().Receive(999, now)->GetSize(), 999u);
    EXPECT_NOTHING_SENT();
    Inject(PeerData(kBuf, 1)); // a probe: answered with the still-closed window
    EXPECT_SENT(OurAck(kBuf).Win(0));
    EXPECT_EQ(Conn().Receive(1, now)->GetSize(), 1u);
    EXPECT_SENT(OurAck(kBuf).Win(1000));
}

TEST_F(DataTest, WindowAfterTheFinStaysTheFreeBuffer)
{
    DriveToEstablished();
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data(Text(100)));
    // The FIN takes no buffer space: the window is the buffer minus the 100 unread bytes.
    EXPECT_SENT(OurAck(101).Win(kBuf - 100));
}

} // namespace
} // namespace fulltcp_test
