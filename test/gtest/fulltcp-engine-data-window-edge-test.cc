/*
 * Test: text outside the receive window: duplicate ACKs, SACK and D-SACK blocks, Linux's edge
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the answer to a data segment outside the receive window carries (RFC 9293 §3.10.7.4
 * first step, RFC 2018, RFC 2883; as Linux tcp_send_dupack()): text wholly beyond the window
 * gets a duplicate ACK with no block of its own, old text a D-SACK block; the blocks of held
 * data ride along. With overWindowWhole (the Linux profile, tcp_sequence()) a segment that
 * crosses the right edge is dropped while data waits to be read, and taken whole otherwise.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

TEST_F(DataTest, TextBeyondTheWindowGetsADuplicateAckWithoutABlock)
{
    // Our window is 8000: [9000, 10000) lies beyond it. Data is never rate limited (Linux
    // tcp_oow_rate_limited() spares it), and the segment is not reported.
    DriveToEstablishedWithSack();
    for (int i = 0; i < 3; ++i)
    {
        Inject(PeerData(9000, 1000));
        EXPECT_SENT(OurAck(0).NoOptions()) << "segment " << i;
    }
    EXPECT_TRUE(Tcb().reassembly.Empty());
}

TEST_F(DataTest, TextBeyondTheWindowIsAnsweredWithTheHeldBlocksOnly)
{
    DriveToEstablishedWithSack();
    Inject(PeerData(2000, 1000));
    EXPECT_SENT(OurSack(0, {{2000, 3000}}));
    Inject(PeerData(9000, 1000));
    EXPECT_SENT(OurSack(0, {{2000, 3000}}));
}

TEST_F(DataTest, OldTextGetsADsackBlockBeforeTheHeldBlocks)
{
    // Wholly below RCV.NXT: RFC 2883 §4 (Linux tcp_send_dupack() -> tcp_dsack_set()).
    DriveToEstablishedWithSack();
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurAck(1000));
    Inject(PeerData(2000, 1000));
    EXPECT_SENT(OurSack(1000, {{2000, 3000}}));
    Inject(PeerData(0, 500));
    EXPECT_SENT(OurSack(1000, {{0, 500}, {2000, 3000}}));
}

TEST_F(DataTest, OverWindowTextIsDroppedWhileDataWaitsToBeRead)
{
    // 1000 bytes unread: the window ends at 8000. [7500, 8500) crosses it: dropped whole,
    // a duplicate ACK without a block (Linux tcp_sequence(): "Only accept this packet if
    // receive queue is empty").
    cfg.overWindowWhole = true;
    DriveToEstablishedWithSack();
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurAck(1000));
    Inject(PeerData(7500, 1000));
    EXPECT_SENT(OurAck(1000).NoOptions());
    EXPECT_TRUE(Tcb().reassembly.Empty());
    EXPECT_EQ(out.drops, (std::vector<D> {D::SEQ_NOT_ACCEPTABLE}));
}

TEST_F(DataTest, OverWindowTextIsTakenWholeWhenNothingWaits)
{
    // All read (the window still ends at 8000: receiver SWS avoidance): [7500, 8500) is
    // held whole and reported whole.
    cfg.overWindowWhole = true;
    DriveToEstablishedWithSack();
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurAck(1000));
    EXPECT_EQ(ReadAll(), Text(1000));
    Inject(PeerData(7500, 1000));
    EXPECT_SENT(OurSack(1000, {{7500, 8500}}));
    EXPECT_EQ(Tcb().reassembly.Size(), 1000u);
}

TEST_F(DataTest, OverWindowTextIsTrimmedToTheWindowWithoutTheOption)
{
    // RFC 9293 §3.10.7.4: the part inside the window is kept, and only that is reported.
    DriveToEstablishedWithSack();
    Inject(PeerData(0, 1000));
    EXPECT_SENT(OurAck(1000));
    Inject(PeerData(7500, 1000));
    EXPECT_SENT(OurSack(1000, {{7500, 8000}}));
}

} // namespace
} // namespace fulltcp_test
