/*
 * Test: RST generation (RFC 9293 §3.10.7.1) and RFC 5961 throttled challenge ACKs
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for resets and blind attacks: RFC 9293 §3.10.7.1 (RST generation) and
 * §3.10.7.4 (sequence check, RST, SYN, ACK), RFC 5961 (challenge ACKs, throttled).
 */
#include "fulltcp-engine-fixture.h"

namespace fulltcp_test
{
namespace
{

// ------------------------------------------------------------------ RST acceptance

TEST_F(InEstablished, ExactRstResetsTheConnection)
{
    Inject(Flags(H::RST).Seq(kIrs + 1));
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::RCV_RST}}));
    EXPECT_NOTHING_SENT();
}

TEST_F(InEstablished, ReceivedRstIsReportedAsResetNeverAsClose)
{
    Inject(Flags(H::RST | H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(out.events, (std::vector<E> {E::RESET}));
    EXPECT_NOTHING_SENT(); // RST|ACK is not answered with a RST
}

TEST_F(InEstablished, InWindowRstSendsChallengeAck)
{
    Inject(Flags(H::RST).Seq(kIrs + 100));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Win(kBuf));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_TRUE(Dropped(D::RST_NOT_EXACT));
}

TEST_F(InEstablished, OutOfWindowRstIsDroppedSilently)
{
    Inject(Flags(H::RST).Seq(kIrs + 1 + kBuf)); // just right of the window
    Inject(Flags(H::RST).Seq(kIrs));            // just left of it
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(out.drops, (std::vector<D> {D::SEQ_NOT_ACCEPTABLE, D::SEQ_NOT_ACCEPTABLE}));
}

TEST_F(InEstablished, RstAtLastByteOfWindowSendsChallengeAck)
{
    Inject(Flags(H::RST).Seq(kIrs + kBuf));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
}

/// Every synchronized state: an exact RST closes it with the RESET event.
struct RstCase
{
    const char* name;            //!< state driven to
    void (EngineTest::*drive)(); //!< its driver
    uint32_t rcvNxt;             //!< RCV.NXT there
    FullTcpState state;          //!< the state
};

class ExactRstInEveryState : public EngineTest, public ::testing::WithParamInterface<RstCase>
{
};

TEST_P(ExactRstInEveryState, ExactRstClosesAndReportsReset)
{
    (this->*GetParam().drive)();
    ASSERT_EQ(State(), GetParam().state);
    Inject(Flags(H::RST).Seq(GetParam().rcvNxt));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{GetParam().state, S::CLOSED, C::RCV_RST}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::RESET}));
    EXPECT_NOTHING_SENT();
    for (uint32_t t = 0; t < FullTcpTimer::Count(); ++t)
    {
        EXPECT_FALSE(out.timers[t]) << FullTcpTimer::At(t);
    }
}

INSTANTIATE_TEST_SUITE_P(
    SynchronizedStates,
    ExactRstInEveryState,
    ::testing::Values(
        RstCase {
            "Established", &EngineTest::DriveToEstablished, EngineTest::kIrs + 1, S::ESTABLISHED},
        RstCase {"FinWait1", &EngineTest::DriveToFinWait1, EngineTest::kIrs + 1, S::FIN_WAIT_1},
        RstCase {"FinWait2", &EngineTest::DriveToFinWait2, EngineTest::kIrs + 1, S::FIN_WAIT_2},
        RstCase {"CloseWait", &EngineTest::DriveToCloseWait, EngineTest::kIrs + 2, S::CLOSE_WAIT},
        RstCase {"Closing", &EngineTest::DriveToClosing, EngineTest::kIrs + 2, S::CLOSING},
        RstCase {"LastAck", &EngineTest::DriveToLastAck, EngineTest::kIrs + 2, S::LAST_ACK}),
    [](const ::testing::TestParamInfo<RstCase>& info)
    {
        return std::string(info.param.name);
    });

// ------------------------------------------------------------------ SYN in synchronized states

TEST_F(InEstablished, InWindowSynSendsChallengeAck)
{
    Inject(Flags(H::SYN).Seq(kIrs + 10));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_TRUE(Dropped(D::SYN_IN_SYNCHRONIZED));
    EXPECT_TRUE(out.requests.empty());
}

TEST_F(InEstablished, OutOfWindowSynIsAnsweredWithAck)
{
    Inject(Flags(H::SYN).Seq(kIrs + 100000));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(InSynRcvdPassive, InWindowSynWithAnotherIsnDrawsChallengeAckAndChildStays)
{
    Inject(Flags(H::SYN).Seq(kIrs + 5));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_EQ(State(), S::SYN_RCVD);
}

// ------------------------------------------------------------------ ACK checks

TEST_F(InEstablished, AckOfUnsentDataDrawsAckAndSegmentIsDropped)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 100).Data("ignored"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    EXPECT_TRUE(Dropped(D::ACK_OF_UNSENT_DATA));
}

TEST_F(InEstablished, OldAckIsIgnoredButTextAndFinAreProcessed)
{
    ASSERT_EQ(Conn().Send(Payload("0123456789"), now), FullTcpError::OK);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 11));
    out.ClearHistory();
    // SEG.ACK < SND.UNA, within MAX.SND.WND: a duplicate, not an attack.
    Inject(Flags(H::ACK | H::FIN).Seq(kIrs + 1).Ack(kIss + 5).Data("abc"));
    EXPECT_EQ(ReadAll(), "abc");
    EXPECT_EQ(State(), S::CLOSE_WAIT);
    EXPECT_EQ(Conn().GetTcb().sndUna, 11); // not moved back
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 11).Ack(kIrs + 5));
}

TEST_F(InEstablished, AckOlderThanMaxWindowDrawsChallengeAck)
{
    // RFC 5961 §5.2: SEG.ACK < SND.UNA - MAX.SND.WND.
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1 - kPeerWin - 1).Data("forged"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    EXPECT_TRUE(Dropped(D::ACK_TOO_OLD));
}

TEST_F(EngineTest, LinuxAckTooOldIsBoundedByTheBytesAcknowledged)
{
    // Linux tcp_ack(): max_window = min(max_window, bytes_acked), "do not accept ACK for bytes
    // we never sent". Active open: the SYN and 10 data bytes acknowledged, bytes_acked = 11;
    // an ACK 12 below SND.UNA is too old although well within MAX.SND.WND.
    cfg.ackTooOldBytesAcked = true;
    DriveToEstablished();
    ASSERT_EQ(Conn().Send(Payload("0123456789"), now), FullTcpError::OK);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 11));
    out.ClearHistory();
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 11 - 12).Data("forged"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 11).Ack(kIrs + 1));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    EXPECT_TRUE(Dropped(D::ACK_TOO_OLD));
}

TEST_F(EngineTest, LinuxAckAsOldAsTheBytesAcknowledgedIsAnOldDuplicate)
{
    cfg.ackTooOldBytesAcked = true;
    DriveToEstablished();
    ASSERT_EQ(Conn().Send(Payload("0123456789"), now), FullTcpError::OK);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 11));
    out.ClearHistory();
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 11 - 11).Data("abc"));
    EXPECT_EQ(ReadAll(), "abc");
    EXPECT_FALSE(Dropped(D::ACK_TOO_OLD));
}

TEST_F(InEstablished, SynOutsideTheWindowGetsARateLimitedChallengeAck)
{
    // RFC 5961 §4.2, "irrespective of the sequence number": the ACK to an unacceptable SYN is
    // a challenge ACK, rate-limited (§7; Linux tcp_oow_rate_limited() limits SYNs too).
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(InEstablished, SegmentWithoutAckIsDropped)
{
    Inject(Flags(H::PSH).Seq(kIrs + 1).Data("noack"));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(Dropped(D::NO_ACK));
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
}

TEST_F(InEstablished, UnacceptableSegmentIsAnsweredWithAck)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1 + kBuf + 100).Ack(kIss + 1).Data("far"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_TRUE(Dropped(D::SEQ_NOT_ACCEPTABLE));
}

TEST_F(InEstablished, OutOfOrderTextIsAnsweredWithDuplicateAck)
{
    Inject(Flags(H::ACK).Seq(kIrs + 11).Ack(kIss + 1).Data("later"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    // Held for reassembly, not delivered before the gap fills (fulltcp-engine-data-*).
    EXPECT_TRUE(out.drops.empty());
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
}

// ------------------------------------------------------------------ throttling

TEST_F(InEstablished, ChallengeAcksAreRateLimited)
{
    Inject(Flags(H::RST).Seq(kIrs + 100));
    Advance(cfg.challengeAckInterval - MilliSeconds(1));
    Inject(Flags(H::SYN).Seq(kIrs + 200));
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 50));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_NOTHING_SENT(); // the second and third were suppressed
    Advance(MilliSeconds(1));
    Inject(Flags(H::RST).Seq(kIrs + 100));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(EngineTest, ChallengeAckLimitZeroDisablesThrottling)
{
    cfg.challengeAckInterval = Seconds(0);
    DriveToEstablished();
    Inject(Flags(H::RST).Seq(kIrs + 100));
    Inject(Flags(H::RST).Seq(kIrs + 100));
    EXPECT_EQ(out.sent.size(), 2u);
}

// ------------------------------------------------------------------ RST generation (§3.10.7.1)

/// A segment from the peer, as the RST rules see it.
FullTcpHeader
Incoming(uint8_t flags, uint32_t seq, uint32_t ack)
{
    FullTcpHeader h;
    h.SetSourcePort(80);
    h.SetDestinationPort(49152);
    h.SetFlags(flags);
    h.SetSequenceNumber(seq);
    h.SetAckNumber(ack);
    h.SetWindow(1000);
    return h;
}

TEST(RstRules, SegmentWithAckDrawsRstWithSeqFromAck)
{
    const auto rst = FullTcpResetFor(Incoming(H::ACK | H::PSH, 7, 12345), 100);
    ASSERT_TRUE(rst);
    EXPECT_EQ(rst->GetFlags(), H::RST);
    EXPECT_EQ(rst->GetSequenceNumber(), 12345u);
    EXPECT_EQ(rst->GetSourcePort(), 49152);
    EXPECT_EQ(rst->GetDestinationPort(), 80);
    EXPECT_EQ(rst->GetOptions().GetLength(), 0u);
}

TEST(RstRules, SynWithoutAckDrawsRstAckCountingTheSyn)
{
    const auto rst = FullTcpResetFor(Incoming(H::SYN, 1000, 0), 0);
    ASSERT_TRUE(rst);
    EXPECT_EQ(rst->GetFlags(), H::RST | H::ACK);
    EXPECT_EQ(rst->GetSequenceNumber(), 0u);
    EXPECT_EQ(rst->GetAckNumber(), 1001u);
}

TEST(RstRules, SegLenCountsDataSynAndFin)
{
    const auto rst = FullTcpResetFor(Incoming(H::SYN | H::FIN, 1000, 0), 10);
    ASSERT_TRUE(rst);
    EXPECT_EQ(rst->GetAckNumber(), 1012u);
}

TEST(RstRules, AckNumberWrapsModulo2To32)
{
    const auto rst = FullTcpResetFor(Incoming(H::SYN, 0xffffffffu, 0), 0);
    ASSERT_TRUE(rst);
    EXPECT_EQ(rst->GetAckNumber(), 0u);
}

TEST(RstRules, NeverRstInReplyToRst)
{
    EXPECT_FALSE(FullTcpResetFor(Incoming(H::RST, 5, 0), 0));
    EXPECT_FALSE(FullTcpResetFor(Incoming(H::RST | H::ACK, 5, 9), 0));
}

TEST_F(EngineTest, ClosedConnectionAnswersWithTheRstRules)
{
    Inject(Flags(H::SYN).Seq(kIrs));
    EXPECT_SENT(Flags(H::RST | H::ACK).Seq(0).Ack(kIrs + 1).Win(0));
    Inject(Flags(H::ACK).Seq(kIrs).Ack(777));
    EXPECT_SENT(Flags(H::RST).Seq(777));
    Inject(Flags(H::RST).Seq(kIrs));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_TRUE(out.transitions.empty());
}

// ------------------------------------------------------------------ receive window

TEST_F(InEstablished, WindowIsTheFreeReceiveBufferAndAReadReopensIt)
{
    // Fill the buffer with MSS-sized segments; the window shrinks to zero. The first
    // RCV.WND / (2·MSS) = 4 are acknowledged at once (quick ACKs), then every second one
    // (delayed ACK).
    for (uint32_t i = 0; i < kBuf / 1000; ++i)
    {
        Inject(Flags(H::ACK).Seq(kIrs + 1 + 1000 * i).Ack(kIss + 1).Data(std::string(1000, 'f')));
        if (i < 4 || i % 2 == 1)
        {
            EXPECT_SENT(Flags(H::ACK)
                            .Seq(kIss + 1)
                            .Ack(kIrs + 1 + 1000 * (i + 1))
                            .Win(kBuf - 1000 * (i + 1)));
        }
        EXPECT_NOTHING_SENT() << "segment " << i;
    }
    // A zero window accepts nothing more.
    Inject(Flags(H::ACK).Seq(kIrs + 1 + kBuf).Ack(kIss + 1).Data("x"));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1 + kBuf).Win(0));
    // A small read is not worth an update (receiver SWS avoidance, §3.8.6.2.2) ...
    EXPECT_EQ(Conn().Receive(100, now)->GetSize(), 100u);
    EXPECT_NOTHING_SENT();
    // ... reading enough is.
    EXPECT_EQ(Conn().Receive(kBuf, now)->GetSize(), kBuf - 100);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1 + kBuf).Win(kBuf));
}

TEST_F(InEstablished, SendBeyondTheFreeSendBufferFailsAndAcksFreeIt)
{
    // The peer's window is smaller than our buffer, so sent bytes stay queued until ACKed.
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Win(1000));
    ASSERT_EQ(Conn().Send(Payload(std::string(kBuf - 10, 'q')), now), FullTcpError::OK);
    EXPECT_EQ(Conn().GetTxAvailable(), 10u);
    EXPECT_EQ(Conn().Send(Payload(std::string(11, 'q')), now), FullTcpError::NO_BUFFER_SPACE);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Data(std::string(1000, 'q')));
    EXPECT_NOTHING_SENT(); // the window is full
    out.ClearHistory();
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1001).Win(1000));
    EXPECT_EQ(out.events, (std::vector<E> {E::SEND_SPACE}));
    EXPECT_EQ(Conn().GetTxAvailable(), 1010u);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1001).Ack(kIrs + 1).Data(std::string(1000, 'q')));
}

} // namespace
} // namespace fulltcp_test
