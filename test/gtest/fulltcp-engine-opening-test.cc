/*
 * Test: engine opening rules, RFC 9293 §3.5, §3.10.1, §3.10.7.2, §3.10.7.3
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for opening a connection: RFC 9293 §3.5, §3.10.1, §3.10.7.2, §3.10.7.3.
 */
#include "fulltcp-engine-fixture.h"

namespace fulltcp_test
{
namespace
{

// ------------------------------------------------------------------ active open

TEST_F(EngineTest, ActiveOpenSendsSynWithAllConfiguredOptions)
{
    cfg.timestamps = true;
    cfg.windowScaling = true;
    cfg.sack = true;
    cfg.rcvBufSize = 262144; // needs a shift of 3 to be advertised
    ASSERT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::OK);

    const auto tsval = static_cast<uint32_t>(now.GetMilliSeconds());
    EXPECT_SENT(Flags(H::SYN).Seq(kIss).Win(65535).Mss(1460).SackOk().Ts(tsval, 0).Ws(3));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::SYN_SENT);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::CLOSED, S::SYN_SENT, C::APP_CONNECT}}));
    // RFC 6298 §2.1: the first retransmission timeout is 1 s.
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + cfg.initialRto);
}

TEST_F(EngineTest, ActiveOpenWithOptionsOffSendsOnlyMss)
{
    ASSERT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::SYN).Seq(kIss).Win(kBuf).Mss(cfg.mss));
}

TEST_F(InSynSent, SynSentAcceptableSynAckEstablishesAndSendsThirdAck)
{
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));

    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Win(kBuf).NoOptions());
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::SYN_SENT, S::ESTABLISHED, C::RCV_SYN_ACK}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECTED}));
    EXPECT_FALSE(out.Timer(T::RETRANSMIT)); // the SYN is acknowledged
    EXPECT_EQ(Conn().GetTcb().sndMss, kPeerMss);
    EXPECT_EQ(Conn().GetTcb().sndWnd, kPeerWin);
}

TEST_F(EngineTest, SynSentNegotiatesOnlyOptionsBothSidesOffered)
{
    cfg.timestamps = true;
    cfg.windowScaling = true;
    cfg.sack = true;
    DriveToSynSent();
    // The peer answers with MSS and timestamps only: no SACK, no window scaling.
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).Ts(777, 1));

    const FullTcpTcb& tcb = Conn().GetTcb();
    EXPECT_TRUE(tcb.tsOk);
    EXPECT_FALSE(tcb.sackOk);
    EXPECT_FALSE(tcb.wsOk);
    EXPECT_EQ(tcb.sndMss, kPeerMss - 12); // RFC 7323: every segment carries 12 option bytes
    // The third ACK echoes the peer's TSval; its window is not scaled.
    const auto tsval = static_cast<uint32_t>(now.GetMilliSeconds());
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Win(kBuf).Ts(tsval, 777));
}

TEST_F(EngineTest, SynSentWindowScaleAppliesAfterBothSynsCarryIt)
{
    cfg.windowScaling = true;
    cfg.rcvBufSize = 200000; // shift 2 (200000 >> 2 = 50000)
    DriveToSynSent();
    // The SYN-ACK's own window is never scaled (RFC 7323 §2.2) ...
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Win(1000).Ws(4));
    EXPECT_EQ(Conn().GetTcb().sndWnd, 1000u);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Win(200000 >> 2));
    // ... later windows are, by the peer's shift.
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Win(1000));
    EXPECT_EQ(Conn().GetTcb().sndWnd, 1000u << 4);
}

TEST_F(EngineTest, SynSentPeerWindowScaleAbove14IsUsedAs14)
{
    cfg.windowScaling = true;
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Ws(20));
    EXPECT_EQ(Conn().GetTcb().sndWscale, 14);
}

TEST_F(EngineTest, SynSentPeerWithoutMssOptionGetsDefault536)
{
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1));
    EXPECT_EQ(Conn().GetTcb().sndMss, 536); // RFC 9293 §3.7.1, MUST-15
}

TEST_F(EngineTest, HostileZeroMssIsRaisedToTheFloor)
{
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(0));
    EXPECT_EQ(Conn().GetTcb().sndMss, cfg.minSndMss);
}

TEST_F(EngineTest, TinyMssIsRaisedToTheFloorBeforeTheTimestampBytesComeOff)
{
    // Linux __tcp_mtu_to_mss(): max(40, tcp_min_snd_mss 48), then tcp_mtu_to_mss() takes off
    // the 12 timestamp bytes: 36-byte segments.
    cfg.timestamps = true;
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(40).Ts(1, 0));
    ASSERT_TRUE(Conn().GetTcb().tsOk);
    EXPECT_EQ(Conn().GetTcb().sndMss, 36);
}

// ------------------------------------------------------------------ passive open

TEST_F(EngineTest, ListenSynIsHandedToTheGlueAsConnectionRequest)
{
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    out.ClearHistory();
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));

    ASSERT_EQ(out.requests.size(), 1u);
    EXPECT_EQ(out.requests[0].syn.GetSequenceNumber(), kIrs);
    EXPECT_FALSE(out.requests[0].reuseIss);
    EXPECT_EQ(State(), S::LISTEN); // the listener itself stays
    EXPECT_NOTHING_SENT();         // the child answers, not the listener
}

TEST_F(EngineTest, PassiveOpenSynAckEchoesOnlyOptionsThePeerOffered)
{
    cfg.timestamps = true;
    cfg.windowScaling = true;
    cfg.sack = true;
    // The peer offers MSS and SACK-permitted only.
    ASSERT_EQ(
        Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss).SackOk()), kIss, now),
        FullTcpError::OK);

    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1).Win(kBuf).Mss(1460).SackOk());
    EXPECT_EQ(State(), S::SYN_RCVD);
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::LISTEN, S::SYN_RCVD, C::RCV_SYN}}));
    EXPECT_TRUE(out.events.empty());
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + cfg.initialRto);
}

TEST_F(EngineTest, PassiveOpenSynAckEchoesTimestampsAndWindowScale)
{
    cfg.timestamps = true;
    cfg.windowScaling = true;
    ASSERT_EQ(Conn().AcceptSyn(
                  MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss).Ts(4242, 0).Ws(7)), kIss, now),
              FullTcpError::OK);
    const auto tsval = static_cast<uint32_t>(now.GetMilliSeconds());
    EXPECT_SENT(
        Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1).Win(kBuf).Mss(1460).Ts(tsval, 4242).Ws(0));
}

TEST_F(EngineTest, AcceptSynRejectsSegmentsThatAreNotPlainSyns)
{
    EXPECT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::SYN | H::ACK).Seq(kIrs)), kIss, now),
              FullTcpError::INVALID_ARGUMENT);
    EXPECT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::ACK).Seq(kIrs)), kIss, now),
              FullTcpError::INVALID_ARGUMENT);
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_NOTHING_SENT();
}

TEST_F(InSynRcvdPassive, SynRcvdThirdAckEstablishes)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::SYN_RCVD, S::ESTABLISHED, C::RCV_ACK_OF_SYN}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECTED}));
    EXPECT_NOTHING_SENT(); // an ACK is not acknowledged
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(InSynRcvdPassive, SynRcvdDataOnThirdAckIsAccepted)
{
    Inject(Flags(H::ACK | H::PSH).Seq(kIrs + 1).Ack(kIss + 1).Data("hello"));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECTED, E::DATA_ARRIVED}));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1 + 5).Win(kBuf - 5));
    EXPECT_EQ(ReadAll(), "hello");
}

TEST_F(InSynRcvdPassive, SynRcvdThirdAckWithFinGoesToCloseWait)
{
    Inject(Flags(H::ACK | H::FIN).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(State(), S::CLOSE_WAIT);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::SYN_RCVD, S::ESTABLISHED, C::RCV_ACK_OF_SYN},
                                        {S::ESTABLISHED, S::CLOSE_WAIT, C::RCV_FIN}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECTED, E::PEER_CLOSED}));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 2));
}

// ------------------------------------------------------------------ lost SYN, SYN-ACK

TEST_F(InSynSent, SynLostIsRetransmittedWithExponentialBackoff)
{
    Time rto = cfg.initialRto;
    Time expected = now;
    for (uint32_t i = 0; i < cfg.synRetries; ++i)
    {
        expected += rto;
        Advance(rto);
        ASSERT_EQ(now, expected);
        EXPECT_SENT(Flags(H::SYN).Seq(kIss).Win(kBuf).Mss(cfg.mss)) << "retransmission " << i + 1;
        EXPECT_NOTHING_SENT();
        rto = 2 * rto; // RFC 6298 §5.5
        EXPECT_EQ(out.Timer(T::RETRANSMIT), now + rto);
    }
    EXPECT_EQ(State(), S::SYN_SENT);
}

TEST_F(InSynSent, SynRetriesExhaustedFailsConnectTimedOut)
{
    // 1 + 2 + 4 + ... + 2^synRetries seconds after the first SYN (127 s with 6 retries).
    const Time giveUp = cfg.initialRto * ((int64_t {1} << (cfg.synRetries + 1)) - 1);
    Advance(giveUp - NanoSeconds(1));
    EXPECT_EQ(State(), S::SYN_SENT);
    out.ClearHistory();
    Advance(NanoSeconds(1));
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::SYN_SENT, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECT_TIMED_OUT}));
    EXPECT_NOTHING_SENT(); // no RST: nobody answered
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

/// When an unanswered active open gives up.
class SynGiveUpTest : public EngineTest
{
  protected:
    /**
     * Connect now; nothing answers. \param retries FullTcpConfig::synRetries \param linear
     * FullTcpConfig::synLinearTimeouts \param at when the connect must fail "timed out"
     * \param retransmissions the SYN retransmissions before that
     */
    void
    ExpectGiveUpAt(uint32_t retries, uint32_t linear, Time at, size_t retransmissions)
    {
        cfg.synRetries = retries;
        cfg.synLinearTimeouts = linear;
        DriveToSynSent();
        Advance(at - NanoSeconds(1));
        EXPECT_EQ(out.sent.size(), retransmissions);
        EXPECT_EQ(State(), S::SYN_SENT);
        Advance(NanoSeconds(1));
        EXPECT_EQ(State(), S::CLOSED);
        EXPECT_TRUE(Saw(E::CONNECT_TIMED_OUT));
        EXPECT_EQ(out.sent.size(), retransmissions); // no SYN at the give-up
    }
};

TEST_F(SynGiveUpTest, SynRetryCountIsConfigurable)
{
    ExpectGiveUpAt(2, 0, Seconds(7), 2); // SYNs at 0, 1, 3; give-up at 7
}

TEST_F(EngineTest, SynLinearTimeoutsKeepTheRtoThenDouble)
{
    // Linux 6.5+ tcp_syn_linear_timeouts = 4: timeouts 1 to 4 keep the 1 s RTO, the fifth
    // doubles it (tcp_retransmit_timer()).
    cfg.synLinearTimeouts = 4;
    cfg.synRetries = 6;
    DriveToSynSent();
    for (int i = 1; i <= 5; ++i)
    {
        Advance(Seconds(1));
        EXPECT_SENT(Flags(H::SYN).Seq(kIss)) << "retransmission " << i;
        EXPECT_NOTHING_SENT();
    }
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(2));
    Advance(Seconds(2));
    EXPECT_SENT(Flags(H::SYN).Seq(kIss));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(4));
}

TEST_F(SynGiveUpTest, SynLinearTimeoutsGiveUpOnTimeFirst)
{
    // Linux tcp_write_timeout(): the count allows synRetries + 4 = 6 retransmissions, but the
    // time synRetries = 2 doubling timeouts take, 1 + 2 + 4 = 7 s, comes first: SYNs at 0,
    // 1, 2, 3, 4, 5, and at the 7 s timeout the connect fails (linux-syn-linear-timeouts).
    ExpectGiveUpAt(2, 4, Seconds(7), 5);
}

TEST_F(SynGiveUpTest, SynLinearTimeoutsAddToTheRetryCount)
{
    // With a long model time (synRetries 6: 127 s) the count ends it: 6 + 4 = 10
    // retransmissions, at 1, 2, 3, 4, 5, 7, 11, 19, 35 and 67 s; the timeout at 131 s gives up.
    ExpectGiveUpAt(6, 4, Seconds(131), 10);
}

TEST_F(InSynRcvdPassive, SynAckLostIsRetransmittedOnItsOwnTimer)
{
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1).Win(kBuf).Mss(cfg.mss));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + 2 * cfg.initialRto);
    Advance(2 * cfg.initialRto);
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1));
    EXPECT_EQ(State(), S::SYN_RCVD);
}

TEST_F(InSynRcvdPassive, SynAckRetriesExhaustedClosesSilently)
{
    Advance(Seconds(1000));
    EXPECT_EQ(out.sent.size(), cfg.synAckRetries); // its own retry count, not synRetries
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::SYN_RCVD, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_TRUE(out.events.empty()); // the application never knew of it
    // Given up 2^(retries+1) - 1 initial RTOs after the SYN-ACK (63 s with 5 retries).
    EXPECT_EQ(out.sent.back().at, Seconds(10) + cfg.initialRto * ((1 << cfg.synAckRetries) - 1));
}

TEST_F(InSynRcvdPassive, SynRcvdDuplicateSynResendsSynAck)
{
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1).Win(kBuf).Mss(cfg.mss));
    EXPECT_EQ(State(), S::SYN_RCVD);
    EXPECT_TRUE(Dropped(D::DUPLICATE_SYN));
}

TEST_F(InSynRcvdPassive, SynRcvdDuplicateSynLeavesTheSynAckTimer)
{
    // RFC 6298 §5.1: the timer runs, so the answer does not restart it.
    const Time due = *out.Timer(T::RETRANSMIT);
    Advance(MilliSeconds(300));
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), due);
}

TEST_F(EngineTest, SynRcvdDuplicateSynRestartsTheSynAckTimerWhenAsked)
{
    // Linux tcp_check_req() (linux-syn-rcvd-duplicate-syn): after one timeout the RTO is
    // 2 s; the SYN-ACK answering the duplicate SYN restarts it from now. A second duplicate
    // within tcp_invalid_ratelimit is not answered and leaves the timer alone.
    cfg.duplicateSynRestartsTimer = true;
    DriveToSynRcvdPassive();
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1));
    Advance(MilliSeconds(500));
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + 2 * cfg.initialRto);
    const Time due = now + 2 * cfg.initialRto;
    Advance(MilliSeconds(100));
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.Timer(T::RETRANSMIT), due);
    EXPECT_EQ(State(), S::SYN_RCVD);
}

TEST_F(InEstablished, ThirdAckLostRetransmittedSynAckIsAnsweredWithAck)
{
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1).Win(kBuf));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_TRUE(out.transitions.empty());
}

TEST_F(InSynRcvdPassive, ThirdAckLostFirstDataSegmentCompletesHandshake)
{
    // The client is ESTABLISHED and sends data; the ACK in it completes our handshake.
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data("first"));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_TRUE(Saw(E::CONNECTED));
    EXPECT_EQ(ReadAll(), "first");
}

// ------------------------------------------------------------------ refused connect

TEST_F(InSynSent, RstAckInSynSentFailsConnectRefused)
{
    // What a host sends for a closed port (§3.10.7.1): <SEQ=0><ACK=ISS+1><CTL=RST,ACK>.
    Inject(Flags(H::RST | H::ACK).Seq(0).Ack(kIss + 1).Win(0));
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::SYN_SENT, S::CLOSED, C::RCV_RST}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECT_REFUSED}));
    EXPECT_NOTHING_SENT(); // never a RST for a RST
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(InSynSent, RstWithoutAckInSynSentIsDropped)
{
    Inject(Flags(H::RST).Seq(0));
    EXPECT_EQ(State(), S::SYN_SENT);
    EXPECT_TRUE(Dropped(D::RST_UNACCEPTABLE));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(out.Timer(T::RETRANSMIT));
}

TEST_F(InSynSent, RstWithWrongAckInSynSentIsDropped)
{
    Inject(Flags(H::RST | H::ACK).Seq(0).Ack(kIss + 7));
    EXPECT_EQ(State(), S::SYN_SENT);
    EXPECT_TRUE(Dropped(D::RST_UNACCEPTABLE));
    EXPECT_NOTHING_SENT();
}

TEST_F(InSynSent, OldSynAckDrawsRstWithSeqFromAckAndConnectContinues)
{
    // SEG.ACK =< ISS: an old duplicate SYN-ACK. "<SEQ=SEG.ACK><CTL=RST>".
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs - 300).Ack(kIss - 100));
    EXPECT_SENT(Flags(H::RST).Seq(kIss - 100).Win(0).NoOptions());
    EXPECT_EQ(State(), S::SYN_SENT);
    EXPECT_TRUE(out.Timer(T::RETRANSMIT));
    // The real SYN-ACK still completes the connection.
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(InSynSent, BadAckKeepsTheSynTimerByDefault)
{
    // RFC 9293 §3.10.7.3: the reset answers it; the SYN still waits its RTO.
    const auto before = out.Timer(T::RETRANSMIT);
    Advance(MilliSeconds(10));
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 100));
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 100));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), before);
}

TEST_F(EngineTest, BadAckBeforeAnyRetransmissionBringsTheSynSoon)
{
    // Linux tcp_rcv_synsent_state_process(): the timer goes to TCP_TIMEOUT_MIN (8 ms), once:
    // after a retransmission a bad ACK leaves it (linux-syn-sent-bad-ack,
    // linux-rst-syn-sent-bad-ack).
    cfg.synSentBadAckRetry = MilliSeconds(8);
    DriveToSynSent();
    Advance(MilliSeconds(10));
    Inject(Flags(H::RST | H::ACK).Seq(0).Ack(kIss + 7)); // dropped, no reset answers it
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(8));
    Advance(MilliSeconds(8));
    EXPECT_SENT(Flags(H::SYN).Seq(kIss));
    const auto next = out.Timer(T::RETRANSMIT);
    ASSERT_TRUE(next);
    Advance(MilliSeconds(10));
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 100));
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 100));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), next);
}

TEST_F(InSynSent, SynAckAcknowledgingUnsentDataDrawsRst)
{
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 2)); // SEG.ACK > SND.NXT
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 2));
    EXPECT_EQ(State(), S::SYN_SENT);
}

TEST_F(InSynSent, AcceptableAckWithoutSynInSynSentIsDropped)
{
    Inject(Flags(H::ACK).Seq(kIrs).Ack(kIss + 1));
    EXPECT_EQ(State(), S::SYN_SENT);
    EXPECT_TRUE(Dropped(D::NO_SYN_NO_RST));
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------ simultaneous open

TEST_F(InSynSent, SimultaneousOpenSynInSynSentSendsSynAckWithOriginalIss)
{
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1).Win(kBuf).Mss(cfg.mss));
    EXPECT_EQ(State(), S::SYN_RCVD);
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::SYN_SENT, S::SYN_RCVD, C::RCV_SYN}}));
    EXPECT_TRUE(out.events.empty());
    EXPECT_TRUE(out.Timer(T::RETRANSMIT)); // our SYN is still unacknowledged
}

TEST_F(EngineTest, SimultaneousOpenSynAckEchoesOnlyWhatBothOffered)
{
    // RFC 7323 §3.2, RFC 2018 §2: the peer's SYN offered neither timestamps nor SACK.
    cfg.timestamps = true;
    cfg.sack = true;
    DriveToSynSent();
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1).Win(kBuf).Mss(cfg.mss));
}

TEST_F(EngineTest, SimultaneousOpenSynAckRepeatsTheSynWhenAsked)
{
    // Linux tcp_send_synack(): the SYN again with ACK set, its options included
    // (linux-simultaneous-open); TSecr 0, the peer sent no TSval. Neither is used after.
    cfg.timestamps = true;
    cfg.sack = true;
    cfg.simultaneousOpenRepeatsSyn = true;
    DriveToSynSent();
    Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    const auto tsval = static_cast<uint32_t>(now.GetMilliSeconds());
    EXPECT_SENT(Flags(H::SYN | H::ACK)
                    .Seq(kIss)
                    .Ack(kIrs + 1)
                    .Win(kBuf)
                    .Mss(cfg.mss)
                    .SackOk()
                    .Ts(tsval, 0));
    EXPECT_FALSE(Conn().GetTcb().tsOk);
    EXPECT_FALSE(Conn().GetTcb().sackOk);
}

TEST_F(InSynRcvdActive, SimultaneousOpenCompletesOnAck)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECTED}));
    EXPECT_NOTHING_SENT();
}

TEST_F(InSynRcvdActive, SimultaneousOpenCompletesOnPeersSynAck)
{
    // The peer's SYN-ACK carries its ISS again, so it sits just left of RCV.NXT.
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::SYN_RCVD, S::ESTABLISHED, C::RCV_SYN_ACK}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECTED}));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(InSynRcvdActive, SimultaneousOpenRetransmitsSynAck)
{
    Advance(out.Timer(T::RETRANSMIT).value() - now);
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1));
}

TEST_F(InSynRcvdActive, SynRcvdActiveRstFailsConnectRefused)
{
    Inject(Flags(H::RST).Seq(kIrs + 1));
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.events, (std::vector<E> {E::CONNECT_REFUSED}));
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------ data on SYN

TEST_F(EngineTest, SynDataIsNotAcknowledgedOrDelivered)
{
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    Inject(Flags(H::SYN).Seq(kIrs).Data("early"));
    ASSERT_EQ(out.requests.size(), 1u);
    EXPECT_TRUE(Dropped(D::SYN_TEXT));

    RecordingOutput childOut(now);
    FullTcpConnection child(cfg, childOut);
    ASSERT_EQ(child.AcceptSyn(out.requests[0].syn, kIss, now), FullTcpError::OK);
    ASSERT_EQ(childOut.sent.size(), 1u);
    EXPECT_EQ(childOut.sent[0].header.GetAckNumber(), kIrs + 1); // the SYN only
    EXPECT_EQ(child.GetRxAvailable(), 0u);
    EXPECT_TRUE(childOut.events.empty());
}

TEST_F(InSynSent, SynAckDataIsNotAcknowledgedThenArrivesAgain)
{
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Data("early"));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1)); // not covering the data
    EXPECT_FALSE(Saw(E::DATA_ARRIVED));
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    // The peer retransmits it as ordinary data.
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data("early"));
    EXPECT_EQ(ReadAll(), "early");
}

// ------------------------------------------------------------------ SYN-RECEIVED checks

TEST_F(InSynRcvdPassive, SynRcvdUnacceptableAckDrawsRstAndConnectionStays)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 5));
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 5));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::SYN_RCVD);
    EXPECT_TRUE(Dropped(D::ACK_UNACCEPTABLE));
    // The real third ACK still completes it.
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(InSynRcvdPassive, SynRcvdPassiveRstEndsChildSilently)
{
    Inject(Flags(H::RST).Seq(kIrs + 1));
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::SYN_RCVD, S::CLOSED, C::RCV_RST}}));
    EXPECT_TRUE(out.events.empty()); // "return to LISTEN": the application never sees it
    EXPECT_NOTHING_SENT();
    for (uint32_t t = 0; t < FullTcpTimer::Count(); ++t)
    {
        EXPECT_FALSE(out.timers[t]);
    }
}

TEST_F(InSynRcvdPassive, SynRcvdSegmentWithoutAckIsDropped)
{
    Inject(Flags(0).Seq(kIrs + 1).Data("x"));
    EXPECT_EQ(State(), S::SYN_RCVD);
    EXPECT_TRUE(Dropped(D::NO_ACK));
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------ LISTEN checks

TEST_F(EngineTest, ListenIgnoresRst)
{
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    Inject(Flags(H::RST | H::ACK).Seq(kIrs).Ack(kIss));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(Dropped(D::RST_IN_LISTEN));
    EXPECT_EQ(State(), S::LISTEN);
}

TEST_F(EngineTest, ListenAnswersAckWithRstSeqFromAck)
{
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    Inject(Flags(H::ACK).Seq(kIrs).Ack(kIss + 42));
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 42).Win(0));
    EXPECT_EQ(State(), S::LISTEN);
    EXPECT_TRUE(out.requests.empty());
}

TEST_F(EngineTest, ListenDropsSynFin)
{
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    Inject(Flags(H::SYN | H::FIN).Seq(kIrs));
    EXPECT_TRUE(out.requests.empty());
    EXPECT_TRUE(Dropped(D::SYN_FIN_IN_LISTEN));
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, ListenDropsSegmentWithNeitherSynNorAck)
{
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    Inject(Flags(H::FIN).Seq(kIrs));
    EXPECT_TRUE(Dropped(D::NO_SYN_NO_RST));
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, ListenCloseGoesToClosed)
{
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    out.ClearHistory();
    EXPECT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::LISTEN, S::CLOSED, C::APP_CLOSE}}));
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, ConnectFromListenTurnsThePassiveOpenActive)
{
    // RFC 9293 Figure 5: LISTEN --SEND / snd SYN--> SYN-SENT.
    ASSERT_EQ(Conn().Listen(kLocalPort), FullTcpError::OK);
    out.ClearHistory();
    ASSERT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::OK);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::LISTEN, S::SYN_SENT, C::APP_CONNECT}}));
    EXPECT_SENT(Flags(H::SYN).Seq(kIss));
}

// ------------------------------------------------------------------ user calls while opening

TEST_F(InSynSent, DataQueuedInSynSentIsSentOnceEstablished)
{
    ASSERT_EQ(Conn().Send(Payload("queued"), now), FullTcpError::OK);
    EXPECT_NOTHING_SENT(); // §3.10.2: queued until ESTABLISHED
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1)); // the third ACK first
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("queued"));
    EXPECT_TRUE(out.Timer(T::RETRANSMIT));
}

TEST_F(InSynSent, ShutdownSendInSynSentSendsFinAfterHandshake)
{
    ASSERT_EQ(Conn().ShutdownSend(now), FullTcpError::OK);
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(State(), S::SYN_SENT);
    EXPECT_EQ(Conn().Send(Payload("late"), now), FullTcpError::CLOSING);
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::SYN_SENT, S::ESTABLISHED, C::RCV_SYN_ACK},
                                        {S::ESTABLISHED, S::FIN_WAIT_1, C::APP_SHUTDOWN}}));
    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    EXPECT_SENT(Flags(H::FIN | H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
}

TEST_F(InSynSent, CloseInSynSentDeletesTheConnectionWithoutRst)
{
    EXPECT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_EQ(out.transitions, (std::vector<Transition> {{S::SYN_SENT, S::CLOSED, C::APP_CLOSE}}));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(EngineTest, UserCallsOnClosedConnectionReturnErrors)
{
    EXPECT_EQ(Conn().Send(Payload("x"), now), FullTcpError::NOT_CONNECTED);
    EXPECT_EQ(Conn().Close(now), FullTcpError::NOT_CONNECTED);
    EXPECT_EQ(Conn().Abort(now), FullTcpError::NOT_CONNECTED);
    EXPECT_EQ(Conn().ShutdownSend(now), FullTcpError::NOT_CONNECTED);
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    EXPECT_TRUE(out.transitions.empty());
    EXPECT_NOTHING_SENT();
}

TEST_F(InEstablished, OpenOnAnOpenConnectionFails)
{
    EXPECT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::ALREADY_OPEN);
    EXPECT_EQ(Conn().Listen(kLocalPort), FullTcpError::ALREADY_OPEN);
    EXPECT_EQ(State(), S::ESTABLISHED);
}

} // namespace
} // namespace fulltcp_test
