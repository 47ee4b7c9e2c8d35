/*
 * Test: SACK and D-SACK blocks sent, RFC 6675 scoreboard loss recovery in the engine
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for SACK: the blocks we send (RFC 2018 §4, D-SACK RFC 2883 §4) and loss
 * recovery with a scoreboard (RFC 6675).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// SACK negotiated, no timestamps, send buffer 100 kB.
class SackTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.sndBufSize = 100000;
        DriveToEstablishedWithSack();
    }
};

// ------------------------------------------------------------------ blocks we send

TEST_F(SackTest, SackBlocksReportOutOfOrderData)
{
    Inject(PeerData(1000, 1000));
    EXPECT_SENT(OurSack(0, {{1000, 2000}}));
}

TEST_F(SackTest, FirstSackBlockIsTheMostRecentlyReceived)
{
    Inject(PeerData(1000, 500));
    EXPECT_SENT(OurSack(0, {{1000, 1500}}));
    Inject(PeerData(3000, 500));
    EXPECT_SENT(OurSack(0, {{3000, 3500}, {1000, 1500}}));
    Inject(PeerData(5000, 500));
    EXPECT_SENT(OurSack(0, {{5000, 5500}, {3000, 3500}, {1000, 1500}}));
    // RFC 2018 §4: the block holding the segment that triggered the ACK first, then the
    // others in the order they were last reported.
    Inject(PeerData(1500, 500));
    EXPECT_SENT(OurSack(0, {{1000, 2000}, {5000, 5500}, {3000, 3500}}));
    // Delivered blocks disappear; the ACK for filling the hole comes at once.
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurSack(2000, {{5000, 5500}, {3000, 3500}}));
}

TEST_F(SackTest, AtMostFourBlocksWithoutTimestamps)
{
    for (uint32_t i = 0; i < 5; ++i)
    {
        Inject(PeerData(1000 + 1000 * i, 500));
    }
    EXPECT_EQ(out.sent.back().header.GetOptions().GetSackBlocks().size(), 4u);
    EXPECT_EQ(out.sent.back().header.GetOptions().GetSackBlocks().front().left, kIrs + 1 + 5000);
}

TEST_F(DataTest, AtMostThreeBlocksBesideTimestamps)
{
    cfg.sack = true;
    cfg.timestamps = true;
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).SackOk().Ts(1, OurTsVal()));
    for (uint32_t i = 0; i < 5; ++i)
    {
        Inject(PeerData(1000 + 1000 * i, 500).Ts(2, OurTsVal()));
    }
    EXPECT_EQ(out.sent.back().header.GetOptions().GetSackBlocks().size(), 3u);
}

TEST_F(SackTest, DsackReportsADuplicateBelowTheCumulativeAck)
{
    Inject(PeerData(0, 100));
    EXPECT_SENT(OurAck(100));
    Inject(PeerData(0, 100)); // RFC 2883 §4: the duplicate in the first block
    EXPECT_SENT(OurSack(100, {{0, 100}}));
}

TEST_F(SackTest, DsackReportsThePartOfASegmentThatWasDuplicate)
{
    Inject(PeerData(0, 100));
    EXPECT_SENT(OurAck(100));
    Inject(PeerData(50, 100));
    EXPECT_SENT(OurSack(150, {{50, 100}}));
}

TEST_F(SackTest, DsackForDuplicateHeldDataNamesItsBlockSecond)
{
    Inject(PeerData(1000, 500));
    EXPECT_SENT(OurSack(0, {{1000, 1500}}));
    Inject(PeerData(1200, 100));
    // RFC 2883 §4: the D-SACK block, then the larger held block that contains it.
    EXPECT_SENT(OurSack(0, {{1200, 1300}, {1000, 1500}}));
    // A D-SACK block is reported once.
    Inject(PeerData(3000, 100));
    EXPECT_SENT(OurSack(0, {{3000, 3100}, {1000, 1500}}));
}

TEST_F(DataTest, DsackCanBeTurnedOff)
{
    cfg.dsack = false;
    DriveToEstablishedWithSack();
    Inject(PeerData(0, 100));
    EXPECT_SENT(OurAck(100));
    Inject(PeerData(0, 100));
    EXPECT_SENT(OurAck(100).NoOptions());
}

TEST_F(SackTest, DataSegmentsShrinkToMakeRoomForSackBlocks)
{
    Inject(PeerData(1000, 500));
    EXPECT_SENT(OurSack(0, {{1000, 1500}}));
    const std::string data = Text(2000);
    Write(data);
    // RFC 9293 §3.7.1: the 12 bytes of one SACK block come out of the 1000-byte MSS.
    for (uint32_t o : {0, 988})
    {
        Seg seg = OurData(data, o, 988);
        seg.Opts().SetSackBlocks({{kIrs + 1 + 1000, kIrs + 1 + 1500}});
        EXPECT_SENT(seg) << "offset " << o;
    }
    EXPECT_NOTHING_SENT(); // Nagle holds the 24-byte tail
}

// ------------------------------------------------------------------ recovery with SACK

TEST_F(SackTest, SackRecoveryRetransmitsOnlyTheHoles)
{
    const std::string data = Text(10000);
    Write(data);
    out.ClearHistory();
    // [1000, 2000) and [3000, 4000) are lost; the rest arrives and is SACKed.
    Inject(PeerAck(1000));
    Inject(PeerSack(1000, {{2000, 3000}}));
    Inject(PeerSack(1000, {{4000, 5000}, {2000, 3000}}));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(Tcb().inRecovery);
    // Third duplicate (RFC 6675 §5 (4)): RecoveryPoint = HighData, ssthresh = cwnd =
    // FlightSize / 2, the first hole at once.
    Inject(PeerSack(1000, {{4000, 6000}, {2000, 3000}}));
    EXPECT_SENT(OurData(data, 1000, 1000));
    EXPECT_NOTHING_SENT(); // pipe 6000 > cwnd 4500
    EXPECT_TRUE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 4500u);
    EXPECT_EQ(Tcb().cc.ssthresh, 4500u);
    Inject(PeerSack(1000, {{4000, 7000}, {2000, 3000}}));
    EXPECT_NOTHING_SENT(); // pipe 4000: [3000, 4000) now lost, not yet room for it
    // pipe 3000: NextSeg() rule 1, the lost hole [3000, 4000); never SACKed data.
    Inject(PeerSack(1000, {{4000, 8000}, {2000, 3000}}));
    EXPECT_SENT(OurData(data, 3000, 1000));
    EXPECT_NOTHING_SENT();
    // No hole left below the highest SACK and no new data: rule 4, one rescue
    // retransmission of the highest unSACKed segment.
    Inject(PeerSack(1000, {{4000, 9000}, {2000, 3000}}));
    EXPECT_SENT(OurData(data, 9000, 1000, H::PSH));
    EXPECT_NOTHING_SENT();
    // A partial ACK: nothing else to repair.
    Inject(PeerSack(3000, {{4000, 10000}}));
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(Tcb().inRecovery);
    Inject(PeerAck(10000)); // the recovery point: recovery ends (RFC 6675 §5 (A))
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 4500u);
}

TEST_F(SackTest, SackedBytesAboveDupThreshSmssDeclareALossBeforeThreeDupAcks)
{
    const std::string data = Text(10000);
    Write(data);
    out.ClearHistory();
    // One ACK SACKs 3000 bytes above SND.UNA: IsLost(HighACK + 1) (RFC 6675 §5 (2)).
    Inject(PeerSack(0, {{1000, 4000}}));
    EXPECT_TRUE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().dupAcks, 1u);
    EXPECT_SENT(OurData(data, 0, 1000));
}

TEST_F(SackTest, DsackFromThePeerIsNotCountedAsSacked)
{
    WriteAndSendSegments(5000);
    Inject(PeerAck(3000));
    Inject(PeerSack(3000, {{1000, 2000}})); // below the cumulative ACK: a D-SACK
    EXPECT_EQ(Tcb().dsacksReceived, 1u);
    EXPECT_TRUE(Tcb().scoreboard.Empty());
    EXPECT_EQ(Tcb().dupAcks, 0u);
    Inject(PeerSack(3000, {{3500, 3600}, {3000, 4000}})); // inside the second block
    EXPECT_EQ(Tcb().dsacksReceived, 2u);
    EXPECT_EQ(Tcb().scoreboard.SackedBytes(), 1000);
    Inject(PeerSack(3000, {{2500, 3500}})); // starts below the cumulative ACK
    EXPECT_EQ(Tcb().dsacksReceived, 3u);
    EXPECT_EQ(Tcb().scoreboard.SackedBytes(), 1000);
}

TEST_F(SackTest, TimeoutForgetsTheScoreboard)
{
    const std::string data = Text(5000);
    Write(data);
    out.ClearHistory();
    Inject(PeerSack(0, {{1000, 2000}}));
    ASSERT_EQ(Tcb().scoreboard.SackedBytes(), 1000);
    Advance(Tcb().rto);
    // RFC 2018 §8: the receiver may have reneged; SACKed data is sent again if needed.
    EXPECT_TRUE(Tcb().scoreboard.Empty());
    EXPECT_SENT(OurData(data, 0, 1000));
    // A SACK after the timeout is used again: go-back-N skips what it names.
    Inject(PeerSack(1000, {{2000, 4000}}));
    EXPECT_SENT(OurData(data, 1000, 1000));
    EXPECT_SENT(OurData(data, 4000, 1000, H::PSH));
    EXPECT_NOTHING_SENT();
}

} // namespace
} // namespace fulltcp_test
