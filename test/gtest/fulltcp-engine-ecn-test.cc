/*
 * Test: ECN (RFC 3168 §6.1): negotiation, ECT on new data only, CE echo until CWR, reduction
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One rule each, with the exact segments and their ECN codepoints: the ECN-setup SYN and
 * SYN-ACK (§6.1.1, Linux tcp_ecn_send_syn(), tcp_ecn_rcv_synack(), tcp_ecn_clear_syn()),
 * ECT(0) on new data and nothing else (§6.1.4-§6.1.5, tcp_ecn_send()), ECE from a CE until
 * CWR (§6.1.3, tcp_data_ecn_check(), tcp_ecn_accept_cwr()), one window reduction per window
 * of data in congestion state CWR and CWR on the next new data segment (§6.1.2,
 * tcp_enter_cwr()); ssthresh from whole segments with cwndWholeSegments (Linux snd_cwnd).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

using Ecn = FullTcpEcnCodepoint;
using CA = FullTcpCaState;
using EcnEv = std::pair<FullTcpEcnEvent, uint32_t>;

/// \return s with more flags set (ECE on an ACK, CWR on data)
Seg
With(Seg s, uint8_t flags)
{
    s.flags |= flags;
    return s;
}

/// Data tests with ECN: an established ECN connection and the codepoint of what leaves.
class EcnTest : public DataTest
{
  protected:
    /// Active open with FullTcpConfig::ecn ON, answered by an ECN-setup SYN-ACK.
    void
    DriveToEstablishedWithEcn()
    {
        cfg.ecn = FullTcpEcnMode::ON;
        DriveToSynSent();
        Inject(Flags(H::SYN | H::ACK | H::ECE).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
        ASSERT_EQ(State(), S::ESTABLISHED);
        ASSERT_TRUE(Tcb().ecn.ok);
        out.ClearHistory();
    }

    /// \return success when the next segment sent is exactly want, with this ECN codepoint
    ::testing::AssertionResult
    NextSentWith(const Seg& want, Ecn ecn)
    {
        if (out.sent.empty())
        {
            return ::testing::AssertionFailure() << "nothing was sent";
        }
        const Ecn got = out.sent.front().ecn;
        ::testing::AssertionResult r = NextSent(want);
        if (!r)
        {
            return r;
        }
        if (got != ecn)
        {
            return ::testing::AssertionFailure() << "ECN " << got << " != " << ecn;
        }
        return ::testing::AssertionSuccess();
    }

    /// The active open of cfg up to SYN_SENT, its SYN consumed and checked.
    void
    ConnectExpectingSyn(uint8_t ecnFlags)
    {
        ASSERT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::OK);
        EXPECT_TRUE(NextSentWith(Flags(H::SYN | ecnFlags).Seq(kIss), Ecn::NOT_ECT));
        EXPECT_NOTHING_SENT();
    }

    /// A passive child from the peer's SYN with these ECN flags; its SYN-ACK is checked.
    void
    AcceptExpectingSynAck(uint8_t synFlags, uint8_t synAckFlags)
    {
        ASSERT_EQ(Conn().AcceptSyn(
                      MakeHeader(Flags(H::SYN | synFlags).Seq(kIrs).Mss(kPeerMss)), kIss, now),
                  FullTcpError::OK);
        EXPECT_TRUE(NextSentWith(Flags(H::SYN | H::ACK | synAckFlags).Seq(kIss).Ack(kIrs + 1),
                                 Ecn::NOT_ECT));
    }

    /// \return the ECN events seen so far
    const std::vector<EcnEv>&
    Events() const
    {
        return out.ecnEvents;
    }
};

#define EXPECT_SENT_ECN(seg, ecn) EXPECT_TRUE(NextSentWith(seg, ecn))

// ------------------------------------------------------------------ negotiation (§6.1.1)

TEST_F(EcnTest, EcnNegotiatedOnlyWhenBothAsk)
{
    // §6.1.1: our ECN-setup SYN (ECE and CWR) answered by an ECN-setup SYN-ACK (ECE): ECN.
    cfg.ecn = FullTcpEcnMode::ON;
    ConnectExpectingSyn(H::ECE | H::CWR);
    Inject(Flags(H::SYN | H::ACK | H::ECE).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT_ECN(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1), Ecn::NOT_ECT);
    EXPECT_TRUE(Tcb().ecn.ok);
    Write("abc");
    EXPECT_SENT_ECN(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("abc"), Ecn::ECT_0);

    // The peer does not ask back (a plain SYN-ACK): no ECN.
    Restart();
    ConnectExpectingSyn(H::ECE | H::CWR);
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT_ECN(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1), Ecn::NOT_ECT);
    EXPECT_FALSE(Tcb().ecn.ok);
    Write("abc");
    EXPECT_SENT_ECN(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("abc"), Ecn::NOT_ECT);

    // We did not ask (ECN off): the peer's ECE on its SYN-ACK changes nothing.
    cfg.ecn = FullTcpEcnMode::OFF;
    Restart();
    ConnectExpectingSyn(0);
    Inject(Flags(H::SYN | H::ACK | H::ECE).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT_ECN(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1), Ecn::NOT_ECT);
    EXPECT_FALSE(Tcb().ecn.ok);

    // Passive with ECN on: a plain SYN, or one with ECE alone, is answered without ECE.
    cfg.ecn = FullTcpEcnMode::ON;
    Restart();
    AcceptExpectingSynAck(0, 0);
    EXPECT_FALSE(Tcb().ecn.ok);
    Restart();
    AcceptExpectingSynAck(H::ECE, 0);
    EXPECT_FALSE(Tcb().ecn.ok);
    Restart();
    AcceptExpectingSynAck(H::ECE | H::CWR, H::ECE);
    EXPECT_TRUE(Tcb().ecn.ok);
}

TEST_F(EcnTest, PassiveAnswersButDoesNotAsk)
{
    // Linux tcp_ecn = 2: an active open asks for nothing...
    cfg.ecn = FullTcpEcnMode::PASSIVE;
    ConnectExpectingSyn(0);
    Inject(Flags(H::SYN | H::ACK | H::ECE).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT_ECN(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1), Ecn::NOT_ECT);
    EXPECT_FALSE(Tcb().ecn.ok);
    // ... and a passive one answers an ECN-setup SYN with ECE alone (§6.1.1).
    Restart();
    AcceptExpectingSynAck(H::ECE | H::CWR, H::ECE);
    EXPECT_TRUE(Tcb().ecn.ok);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    ASSERT_EQ(State(), S::ESTABLISHED);
    Write("abc");
    EXPECT_SENT_ECN(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("abc"), Ecn::ECT_0);
    // Off answers without ECE (tcp_ecn = 0).
    cfg.ecn = FullTcpEcnMode::OFF;
    Restart();
    AcceptExpectingSynAck(H::ECE | H::CWR, 0);
    EXPECT_FALSE(Tcb().ecn.ok);
}

TEST_F(EcnTest, SynAckWithCwrIsNotEcnSetup)
{
    // §6.1.1: an ECN-setup SYN-ACK has ECE and not CWR; ECE with CWR (a middlebox reflecting
    // our flags) or CWR alone is not one (Linux classic tcp_ecn_rcv_synack()).
    cfg.ecn = FullTcpEcnMode::ON;
    for (const uint8_t flags : {uint8_t(H::ECE | H::CWR), uint8_t(H::CWR)})
    {
        Restart();
        ConnectExpectingSyn(H::ECE | H::CWR);
        Inject(Flags(H::SYN | H::ACK | flags).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
        EXPECT_SENT_ECN(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1), Ecn::NOT_ECT);
        EXPECT_FALSE(Tcb().ecn.ok) << H::FlagsToString(flags);
        Write("abc");
        EXPECT_SENT_ECN(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("abc"),
                        Ecn::NOT_ECT);
    }
}

TEST_F(EcnTest, RetransmittedSynDoesNotAskForEcn)
{
    // Linux tcp_ecn_clear_syn() (tcp_ecn_fallback = 1): a SYN sent again drops ECE and CWR,
    // in case the path drops ECN-setup SYNs; an ECN-setup SYN-ACK still settles ECN (the
    // first SYN may have arrived).
    cfg.ecn = FullTcpEcnMode::ON;
    ConnectExpectingSyn(H::ECE | H::CWR);
    Advance(Seconds(1));
    EXPECT_SENT_ECN(Flags(H::SYN).Seq(kIss), Ecn::NOT_ECT);
    Inject(Flags(H::SYN | H::ACK | H::ECE).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    EXPECT_SENT_ECN(Flags(H::ACK).Seq(kIss + 1).Ack(kIrs + 1), Ecn::NOT_ECT);
    EXPECT_TRUE(Tcb().ecn.ok);
}

// ------------------------------------------------------------------ ECT (§6.1.4, §6.1.5)

TEST_F(EcnTest, EctOnNewDataOnly)
{
    // New data is ECT(0); the FIN alone carries no data and is not (Linux tcp_ecn_send():
    // skb->len beyond the header).
    DriveToEstablishedWithEcn();
    const std::string data = Text(2000);
    Write(data);
    EXPECT_SENT_ECN(OurData(data, 0, 1000), Ecn::ECT_0);
    EXPECT_SENT_ECN(OurData(data, 1000, 1000, H::PSH), Ecn::ECT_0);
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_SENT_ECN(Flags(H::ACK | H::FIN).Seq(kIss + 2001).Ack(kIrs + 1), Ecn::NOT_ECT);
    EXPECT_NOTHING_SENT();
}

TEST_F(EcnTest, EctNotSetOnRetransmission)
{
    // §6.1.5: "the TCP data sender MUST NOT set either an ECT codepoint ... in the IP
    // header for retransmitted data packets": after fast retransmit and after a timeout.
    DriveToEstablishedWithEcn();
    const std::string data = Text(5000);
    Write(data);
    for (uint32_t o = 0; o < 5000; o += 1000)
    {
        EXPECT_SENT_ECN(OurData(data, o, 1000, o == 4000 ? H::PSH : 0), Ecn::ECT_0);
    }
    // Fast retransmit (RFC 5681 §3.2) on three duplicate ACKs.
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerAck(0));
    }
    ASSERT_EQ(Tcb().caState, CA::RECOVERY);
    EXPECT_SENT_ECN(OurData(data, 0, 1000), Ecn::NOT_ECT);
    EXPECT_NOTHING_SENT();
    // The retransmission timeout (RFC 6298 §5.4).
    Advance(Tcb().rto);
    ASSERT_FALSE(out.sent.empty());
    EXPECT_TRUE(out.sent.front().retransmission);
    EXPECT_SENT_ECN(OurData(data, 0, 1000), Ecn::NOT_ECT);
    EXPECT_NOTHING_SENT();
}

TEST_F(EcnTest, EctNotSetOnPureAck)
{
    // §6.1.4: "A host MUST NOT set ECT on ... pure acknowledgement packets".
    DriveToEstablishedWithEcn();
    Inject(PeerData(0, 100).Ip(Ecn::ECT_0, 64));
    EXPECT_SENT_ECN(OurAck(100), Ecn::NOT_ECT);
    EXPECT_NOTHING_SENT();
}

TEST_F(EcnTest, EctNotSetOnWindowProbe)
{
    // A zero-window probe is no new data for ECN (Linux probes with tcp_xmit_probe_skb(),
    // Not-ECT); the data after the window opens is.
    DriveToEstablishedWithEcn();
    const std::string data = Text(5000);
    CloseWindowWithDataWaiting(data);
    Advance(Seconds(1));
    EXPECT_SENT_ECN(OurData(data, 3000, 1), Ecn::NOT_ECT);
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(3000));
    EXPECT_SENT_ECN(OurData(data, 3000, 1000), Ecn::ECT_0);
}

// ------------------------------------------------------------------ the receiver (§6.1.3)

TEST_F(EcnTest, CeEchoedUntilCwr)
{
    // §6.1.3: after a CE every ACK (and our data) carries ECE until a segment with CWR.
    DriveToEstablishedWithEcn();
    Inject(PeerData(0, 100).Ip(Ecn::CE, 64));
    EXPECT_SENT_ECN(With(OurAck(100), H::ECE), Ecn::NOT_ECT);
    EXPECT_EQ(Events(), (std::vector<EcnEv> {{FullTcpEcnEvent::CE_RECEIVED, kIrs + 1}}));
    Inject(PeerData(100, 100).Ip(Ecn::ECT_0, 64));
    EXPECT_SENT_ECN(With(OurAck(200), H::ECE), Ecn::NOT_ECT);
    Write("xyz");
    EXPECT_SENT_ECN(Flags(H::ACK | H::PSH | H::ECE).Seq(kIss + 1).Ack(kIrs + 201).Data("xyz"),
                    Ecn::ECT_0);
    // The peer's CWR ends the echo.
    Inject(With(PeerData(200, 100, 3), H::CWR).Ip(Ecn::ECT_0, 64));
    EXPECT_SENT_ECN(OurAck(300, 3), Ecn::NOT_ECT);
    Inject(PeerData(300, 100, 3).Ip(Ecn::ECT_0, 64));
    EXPECT_SENT_ECN(OurAck(400, 3), Ecn::NOT_ECT);
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().ecn.ceReceived, 1u);
}

TEST_F(EcnTest, CeAcknowledgedAtOnce)
{
    // Linux tcp_data_ecn_check(): a CE puts the receiver in quick-ACK mode for two segments
    // ("sender can have a very low cwnd"); otherwise every second full segment is ACKed.
    cfg.quickAcks = 0;
    DriveToEstablishedWithEcn();
    Inject(PeerData(0, 1000).Ip(Ecn::ECT_0, 64));
    EXPECT_NOTHING_SENT();
    Inject(PeerData(1000, 1000).Ip(Ecn::ECT_0, 64));
    EXPECT_SENT_ECN(OurAck(2000), Ecn::NOT_ECT);
    Inject(PeerData(2000, 1000).Ip(Ecn::CE, 64));
    EXPECT_SENT_ECN(With(OurAck(3000), H::ECE), Ecn::NOT_ECT);
    Inject(PeerData(3000, 1000).Ip(Ecn::ECT_0, 64));
    EXPECT_SENT_ECN(With(OurAck(4000), H::ECE), Ecn::NOT_ECT);
    Inject(PeerData(4000, 1000).Ip(Ecn::ECT_0, 64));
    EXPECT_NOTHING_SENT(); // the delayed ACK again
}

TEST_F(EcnTest, EcnFlagsIgnoredWithoutEcn)
{
    // Bad input: ECE on an ACK and CE on data of a connection that did not negotiate ECN
    // change nothing (Linux checks TCP_ECN_OK first).
    cfg.sndBufSize = 100000;
    DriveToEstablished();
    const std::string data = Text(2000);
    Write(data);
    out.ClearHistory();
    Inject(With(PeerAck(1000), H::ECE));
    EXPECT_EQ(Tcb().caState, CA::OPEN);
    EXPECT_EQ(Tcb().cc.cwnd, 11000u); // slow start went on
    Inject(PeerData(0, 100, 2000).Ip(Ecn::CE, 64));
    EXPECT_SENT_ECN(OurAck(100, 2000), Ecn::NOT_ECT);
    EXPECT_TRUE(Events().empty());
}

// ------------------------------------------------------------------ the sender (§6.1.2)

/// ECN in use, 20000 bytes written, the first 10 segments (cwnd 10000) in flight.
class EcnSenderTest : public EcnTest
{
  protected:
    void
    SetUp() override
    {
        cfg.sndBufSize = 100000;
        DriveToEstablishedWithEcn();
        data = Text(20000);
        Write(data);
        ASSERT_EQ(out.sent.size(), 10u);
        out.ClearHistory();
    }

    /// CUBIC in use: an ECE reduction to ssthresh 7000, then ACKs one segment at a time
    /// until cwnd has grown part of a segment past a whole one; \return that cwnd.
    uint32_t
    GrowPartOfASegment()
    {
        Restart();
        cfg.congestionControl = "Cubic";
        cfg.cubicHystart = "None";
        DriveToEstablishedWithEcn();
        Write(Text(60000));
        Inject(With(PeerAck(1000), H::ECE));
        EXPECT_EQ(Tcb().cc.ssthresh, 7000u);
        while (Tcb().sndNxt - Tcb().sndUna > 1000
               && (Tcb().caState != CA::OPEN || Tcb().cc.cwnd % 1000 == 0))
        {
            Inject(PeerAck(static_cast<uint32_t>(Tcb().sndUna) - 1 + 1000));
        }
        EXPECT_EQ(Tcb().caState, CA::OPEN);
        EXPECT_NE(Tcb().cc.cwnd % 1000, 0u);
        return Tcb().cc.cwnd;
    }

    std::string data; //!< what was written
};

TEST_F(EcnSenderTest, OneReductionPerRttOnEce)
{
    // §6.1.2: the first ECE halves the window as for a loss (ssthresh = FlightSize / 2 =
    // 4500, cwnd with it), congestion state CWR (Linux tcp_enter_cwr()).
    Inject(With(PeerAck(1000), H::ECE));
    EXPECT_EQ(Tcb().caState, CA::CWR);
    EXPECT_EQ(Tcb().cc.ssthresh, 4500u);
    EXPECT_EQ(Tcb().cc.cwnd, 4500u);
    EXPECT_EQ(Events(), (std::vector<EcnEv> {{FullTcpEcnEvent::ECE_REDUCTION, kIss + 1 + 1000}}));
    // Further ECEs for the data sent before the reduction do not reduce again, and cwnd does
    // not grow: the ACK of the last byte sent before it ends nothing yet (the segment with
    // CWR came after it).
    for (uint32_t k = 2; k <= 10; ++k)
    {
        Inject(With(PeerAck(k * 1000), H::ECE));
        EXPECT_EQ(Tcb().caState, CA::CWR) << k;
        EXPECT_EQ(Tcb().cc.ssthresh, 4500u) << k;
        EXPECT_EQ(Tcb().cc.cwnd, 4500u) << k;
    }
    EXPECT_EQ(Tcb().ecn.eceReductions, 1u);
    // An ECE for data sent after the reduction is new congestion: the second reduction
    // (FlightSize 3000: ssthresh = max(1500, 2·SMSS)).
    Inject(With(PeerAck(11000), H::ECE));
    EXPECT_EQ(Tcb().ecn.eceReductions, 2u);
    EXPECT_EQ(Tcb().caState, CA::CWR);
    EXPECT_EQ(Tcb().cc.ssthresh, 2000u);
    EXPECT_EQ(Tcb().cc.cwnd, 2000u);
}

TEST_F(EcnSenderTest, CwrEndsWithTheAckBeyondTheReduction)
{
    // Linux tcp_fastretrans_alert(): CWR ends once SND.UNA passes SND.NXT of the reduction
    // (here offset 10000); then cwnd grows again (congestion avoidance above ssthresh).
    Inject(With(PeerAck(1000), H::ECE));
    for (uint32_t k = 2; k <= 10; ++k)
    {
        Inject(PeerAck(k * 1000));
    }
    EXPECT_EQ(Tcb().caState, CA::CWR);
    EXPECT_EQ(Tcb().cc.cwnd, 4500u);
    Inject(PeerAck(11000));
    EXPECT_EQ(Tcb().caState, CA::OPEN);
    // Everything in flight acknowledged, one segment at a time: cwnd grows.
    while (Tcb().sndNxt - 1 > 11000 && Tcb().cc.cwnd == 4500)
    {
        Inject(PeerAck(
            std::min<uint32_t>(Tcb().sndUna - 1 + 1000, static_cast<uint32_t>(Tcb().sndNxt - 1))));
    }
    EXPECT_GT(Tcb().cc.cwnd, 4500u);
    EXPECT_EQ(Tcb().cc.ssthresh, 4500u);
}

TEST_F(EcnSenderTest, CwrSetOnNextNewSegment)
{
    // §6.1.2: "the TCP sender sets the CWR flag in the TCP header of the first new data
    // packet sent after the window reduction", and only that one.
    Inject(With(PeerAck(1000), H::ECE));
    for (uint32_t k = 2; k <= 6; ++k)
    {
        Inject(With(PeerAck(k * 1000), H::ECE));
        EXPECT_NOTHING_SENT() << k; // 4500 of window, (10 - k)·1000 in flight
    }
    Inject(With(PeerAck(7000), H::ECE));
    EXPECT_SENT_ECN(OurData(data, 10000, 1000, H::CWR), Ecn::ECT_0);
    EXPECT_NOTHING_SENT();
    Inject(With(PeerAck(8000), H::ECE));
    EXPECT_SENT_ECN(OurData(data, 11000, 1000), Ecn::ECT_0);
    EXPECT_EQ(Events(),
              (std::vector<EcnEv> {{FullTcpEcnEvent::ECE_REDUCTION, kIss + 1 + 1000},
                                   {FullTcpEcnEvent::CWR_SENT, kIss + 1 + 10000}}));
}

TEST_F(EcnSenderTest, CwrAfterFastRetransmit)
{
    // §6.1.2: a reduction "for any reason (... a Fast Retransmit ...)" sets CWR on the next
    // new data segment; the retransmission itself is not ECN-capable and carries none.
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerAck(0));
    }
    ASSERT_EQ(Tcb().caState, CA::RECOVERY);
    // Limited Transmit (RFC 3042) before the reduction: new data, no CWR.
    EXPECT_SENT_ECN(OurData(data, 10000, 1000), Ecn::ECT_0);
    EXPECT_SENT_ECN(OurData(data, 11000, 1000), Ecn::ECT_0);
    EXPECT_SENT_ECN(OurData(data, 0, 1000), Ecn::NOT_ECT);
    EXPECT_NOTHING_SENT();
    // NewReno inflates cwnd by one segment per further duplicate ACK (RFC 6582).
    while (out.sent.empty())
    {
        Inject(PeerAck(0));
        ASSERT_LT(Tcb().dupAcks, 20u);
    }
    EXPECT_SENT_ECN(OurData(data, 12000, 1000, H::CWR), Ecn::ECT_0);
    EXPECT_EQ(Events(), (std::vector<EcnEv> {{FullTcpEcnEvent::CWR_SENT, kIss + 1 + 12000}}));
}

TEST_F(EcnSenderTest, LossDuringCwrDoesNotReduceAgain)
{
    // §6.1.2: ssthresh is not reduced again within the window an ECE already reduced (Linux
    // tcp_enter_recovery() continues the reduction of CWR).
    Inject(With(PeerAck(1000), H::ECE));
    ASSERT_EQ(Tcb().cc.ssthresh, 4500u);
    Inject(PeerAck(3000)); // FlightSize 7000: a new reduction would give 3500
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerAck(3000));
    }
    ASSERT_EQ(Tcb().caState, CA::RECOVERY);
    EXPECT_EQ(Tcb().cc.ssthresh, 4500u);
}

TEST_F(EcnSenderTest, PrrSetsCwndDuringCwr)
{
    // Linux reduces in CWR with PRR (tcp_cwnd_reduction()); with FullTcpConfig::prr the
    // window falls from FlightSize towards ssthresh as data is delivered, to ssthresh at
    // the end.
    Restart();
    cfg.prr = true;
    DriveToEstablishedWithEcn();
    Write(data);
    out.ClearHistory();
    Inject(With(PeerAck(1000), H::ECE));
    EXPECT_EQ(Tcb().caState, CA::CWR);
    EXPECT_EQ(Tcb().cc.ssthresh, 4500u);
    // RFC 9937 §6.1: RecoverFS = SND.NXT - SND.UNA 9000 plus the 1000 this ACK acknowledged;
    // sndcnt = ceil(1000 · 4500 / 10000) = 450; cwnd = pipe 9000 + 450. (RFC 6937's RecoverFS
    // = FlightSize 9000 gave 500 and cwnd 9500.)
    EXPECT_EQ(Tcb().cc.cwnd, 9450u);
    // Acknowledge everything sent, one segment at a time, until CWR ends.
    for (uint32_t k = 2; k <= 30 && Tcb().caState == CA::CWR; ++k)
    {
        Inject(PeerAck(std::min<uint32_t>(k * 1000, static_cast<uint32_t>(Tcb().sndNxt - 1))));
    }
    EXPECT_EQ(Tcb().caState, CA::OPEN);
    EXPECT_GE(Tcb().cc.cwnd, 4500u);
}

TEST_F(EcnSenderTest, CwndWholeSegmentsTakesSsthreshFromWholeSegments)
{
    // Linux counts cwnd in packets and keeps the growth toward the next in snd_cwnd_cnt:
    // bictcp_recalc_ssthresh() sees 7 segments, not 7 and a part.
    cfg.cwndWholeSegments = true;
    const uint32_t cwnd = GrowPartOfASegment();
    Inject(With(PeerAck(static_cast<uint32_t>(Tcb().sndUna) - 1 + 1000), H::ECE));
    ASSERT_EQ(Tcb().caState, CA::CWR);
    EXPECT_EQ(Tcb().cc.ssthresh, static_cast<uint32_t>(std::lround((cwnd - cwnd % 1000) * 0.7)));
}

TEST_F(EcnSenderTest, WithoutWholeSegmentsSsthreshComesFromCwndInBytes)
{
    // RFC 9438 §4.6: ssthresh = cwnd · β_cubic, cwnd in bytes.
    const uint32_t cwnd = GrowPartOfASegment();
    Inject(With(PeerAck(static_cast<uint32_t>(Tcb().sndUna) - 1 + 1000), H::ECE));
    ASSERT_EQ(Tcb().caState, CA::CWR);
    EXPECT_EQ(Tcb().cc.ssthresh, static_cast<uint32_t>(std::lround(cwnd * 0.7)));
}

} // namespace
} // namespace fulltcp_test
