/*
 * Test: RACK-TLP loss recovery (RFC 8985, Linux tcp_recovery.c), the "Rack" plug
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules of FullTcpConfig::recovery = "Rack": the Tail Loss Probe (its timeout, new
 * data first, else the last segment, the cwnd reduction when it repaired a loss), RACK's
 * time-based loss marking and reordering timer, the reordering window D-SACKs widen, and
 * NewReno without SACK.
 */
#include "fulltcp-engine-data-fixture.h"

#include "ns3/fulltcp-rack.h"

namespace fulltcp_test
{
namespace
{

using K = FullTcpRecoveryEvent::Kind;

/**
 * SACK and the "Rack" recovery, minimum RTO 200 ms (Linux TCP_RTO_MIN), no Limited Transmit;
 * the handshake's round trip is the first RTT sample. Our data offset 0 is stream offset 1.
 */
class RackTest : public DataTest
{
  protected:
    /// Establish with SACK after a handshake round trip of rtt.
    void
    Establish(Time rtt)
    {
        cfg.sack = true;
        cfg.recovery = "Rack";
        cfg.minRto = MilliSeconds(200);
        cfg.sndBufSize = 100000;
        cfg.limitedTransmit = false;
        DriveToSynSent();
        now += rtt;
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).SackOk());
        ASSERT_EQ(State(), S::ESTABLISHED);
        ASSERT_EQ(Conn().GetLossRecovery()->GetName(), "Rack");
        out.ClearHistory();
    }

    /// Write n more bytes of m_data (from m_written on).
    void
    WriteMore(uint32_t n)
    {
        Write(m_data.substr(m_written, n));
        m_written += n;
    }

    /// \return our segment [offset, offset + n) of m_data, PSH when it ends a write
    Seg
    Our(uint32_t offset, uint32_t n, bool psh) const
    {
        return OurData(m_data, offset, n, psh ? H::PSH : 0);
    }

    /// \return the plug
    const FullTcpRackRecovery&
    Rack()
    {
        return dynamic_cast<const FullTcpRackRecovery&>(*Conn().GetLossRecovery());
    }

    /// \return the probe timer's expiry, if armed
    std::optional<Time>
    ProbeTimer() const
    {
        return out.Timer(FullTcpTailLossProbe::TIMER);
    }

    /// \return the reordering timer's expiry, if armed
    std::optional<Time>
    ReorderTimer() const
    {
        return out.Timer(FullTcpRackRecovery::REORDER_TIMER);
    }

    /// \return the recovery events of a kind, in order
    std::vector<FullTcpRecoveryEvent>
    Events(K kind) const
    {
        std::vector<FullTcpRecoveryEvent> v;
        for (const auto& e : out.recoveryEvents)
        {
            if (e.kind == kind)
            {
                v.push_back(e);
            }
        }
        return v;
    }

    const std::string m_data {Text(60000)}; //!< what the application writes, in order
    uint32_t m_written {0};                 //!< bytes of it written so far
};

TEST_F(RackTest, TlpSendsNewDataAfterPto)
{
    Establish(MilliSeconds(100)); // SRTT 100 ms, RTO 300 ms
    WriteMore(11000);             // cwnd (10 segments) lets [0, 10000) go
    for (uint32_t o = 0; o < 10000; o += 1000)
    {
        EXPECT_SENT(Our(o, 1000, false)) << "offset " << o;
    }
    EXPECT_NOTHING_SENT();
    // tcp_schedule_loss_probe(): PTO = 2·SRTT + 2 ms with more than one segment out.
    const Time sentAt = now;
    ASSERT_EQ(ProbeTimer(), sentAt + MilliSeconds(202));
    Advance(MilliSeconds(201));
    EXPECT_NOTHING_SENT();
    Advance(MilliSeconds(1));
    // The probe is the new segment cwnd held back (tcp_send_loss_probe() forces one out).
    EXPECT_SENT(Our(10000, 1000, true));
    EXPECT_NOTHING_SENT();
    const auto probes = Events(K::TAIL_LOSS_PROBE);
    ASSERT_EQ(probes.size(), 1u);
    EXPECT_EQ(probes[0].start, 1 + 10000);
    EXPECT_TRUE(probes[0].newData);
    // The probe restarts the retransmission timer (tcp_rearm_rto()).
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Tcb().rto);
}

TEST_F(RackTest, TlpRetransmitsLastSegmentWhenNoNewData)
{
    Establish(MilliSeconds(100));
    WriteMore(5000);
    for (uint32_t o = 0; o < 5000; o += 1000)
    {
        EXPECT_SENT(Our(o, 1000, o == 4000));
    }
    Advance(MilliSeconds(202));
    // Nothing new to send: the last segment again (skb_rb_last(&sk->tcp_rtx_queue)).
    ASSERT_FALSE(out.sent.empty());
    EXPECT_TRUE(out.sent.front().retransmission);
    EXPECT_SENT(Our(4000, 1000, true));
    EXPECT_NOTHING_SENT();
    const auto probes = Events(K::TAIL_LOSS_PROBE);
    ASSERT_EQ(probes.size(), 1u);
    EXPECT_EQ(probes[0].start, 1 + 4000);
    EXPECT_FALSE(probes[0].newData);
    // At most one probe: the next expiry is the retransmission timeout's.
    EXPECT_FALSE(ProbeTimer());
    const Time rto = Tcb().rto;
    Advance(rto - MilliSeconds(1));
    EXPECT_NOTHING_SENT();
    Advance(MilliSeconds(1));
    EXPECT_SENT(Our(0, 1000, false));
    EXPECT_NOTHING_SENT();
}

TEST_F(RackTest, TlpPtoIncludesDelayedAckAllowanceForOneSegment)
{
    Establish(MilliSeconds(300)); // SRTT 300 ms, RTTVAR 150 ms: RTO 900 ms
    WriteMore(1000);
    EXPECT_SENT(Our(0, 1000, true));
    // One segment out: PTO = 2·SRTT + the minimum RTO (the peer may delay its ACK).
    EXPECT_EQ(ProbeTimer(), now + MilliSeconds(800));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(900));
    // A second segment: 2·SRTT + 2 ms.
    WriteMore(1000);
    EXPECT_SENT(Our(1000, 1000, true));
    EXPECT_EQ(ProbeTimer(), now + MilliSeconds(602));
}

TEST_F(RackTest, TlpReplacesTheRtoWhenBothAreDue)
{
    Establish(MilliSeconds(100)); // SRTT 100 ms, RTTVAR 50 ms: RTO 300 ms
    WriteMore(1000);
    EXPECT_SENT(Our(0, 1000, true));
    // One segment out: PTO = 2·SRTT + 200 ms = 400 ms, capped at the RTO (300 ms), and
    // Linux arms one timer with it: at 300 ms the probe goes, not the timeout.
    EXPECT_EQ(ProbeTimer(), now + MilliSeconds(300));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(300));
    const uint32_t cwnd = Tcb().cc.cwnd;
    Advance(MilliSeconds(300));
    EXPECT_EQ(Events(K::TAIL_LOSS_PROBE).size(), 1u);
    EXPECT_SENT(Our(0, 1000, true));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
    EXPECT_EQ(Tcb().cc.cwnd, cwnd);
    // tcp_rearm_rto() after the probe: the timeout comes one RTO later, not backed off.
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(300));
    Advance(MilliSeconds(300));
    EXPECT_SENT(Our(0, 1000, true));
    EXPECT_EQ(Tcb().caState, FullTcpCaState::LOSS);
}

TEST_F(RackTest, RackMarksLostOnceReorderWindowPasses)
{
    Establish(MilliSeconds(100)); // min_rtt 100 ms: reo_wnd 25 ms
    const Time t0 = now;
    WriteMore(1000);
    EXPECT_SENT(Our(0, 1000, true));
    Advance(MilliSeconds(20));
    WriteMore(1000);
    EXPECT_SENT(Our(1000, 1000, true));
    Advance(MilliSeconds(20));
    WriteMore(1000);
    EXPECT_SENT(Our(2000, 1000, true));
    // [1000, 2000), sent 20 ms after [0, 1000), is SACKed 100 ms after it left: [0, 1000)
    // is not lost before RACK.rtt + reo_wnd = 125 ms after its sending.
    Advance(t0 + MilliSeconds(120) - now);
    Inject(PeerSack(0, {{1000, 2000}}));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_TRUE(Events(K::RACK_LOST).empty());
    // [2000, 3000), SACKed 86 ms after it left at 126 ms: [0, 1000) waited longer than
    // 86 + 25 ms. Lost, recovery starts with its retransmission.
    Advance(MilliSeconds(6));
    Inject(PeerSack(0, {{1000, 3000}}));
    const auto lost = Events(K::RACK_LOST);
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0].start, 1);
    EXPECT_EQ(lost[0].end, 1 + 1000);
    EXPECT_TRUE(Tcb().inRecovery);
    EXPECT_SENT(Our(0, 1000, true));
    EXPECT_NOTHING_SENT();
}

TEST_F(RackTest, RackCountsASackOfTheDataOfTheFinSegment)
{
    Establish(MilliSeconds(100)); // min_rtt 100 ms: reo_wnd 25 ms
    WriteMore(11000);             // [0, 10000) goes; the rest and the FIN wait for cwnd
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    out.ClearHistory();
    Advance(MilliSeconds(100));
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(m_data, 10000, 1000, H::PSH | H::FIN));
    out.ClearHistory();
    // The peer SACKs the data of the FIN segment but not the FIN (RFC 2018 blocks are data,
    // as FreeBSD sends them; Linux includes the FIN). That delivers the segment (Linux
    // tcp_sacktag_walk() takes a block that covers the skb's data): RACK advances, and
    // [1000, 10000), sent 100 ms before it and not delivered 200 ms later, is lost.
    Advance(MilliSeconds(100));
    Inject(PeerSack(1000, {{10000, 11000}}));
    const auto lost = Events(K::RACK_LOST);
    ASSERT_FALSE(lost.empty());
    EXPECT_EQ(lost[0].start, 1 + 1000);
    EXPECT_TRUE(Tcb().inRecovery);
    EXPECT_SENT(Our(1000, 1000, false));
}

TEST_F(RackTest, RackReorderTimerFiresWhenWindowPendingLoss)
{
    Establish(MilliSeconds(100));
    const Time t0 = now;
    WriteMore(1000);
    EXPECT_SENT(Our(0, 1000, true));
    Advance(MilliSeconds(20));
    WriteMore(1000);
    EXPECT_SENT(Our(1000, 1000, true));
    Advance(t0 + MilliSeconds(120) - now);
    Inject(PeerSack(0, {{1000, 2000}}));
    // [0, 1000) has 100 + 25 - 120 = 5 ms left: the reordering timer, plus 2 ms
    // (tcp_rack_mark_lost(): TCP_TIMEOUT_MIN_US), replaces the probe.
    ASSERT_EQ(ReorderTimer(), now + MilliSeconds(7));
    EXPECT_FALSE(ProbeTimer());
    Advance(MilliSeconds(6));
    EXPECT_NOTHING_SENT();
    Advance(MilliSeconds(1));
    // tcp_rack_reo_timeout(): lost, recovery, retransmission, with no ACK arriving.
    ASSERT_EQ(Events(K::RACK_LOST).size(), 1u);
    EXPECT_TRUE(Tcb().inRecovery);
    ASSERT_FALSE(out.sent.empty());
    EXPECT_EQ(out.sent.front().at, t0 + MilliSeconds(127));
    EXPECT_SENT(Our(0, 1000, true));
    EXPECT_NOTHING_SENT();
}

TEST_F(RackTest, RackReorderWindowGrowsOnDsack)
{
    Establish(MilliSeconds(100));
    WriteMore(4000);
    for (uint32_t o = 0; o < 4000; o += 1000)
    {
        EXPECT_SENT(Our(o, 1000, o == 3000));
    }
    // [0, 1000) arrives after [1000, 2000), never resent: reordering.
    Advance(MilliSeconds(100));
    Inject(PeerSack(0, {{1000, 2000}}));
    Advance(MilliSeconds(10));
    Inject(PeerAck(2000));
    EXPECT_TRUE(Rack().ReorderingSeen());
    EXPECT_EQ(Rack().GetReorderWindowSteps(), 1u);
    // [2000, 3000) is late too: the reordering timer marks it lost, it goes again ...
    Advance(MilliSeconds(20));
    Inject(PeerSack(2000, {{3000, 4000}}));
    EXPECT_NOTHING_SENT();
    Advance(MilliSeconds(30));
    EXPECT_SENT(Our(2000, 1000, false));
    EXPECT_NOTHING_SENT();
    // ... the original arrives, then the retransmission: the peer D-SACKs it.
    Inject(PeerAck(4000));
    EXPECT_FALSE(Tcb().inRecovery);
    Advance(MilliSeconds(100));
    Inject(PeerSack(4000, {{2000, 3000}}));
    EXPECT_EQ(Rack().GetReorderWindowSteps(), 1u); // applied with the next delivery
    WriteMore(1000);
    EXPECT_SENT(Our(4000, 1000, true));
    Advance(MilliSeconds(100));
    Inject(PeerAck(5000));
    // tcp_rack_update_reo_wnd(): one more step of min_rtt/4.
    EXPECT_EQ(Rack().GetReorderWindowSteps(), 2u);
    EXPECT_EQ(Rack().GetReorderWindow(), MilliSeconds(50));
    const auto widths = Events(K::RACK_REORDER_WINDOW);
    ASSERT_FALSE(widths.empty());
    EXPECT_EQ(widths.back().from, MilliSeconds(25));
    EXPECT_EQ(widths.back().to, MilliSeconds(50));
}

TEST_F(RackTest, RackWithoutSackKeepsNewReno)
{
    cfg.recovery = "Rack";
    cfg.sndBufSize = 100000;
    cfg.limitedTransmit = false;
    DriveToEstablished(); // no SACK
    EXPECT_EQ(Conn().GetLossRecovery()->GetName(), "NewReno");
    WriteMore(5000);
    for (uint32_t o = 0; o < 5000; o += 1000)
    {
        EXPECT_SENT(Our(o, 1000, o == 4000));
    }
    EXPECT_FALSE(ProbeTimer()); // no Tail Loss Probe
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(0)); // the third duplicate ACK: fast retransmit (RFC 5681 §3.2)
    EXPECT_SENT(Our(0, 1000, false));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(Tcb().inRecovery);
}

TEST_F(RackTest, TlpLossDetectedReducesCwnd)
{
    Establish(MilliSeconds(300));
    WriteMore(5000);
    for (uint32_t o = 0; o < 5000; o += 1000)
    {
        EXPECT_SENT(Our(o, 1000, o == 4000));
    }
    // [4000, 5000) is lost. The ACK of the rest (RTT 100 ms: SRTT 275 ms, RTTVAR 162.5 ms,
    // RTO 925 ms) leaves one segment out: PTO = 2·SRTT + 200 ms = 750 ms.
    Advance(MilliSeconds(100));
    Inject(PeerAck(4000));
    Advance(MilliSeconds(749)); // the timer armed for the earlier PTO re-arms for the rest
    EXPECT_NOTHING_SENT();
    Advance(MilliSeconds(1));
    EXPECT_SENT(Our(4000, 1000, true));
    EXPECT_NOTHING_SENT();
    // The probe repaired the loss; its ACK reaches TLP.end_seq but not beyond it.
    Advance(MilliSeconds(100));
    Inject(PeerAck(5000));
    EXPECT_EQ(Tcb().cc.ssthresh, cfg.initialSsthresh);
    // An ACK beyond TLP.end_seq ends the episode with a cwnd reduction (Linux enters CWR):
    // ssthresh from NewReno, max(FlightSize / 2, 2·SMSS) = 2500, cwnd = ssthresh.
    WriteMore(6000);
    for (uint32_t o = 5000; o < 11000; o += 1000)
    {
        EXPECT_SENT(Our(o, 1000, o == 10000));
    }
    EXPECT_NOTHING_SENT();
    Advance(MilliSeconds(100));
    Inject(PeerAck(6000));
    EXPECT_EQ(Tcb().cc.ssthresh, 2500u);
    EXPECT_EQ(Tcb().cc.cwnd, 2500u);
    EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
    // Once only.
    Inject(PeerAck(7000));
    EXPECT_EQ(Tcb().cc.ssthresh, 2500u);
}

TEST_F(RackTest, TlpDsackOfProbeKeepsCwnd)
{
    Establish(MilliSeconds(300));
    WriteMore(5000);
    for (uint32_t o = 0; o < 5000; o += 1000)
    {
        EXPECT_SENT(Our(o, 1000, o == 4000));
    }
    Advance(MilliSeconds(100));
    Inject(PeerAck(4000));
    Advance(MilliSeconds(750));
    EXPECT_SENT(Our(4000, 1000, true));
    // The original was only late: it arrives, then the next segment, then the probe, which
    // the peer D-SACKs while acknowledging beyond TLP.end_seq. No loss: no reduction.
    WriteMore(1000);
    EXPECT_SENT(Our(5000, 1000, true));
    Advance(MilliSeconds(100));
    Inject(PeerSack(6000, {{4000, 5000}}));
    EXPECT_EQ(Tcb().cc.ssthresh, cfg.initialSsthresh);
    // The episode ended: a later ACK beyond TLP.end_seq reduces nothing either.
    WriteMore(1000);
    Advance(MilliSeconds(100));
    Inject(PeerAck(7000));
    EXPECT_EQ(Tcb().cc.ssthresh, cfg.initialSsthresh);
    EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
}

} // namespace
} // namespace fulltcp_test
