/*
 * Test: Proportional Rate Reduction (RFC 9937; Linux tcp_cwnd_reduction()) as the cwnd during
 * fast recovery
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for FullTcpConfig::prr: during recovery cwnd = pipe + sndcnt, proportional to
 * what was delivered while pipe > ssthresh, PRR-CRB below it and PRR-SSRB on a safe ACK, cwnd =
 * ssthresh at the end; with SACK (RFC 6675) and without (RFC 6582); and RFC 6675's cwnd when
 * PRR is off. Each variant (FullTcpConfig::prrVariant) has one test per rule where they
 * differ: RecoverFS, rounding, the safe ACK.
 */
#include "fulltcp-engine-data-fixture.h"

#include "ns3/fulltcp-prr.h"

namespace fulltcp_test
{
namespace
{

/**
 * Twenty segments of 1000 bytes in flight ([0, 20000) of 40000 written: initial window 20
 * segments), no Limited Transmit, so that ssthresh = FlightSize / 2 = 10000 when recovery
 * starts, and RecoverFS = 18000 with RFC 9937 (§6.1: 20000 less the 2000 SACKed before the
 * ACK that starts recovery; RFC 6937 had FlightSize, 20000) or prior_cwnd = 20 segments with
 * the Linux variant. The peer's SACKs open its window to 60000, so PRR's sends are never held
 * back by it.
 */
class PrrTest : public DataTest
{
  protected:
    /// Establish with SACK and send the twenty segments. \param prr FullTcpConfig::prr
    /// \param variant FullTcpConfig::prrVariant
    void
    StartWithSack(bool prr, const std::string& variant = "Rfc9937")
    {
        cfg.sndBufSize = 100000;
        cfg.initialCwnd = 20;
        cfg.limitedTransmit = false;
        cfg.prr = prr;
        cfg.prrVariant = variant;
        DriveToEstablishedWithSack();
        Write(m_data);
        out.ClearHistory();
        ASSERT_EQ(Tcb().sndNxt, 1 + 20000);
    }

    /// \return the peer's SACK of ack with blocks (our offsets), window 60000
    Seg
    Sack(uint32_t ack, std::vector<std::pair<uint32_t, uint32_t>> blocks) const
    {
        Seg s = PeerSack(ack, std::move(blocks));
        s.Win(60000);
        return s;
    }

    /// [0, 1000) is lost: three SACKs of [1000, 4000) start recovery with its fast
    /// retransmit (RFC 6675 §5 (4)): ssthresh 10000.
    void
    LoseFirstSegment()
    {
        Inject(Sack(0, {{1000, 2000}}));
        Inject(Sack(0, {{1000, 3000}}));
        EXPECT_NOTHING_SENT();
        Inject(Sack(0, {{1000, 4000}}));
        EXPECT_SENT(OurData(m_data, 0, 1000));
        EXPECT_NOTHING_SENT();
        ASSERT_TRUE(Tcb().inRecovery);
        ASSERT_EQ(Tcb().cc.ssthresh, 10000u);
    }

    const std::string m_data {Text(40000)}; //!< what the application wrote
};

TEST_F(PrrTest, PrrSendsProportionallyDuringRecovery)
{
    StartWithSack(true);
    LoseFirstSegment();
    // The ACK that started recovery delivered 1000 and the fast retransmit sent 1000:
    // sndcnt = CEIL(1000 · 10000 / 18000) - 1000 < 0, so cwnd = pipe = 1000 (the
    // retransmission) + [4000, 20000).
    EXPECT_EQ(Tcb().cc.cwnd, 17000u);
    // Each SACK delivers one segment while pipe > ssthresh: sndcnt = CEIL(prr_delivered ·
    // 10000 / 18000) - prr_out bytes, one new segment for every two delivered. Changed with
    // RFC 9937: RecoverFS 18000 instead of 20000 (RFC 6937), so cwnd is no longer a multiple
    // of 500 (it was 16000, 15500, ..., 13000); the segments go on the same ACKs.
    const uint32_t expectedCwnd[] = {16112, 15667, 15223, 14778, 14334, 13889, 13445};
    int64_t next = 20000;
    for (uint32_t i = 0; i < 7; ++i)
    {
        const uint32_t sacked = 5000 + 1000 * i; // prr_delivered = sacked - 3000
        Inject(Sack(0, {{1000, sacked}}));
        EXPECT_EQ(Tcb().cc.cwnd, expectedCwnd[i]) << "SACK up to " << sacked;
        if ((sacked - 3000) % 2000 == 0 && sacked > 5000)
        {
            EXPECT_SENT(OurData(m_data, next, 1000)) << "SACK up to " << sacked;
            next += 1000;
        }
        EXPECT_NOTHING_SENT() << "SACK up to " << sacked;
    }
    // prr_delivered 8000, prr_out 4000 = 8000 · ssthresh / RecoverFS (4445) rounded down to
    // whole segments: the fast retransmit and three new segments.
    EXPECT_EQ(next, 23000);
}

TEST_F(PrrTest, PrrOffKeepsRfc6675Behaviour)
{
    StartWithSack(false);
    LoseFirstSegment();
    // RFC 6675 (4.2): cwnd = ssthresh, and nothing goes until pipe (17000 at the start) falls
    // below cwnd - SMSS.
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    for (uint32_t sacked = 5000; sacked <= 11000; sacked += 1000)
    {
        Inject(Sack(0, {{1000, sacked}}));
        EXPECT_NOTHING_SENT() << "SACK up to " << sacked;
        EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    }
    Inject(Sack(0, {{1000, 12000}})); // pipe 9000
    EXPECT_SENT(OurData(m_data, 20000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
}

TEST_F(PrrTest, PrrCwndEqualsSsthreshAtRecoveryExit)
{
    StartWithSack(true);
    LoseFirstSegment();
    Inject(Sack(0, {{1000, 5000}}));
    Inject(Sack(0, {{1000, 6000}}));
    ASSERT_EQ(Tcb().cc.cwnd, 15667u); // RFC 9937's RecoverFS 18000 (RFC 6937: 15500)
    // The retransmission arrives: the ACK reaches the recovery point. RFC 9937 §6.4: cwnd =
    // ssthresh, whatever PRR's last cwnd (Linux tcp_end_cwnd_reduction()).
    Inject(Sack(20000, {}));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    EXPECT_EQ(Tcb().cc.ssthresh, 10000u);
}

TEST_F(PrrTest, PrrCrbBelowSsthreshWithoutSafeAck)
{
    StartWithSack(true);
    // [0, 1000) and [4000, 14000) are lost.
    LoseFirstSegment();
    Inject(Sack(0, {{14000, 15000}, {1000, 4000}}));
    Inject(Sack(0, {{14000, 16000}, {1000, 4000}}));
    EXPECT_NOTHING_SENT();
    ASSERT_EQ(Tcb().cc.cwnd, 15667u); // pipe 15000 + CEIL(3000 · 10000 / 18000) - 1000
    // Three segments SACKed above [4000, 14000): all of it is lost, pipe falls to 4000 <
    // ssthresh. No ACK here advances SND.UNA, so none is safe: PRR-CRB (RFC 9937 §6.2),
    // sndcnt = MIN(ssthresh - pipe, MAX(prr_delivered - prr_out, DeliveredData)) = MIN(6000,
    // 3000): the shortfall only. Changed with RFC 9937: RFC 6937's PRR-SSRB added one MSS
    // on every ACK (four segments here, then two per ACK).
    Inject(Sack(0, {{14000, 17000}, {1000, 4000}}));
    for (uint32_t o = 4000; o < 7000; o += 1000)
    {
        EXPECT_SENT(OurData(m_data, o, 1000));
    }
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 7000u);
    // Then one segment for each one delivered: pipe stays at 7000, below ssthresh.
    for (uint32_t sacked = 18000, o = 7000; sacked <= 20000; sacked += 1000, o += 1000)
    {
        Inject(Sack(0, {{14000, sacked}, {1000, 4000}}));
        EXPECT_SENT(OurData(m_data, o, 1000)) << "SACK up to " << sacked;
        EXPECT_NOTHING_SENT() << "SACK up to " << sacked;
        EXPECT_EQ(Tcb().cc.cwnd, 7000u) << "SACK up to " << sacked;
    }
}

TEST_F(PrrTest, PrrBurstLimitedAfterBigAck)
{
    // RFC 9937's safe-ACK rule: PRR-SSRB only on the ACK that advances SND.UNA.
    StartWithSack(true);
    // [0, 1000) and [4000, 17000) are lost: thirteen segments.
    LoseFirstSegment();
    Inject(Sack(0, {{17000, 18000}, {1000, 4000}}));
    Inject(Sack(0, {{17000, 19000}, {1000, 4000}}));
    EXPECT_NOTHING_SENT();
    // The SACK that marks the thirteen lost leaves pipe = 1000: RFC 6675 would send
    // ssthresh - pipe = 9 retransmissions back to back. PRR-CRB (the ACK does not advance
    // SND.UNA: not safe) sends prr_delivered - prr_out = 3000. Changed with RFC 9937: RFC
    // 6937's PRR-SSRB sent one MSS more (4000, cwnd 5000).
    Inject(Sack(0, {{17000, 20000}, {1000, 4000}}));
    for (uint32_t o = 4000; o < 7000; o += 1000)
    {
        EXPECT_SENT(OurData(m_data, o, 1000));
    }
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 4000u);
    // The fast retransmission arrives: the cumulative ACK advances 4000 bytes, but 3000 of
    // them were SACKed already. DeliveredData = 4000 - 3000 = 1000; SND.UNA advanced and no
    // further loss: a safe ACK, PRR-SSRB, 1000 + MSS: two segments go (pipe 3000).
    Inject(Sack(4000, {{17000, 20000}}));
    EXPECT_SENT(OurData(m_data, 7000, 1000));
    EXPECT_SENT(OurData(m_data, 8000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
}

// ----------------------------------------------- one test per rule for each variant

TEST_F(PrrTest, Rfc9937RecoverFsLeavesOutDataSackedBeforeRecovery)
{
    StartWithSack(true);
    LoseFirstSegment();
    // RecoverFS = 20000 - 2000 SACKed before the third SACK = 18000 (RFC 9937 §6.1). One more
    // SACK: prr_delivered 2000, sndcnt = CEIL(2000 · 10000 / 18000) - 1000 = 112 bytes
    // (with RecoverFS = FlightSize 20000 it would be 0).
    Inject(Sack(0, {{1000, 5000}}));
    EXPECT_EQ(Tcb().cc.cwnd, 16000u + 112u);
    EXPECT_NOTHING_SENT();
}

TEST_F(PrrTest, Rfc9937ShareInBytesRoundsDownToSegments)
{
    StartWithSack(true);
    LoseFirstSegment();
    // prr_delivered 3000: the share CEIL(3000 · 10000 / 18000) = 1667 bytes less prr_out
    // 1000 is 667 bytes, less than a segment: nothing goes (the Linux variant, in segments,
    // rounds up and sends one here: LinuxShareRoundsUpToWholeSegments).
    Inject(Sack(0, {{1000, 5000}}));
    Inject(Sack(0, {{1000, 6000}}));
    EXPECT_EQ(Tcb().cc.cwnd, 15000u + 667u);
    EXPECT_NOTHING_SENT();
    // prr_delivered 4000: 2223 - 1000 = 1223 bytes: one segment.
    Inject(Sack(0, {{1000, 7000}}));
    EXPECT_SENT(OurData(m_data, 20000, 1000));
    EXPECT_NOTHING_SENT();
}

TEST_F(PrrTest, LinuxRecoverFsIsPriorCwnd)
{
    StartWithSack(true, "Linux");
    LoseFirstSegment();
    // prior_cwnd = 20 segments (tcp_init_cwnd_reduction()), prr_out 1 (the fast retransmit).
    // One more SACK: prr_delivered 2, sndcnt = ceil(10 · 2 / 20) - 1 = 0, cwnd = pipe 16
    // segments. With RFC 9937's RecoverFS of 18 segments it would be ceil(20 / 18) - 1 = 1.
    EXPECT_EQ(Tcb().cc.cwnd, 17000u);
    Inject(Sack(0, {{1000, 5000}}));
    EXPECT_EQ(Tcb().cc.cwnd, 16000u);
    EXPECT_NOTHING_SENT();
}

TEST_F(PrrTest, LinuxShareRoundsUpToWholeSegments)
{
    StartWithSack(true, "Linux");
    LoseFirstSegment();
    // In segments, rounded up (tcp_cwnd_reduction(): dividend + prior_cwnd - 1): one new
    // segment on every other SACK from prr_delivered 3 (ceil(30 / 20) - 1 = 1), one ACK
    // earlier than RFC 9937 in bytes (Rfc9937ShareInBytesRoundsDownToSegments).
    const uint32_t expectedCwnd[] = {16000, 16000, 15000, 15000, 14000, 14000, 13000};
    int64_t next = 20000;
    for (uint32_t i = 0; i < 7; ++i)
    {
        const uint32_t sacked = 5000 + 1000 * i; // prr_delivered = (sacked - 3000) / 1000
        Inject(Sack(0, {{1000, sacked}}));
        EXPECT_EQ(Tcb().cc.cwnd, expectedCwnd[i]) << "SACK up to " << sacked;
        if ((sacked - 3000) % 2000 == 1000)
        {
            EXPECT_SENT(OurData(m_data, next, 1000)) << "SACK up to " << sacked;
            next += 1000;
        }
        EXPECT_NOTHING_SENT() << "SACK up to " << sacked;
    }
    EXPECT_EQ(next, 23000);
}

TEST_F(DataTest, LinuxPrrSetsCwndBeforeTheFastRetransmitCounts)
{
    // Four segments out, three SACKed: pipe 0 before the fast retransmit, <= ssthresh 2000.
    // Linux sets cwnd from tcp_cwnd_reduction() before tcp_xmit_retransmit_queue() sends the
    // retransmission: sndcnt = max(prr_delivered 1 - prr_out 0, 1) = 1, cwnd = 0 + 1 segment
    // (linux-fast-retransmit-sack.pkt). Counting the retransmission first would give pipe 1
    // + max(1 - 1, 1) = 2 segments.
    cfg.initialCwnd = 4;
    cfg.prr = true;
    cfg.prrVariant = "Linux";
    DriveToEstablishedWithSack();
    const std::string data = Text(4000);
    Write(data);
    out.ClearHistory();
    Inject(PeerSack(0, {{1000, 2000}}));
    Inject(PeerSack(0, {{1000, 3000}}));
    Inject(PeerSack(0, {{1000, 4000}}));
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_NOTHING_SENT();
    ASSERT_TRUE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.ssthresh, 2000u);
    EXPECT_EQ(Tcb().cc.cwnd, 1000u);
}

TEST_F(PrrTest, LinuxSsrbOnlyOnSafeAck)
{
    // PrrBurstLimitedAfterBigAck's losses with the Linux variant: sndcnt++ only if
    // FLAG_SND_UNA_ADVANCED && !newly_lost (tcp_cwnd_reduction()).
    StartWithSack(true, "Linux");
    LoseFirstSegment();
    Inject(Sack(0, {{17000, 18000}, {1000, 4000}}));
    EXPECT_NOTHING_SENT();
    // prr_delivered 3: ceil(10 · 3 / 20) - 1 = 1, one new segment (rounding up).
    Inject(Sack(0, {{17000, 19000}, {1000, 4000}}));
    EXPECT_SENT(OurData(m_data, 20000, 1000));
    EXPECT_NOTHING_SENT();
    // The thirteen marked lost: pipe 2 segments, not safe (SND.UNA stays, newly_lost):
    // max(prr_delivered 4 - prr_out 2, 1) = 2, no extra segment.
    Inject(Sack(0, {{17000, 20000}, {1000, 4000}}));
    EXPECT_SENT(OurData(m_data, 4000, 1000));
    EXPECT_SENT(OurData(m_data, 5000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 4000u);
    // The cumulative ACK of the fast retransmission: 1 delivered, safe: max(5 - 4, 1) + 1 = 2.
    Inject(Sack(4000, {{17000, 20000}}));
    EXPECT_SENT(OurData(m_data, 6000, 1000));
    EXPECT_SENT(OurData(m_data, 7000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
}

/// NewReno (no SACK), ten segments in flight ([0, 10000) of 20000), peer window 20000:
/// ssthresh 5000, RecoverFS 10000 (RFC 9937) or prior_cwnd 10 segments (Linux).
class PrrNewRenoTest : public DataTest
{
  protected:
    /// Establish and send the ten segments. \param variant FullTcpConfig::prrVariant
    void
    Start(const std::string& variant)
    {
        cfg.sndBufSize = 100000;
        cfg.limitedTransmit = false;
        cfg.prr = true;
        cfg.prrVariant = variant;
        DriveToEstablished();
        Write(m_data);
        out.ClearHistory();
    }

    /**
     * [0, 1000) and [5000, 6000) are lost: eight duplicate ACKs (for [1000, 5000) and [6000,
     * 10000)) bring the fast retransmit and, once pipe is below ssthresh, [10000, 13000);
     * then ten duplicates have been counted as delivered (pipe = FlightSize 13000 - 8000 =
     * 5000). Both variants send the same here.
     */
    void
    EightDuplicates()
    {
        for (int i = 0; i < 8; ++i)
        {
            Inject(PeerAck(0));
        }
        EXPECT_SENT(OurData(m_data, 0, 1000));
        for (uint32_t o = 10000; o < 13000; o += 1000)
        {
            EXPECT_SENT(OurData(m_data, o, 1000));
        }
        EXPECT_NOTHING_SENT();
        ASSERT_EQ(Tcb().cc.cwnd, 5000u);
    }

    const std::string m_data {Text(20000)}; //!< what the application wrote
};

TEST_F(PrrNewRenoTest, PrrWithNewRenoRecovery)
{
    Start("Rfc9937");
    // [0, 1000) and [5000, 6000) are lost; eight duplicate ACKs come back.
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    EXPECT_SENT(OurData(m_data, 0, 1000)); // fast retransmit
    EXPECT_NOTHING_SENT();
    ASSERT_EQ(Tcb().cc.ssthresh, 5000u);
    // RFC 9937 §6.2 without SACK: each duplicate ACK delivered one MSS; pipe = FlightSize less
    // them. No 3·SMSS inflation: cwnd = pipe 7000 + (CEIL(1000 / 2) - 1000 < 0).
    EXPECT_EQ(Tcb().cc.cwnd, 7000u);
    Inject(PeerAck(0)); // pipe 6000, sndcnt CEIL(2000 / 2) - 1000 = 0
    EXPECT_EQ(Tcb().cc.cwnd, 6000u);
    Inject(PeerAck(0)); // pipe 5000 = ssthresh: MIN(ssthresh - pipe, ...) = 0
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    EXPECT_NOTHING_SENT();
    // pipe 4000: one new segment per duplicate ACK keeps pipe at ssthresh.
    for (uint32_t o = 10000; o < 13000; o += 1000)
    {
        Inject(PeerAck(0));
        EXPECT_SENT(OurData(m_data, o, 1000));
        EXPECT_NOTHING_SENT();
        EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    }
    // The partial ACK of 5000 covers five segments, all counted by earlier duplicates:
    // DeliveredData = 5000 - 8 · 1000 < 0, nothing delivered, cwnd stays. The next hole goes
    // (RFC 6582 §3.2 step 4), no new data: pipe = 8000 - 3000 = 5000.
    Inject(PeerAck(5000));
    EXPECT_SENT(OurData(m_data, 5000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    // The full ACK: cwnd = ssthresh (RFC 6582's option 1 would give min(ssthresh,
    // FlightSize + SMSS) = 4000).
    Inject(PeerAck(10000));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
}

TEST_F(PrrNewRenoTest, Rfc9937DuplicatesBeyondRecoverFsSendNothing)
{
    Start("Rfc9937");
    EightDuplicates();
    // The duplicates for [10000, 12000): pipe 4000 after each, one new segment each.
    Inject(PeerAck(0));
    EXPECT_SENT(OurData(m_data, 13000, 1000));
    Inject(PeerAck(0));
    EXPECT_SENT(OurData(m_data, 14000, 1000));
    EXPECT_NOTHING_SENT();
    // The eleventh duplicate: RFC 9937 §6.2, pipe leaves out "min(RecoverFS, 1 SMSS for each
    // preceding duplicate ACK)" = 10000, not 11000: pipe = 15000 - 10000 = ssthresh, nothing
    // goes. Then DeliveredData reaches RecoverFS and further duplicates deliver nothing
    // [Savage99]: cwnd stays, nothing goes.
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerAck(0));
        EXPECT_NOTHING_SENT();
        EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    }
}

TEST_F(PrrNewRenoTest, LinuxDuplicatesBeyondRecoverFsStillSend)
{
    Start("Linux");
    EightDuplicates();
    // Linux counts every duplicate in sacked_out while a hole stays unaccounted for
    // (tcp_add_reno_sack(), tcp_limit_reno_sacked()): each keeps pipe at 4 segments and one
    // new segment goes, beyond RecoverFS (prior_cwnd, 10) as well.
    for (uint32_t o = 13000; o < 18000; o += 1000)
    {
        Inject(PeerAck(0));
        EXPECT_SENT(OurData(m_data, o, 1000));
        EXPECT_NOTHING_SENT();
        EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    }
}

TEST(PrrArithmetic, Rfc9937BoundsEstimatedDeliveryByRecoverFs)
{
    // RFC 9937 §6.2: without SACK, "PRR disallows incrementing DeliveredData when the total
    // bytes delivered in a PRR episode would exceed ... (RecoverFS)". RecoverFS 10000, 9500
    // delivered so far: of an estimated 1000, 500 count; Linux has no such bound.
    ns3::FullTcpPrr rfc;
    rfc.OnEnterRecovery(ns3::FullTcpPrrVariant::Rfc9937, 10000, 1000);
    rfc.OnAck(9500, 12000, 5000, false);
    EXPECT_EQ(rfc.BoundEstimate(1000), 500);
    EXPECT_EQ(rfc.BoundDuplicates(12000), 10000u);
    rfc.OnAck(500, 12000, 5000, false);
    EXPECT_EQ(rfc.BoundEstimate(1000), 0);
    ns3::FullTcpPrr lnx;
    lnx.OnEnterRecovery(ns3::FullTcpPrrVariant::Linux, 10000, 1000);
    lnx.OnAck(10000, 12000, 5000, false);
    EXPECT_EQ(lnx.BoundEstimate(1000), 1000);
    EXPECT_EQ(lnx.BoundDuplicates(12000), 12000u);
}

TEST_F(DataTest, PrrPartialAckWithoutSackDeliversItsAdvanceLessTheDuplicates)
{
    cfg.sndBufSize = 100000;
    cfg.initialCwnd = 20;
    cfg.limitedTransmit = false;
    cfg.prr = true;
    DriveToEstablished();
    const std::string data = Text(30000);
    Write(data);
    out.ClearHistory(); // [0, 20000): ssthresh 10000, RecoverFS 20000
    // [0, 1000) and [4000, 5000) are lost; the duplicates for [1000, 4000) start recovery.
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    EXPECT_SENT(OurData(data, 0, 1000));
    ASSERT_EQ(Tcb().cc.cwnd, 17000u); // pipe 20000 - 3000
    // The partial ACK of 4000 (RFC 6937 §3): DeliveredData = 4000 - 3 · 1000, the
    // retransmission only. prr_delivered 2000, prr_out 2000 with the retransmission of
    // [4000, 5000): sndcnt = CEIL(2000 / 2) - 2000 < 0, cwnd = pipe = 16000 (counting the
    // whole advance would give prr_delivered 5000 and cwnd 16500).
    Inject(PeerAck(4000));
    EXPECT_SENT(OurData(data, 4000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 16000u);
}

} // namespace
} // namespace fulltcp_test
