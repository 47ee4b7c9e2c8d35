/*
 * Test: Linux's cwnd rules around the flight: cwnd validation, growth by delivered data,
 * restart after idle; and MSG_EOR blocks
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConfig::cwndValidation (tcp_cwnd_validate(), tcp_is_cwnd_limited()),
 * cwndGrowsByDelivered (tcp_cong_control()'s acked_sacked, tcp_remove_reno_sacks()),
 * slowStartAfterIdle (tcp_cwnd_restart(), after a write or a window update), each against
 * the default; and a write with
 * endOfRecord (MSG_EOR), after which the next write starts a new block.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

class CwndUseTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        DataTest::SetUp();
        cfg.congestionControl = "Cubic";
        cfg.cubicHystart = "None";
        cfg.sndBufSize = 100000;
    }

    /// 30000 bytes written, the first 10 segments acknowledged: cwnd 20, twenty segments
    /// [10000, 30000) in flight (the peer's window is 20000).
    void
    TwentyInFlight()
    {
        DriveToEstablished();
        Write(Text(30000));
        Inject(PeerAck(10000));
        ASSERT_EQ(Tcb().cc.cwnd, 20000U);
        ASSERT_EQ(Tcb().sndNxt, 1 + 30000);
    }
};

TEST_F(CwndUseTest, SlowStartGrowsWhileBelowTwiceTheRoundsLargestFlight)
{
    // tcp_is_cwnd_limited(): the round sent 20 segments, so cwnd grows up to 40 although the
    // ACKs leave only 8 in flight.
    cfg.cwndValidation = true;
    TwentyInFlight();
    Inject(PeerAck(14000));
    Inject(PeerAck(18000));
    Inject(PeerAck(22000));
    EXPECT_EQ(Tcb().cc.cwnd, 32000U);
}

TEST_F(CwndUseTest, WithoutCwndValidationTheFlightBeforeEachAckDecides)
{
    // RFC 9438 §5.8 as the plug judges it: before the ACK of 22000, 12000 were in flight;
    // cwnd 28000 is not below twice that, so it stays.
    TwentyInFlight();
    Inject(PeerAck(14000));
    Inject(PeerAck(18000));
    Inject(PeerAck(22000));
    EXPECT_EQ(Tcb().cc.cwnd, 28000U);
}

TEST_F(CwndUseTest, AnAckOverSackedDataGrowsCwndByTheRestOnly)
{
    // tcp_cong_control(): acked_sacked. Two duplicate ACKs SACK [1000, 3000) (Limited
    // Transmit sends a segment on each); the ACK of 3000 delivers only [0, 1000) anew.
    cfg.cwndGrowsByDelivered = true;
    DriveToEstablishedWithSack();
    Write(Text(15000));
    Inject(PeerSack(0, {{1000, 2000}}));
    Inject(PeerSack(0, {{1000, 3000}}));
    ASSERT_EQ(Tcb().sndNxt, 1 + 12000);
    Inject(PeerAck(3000));
    EXPECT_EQ(Tcb().cc.cwnd, 11000U);
}

TEST_F(CwndUseTest, WithoutSackEachDuplicateAckCountsOneSegmentDelivered)
{
    // tcp_remove_reno_sacks(): delivered += max(acked - sacked_out, 1), with sacked_out one
    // per duplicate ACK: 3 segments acknowledged after 2 duplicates grow cwnd by one.
    cfg.cwndGrowsByDelivered = true;
    DriveToEstablished();
    Write(Text(15000));
    Inject(PeerAck(0));
    Inject(PeerAck(0));
    ASSERT_EQ(Tcb().sndNxt, 1 + 12000);
    Inject(PeerAck(3000));
    EXPECT_EQ(Tcb().cc.cwnd, 11000U);
}

TEST_F(CwndUseTest, WithoutDeliveredGrowthTheAcknowledgedBytesCount)
{
    // RFC 5681 §3.1: the same ACK of 3000 grows cwnd by 3000.
    DriveToEstablishedWithSack();
    Write(Text(15000));
    Inject(PeerSack(0, {{1000, 2000}}));
    Inject(PeerSack(0, {{1000, 3000}}));
    Inject(PeerAck(3000));
    EXPECT_EQ(Tcb().cc.cwnd, 13000U);
}

TEST_F(CwndUseTest, AWriteAfterAnIdleRtoRestartsCwnd)
{
    // tcp_cwnd_restart(): cwnd 20 halves once per RTO of idleness (RTO 1 s, idle 3 s),
    // never below the initial window 10.
    cfg.slowStartAfterIdle = true;
    DriveToEstablished();
    Write(Text(10000));
    Inject(PeerAck(10000));
    ASSERT_EQ(Tcb().cc.cwnd, 20000U);
    now += Seconds(3);
    Write(Text(1000));
    EXPECT_EQ(Tcb().cc.cwnd, 10000U);
}

TEST_F(CwndUseTest, WithoutRestartAfterIdleCwndIsKept)
{
    DriveToEstablished();
    Write(Text(10000));
    Inject(PeerAck(10000));
    now += Seconds(3);
    Write(Text(1000));
    EXPECT_EQ(Tcb().cc.cwnd, 20000U);
}

TEST_F(CwndUseTest, AWindowReopeningAfterAnIdleRtoRestartsCwnd)
{
    // tcp_ack_update_window(): a window that changes with data queued runs
    // tcp_slow_start_after_idle_check(). Written while data was in flight (no restart then),
    // the rest waits behind a zero window; 3 s later the window reopens: cwnd 20 halves to 10.
    cfg.slowStartAfterIdle = true;
    cfg.zeroWindowProbeData = false;
    DriveToEstablished();
    Write(Text(10000));
    Write(Text(5000));
    Inject(PeerAck(10000).Win(0));
    ASSERT_EQ(Tcb().cc.cwnd, 20000U);
    Advance(Seconds(3)); // probes at 1 s and 3 s back the probe interval off to 4 s
    ASSERT_TRUE(Tcb().probing);
    Inject(PeerAck(10000));
    EXPECT_EQ(Tcb().cc.cwnd, 10000U);
}

TEST_F(CwndUseTest, WithoutRestartAfterIdleAReopenedWindowKeepsCwnd)
{
    cfg.zeroWindowProbeData = false;
    DriveToEstablished();
    Write(Text(10000));
    Write(Text(5000));
    Inject(PeerAck(10000).Win(0));
    Advance(Seconds(3));
    Inject(PeerAck(10000));
    EXPECT_EQ(Tcb().cc.cwnd, 20000U);
}

TEST_F(CwndUseTest, NoWriteJoinsTheBlockThatEndsARecord)
{
    // tcp_skb_can_collapse_to(): the block a MSG_EOR write ends takes no more bytes; the next
    // write starts a new one (a bound of GSO packets).
    cfg.pushBlockSize = 65215;
    cfg.minTsoSegs = 2;
    cfg.initialCwnd = 2;
    DriveToEstablished();
    Write(Text(5000));
    ASSERT_EQ(Conn().Send(Payload(Text(400)), now, true), FullTcpError::OK);
    Write(Text(1000));
    EXPECT_EQ(std::vector<int64_t>(Tcb().blockStarts.begin(), Tcb().blockStarts.end()),
              (std::vector<int64_t> {1 + 5400}));
}

TEST_F(CwndUseTest, WithoutEndOfRecordWritesJoinTheUnsentBlock)
{
    cfg.pushBlockSize = 65215;
    cfg.minTsoSegs = 2;
    cfg.initialCwnd = 2;
    DriveToEstablished();
    Write(Text(5000));
    Write(Text(400));
    Write(Text(1000));
    EXPECT_TRUE(Tcb().blockStarts.empty());
}

class RecordRetransmitTest : public CwndUseTest
{
  protected:
    /// Three writes of 400 bytes, each leaving alone (Nagle off), each a record (MSG_EOR)
    /// when \p records; then the retransmission timeout. \return what was written
    std::string
    ThreeSmallWritesThenTimeout(bool records)
    {
        cfg.pushBlockSize = 65215;
        cfg.noDelay = true;
        DriveToEstablished();
        const std::string data = Text(1200);
        for (uint32_t o = 0; o < 1200; o += 400)
        {
            EXPECT_EQ(Conn().Send(Payload(data.substr(o, 400)), now, records), FullTcpError::OK);
        }
        out.ClearHistory();
        Advance(Tcb().rto);
        return data;
    }
};

TEST_F(RecordRetransmitTest, ARetransmissionStopsAtTheEndOfARecord)
{
    // tcp_retrans_try_collapse(): no skb marked eor is joined; the resent segment is the
    // first record alone (eor/no-coalesce-retrans.pkt, linux-eor-retransmit).
    const std::string data = ThreeSmallWritesThenTimeout(true);
    EXPECT_SENT(OurData(data, 0, 400, H::PSH));
}

TEST_F(RecordRetransmitTest, WithoutRecordsARetransmissionTakesAFullSegment)
{
    const std::string data = ThreeSmallWritesThenTimeout(false);
    EXPECT_SENT(OurData(data, 0, 1000, H::PSH));
}

} // namespace
} // namespace fulltcp_test
