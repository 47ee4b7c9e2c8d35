/*
 * Test: where PSH goes with Linux's forced push (pushBlockSize; tcp_sendmsg_locked()); Nagle's
 * variants SPDX-License-Identifier: GPL-2.0-only
 *
 * PSH rules of the Linux profile (FullTcpConfig::pushBlockSize): a write is queued in blocks
 * of at most half the peer's largest window; a full block ending more than half that window
 * past the last PSH gets PSH (forced_push()); a write that joins an unsent block clears the
 * PSH of the write before. The RFC rule, PSH at the end of each write, is
 * DataTest.PshMarksTheLastSegmentOfEachWrite.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// The Linux profile's block size (sk_gso_max_size on x86-64).
constexpr uint32_t kLinuxPushBlock = 65215;

TEST_F(DataTest, ForcedPushMarksABlockEndingPastHalfTheLargestWindow)
{
    // Peer window 20000: blocks of 10000. The first block leaves whole (tcp_push_one()); the
    // second ends 20000 past the last PSH (offset 0), more than 10000: PSH on its last
    // segment; the write's end has PSH.
    cfg.pushBlockSize = kLinuxPushBlock;
    cfg.sndBufSize = 100000;
    cfg.initialCwnd = 40;
    DriveToEstablished();
    const std::string data = Text(25000);
    Write(data);
    for (uint32_t o = 0; o < 20000; o += 1000)
    {
        EXPECT_SENT(OurData(data, o, 1000, o == 19000 ? H::PSH : 0)) << "offset " << o;
    }
    EXPECT_NOTHING_SENT(); // the window is full
    Inject(PeerAck(20000));
    for (uint32_t o = 20000; o < 25000; o += 1000)
    {
        EXPECT_SENT(OurData(data, o, 1000, o == 24000 ? H::PSH : 0)) << "offset " << o;
    }
    EXPECT_NOTHING_SENT();
}

TEST_F(DataTest, ForcedPushCountsBlocksFromTheUnsentRestOfTheFirst)
{
    // cwnd 4: the first block [0, 10000) sends 4000, its unsent rest [4000, 10000) takes
    // bytes up to a full block [4000, 14000), which ends past 0 + 10000: PSH at 14000. The
    // next, [14000, 24000), ends exactly 10000 past it: no PSH. The write ends at 25000.
    cfg.pushBlockSize = kLinuxPushBlock;
    cfg.sndBufSize = 100000;
    cfg.initialCwnd = 4;
    DriveToEstablished();
    Write(Text(25000));
    EXPECT_EQ(Tcb().sndNxt, 1 + 4000);
    EXPECT_EQ(std::vector<int64_t>(Tcb().writeEnds.begin(), Tcb().writeEnds.end()),
              (std::vector<int64_t> {1 + 14000, 1 + 25000}));
}

TEST_F(DataTest, AWriteJoiningAnUnsentBlockClearsThePreviousPsh)
{
    // Nagle holds the second write; the third joins its block, so the segment that carries
    // the second write's end has no PSH (tcp_sendmsg_locked(): "if (!copied)" clears it).
    cfg.pushBlockSize = kLinuxPushBlock;
    DriveToEstablished();
    const std::string data = Text(2400);
    Write(data.substr(0, 800));
    EXPECT_SENT(OurData(data, 0, 800, H::PSH));
    Write(data.substr(800, 800));
    EXPECT_NOTHING_SENT();
    Write(data.substr(1600));
    EXPECT_SENT(OurData(data, 800, 1000)); // a full segment: Nagle lets it go
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(800));
    EXPECT_NOTHING_SENT(); // Nagle holds the 600-byte tail
    Inject(PeerAck(1800));
    EXPECT_SENT(OurData(data, 1800, 600, H::PSH));
}

TEST_F(DataTest, WithoutPushBlocksOnlyWriteEndsHavePsh)
{
    // RFC 9293 §3.9.1: the same long write as above has PSH on its last segment only.
    cfg.sndBufSize = 100000;
    cfg.initialCwnd = 40;
    DriveToEstablished();
    const std::string data = Text(25000);
    Write(data);
    for (uint32_t o = 0; o < 20000; o += 1000)
    {
        EXPECT_SENT(OurData(data, o, 1000)) << "offset " << o;
    }
    Inject(PeerAck(20000));
    for (uint32_t o = 20000; o < 25000; o += 1000)
    {
        EXPECT_SENT(OurData(data, o, 1000, o == 24000 ? H::PSH : 0)) << "offset " << o;
    }
}

TEST_F(DataTest, MinshallNagleSendsAPartialSegmentWhenNoneIsInFlight)
{
    // tcp_minshall_check(): a full segment in flight does not hold the 500-byte tail; the
    // partial segment in flight then holds the next small write until its ACK.
    cfg.minshallNagle = true;
    DriveToEstablished();
    const std::string data = Text(1800);
    Write(data.substr(0, 1500));
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_SENT(OurData(data, 1000, 500, H::PSH));
    Write(data.substr(1500));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(1500));
    EXPECT_SENT(OurData(data, 1500, 300, H::PSH));
}

TEST_F(DataTest, Rfc896NagleHoldsAPartialSegmentWhileAnyDataIsInFlight)
{
    // RFC 896: the same 500-byte tail waits for the first segment's ACK.
    DriveToEstablished();
    const std::string data = Text(1500);
    Write(data);
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 1000, 500, H::PSH));
}

} // namespace
} // namespace fulltcp_test
