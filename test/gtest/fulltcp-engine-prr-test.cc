/*
 * Test: Proportional Rate Reduction (RFC 6937 §3, PRR-SSRB) as the cwnd during fast recovery
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for FullTcpConfig::prr: during recovery cwnd = pipe + sndcnt, proportional to
 * what was delivered while pipe > ssthresh, the slow-start reduction bound below it, cwnd =
 * ssthresh at the end; with SACK (RFC 6675) and without (RFC 6582); and RFC 6675's cwnd when
 * PRR is off.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/**
 * Twenty segments of 1000 bytes in flight ([0, 20000) of 40000 written: initial window 20
 * segments), no Limited Transmit, so that ssthresh = FlightSize / 2 = 10000 and RecoverFS =
 * 20000 when recovery starts. The peer's SACKs open its window to 60000, so PRR's sends are
 * never held back by it.
 */
class PrrTest : public DataTest
{
  protected:
    /// Establish with SACK and send the twenty segments. \param prr FullTcpConfig::prr
    void
    StartWithSack(bool prr)
    {
        cfg.sndBufSize = 100000;
        cfg.initialCwnd = 20;
        cfg.limitedTransmit = false;
        cfg.prr = prr;
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
    /// retransmit (RFC 6675 §5 (4)): ssthresh 10000, RecoverFS 20000.
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
    // sndcnt = CEIL(1000 · 10000 / 20000) - 1000 < 0, so cwnd = pipe = 1000 (the
    // retransmission) + [4000, 20000).
    EXPECT_EQ(Tcb().cc.cwnd, 17000u);
    // Each SACK delivers one segment while pipe > ssthresh: sndcnt = CEIL(prr_delivered / 2)
    // - prr_out, one new segment for every two delivered.
    const uint32_t expectedCwnd[] = {16000, 15500, 15000, 14500, 14000, 13500, 13000};
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
    // prr_delivered 8000, prr_out 4000 = 8000 · ssthresh / RecoverFS: the fast retransmit and
    // three new segments.
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
    ASSERT_EQ(Tcb().cc.cwnd, 15500u);
    // The retransmission arrives: the ACK reaches the recovery point. RFC 6937 §3: cwnd =
    // ssthresh, whatever PRR's last cwnd (Linux tcp_end_cwnd_reduction()).
    Inject(Sack(20000, {}));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    EXPECT_EQ(Tcb().cc.ssthresh, 10000u);
}

TEST_F(PrrTest, PrrSsrbAfterRecoveryPointBelowSsthresh)
{
    StartWithSack(true);
    // [0, 1000) and [4000, 14000) are lost.
    LoseFirstSegment();
    Inject(Sack(0, {{14000, 15000}, {1000, 4000}}));
    Inject(Sack(0, {{14000, 16000}, {1000, 4000}}));
    EXPECT_NOTHING_SENT();
    ASSERT_EQ(Tcb().cc.cwnd, 15500u); // pipe 15000 + CEIL(3000 / 2) - 1000
    // Three segments SACKed above [4000, 14000): all of it is lost, pipe falls to 4000 <
    // ssthresh. PRR-SSRB: sndcnt = MIN(ssthresh - pipe, MAX(prr_delivered - prr_out,
    // DeliveredData) + MSS) = MIN(6000, 3000 + 1000): the shortfall and one MSS more.
    Inject(Sack(0, {{14000, 17000}, {1000, 4000}}));
    for (uint32_t o = 4000; o < 8000; o += 1000)
    {
        EXPECT_SENT(OurData(m_data, o, 1000));
    }
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 8000u);
    // Then as slow start: each ACK that delivers one segment sends two (DeliveredData +
    // MSS), until pipe reaches ssthresh.
    Inject(Sack(0, {{14000, 18000}, {1000, 4000}})); // pipe 7000
    EXPECT_SENT(OurData(m_data, 8000, 1000));
    EXPECT_SENT(OurData(m_data, 9000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 9000u);
    Inject(Sack(0, {{14000, 19000}, {1000, 4000}})); // pipe 8000
    EXPECT_SENT(OurData(m_data, 10000, 1000));
    EXPECT_SENT(OurData(m_data, 11000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    Inject(Sack(0, {{14000, 20000}, {1000, 4000}})); // pipe 9000: ssthresh - pipe = 1000
    EXPECT_SENT(OurData(m_data, 12000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
}

TEST_F(PrrTest, PrrBurstLimitedAfterBigAck)
{
    StartWithSack(true);
    // [0, 1000) and [4000, 17000) are lost: thirteen segments.
    LoseFirstSegment();
    Inject(Sack(0, {{17000, 18000}, {1000, 4000}}));
    Inject(Sack(0, {{17000, 19000}, {1000, 4000}}));
    EXPECT_NOTHING_SENT();
    // The SACK that marks the thirteen lost leaves pipe = 1000: RFC 6675 would send
    // ssthresh - pipe = 9 retransmissions back to back. PRR-SSRB sends prr_delivered -
    // prr_out + MSS = 3000 + 1000.
    Inject(Sack(0, {{17000, 20000}, {1000, 4000}}));
    for (uint32_t o = 4000; o < 8000; o += 1000)
    {
        EXPECT_SENT(OurData(m_data, o, 1000));
    }
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    // The fast retransmission arrives: the cumulative ACK advances 4000 bytes, but 3000 of
    // them were SACKed already. DeliveredData = 4000 - 3000 = 1000, so two segments go.
    Inject(Sack(4000, {{17000, 20000}}));
    EXPECT_SENT(OurData(m_data, 8000, 1000));
    EXPECT_SENT(OurData(m_data, 9000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().cc.cwnd, 6000u);
}

/// NewReno (no SACK), ten segments in flight ([0, 10000) of 20000), peer window 20000.
class PrrNewRenoTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.sndBufSize = 100000;
        cfg.limitedTransmit = false;
        cfg.prr = true;
        DriveToEstablished();
        Write(m_data);
        out.ClearHistory();
    }

    const std::string m_data {Text(20000)}; //!< what the application wrote
};

TEST_F(PrrNewRenoTest, PrrWithNewRenoRecovery)
{
    // [0, 1000) and [5000, 6000) are lost; eight duplicate ACKs come back.
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    EXPECT_SENT(OurData(m_data, 0, 1000)); // fast retransmit
    EXPECT_NOTHING_SENT();
    ASSERT_EQ(Tcb().cc.ssthresh, 5000u);
    // RFC 6937 §3 without SACK: each duplicate ACK delivered one MSS; pipe = FlightSize less
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
