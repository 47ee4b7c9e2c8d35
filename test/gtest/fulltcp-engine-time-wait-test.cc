/*
 * Test: engine TIME_WAIT rules, RFC 9293 §3.6.1/§3.10.7.4, RFC 1122, RFC 1337, RFC 6191
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for TIME_WAIT: RFC 9293 §3.6.1 and §3.10.7.4, RFC 1122 §4.2.2.13, RFC 1337,
 * RFC 6191.
 */
#include "fulltcp-engine-fixture.h"

namespace fulltcp_test
{
namespace
{

TEST_F(InTimeWait, TimeWaitLastsTwoMslThenCloses)
{
    Advance(2 * cfg.msl - NanoSeconds(1));
    EXPECT_EQ(State(), S::TIME_WAIT);
    Advance(NanoSeconds(1));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::TIME_WAIT, S::CLOSED, C::TIMEOUT_2MSL}}));
    EXPECT_TRUE(out.events.empty()); // CLOSED was reported on entering TIME_WAIT
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, MslIsConfigurable)
{
    cfg.msl = Seconds(30);
    DriveToTimeWait();
    EXPECT_EQ(out.Timer(T::LINGER), now + Seconds(60));
}

TEST_F(EngineTest, MslZeroSkipsTimeWait)
{
    cfg.msl = Seconds(0);
    DriveToFinWait2();
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_2, S::TIME_WAIT, C::RCV_FIN},
                                        {S::TIME_WAIT, S::CLOSED, C::TIMEOUT_2MSL}}));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)); // the FIN is still acknowledged
    EXPECT_FALSE(out.Timer(T::LINGER));
}

TEST_F(InTimeWait, TimeWaitReAcksRetransmittedFinAndRestarts2Msl)
{
    Advance(Seconds(100));
    Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2).Win(kBuf));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.Timer(T::LINGER), now + 2 * cfg.msl);
    EXPECT_EQ(State(), S::TIME_WAIT);
}

TEST_F(InTimeWait, TimeWaitReAcksEveryRetransmittedFin)
{
    // Not rate-limited: the peer in LAST_ACK needs each one.
    for (int i = 0; i < 3; ++i)
    {
        Advance(MilliSeconds(10));
        Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
        EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)) << "FIN " << i;
    }
}

TEST_F(InTimeWait, TimeWaitRetransmittedFinWithDataIsReAcked)
{
    // The peer's last data segment carried its FIN; the whole segment comes again.
    Inject(Flags(H::FIN | H::ACK | H::PSH).Seq(kIrs - 4).Ack(kIss + 2).Data("data"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    EXPECT_EQ(out.Timer(T::LINGER), now + 2 * cfg.msl);
}

TEST_F(InTimeWait, TimeWaitRstClosesItByDefault)
{
    Inject(Flags(H::RST).Seq(kIrs + 2));
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::TIME_WAIT, S::CLOSED, C::RCV_RST}}));
    EXPECT_TRUE(out.events.empty());
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, TimeWaitRstIsIgnoredWithRfc1337)
{
    cfg.rfc1337 = true;
    DriveToTimeWait();
    Inject(Flags(H::RST).Seq(kIrs + 2));
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_TRUE(Dropped(D::RST_IGNORED_RFC1337));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(out.Timer(T::LINGER));
}

TEST_F(InTimeWait, TimeWaitInWindowRstNotExactDrawsChallengeAck)
{
    Inject(Flags(H::RST).Seq(kIrs + 50));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    EXPECT_EQ(State(), S::TIME_WAIT);
}

TEST_F(InTimeWait, TimeWaitNewSynWithHigherSeqReopensThroughListener)
{
    Inject(Flags(H::SYN).Seq(kIrs + 100000).Mss(kPeerMss));
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::TIME_WAIT, S::CLOSED, C::RCV_SYN}}));
    ASSERT_EQ(out.requests.size(), 1u);
    EXPECT_EQ(out.requests[0].syn.GetSequenceNumber(), kIrs + 100000);
    // The new incarnation's ISS lies beyond everything the old one sent (old SND.NXT =
    // ISS + 2, plus 65537 as Linux).
    ASSERT_TRUE(out.requests[0].reuseIss);
    EXPECT_EQ(*out.requests[0].reuseIss, kIss + 2 + 65537);
    EXPECT_NOTHING_SENT(); // the listener's child answers
    EXPECT_TRUE(out.events.empty());
}

TEST_F(InTimeWait, TimeWaitNewSynWithoutListenerStillEndsTimeWait)
{
    // RFC profile: TIME_WAIT gives way; the glue, finding no listener, answers a RST.
    out.hasListener = false;
    Inject(Flags(H::SYN).Seq(kIrs + 100000).Mss(kPeerMss));
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.requests.size(), 1u);
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, TimeWaitNewSynWithoutListenerGetsTheTimeWaitAck)
{
    // Linux tcp_v4_rcv() (linux-timewait-syn-no-listener): TCP_TW_SYN finds no listener and
    // falls through to TCP_TW_ACK; TIME_WAIT and its timer go on.
    cfg.timeWaitSynNoListenerAck = true;
    DriveToTimeWait();
    out.hasListener = false;
    const Time expiry = *out.Timer(T::LINGER);
    Inject(Flags(H::SYN).Seq(kIrs + 100000).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_TRUE(out.requests.empty());
    EXPECT_TRUE(Dropped(D::NO_LISTENER_FOR_SYN));
    EXPECT_EQ(out.Timer(T::LINGER), expiry);
}

TEST_F(InTimeWait, TimeWaitOldDuplicateSynGetsTheTimeWaitAck)
{
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_TRUE(out.requests.empty());
    EXPECT_TRUE(Dropped(D::OLD_SYN_IN_TIME_WAIT));
}

TEST_F(InTimeWait, TimeWaitSynAtExactlyRcvNxtIsNotNewer)
{
    Inject(Flags(H::SYN).Seq(kIrs + 2));
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
}

/// A connection that negotiated timestamps, driven to TIME_WAIT with TS.Recent = 500.
class TimeWaitWithTimestamps : public EngineTest
{
  protected:
    void
    SetUp() override
    {
        cfg.timestamps = true;
        DriveToSynSent();
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Ts(400, 1));
        ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
        Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2).Ts(500, 1));
        ASSERT_EQ(State(), S::TIME_WAIT);
        ASSERT_EQ(Conn().GetTcb().tsRecent, 500u);
        out.ClearHistory();
    }
};

TEST_F(TimeWaitWithTimestamps, TimeWaitSynWithNewerTimestampReopensEvenWithLowerSeq)
{
    // RFC 6191 §2: with timestamps, the timestamp decides.
    Inject(Flags(H::SYN).Seq(kIrs - 100000).Ts(501, 0));
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.requests.size(), 1u);
}

TEST_F(TimeWaitWithTimestamps, TimeWaitSynWithOlderTimestampIsAnOldDuplicate)
{
    Inject(Flags(H::SYN).Seq(kIrs + 100000).Ts(499, 0));
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_TRUE(out.requests.empty());
    EXPECT_TRUE(Dropped(D::OLD_SYN_IN_TIME_WAIT));
    ASSERT_EQ(out.sent.size(), 1u);
    EXPECT_TRUE(out.sent[0].header.HasFlags(H::ACK));
}

TEST_F(TimeWaitWithTimestamps, TimeWaitSynWithEqualTimestampNeedsHigherSeq)
{
    Inject(Flags(H::SYN).Seq(kIrs).Ts(500, 0));
    EXPECT_EQ(State(), S::TIME_WAIT);
    Inject(Flags(H::SYN).Seq(kIrs + 10).Ts(500, 0));
    EXPECT_EQ(State(), S::CLOSED);
}

TEST_F(TimeWaitWithTimestamps, TimeWaitSynWithoutTimestampFallsBackToSequence)
{
    Inject(Flags(H::SYN).Seq(kIrs));
    EXPECT_EQ(State(), S::TIME_WAIT);
    Inject(Flags(H::SYN).Seq(kIrs + 10));
    EXPECT_EQ(State(), S::CLOSED);
}

TEST_F(InTimeWait, TimeWaitSynWithTimestampsReopensWhenTheOldIncarnationHadNone)
{
    // RFC 6191 §2: the old connection did not use timestamps, the new one will.
    RecordingOutput o(now);
    FullTcpConfig c = cfg;
    c.timestamps = true;
    FullTcpConnection conn(c, o);
    conn.Connect(kLocalPort, kRemotePort, kIss, now);
    const FullTcpHeader synAck = MakeHeader(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1));
    conn.SegmentArrives(FullTcpSegmentIn(synAck, nullptr, now));
    conn.Close(now);
    const FullTcpHeader finAck = MakeHeader(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    conn.SegmentArrives(FullTcpSegmentIn(finAck, nullptr, now));
    ASSERT_EQ(conn.GetState(), S::TIME_WAIT);
    const FullTcpHeader syn = MakeHeader(Flags(H::SYN).Seq(kIrs).Ts(1, 0));
    conn.SegmentArrives(FullTcpSegmentIn(syn, nullptr, now));
    EXPECT_EQ(conn.GetState(), S::CLOSED);
    EXPECT_EQ(o.requests.size(), 1u);
}

TEST_F(InTimeWait, TimeWaitIgnoresEverythingElseButAcksIt)
{
    // An old ACK of ours: unacceptable (left of RCV.NXT) and answered with the ACK.
    Inject(Flags(H::ACK).Seq(kIrs).Ack(kIss + 2));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_EQ(out.Timer(T::LINGER).value(), Seconds(10) + 2 * cfg.msl); // not restarted
}

// ---------------------------------------- Linux tcp_timewait_state_process() (linuxTimeWait)

TEST_F(EngineTest, LinuxTimeWaitIgnoresARstNotAtRcvNxtWithoutChallenge)
{
    // Only a RST at exactly RCV.NXT is "in window"; any other is dropped, no challenge ACK.
    cfg.linuxTimeWait = true;
    DriveToTimeWait();
    Inject(Flags(H::RST | H::ACK).Seq(kIrs + 5).Ack(kIss + 2));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_TRUE(Dropped(D::RST_NOT_EXACT));
}

TEST_F(EngineTest, LinuxTimeWaitRstAtRcvNxtStillCloses)
{
    cfg.linuxTimeWait = true;
    DriveToTimeWait();
    Inject(Flags(H::RST | H::ACK).Seq(kIrs + 2).Ack(kIss + 2));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::CLOSED);
}

TEST_F(EngineTest, LinuxTimeWaitBareAckAtRcvNxtRestartsSilentlyWhateverItAcknowledges)
{
    // "In window segment, it may be only reset or bare ack": no ACK-field check, no challenge
    // ACK for an ACK of unsent data; TIME_WAIT starts again (inet_twsk_reschedule()).
    cfg.linuxTimeWait = true;
    DriveToTimeWait();
    Advance(Seconds(10));
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 100));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::TIME_WAIT);
    EXPECT_EQ(out.Timer(T::LINGER), now + 2 * cfg.msl);
}

TEST_F(EngineTest, LinuxTimeWaitDataAtRcvNxtGetsTheAckEachTime)
{
    // Data is "out of window" there: the TIME_WAIT ACK, not rate-limited for a segment with
    // data (tcp_oow_rate_limited()).
    cfg.linuxTimeWait = true;
    DriveToTimeWait();
    for (int i = 0; i < 2; ++i)
    {
        Inject(Flags(H::ACK | H::PSH).Seq(kIrs + 2).Ack(kIss + 2).Data("late"));
        EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
        EXPECT_NOTHING_SENT();
    }
    EXPECT_EQ(State(), S::TIME_WAIT);
}

TEST_F(EngineTest, LinuxTimeWaitOldBareAckGetsARateLimitedAck)
{
    cfg.linuxTimeWait = true;
    DriveToTimeWait();
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2));
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::TIME_WAIT);
}

TEST_F(InClosing, ClosingAckOfFinEntersTimeWait)
{
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 2));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::CLOSING, S::TIME_WAIT, C::RCV_ACK_OF_FIN}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CLOSED}));
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
    EXPECT_EQ(out.Timer(T::LINGER), now + 2 * cfg.msl);
}

} // namespace
} // namespace fulltcp_test
