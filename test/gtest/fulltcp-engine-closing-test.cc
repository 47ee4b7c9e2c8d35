/*
 * Test: engine close rules, RFC 9293 §3.6, §3.10.4-5, FIN step, §3.10.8, RFC 2525 §2.17
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for closing a connection: RFC 9293 §3.6, §3.10.4, §3.10.5, §3.10.7.4 (FIN),
 * §3.10.8; RFC 2525 §2.17 (reset on lost data).
 */
#include "fulltcp-engine-fixture.h"

namespace fulltcp_test
{
namespace
{

// ------------------------------------------------------------------ active close

TEST_F(InEstablished, ActiveCloseSendsFinAndEntersFinWait1)
{
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Win(kBuf));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::FIN_WAIT_1, C::APP_CLOSE}}));
    EXPECT_TRUE(out.events.empty());
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + cfg.initialRto); // the FIN is retransmitted
}

TEST_F(InFinWait1, FinWait1AckOfFinEntersFinWait2)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_1, S::FIN_WAIT_2, C::RCV_ACK_OF_FIN}}));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(InFinWait1, FinWait1AckNotCoveringFinStays)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(State(), S::FIN_WAIT_1);
    EXPECT_TRUE(out.transitions.empty());
    EXPECT_TRUE(out.Timer(T::RETRANSMIT));
}

TEST_F(InFinWait2, FinWait2FinEntersTimeWaitAndIsAcknowledged)
{
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2).Win(kBuf));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_2, S::TIME_WAIT, C::RCV_FIN}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::PEER_CLOSED, E::CLOSED}));
    EXPECT_EQ(out.Timer(T::LINGER), now + 2 * cfg.msl); // RFC 9293 §3.6.1: 2·MSL
}

TEST_F(InFinWait1, FinWait1FinAckInOneSegmentGoesDirectlyToTimeWait)
{
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_1, S::TIME_WAIT, C::RCV_FIN_ACK}}));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    EXPECT_EQ(out.events, (std::vector<E> {E::PEER_CLOSED, E::CLOSED}));
}

TEST_F(InFinWait1, FinWait1OutOfOrderFinWithAckOfOurFinGoesToFinWait2Only)
{
    // The peer's FIN lies beyond a gap: not accepted, but its ACK of our FIN is.
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 11).Ack(kIss + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_1, S::FIN_WAIT_2, C::RCV_ACK_OF_FIN}}));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 1)); // a duplicate ACK for the gap
    EXPECT_FALSE(Saw(E::PEER_CLOSED));
}

// ------------------------------------------------------------------ passive close

TEST_F(InEstablished, PassiveCloseFinEntersCloseWaitWithEndOfStream)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data("last words"));
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 11).Ack(kIss + 1));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 11));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 12));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSE_WAIT, C::RCV_FIN}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::DATA_ARRIVED, E::PEER_CLOSED}));
    // End of stream comes after the bytes already queued.
    EXPECT_TRUE(Conn().IsPeerClosed());
    EXPECT_EQ(ReadAll(), "last words");
    EXPECT_EQ(ReadAll(), "");
}

TEST_F(InCloseWait, CloseWaitCloseSendsFinAndEntersLastAck)
{
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::CLOSE_WAIT, S::LAST_ACK, C::APP_CLOSE}}));
}

TEST_F(InLastAck, LastAckAckOfFinCloses)
{
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::LAST_ACK, S::CLOSED, C::RCV_ACK_OF_FIN}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CLOSED}));
    EXPECT_NOTHING_SENT();
    for (uint32_t t = 0; t < FullTcpTimer::Count(); ++t)
    {
        EXPECT_FALSE(out.timers[t]) << FullTcpTimer::At(t);
    }
}

TEST_F(InLastAck, LastAckAckNotCoveringFinStays)
{
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 1));
    EXPECT_EQ(State(), S::LAST_ACK);
    EXPECT_NOTHING_SENT();
}

TEST_F(InLastAck, LastAckRetransmitsFinWhenTheLastAckIsLost)
{
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 2));
    Advance(2 * cfg.initialRto);
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 2));
    EXPECT_EQ(State(), S::LAST_ACK);
}

// ------------------------------------------------------------------ half-close

TEST_F(InEstablished, ShutdownSendSendsFinAfterAllQueuedData)
{
    const std::string data(2500, 'd');
    ASSERT_EQ(Conn().Send(Payload(data), now), FullTcpError::OK);
    // Segmented at the peer's MSS; PSH on the last byte. Nagle (RFC 896) holds the 500-byte
    // tail while the full segments are unacknowledged; the FIN, after which nothing can
    // follow, releases it and rides on it (as Linux).
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Data(data.substr(0, 1000)));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1001).Ack(kIrs + 1).Data(data.substr(1000, 1000)));
    EXPECT_NOTHING_SENT();
    ASSERT_EQ(Conn().ShutdownSend(now), FullTcpError::OK);
    EXPECT_SENT(
        Flags(H::FIN | H::ACK | H::PSH).Seq(kIss + 2001).Ack(kIrs + 1).Data(data.substr(2000)));
    EXPECT_EQ(State(), S::FIN_WAIT_1);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::FIN_WAIT_1, C::APP_SHUTDOWN}}));
}

TEST_F(InEstablished, HalfClosedSideKeepsReceivingUntilThePeerCloses)
{
    ASSERT_EQ(Conn().ShutdownSend(now), FullTcpError::OK);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    ASSERT_EQ(State(), S::FIN_WAIT_2);
    out.ClearHistory();
    for (int i = 0; i < 3; ++i)
    {
        Inject(Flags(H::ACK).Seq(kIrs + 1 + 4 * i).Ack(kIss + 2).Data("more"));
        EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 5 + 4 * i));
        EXPECT_EQ(ReadAll(), "more");
    }
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 13).Ack(kIss + 2));
    EXPECT_EQ(State(), S::TIME_WAIT);
}

TEST_F(InEstablished, FinWait2ThatTheApplicationStillReadsNeverTimesOut)
{
    ASSERT_EQ(Conn().ShutdownSend(now), FullTcpError::OK);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    ASSERT_EQ(State(), S::FIN_WAIT_2);
    EXPECT_FALSE(out.Timer(T::LINGER));
    Advance(100 * cfg.finWait2Timeout);
    EXPECT_EQ(State(), S::FIN_WAIT_2);
}

TEST_F(InCloseWait, CloseWaitMaySendAnyAmountOfDataBeforeClosing)
{
    const std::string data(3 * kPeerMss, 'w');
    ASSERT_EQ(Conn().Send(Payload(data), now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 2).Data(data.substr(0, 1000)));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1001).Ack(kIrs + 2).Data(data.substr(1000, 1000)));
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 2001).Ack(kIrs + 2).Data(data.substr(2000)));
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 3001));
    EXPECT_TRUE(Saw(E::SEND_SPACE));
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 3001).Ack(kIrs + 2));
    EXPECT_EQ(State(), S::LAST_ACK);
}

// ------------------------------------------------------------------ simultaneous close

TEST_F(InFinWait1, SimultaneousCloseGoesThroughClosingToTimeWait)
{
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(State(), S::CLOSING);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    EXPECT_EQ(out.events, (std::vector<E> {E::PEER_CLOSED}));
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_1, S::CLOSING, C::RCV_FIN},
                                        {S::CLOSING, S::TIME_WAIT, C::RCV_ACK_OF_FIN}}));
    EXPECT_EQ(out.Timer(T::LINGER), now + 2 * cfg.msl);
    EXPECT_NOTHING_SENT();
}

TEST_F(InClosing, ClosingRetransmitsFinUntilAcknowledged)
{
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 2));
    EXPECT_EQ(State(), S::CLOSING);
}

// ------------------------------------------------------------------ lost FIN

TEST_F(InFinWait1, FinLostIsRetransmittedWithBackoff)
{
    Time rto = cfg.initialRto;
    for (int i = 0; i < 4; ++i)
    {
        Advance(rto);
        EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 1)) << "retransmission " << i;
        EXPECT_NOTHING_SENT();
        rto = 2 * rto;
    }
}

TEST_F(EngineTest, FinRetriesExhaustedTimesOutWithoutRst)
{
    cfg.dataRetries = 3;
    DriveToFinWait1();
    Advance(Seconds(15) - NanoSeconds(1)); // retransmissions at 1, 3, 7; give-up at 15
    EXPECT_EQ(out.sent.size(), 3u);
    EXPECT_EQ(State(), S::FIN_WAIT_1);
    out.ClearHistory();
    Advance(NanoSeconds(1));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_1, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, RetransmittedFinRidesOnTheLastDataSegment)
{
    DriveToEstablished();
    ASSERT_EQ(Conn().Send(Payload("tail"), now), FullTcpError::OK);
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("tail"));
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 5).Ack(kIrs + 1));
    // Nothing acknowledged: the earliest segment goes again, with the FIN on it.
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::FIN | H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("tail"));
    // The data acknowledged, the FIN alone is retransmitted. That ACK covers a retransmitted
    // segment: no RTT sample, so the backed-off RTO of 2 s stays (RFC 6298 §5, Karn).
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 5));
    Advance(cfg.initialRto);
    EXPECT_NOTHING_SENT();
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 5).Ack(kIrs + 1));
}

// ------------------------------------------------------------------ FIN_WAIT_2 timeout

TEST_F(InFinWait2, OrphanedFinWait2TimesOut)
{
    ASSERT_EQ(out.Timer(T::LINGER), now + cfg.finWait2Timeout);
    Advance(cfg.finWait2Timeout);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_2, S::CLOSED, C::TIMEOUT_FIN_WAIT_2}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
    EXPECT_NOTHING_SENT();
}

TEST_F(InEstablished, CloseAfterShutdownInFinWait2StartsTheFinWait2Timer)
{
    ASSERT_EQ(Conn().ShutdownSend(now), FullTcpError::OK);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    ASSERT_EQ(State(), S::FIN_WAIT_2);
    EXPECT_FALSE(out.Timer(T::LINGER));
    out.ClearHistory();
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_EQ(out.Timer(T::LINGER), now + cfg.finWait2Timeout);
    EXPECT_NOTHING_SENT(); // the FIN went long ago
}

TEST_F(EngineTest, FinWait2TimeoutIsConfigurable)
{
    cfg.finWait2Timeout = Seconds(5);
    DriveToFinWait2();
    EXPECT_EQ(out.Timer(T::LINGER), now + Seconds(5));
    Advance(Seconds(5));
    EXPECT_EQ(State(), S::CLOSED);
}

TEST_F(EngineTest, LinuxFinWait2LastsAtLeastThreeAndAHalfRto)
{
    // Linux tcp_fin_time(): max(tcp_fin_timeout, (rto << 2) - (rto >> 1)).
    cfg.finWait2Timeout = Seconds(1);
    cfg.finWait2RtoFloor = true;
    DriveToFinWait2();
    const Time rto = Conn().GetTcb().rto;
    ASSERT_GT(rto * 4 - rto / 2, Seconds(1));
    EXPECT_EQ(out.Timer(T::LINGER), now + rto * 4 - rto / 2);
}

TEST_F(EngineTest, LinuxFinWait2LongerThanThreeAndAHalfRtoIsKept)
{
    cfg.finWait2Timeout = Seconds(30);
    cfg.finWait2RtoFloor = true;
    DriveToFinWait2();
    EXPECT_EQ(out.Timer(T::LINGER), now + Seconds(30));
}

// ------------------------------------------------------------------ reset on lost data

TEST_F(InEstablished, CloseWithUnreadDataSendsRstAndNoFin)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data("unread"));
    out.ClearHistory();
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::RST | H::ACK).Seq(kIss + 1).Ack(kIrs + 7));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::APP_CLOSE_UNREAD_DATA}}));
    EXPECT_TRUE(out.events.empty());
    EXPECT_FALSE(out.Timer(T::LINGER)); // no TIME_WAIT
}

TEST_F(InEstablished, CloseWaitCloseWithUnreadDataSendsRst)
{
    // The data before the FIN is never read.
    Inject(Flags(H::FIN | H::ACK | H::PSH).Seq(kIrs + 1).Ack(kIss + 1).Data("unread"));
    ASSERT_EQ(State(), S::CLOSE_WAIT);
    out.ClearHistory();
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::RST | H::ACK).Seq(kIss + 1).Ack(kIrs + 8));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::CLOSE_WAIT, S::CLOSED, C::APP_CLOSE_UNREAD_DATA}}));
}

TEST_F(InFinWait2, DataAfterFullCloseDrawsRst)
{
    Inject(Flags(H::ACK | H::PSH).Seq(kIrs + 1).Ack(kIss + 2).Data("nobody reads this"));
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 2)); // <SEQ=SEG.ACK><CTL=RST>
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_2, S::CLOSED, C::RCV_DATA_AFTER_CLOSE}}));
    EXPECT_FALSE(Saw(E::DATA_ARRIVED));
}

TEST_F(InFinWait1, DataAfterFullCloseInFinWait1DrawsRst)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data("late"));
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 1));
    EXPECT_EQ(State(), S::CLOSED);
}

TEST_F(InFinWait2, RetransmittedOldDataAfterCloseIsOnlyAcknowledged)
{
    // Nothing new: a duplicate below RCV.NXT is not "data arriving after close".
    Inject(Flags(H::ACK).Seq(kIrs - 3).Ack(kIss + 2).Data("old"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 1));
    EXPECT_EQ(State(), S::FIN_WAIT_2);
}

TEST_F(EngineTest, CloseWithQueuedDataSendsTheDataThenFin)
{
    DriveToSynSent();
    // The peer opens with a zero window: the data waits.
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Win(0).Mss(kPeerMss));
    out.ClearHistory();
    ASSERT_EQ(Conn().Send(Payload("queued"), now), FullTcpError::OK);
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_NOTHING_SENT(); // neither data nor a FIN overtaking it
    EXPECT_EQ(State(), S::FIN_WAIT_1);
    // The window opens: data first, the FIN on the same segment after it.
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Win(1000));
    EXPECT_SENT(Flags(H::FIN | H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("queued"));
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------ abort

TEST_F(InEstablished, AbortSendsRstAckAndCloses)
{
    ASSERT_EQ(Conn().Abort(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::RST | H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::APP_ABORT}}));
    EXPECT_TRUE(out.events.empty());
}

TEST_F(InSynSent, AbortInSynSentSendsNothing)
{
    ASSERT_EQ(Conn().Abort(now), FullTcpError::OK);
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(InTimeWait, AbortInTimeWaitClosesWithoutRst)
{
    ASSERT_EQ(Conn().Abort(now), FullTcpError::OK);
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_FALSE(out.Timer(T::LINGER));
}

TEST_F(InFinWait1, AbortInFinWait1SendsRstAfterTheFin)
{
    ASSERT_EQ(Conn().Abort(now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::RST | H::ACK).Seq(kIss + 2).Ack(kIrs + 1)); // SND.NXT is past the FIN
}

// ------------------------------------------------------------------ misuse after close

TEST_F(InFinWait1, SendAfterCloseFailsWithClosing)
{
    EXPECT_EQ(Conn().Send(Payload("x"), now), FullTcpError::CLOSING);
    EXPECT_EQ(Conn().Close(now), FullTcpError::CLOSING);
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::FIN_WAIT_1);
}

TEST_F(InCloseWait, TextAfterThePeersFinIsIgnored)
{
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 1).Data("bogus"));
    EXPECT_TRUE(Dropped(D::TEXT_AFTER_FIN));
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    EXPECT_EQ(State(), S::CLOSE_WAIT);
}

// ------------------------------------------------------------------ application re-entry

TEST_F(InEstablished, ApplicationMayCallBackIntoTheConnectionFromItsEvents)
{
    // Events reach the application after the engine has settled: closing from inside the
    // end-of-stream event is an ordinary CLOSE_WAIT → LAST_ACK.
    out.onEvent = [this](FullTcpAppEvent e)
    {
        if (e == E::PEER_CLOSED)
        {
            EXPECT_EQ(State(), S::CLOSE_WAIT);
            EXPECT_EQ(Conn().Close(now), FullTcpError::OK);
        }
    };
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 2));
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSE_WAIT, C::RCV_FIN},
                                        {S::CLOSE_WAIT, S::LAST_ACK, C::APP_CLOSE}}));
}

} // namespace
} // namespace fulltcp_test
