/*
 * Test: sender scoreboard and RFC 6675 §4 IsLost(), SetPipe(), NextSeg()
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The sender's SACK scoreboard and RFC 6675 §4's IsLost(), SetPipe() and NextSeg().
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

constexpr uint32_t kDupThresh = 3;
constexpr uint32_t kSmss = 100;

using Kind = FullTcpSackScoreboard::SegmentKind;

TEST(SackScoreboard, AddJoinsRangesAndReportsNewBytes)
{
    FullTcpSackScoreboard sb;
    EXPECT_EQ(sb.Add({100, 200}), 100);
    EXPECT_EQ(sb.Add({150, 300}), 100); // [200, 300) is new
    EXPECT_EQ(sb.Add({120, 130}), 0);
    EXPECT_EQ(sb.SackedBytes(), 200);
    EXPECT_TRUE(sb.IsSacked(299));
    EXPECT_FALSE(sb.IsSacked(300));
    EXPECT_EQ(sb.HighestSackedEnd(), 300);
    EXPECT_EQ(sb.SackedIn({0, 150}), 50);
    EXPECT_EQ(sb.SackedIn({250, 250}), 0);
    sb.AckedUpTo(250);
    EXPECT_EQ(sb.SackedBytes(), 50);
    sb.Clear();
    EXPECT_TRUE(sb.Empty());
    EXPECT_FALSE(sb.HighestSackedEnd());
}

TEST(SackScoreboard, IsLostByDiscontiguousRanges)
{
    FullTcpSackScoreboard sb;
    // Three small discontiguous ranges above 0 (50 bytes each: fewer than 2·SMSS bytes).
    sb.Add({100, 150});
    sb.Add({200, 250});
    EXPECT_FALSE(sb.IsLost(0, kDupThresh, kSmss));
    sb.Add({300, 350});
    EXPECT_TRUE(sb.IsLost(0, kDupThresh, kSmss));
    EXPECT_TRUE(sb.IsLost(99, kDupThresh, kSmss));
    EXPECT_FALSE(sb.IsLost(150, kDupThresh, kSmss)); // only two ranges above it
    EXPECT_FALSE(sb.IsLost(120, kDupThresh, kSmss)); // SACKed, not lost
    EXPECT_EQ(sb.LostBelow(kDupThresh, kSmss), 100);
}

TEST(SackScoreboard, IsLostByBytesAbove)
{
    FullTcpSackScoreboard sb;
    sb.Add({100, 300}); // exactly (DupThresh - 1)·SMSS: not yet
    EXPECT_FALSE(sb.IsLost(0, kDupThresh, kSmss));
    sb.Add({300, 301});
    EXPECT_TRUE(sb.IsLost(0, kDupThresh, kSmss));
}

TEST(SackScoreboard, PipeCountsWhatIsNotLostAndWhatWasRetransmitted)
{
    FullTcpSackScoreboard sb;
    sb.Add({100, 200});
    sb.Add({300, 400});
    sb.Add({500, 600});
    // Holes [0,100) lost, [200,300) and [400,500) not lost, [600,1000) not lost.
    EXPECT_EQ(sb.Pipe(0, 1000, 0, kDupThresh, kSmss), 100 + 100 + 400);
    // [0, 100) retransmitted: counted once more (RFC 6675 SetPipe (b)).
    EXPECT_EQ(sb.Pipe(0, 1000, 100, kDupThresh, kSmss), 700);
    EXPECT_EQ(sb.Pipe(1000, 1000, 0, kDupThresh, kSmss), 0);
}

TEST(SackScoreboard, NextSegFollowsTheFourRulesInOrder)
{
    FullTcpSackScoreboard sb;
    sb.Add({100, 200});
    sb.Add({300, 400});
    sb.Add({500, 600});
    FullTcpSackScoreboard::SenderState s {0, 1000, 0, std::nullopt, true, kDupThresh, kSmss};
    // Rule 1: the lost hole above HighRxt.
    auto seg = sb.NextSeg(s);
    ASSERT_TRUE(seg);
    EXPECT_EQ(seg->kind, Kind::LOST);
    EXPECT_EQ(seg->range, (FullTcpRange {0, 100}));
    // Rule 2 once the lost data is retransmitted: new data.
    s.highRxt = 100;
    seg = sb.NextSeg(s);
    EXPECT_EQ(seg->kind, Kind::NEW_DATA);
    EXPECT_EQ(seg->range.start, 1000);
    // Rule 3 without new data: an unSACKed hole below the highest SACK, not yet lost.
    s.newDataReady = false;
    seg = sb.NextSeg(s);
    EXPECT_EQ(seg->kind, Kind::UNSACKED);
    EXPECT_EQ(seg->range, (FullTcpRange {200, 300}));
    // Rule 4 when the holes below the highest SACK went: the highest unSACKed segment.
    s.highRxt = 500;
    seg = sb.NextSeg(s);
    EXPECT_EQ(seg->kind, Kind::RESCUE);
    EXPECT_EQ(seg->range, (FullTcpRange {900, 1000}));
    // ... once per recovery.
    s.rescueRxt = 1000;
    EXPECT_FALSE(sb.NextSeg(s));
}

TEST(SackScoreboard, NextSegSendsAtMostOneSmss)
{
    FullTcpSackScoreboard sb;
    sb.Add({1000, 1400}); // bytes above 0 exceed 2·SMSS: [0, 1000) lost
    FullTcpSackScoreboard::SenderState s {0, 2000, 0, std::nullopt, false, kDupThresh, kSmss};
    const auto seg = sb.NextSeg(s);
    ASSERT_TRUE(seg);
    EXPECT_EQ(seg->range, (FullTcpRange {0, 100}));
}

} // namespace
} // namespace fulltcp_test
