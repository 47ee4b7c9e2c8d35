/*
 * Test: reassembly queue holds ranges, trims overlaps, delivers each byte once
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The reassembly queue: out-of-order text by stream offset, overlaps cut, nothing twice.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// \return the bytes [offset, offset + n) of the test stream as a packet
Ptr<Packet>
Part(int64_t offset, uint32_t n)
{
    return Payload(Text(n, offset));
}

TEST(ReassemblyQueue, HoldsRangesAndMovesOnlyTheContiguousPrefix)
{
    FullTcpReassemblyQueue q;
    EXPECT_TRUE(q.Empty());
    EXPECT_FALSE(q.Insert(10, Part(10, 5)));
    EXPECT_FALSE(q.Insert(20, Part(20, 5)));
    EXPECT_EQ(q.Ranges(), (std::vector<FullTcpRange> {{10, 15}, {20, 25}}));
    EXPECT_EQ(q.RangeCount(), 2u);
    EXPECT_EQ(q.Size(), 10u);
    FullTcpByteQueue out;
    EXPECT_EQ(q.MoveInOrder(0, out), 0u); // a gap at 0
    EXPECT_FALSE(q.Insert(0, Part(0, 10)));
    EXPECT_EQ(q.MoveInOrder(0, out), 15u);
    EXPECT_EQ(Bytes(out.Copy(0, out.Size())), Text(15));
    EXPECT_EQ(q.Ranges(), (std::vector<FullTcpRange> {{20, 25}}));
}

TEST(ReassemblyQueue, OverlapsKeepTheFirstCopyAndReportTheDuplicate)
{
    FullTcpReassemblyQueue q;
    q.Insert(10, Part(10, 10));
    // [5, 25) overlaps [10, 20): only [5, 10) and [20, 25) are new.
    const auto dup = q.Insert(5, Part(5, 20));
    ASSERT_TRUE(dup);
    EXPECT_EQ(*dup, (FullTcpRange {10, 20}));
    EXPECT_EQ(q.Ranges(), (std::vector<FullTcpRange> {{5, 25}}));
    EXPECT_EQ(q.RangeContaining(17), (FullTcpRange {5, 25}));
    EXPECT_FALSE(q.RangeContaining(25));
    FullTcpByteQueue out;
    EXPECT_EQ(q.MoveInOrder(5, out), 20u);
    EXPECT_EQ(Bytes(out.Copy(0, out.Size())), Text(20, 5));
}

TEST(ReassemblyQueue, MovingFromInsideAChunkSkipsWhatWasDelivered)
{
    FullTcpReassemblyQueue q;
    q.Insert(0, Part(0, 10));
    q.Insert(30, Part(30, 10));
    FullTcpByteQueue out;
    EXPECT_EQ(q.MoveInOrder(4, out), 6u); // bytes below 4 were delivered some other way
    EXPECT_EQ(Bytes(out.Copy(0, out.Size())), Text(6, 4));
    EXPECT_EQ(q.Ranges(), (std::vector<FullTcpRange> {{30, 40}}));
    EXPECT_EQ(q.MoveInOrder(35, out), 5u);
    EXPECT_TRUE(q.Empty());
    EXPECT_EQ(q.Size(), 0u);
}

TEST(ReassemblyQueue, RandomSegmentsReassembleByteExact)
{
    // Segments of a 5000-byte stream in a scrambled order, with overlaps and duplicates.
    std::mt19937 rng(7);
    std::vector<std::pair<int64_t, uint32_t>> segments;
    for (int64_t o = 0; o < 5000;)
    {
        const uint32_t n = 1 + rng() % 300;
        segments.emplace_back(o, std::min<uint32_t>(n, 5000 - o));
        o += 1 + rng() % n; // overlaps the next one
    }
    segments.insert(segments.end(), segments.begin(), segments.begin() + segments.size() / 3);
    std::shuffle(segments.begin(), segments.end(), rng);
    FullTcpReassemblyQueue q;
    FullTcpByteQueue out;
    int64_t next = 0;
    for (const auto& [offset, n] : segments)
    {
        q.Insert(offset, Part(offset, n));
        next += q.MoveInOrder(next, out);
    }
    EXPECT_EQ(next, 5000);
    EXPECT_EQ(Bytes(out.Copy(0, out.Size())), Text(5000));
    EXPECT_TRUE(q.Empty());
}

} // namespace
} // namespace fulltcp_test
