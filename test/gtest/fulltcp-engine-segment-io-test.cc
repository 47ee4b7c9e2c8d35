/*
 * Engine tests: the segment records in and out (retransmission flag, new-data bytes, ECN
 * codepoint, IP fields), ICMP errors as an engine input (RFC 5927 §4.1, RFC 1122 §4.2.3.9,
 * RFC 1191 / RFC 8201) and the accept-queue question of SYN-RECEIVED (MayEstablish)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-engine-fixture.h"

#include "ns3/fulltcp-listen-rules.h"

namespace fulltcp_test
{
namespace
{

using K = FullTcpIcmpKind;
using R = FullTcpIcmpResult;
using Ecn = FullTcpEcnCodepoint;

/// \return an ICMP error of the kind quoting seq (and the MTU for packet too big)
FullTcpIcmpError
Icmp(K kind, uint32_t seq, uint32_t mtu = 0)
{
    return FullTcpIcmpError {kind, seq, mtu, false};
}

// ------------------------------------------------------------------ segments out

TEST_F(InEstablished, NewDataIsNotARetransmissionAndCountsAsNewBytes)
{
    ASSERT_EQ(Conn().Send(Payload(std::string(300, 'a')), now), FullTcpError::OK);
    ASSERT_EQ(out.sent.size(), 1u);
    EXPECT_FALSE(out.sent.front().retransmission);
    EXPECT_EQ(out.sent.front().newDataBytes, 300u);
}

TEST_F(InEstablished, TimeoutRetransmissionIsFlaggedAndCarriesNoNewBytes)
{
    ASSERT_EQ(Conn().Send(Payload(std::string(300, 'a')), now), FullTcpError::OK);
    out.ClearHistory();
    Advance(Seconds(3)); // past the RTO (1 s by default; no RTT sample yet: 1 s)
    ASSERT_FALSE(out.sent.empty());
    const Sent& again = out.sent.front();
    EXPECT_EQ(again.header.GetSequenceNumber(), kIss + 1);
    EXPECT_TRUE(again.retransmission);
    EXPECT_EQ(again.newDataBytes, 0u);
}

TEST_F(InEstablished, PureAckIsNeitherRetransmissionNorNewData)
{
    Inject(Flags(H::ACK | H::PSH).Seq(kIrs + 1).Ack(kIss + 1).Data("hello"));
    Advance(Seconds(1)); // the delayed ACK
    ASSERT_EQ(out.sent.size(), 1u);
    EXPECT_EQ(out.sent.front().header.GetFlags(), H::ACK);
    EXPECT_FALSE(out.sent.front().retransmission);
    EXPECT_EQ(out.sent.front().newDataBytes, 0u);
}

TEST_F(EngineTest, KeepAliveProbeIsNotARetransmission)
{
    // RFC 9293 §3.8.4: <SEQ=SND.NXT-1> with no data; it takes no sequence space.
    cfg.keepAlive = true;
    DriveToEstablished();
    Advance(cfg.keepAliveIdle);
    ASSERT_EQ(out.sent.size(), 1u);
    EXPECT_EQ(out.sent.front().header.GetSequenceNumber(), kIss);
    EXPECT_FALSE(out.sent.front().retransmission);
    EXPECT_EQ(out.sent.front().newDataBytes, 0u);
}

TEST_F(EngineTest, SynIsNewAndItsTimeoutRetransmissionIsFlagged)
{
    ASSERT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::OK);
    ASSERT_EQ(out.sent.size(), 1u);
    EXPECT_FALSE(out.sent.front().retransmission);
    out.ClearHistory();
    Advance(cfg.initialRto);
    ASSERT_EQ(out.sent.size(), 1u);
    EXPECT_EQ(out.sent.front().header.GetFlags(), H::SYN);
    EXPECT_TRUE(out.sent.front().retransmission);
    EXPECT_EQ(out.sent.front().newDataBytes, 0u); // a SYN carries no data
}

TEST_F(EngineTest, EverySegmentIsNotEctUntilEcnIsNegotiated)
{
    // RFC 3168 §6.1: SYN, data, retransmission, pure ACK, FIN and RST alike.
    DriveToSynSent();
    Advance(cfg.initialRto); // SYN retransmission
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    Conn().Send(Payload("data"), now);
    Advance(Seconds(3)); // data retransmission
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 5).Data("x"));
    Conn().Close(now);
    Inject(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 6).Data("unread")); // RST: data after close
    std::vector<uint8_t> kinds;
    for (const Sent& s : out.sent)
    {
        EXPECT_EQ(s.ecn, Ecn::NOT_ECT) << Describe(s.header, s.payload->GetSize());
        kinds.push_back(s.header.GetFlags());
    }
    EXPECT_GE(out.sent.size(), 6u);
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), H::SYN), kinds.end());
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), H::RST | H::ACK), kinds.end());
}

TEST_F(InEstablished, ProbeOctetSentAgainIsNotNewData)
{
    // A zero window: the persist timer sends one new octet as a probe; when the window
    // opens SND.NXT steps back over it and it leaves again at the head of a full segment.
    // It was new only the first time (DataSent counts every byte once).
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Win(0));
    Conn().Send(Payload(std::string(1500, 'a')), now);
    ASSERT_TRUE(out.sent.empty());
    Advance(Seconds(2)); // the first probe, after one RTO
    ASSERT_EQ(out.sent.size(), 1u);
    EXPECT_EQ(out.sent.front().newDataBytes, 1u);
    out.ClearHistory();
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Win(4000));
    ASSERT_FALSE(out.sent.empty());
    const Sent& full = out.sent.front();
    EXPECT_EQ(full.header.GetSequenceNumber(), kIss + 1);
    EXPECT_EQ(full.payload->GetSize(), kPeerMss);
    EXPECT_EQ(full.newDataBytes, kPeerMss - 1u);
}

// ------------------------------------------------------------------- segments in

TEST_F(InEstablished, IpFieldsOfTheSegmentReachTheTcb)
{
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Ip(Ecn::CE, 37));
    EXPECT_EQ(Conn().GetTcb().rcvEcn, Ecn::CE);
    EXPECT_EQ(Conn().GetTcb().rcvTtl, 37);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Ip(Ecn::ECT_1, 250));
    EXPECT_EQ(Conn().GetTcb().rcvEcn, Ecn::ECT_1);
    EXPECT_EQ(Conn().GetTcb().rcvTtl, 250);
}

TEST(EcnCodepoint, IsTheLowTwoBitsOfTheTosOctet)
{
    EXPECT_EQ(FullTcpEcnFromTos(0x28), Ecn::NOT_ECT);
    EXPECT_EQ(FullTcpEcnFromTos(0x29), Ecn::ECT_1);
    EXPECT_EQ(FullTcpEcnFromTos(0x2a), Ecn::ECT_0);
    EXPECT_EQ(FullTcpEcnFromTos(0xff), Ecn::CE);
}

TEST(ListenRules, SynWithTextIsARequestWhoseTextIsDropped)
{
    FullTcpHeader syn;
    syn.SetFlags(H::SYN);
    const FullTcpListenVerdict v = FullTcpListenSegmentArrives(syn, 10);
    EXPECT_TRUE(v.connectionRequest);
    EXPECT_EQ(v.drop, D::SYN_TEXT);
    EXPECT_FALSE(v.reset);
}

// -------------------------------------------------------------------------- ICMP

TEST_F(InEstablished, IcmpQuotingASequenceNotInFlightIsIgnored)
{
    Conn().Send(Payload(std::string(100, 'a')), now); // in flight: ISS+1 .. ISS+100
    out.ClearHistory();
    // RFC 5927 §4.1: SND.UNA <= SEG.SEQ < SND.NXT; SND.NXT itself and SND.UNA - 1 fail.
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::SOFT, kIss + 101), now), R::NOT_IN_FLIGHT);
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::HARD, kIss), now), R::NOT_IN_FLIGHT);
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::PACKET_TOO_BIG, kIss + 5000, 576), now), R::NOT_IN_FLIGHT);
    EXPECT_FALSE(Conn().GetSoftError());
    EXPECT_EQ(Conn().GetTcb().sndMss, kPeerMss);
    EXPECT_NOTHING_SENT();
}

TEST_F(InEstablished, IcmpWithNothingInFlightIsIgnored)
{
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::SOFT, kIss + 1), now), R::NOT_IN_FLIGHT);
    EXPECT_FALSE(Conn().GetSoftError());
}

TEST_F(InEstablished, IcmpSoftErrorInFlightIsRememberedNotFatal)
{
    Conn().Send(Payload(std::string(100, 'a')), now);
    out.ClearHistory();
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::SOFT, kIss + 50), now), R::SOFT_ERROR);
    EXPECT_EQ(Conn().GetSoftError(), K::SOFT);
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_TRUE(out.events.empty());
    EXPECT_TRUE(out.transitions.empty());
    EXPECT_NOTHING_SENT();
}

TEST_F(InEstablished, IcmpHardErrorWhenSynchronizedIsOnlyRemembered)
{
    // RFC 5461 §4: once synchronized a hard error is treated as soft.
    Conn().Send(Payload(std::string(100, 'a')), now);
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::HARD, kIss + 1), now), R::SOFT_ERROR);
    EXPECT_EQ(Conn().GetSoftError(), K::HARD);
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(InEstablished, AcceptableAckForgetsTheSoftError)
{
    Conn().Send(Payload(std::string(100, 'a')), now);
    ASSERT_EQ(Conn().IcmpArrives(Icmp(K::SOFT, kIss + 1), now), R::SOFT_ERROR);
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 51)); // Linux tcp_ack(): sk_err_soft = 0
    EXPECT_FALSE(Conn().GetSoftError());
}

TEST_F(InSynSent, IcmpHardErrorRefusesTheConnect)
{
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::HARD, kIss), now), R::CONNECT_FAILED);
    EXPECT_EQ(State(), S::CLOSED);
    ASSERT_EQ(out.transitions.size(), 1u);
    EXPECT_EQ(out.transitions[0], (Transition {S::SYN_SENT, S::CLOSED, C::RCV_ICMP_UNREACHABLE}));
    EXPECT_EQ(out.events, std::vector<E> {E::CONNECT_UNREACHABLE});
    EXPECT_NOTHING_SENT(); // nothing to reset: the peer never synchronized
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(InSynSent, IcmpHardErrorQuotingAnotherSequenceLeavesTheConnect)
{
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::HARD, kIss + 5000), now), R::NOT_IN_FLIGHT);
    EXPECT_EQ(State(), S::SYN_SENT);
    EXPECT_TRUE(out.events.empty());
}

TEST_F(InSynSent, IcmpSoftErrorKeepsTryingAndExplainsTheTimeout)
{
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::SOFT, kIss), now), R::SOFT_ERROR);
    EXPECT_EQ(State(), S::SYN_SENT);
    Advance(Seconds(1000)); // every SYN retry
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_EQ(out.events, std::vector<E> {E::CONNECT_TIMED_OUT});
    EXPECT_EQ(Conn().GetSoftError(), K::SOFT); // the socket reports it as the errno
}

TEST_F(InEstablished, PacketTooBigLowersTheMssAndResendsWhatNoLongerFits)
{
    Conn().Send(Payload(std::string(2000, 'a')), now); // two segments of 1000
    ASSERT_EQ(out.sent.size(), 2u);
    out.ClearHistory();
    // MTU 576: 576 - 20 (IPv4) - 20 (TCP) = 536 bytes per segment.
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::PACKET_TOO_BIG, kIss + 1, 576), now), R::MSS_LOWERED);
    EXPECT_EQ(Conn().GetTcb().sndMss, 536);
    // Everything in flight again from SND.UNA in 536-byte segments, cwnd untouched.
    std::vector<std::pair<uint32_t, uint32_t>> got;
    for (const Sent& s : out.sent)
    {
        got.emplace_back(s.header.GetSequenceNumber(), s.payload->GetSize());
        EXPECT_TRUE(s.retransmission);
        EXPECT_EQ(s.newDataBytes, 0u);
    }
    const std::vector<std::pair<uint32_t, uint32_t>> want {
        {kIss + 1, 536}, {kIss + 537, 536}, {kIss + 1073, 536}, {kIss + 1609, 392}};
    EXPECT_EQ(got, want);
}

TEST_F(InEstablished, PacketTooBigThatDoesNotLowerTheMssChangesNothing)
{
    Conn().Send(Payload(std::string(1000, 'a')), now);
    out.ClearHistory();
    // RFC 1191 §3 / RFC 8201 §4: never raised; 1040 - 40 = 1000 is SND.MSS already.
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::PACKET_TOO_BIG, kIss + 1, 1040), now), R::MSS_UNCHANGED);
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::PACKET_TOO_BIG, kIss + 1, 9000), now), R::MSS_UNCHANGED);
    EXPECT_EQ(Conn().GetTcb().sndMss, kPeerMss);
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, PacketTooBigBelowTheMinimumPathMtuUsesTheMinimum)
{
    // A forged MTU of 68 (RFC 5927 §7): the path is taken to be 552 (Linux ip_rt_min_pmtu).
    DriveToEstablished();
    Conn().Send(Payload("x"), now);
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::PACKET_TOO_BIG, kIss + 1, 68), now), R::MSS_LOWERED);
    EXPECT_EQ(Conn().GetTcb().sndMss, 552 - 40);
}

TEST_F(EngineTest, PacketTooBigNeverLowersBelowMinSndMss)
{
    cfg.minPathMtu = 68;
    cfg.timestamps = true;
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).Ts(1, 0));
    ASSERT_TRUE(Conn().GetTcb().tsOk);
    Conn().Send(Payload("x"), now);
    // 68 - 20 - 20 = 28 < MinSndMss 48 (Linux tcp_min_snd_mss), less 12 for timestamps.
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::PACKET_TOO_BIG, kIss + 1, 68), now), R::MSS_LOWERED);
    EXPECT_EQ(Conn().GetTcb().sndMss, cfg.minSndMss - 12);
}

TEST_F(InSynSent, PacketTooBigBeforeTheMssIsKnownChangesNothing)
{
    EXPECT_EQ(Conn().IcmpArrives(Icmp(K::PACKET_TOO_BIG, kIss, 576), now), R::MSS_UNCHANGED);
    EXPECT_EQ(State(), S::SYN_SENT);
}

// ------------------------------------------------------------- the accept queue

TEST_F(InSynRcvdPassive, AckWhileTheAcceptQueueIsFullIsDropped)
{
    out.mayEstablish = false;
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data("early"));
    EXPECT_EQ(State(), S::SYN_RCVD);
    EXPECT_EQ(out.drops, std::vector<D> {D::ACCEPT_QUEUE_FULL});
    EXPECT_EQ(out.mayEstablishAsked, 1u);
    EXPECT_NOTHING_SENT(); // no RST, no ACK (Linux tcp_abort_on_overflow = 0)
    EXPECT_EQ(Conn().GetRxAvailable(), 0u);
    EXPECT_TRUE(out.Timer(T::RETRANSMIT)); // the SYN-ACK goes again
}

TEST_F(InSynRcvdPassive, AckAfterTheAcceptQueueDrainsEstablishes)
{
    out.mayEstablish = false;
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    out.mayEstablish = true;
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1));
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(out.events, std::vector<E> {E::CONNECTED});
}

TEST_F(InSynRcvdPassive, UnacceptableAckIsResetWithoutAskingTheAcceptQueue)
{
    out.mayEstablish = false;
    Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 7));
    EXPECT_SENT(Flags(H::RST).Seq(kIss + 7));
    EXPECT_EQ(out.drops, std::vector<D> {D::ACK_UNACCEPTABLE});
    EXPECT_EQ(out.mayEstablishAsked, 0u);
}

} // namespace
} // namespace fulltcp_test
