/*
 * Test: sender flow control: Nagle, sender SWS, persist probes, window scaling, PSH
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for the sender's flow control: Nagle (RFC 896, RFC 9293 §3.7.4), sender
 * silly-window avoidance (§3.8.6.2.1), zero-window probes and the persist timer (§3.8.6.1),
 * window scaling (RFC 7323 §2), PSH (§3.9.1).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

// ------------------------------------------------------------------ Nagle

TEST_F(DataTest, NagleHoldsASmallSegmentWhileDataIsUnacknowledged)
{
    DriveToEstablished();
    Write("a");
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("a"));
    Write("b");
    Write("c");
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(1)); // the outstanding data is acknowledged: the small data goes
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 2).Ack(kIrs + 1).Data("bc"));
}

TEST_F(DataTest, NagleLetsFullSegmentsGo)
{
    DriveToEstablished();
    Write("a");
    out.ClearHistory();
    const std::string more = Text(2500);
    Write(more);
    // Full-sized segments go at once; the 500-byte tail waits for the ACK.
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 1).Data(more.substr(0, 1000)));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1002).Ack(kIrs + 1).Data(more.substr(1000, 1000)));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(2001));
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 2002).Ack(kIrs + 1).Data(more.substr(2000)));
}

TEST_F(DataTest, NoDelayTurnsNagleOff)
{
    cfg.noDelay = true;
    DriveToEstablished();
    Write("a");
    Write("b");
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("a"));
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 2).Ack(kIrs + 1).Data("b"));
}

// ------------------------------------------------------------------ sender SWS avoidance

TEST_F(DataTest, SenderSwsAvoidanceWaitsForAUsefulWindow)
{
    DriveToEstablished();
    Inject(PeerAck(0).Win(300));
    const std::string data = Text(2000);
    Write(data);
    // 300 bytes: less than a segment, less than all queued data, less than half the largest
    // window seen (20000): not worth sending (RFC 9293 §3.8.6.2.1).
    EXPECT_NOTHING_SENT();
    // With nothing in flight, the persist timer is the override timeout.
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Tcb().rto);
    Inject(PeerAck(0).Win(1000)); // a full segment fits now
    EXPECT_SENT(OurData(data, 0, 1000));
}

TEST_F(DataTest, SwsOverrideTimeoutSendsWhatTheWindowAllows)
{
    DriveToEstablished();
    Inject(PeerAck(0).Win(300));
    const std::string data = Text(2000);
    Write(data);
    Advance(Tcb().rto);
    EXPECT_SENT(OurData(data, 0, 300));
    EXPECT_EQ(Tcb().probesOut, 0u); // not a zero-window probe
}

TEST_F(DataTest, SmallWindowIsUsedWhenAllQueuedDataFits)
{
    DriveToEstablished();
    Inject(PeerAck(0).Win(300));
    Write("short"); // rule (2): all queued data can be sent
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("short"));
}

TEST_F(DataTest, HalfTheLargestWindowIsWorthSending)
{
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).Win(600));
    out.ClearHistory();
    const std::string data = Text(2000);
    Write(data);
    // Rule (3): min(D, U) = 600 >= Fs · Max(SND.WND) = 300.
    EXPECT_SENT(OurData(data, 0, 600));
}

// ------------------------------------------------------------------ zero window

/// Established; 3000 bytes sent and acknowledged with a zero window; 2000 more written.
/// Three retries before giving up.
class ZeroWindowTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.dataRetries = 3;
        DriveToEstablished();
        data = Text(5000);
        CloseWindowWithDataWaiting(data);
    }

    std::string data; //!< what was written
};

TEST_F(ZeroWindowTest, ZeroWindowProbesBackOff)
{
    // RFC 9293 §3.8.6.1: the first probe after one RTO, then exponentially further apart
    // (RFC 1122 §4.2.2.17), each one octet beyond the closed window.
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(1));
    Time interval = Seconds(1);
    for (int i = 0; i < 4; ++i)
    {
        Advance(interval);
        EXPECT_SENT(OurData(data, 3000, 1)) << "probe " << i;
        EXPECT_NOTHING_SENT();
        interval = 2 * interval;
        EXPECT_EQ(out.Timer(T::RETRANSMIT), now + interval);
        Inject(PeerAck(3000).Win(0)); // answered, the window still closed
        EXPECT_NOTHING_SENT();
    }
    EXPECT_EQ(Tcb().dupAcks, 0u); // the answers are not duplicate ACKs
}

TEST_F(DataTest, ZeroWindowProbeWithoutDataIsAnOldEmptySegment)
{
    // Linux tcp_write_wakeup() -> tcp_xmit_probe_skb(): <SEQ=SND.UNA-1><ACK>, no data, with
    // the same backoff; the window that opens lets the data go from SND.UNA
    // (linux-zero-window-probe).
    cfg.zeroWindowProbeData = false;
    DriveToEstablished();
    const std::string data = Text(5000);
    CloseWindowWithDataWaiting(data);
    Advance(Seconds(1));
    EXPECT_SENT(OurAck(0, 2999));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().sndNxt, 1 + 3000); // nothing new went
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(2));
    Inject(PeerAck(3000).Win(0));
    Advance(Seconds(2));
    EXPECT_SENT(OurAck(0, 2999));
    Inject(PeerAck(3000).Win(4000));
    EXPECT_SENT(OurData(data, 3000, 1000));
    EXPECT_FALSE(Tcb().probing);
}

TEST_F(DataTest, PersistTimeoutIsTheFirstZeroWindowProbeInterval)
{
    // ns-3 TcpSocketBase arms its persist timer with PersistTimeout and doubles it.
    cfg.persistTimeout = Seconds(6);
    DriveToEstablished();
    const std::string data = Text(5000);
    CloseWindowWithDataWaiting(data);
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(6));
    Advance(Seconds(6));
    EXPECT_SENT(OurData(data, 3000, 1));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(12));
    Inject(PeerAck(3000).Win(0)); // answered, the window still closed
    Advance(Seconds(12));
    EXPECT_SENT(OurData(data, 3000, 1));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(24));
}

TEST_F(ZeroWindowTest, ZeroWindowProbingNeverGivesUpWhileAnswered)
{
    for (int i = 0; i < 12; ++i)
    {
        Advance(out.Timer(T::RETRANSMIT).value() - now);
        Inject(PeerAck(3000).Win(0));
    }
    EXPECT_EQ(State(), S::ESTABLISHED);                    // MUST-37: "keep the connection open"
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + cfg.maxRto); // the interval is capped
}

TEST_F(ZeroWindowTest, UnansweredZeroWindowProbesTimeOut)
{
    Advance(Seconds(15) - NanoSeconds(1)); // probes at 1, 3 and 7 s
    EXPECT_EQ(out.sent.size(), 3u);
    out.ClearHistory();
    Advance(NanoSeconds(1));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
    EXPECT_NOTHING_SENT();
}

TEST_F(ZeroWindowTest, AWindowThatOpensEndsProbing)
{
    Advance(Seconds(1));
    EXPECT_SENT(OurData(data, 3000, 1));
    Advance(Seconds(2));
    EXPECT_SENT(OurData(data, 3000, 1));
    // The peer takes the probe's octet and opens its window: the rest goes, the backoff
    // ends.
    Inject(PeerAck(3001).Win(4000));
    EXPECT_SENT(OurData(data, 3001, 1000));
    EXPECT_NOTHING_SENT(); // Nagle holds the 999-byte tail until this is acknowledged
    EXPECT_FALSE(Tcb().probing);
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Tcb().rtt.GetRto());
    Inject(PeerAck(4001).Win(4000));
    EXPECT_SENT(OurData(data, 4001, 999, H::PSH));
}

TEST_F(DataTest, RetransmissionIntoAShrunkWindowIsAProbe)
{
    cfg.dataRetries = 2;
    DriveToEstablished();
    const std::string data = Text(3000);
    Write(data);
    out.ClearHistory();
    Inject(PeerAck(0).Win(0)); // the peer takes its window back
    for (int i = 0; i < 5; ++i)
    {
        Advance(out.Timer(T::RETRANSMIT).value() - now);
        EXPECT_SENT(OurData(data, 0, 1)) << "expiry " << i;
        Inject(PeerAck(0).Win(0));
    }
    // More expiries than dataRetries, but every probe was answered.
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(DataTest, QueuedDataAndFinStillGoInClosing)
{
    DriveToEstablished();
    Inject(PeerAck(0).Win(0));
    Write("queued"); // held by the closed window
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Win(0));
    ASSERT_EQ(State(), S::CLOSING); // the peer's FIN came first
    out.ClearHistory();
    // The window opens: the data and our FIN leave from CLOSING (found by the lossy-link
    // test, where this connection used to hang).
    Inject(PeerAck(0, 1).Win(1000));
    EXPECT_SENT(Flags(H::FIN | H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 2).Data("queued"));
}

// ------------------------------------------------------------------ window scale, PSH

TEST_F(DataTest, WindowScaleAppliesToBothDirections)
{
    cfg.windowScaling = true;
    cfg.rcvBufSize = 100000;
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).Ws(3).Win(1000));
    ASSERT_EQ(Tcb().sndWnd, 1000u); // a SYN's window is never scaled (RFC 7323 §2.2)
    out.ClearHistory();
    Inject(PeerAck(0).Win(1000));
    EXPECT_EQ(Tcb().sndWnd, 8000u); // 1000 << 3
    // Our shift is the smallest that covers 100000 bytes: 1.
    Inject(PeerData(0, 1000).Win(1000));
    EXPECT_SENT(OurAck(1000).Win((100000 - 1000) >> 1));
}

TEST_F(DataTest, LinuxDuplicateAckDoesNotShrinkTheSendWindow)
{
    // Linux tcp_may_update_window(): same SEG.SEQ, no new data acknowledged, a smaller
    // window: SND.WND stays (the RFC's SND.WL2 =< SEG.ACK would take it).
    cfg.linuxWindowUpdate = true;
    DriveToEstablished();
    Inject(PeerAck(0)); // SND.WL1 = this segment (the SYN-ACK's is older)
    ASSERT_EQ(Tcb().sndWnd, kPeerWin);
    Inject(PeerAck(0).Win(1000));
    EXPECT_EQ(Tcb().sndWnd, kPeerWin);
    // A larger window from the same segment, or a zero window, is taken.
    Inject(PeerAck(0).Win(kPeerWin + 1000));
    EXPECT_EQ(Tcb().sndWnd, kPeerWin + 1000u);
    Inject(PeerAck(0).Win(0));
    EXPECT_EQ(Tcb().sndWnd, 0u);
}

TEST_F(DataTest, RfcDuplicateAckShrinksTheSendWindow)
{
    DriveToEstablished();
    Inject(PeerAck(0));
    Inject(PeerAck(0).Win(1000));
    EXPECT_EQ(Tcb().sndWnd, 1000u);
}

TEST_F(DataTest, PshMarksTheLastSegmentOfEachWrite)
{
    DriveToSynSent();
    const std::string data = Text(2200);
    ASSERT_EQ(Conn().Send(Payload(data.substr(0, 1500)), now), FullTcpError::OK);
    ASSERT_EQ(Conn().Send(Payload(data.substr(1500)), now), FullTcpError::OK);
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT(OurAck(0));
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_SENT(OurData(data, 1000, 1000, H::PSH)); // carries the end of the first write
    EXPECT_NOTHING_SENT();                          // Nagle holds the 200-byte tail
    Inject(PeerAck(2000));
    EXPECT_SENT(OurData(data, 2000, 200, H::PSH));
}

} // namespace
} // namespace fulltcp_test
