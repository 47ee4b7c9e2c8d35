/*
 * Test: receiver SACK block order (RFC 2018 §4) and D-SACK (RFC 2883 §4)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The receiver's SACK blocks: order (RFC 2018 §4) and D-SACK (RFC 2883 §4).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// A reassembly queue holding the given ranges (contents irrelevant here).
FullTcpReassemblyQueue
Held(std::vector<FullTcpRange> ranges)
{
    FullTcpReassemblyQueue q;
    for (const auto& r : ranges)
    {
        q.Insert(r.start, Payload(std::string(r.Length(), 'x')));
    }
    return q;
}

TEST(SackGenerator, MostRecentBlockFirstThenTheOthersAsLastReported)
{
    FullTcpSackGenerator g;
    FullTcpReassemblyQueue q = Held({{10, 20}, {30, 40}, {50, 60}});
    g.Arrived(10);
    g.Arrived(50);
    g.Arrived(30);
    EXPECT_EQ(g.Blocks(q), (std::vector<FullTcpRange> {{30, 40}, {50, 60}, {10, 20}}));
    // A segment joins two blocks: the joined block once, first.
    q.Insert(40, Payload(std::string(10, 'x')));
    g.Arrived(40);
    EXPECT_EQ(g.Blocks(q), (std::vector<FullTcpRange> {{30, 60}, {10, 20}}));
}

TEST(SackGenerator, AtMostFourBlocks)
{
    FullTcpSackGenerator g;
    FullTcpReassemblyQueue q = Held({{10, 11}, {20, 21}, {30, 31}, {40, 41}, {50, 51}});
    for (int64_t o : {10, 20, 30, 40, 50})
    {
        g.Arrived(o);
    }
    EXPECT_EQ(g.Blocks(q), (std::vector<FullTcpRange> {{50, 51}, {40, 41}, {30, 31}, {20, 21}}));
}

TEST(SackGenerator, DeliveredBlocksAreNotReported)
{
    FullTcpSackGenerator g;
    FullTcpReassemblyQueue q = Held({{10, 20}, {30, 40}});
    g.Arrived(10);
    g.Arrived(30);
    FullTcpByteQueue delivered;
    q.Insert(0, Payload(std::string(10, 'x')));
    q.MoveInOrder(0, delivered); // [0, 20) delivered
    EXPECT_EQ(g.Blocks(q), (std::vector<FullTcpRange> {{30, 40}}));
}

TEST(SackGenerator, DsackComesFirstWithItsContainingBlockAndOnlyOnce)
{
    FullTcpSackGenerator g;
    FullTcpReassemblyQueue q = Held({{10, 20}, {30, 40}});
    g.Arrived(10);
    g.Arrived(30);
    g.Duplicate({12, 15});
    EXPECT_GE(g.MostBlocks(q), 3u); // enough room is kept for them
    EXPECT_EQ(g.Blocks(q), (std::vector<FullTcpRange> {{12, 15}, {10, 20}, {30, 40}}));
    g.Sent();
    EXPECT_EQ(g.Blocks(q), (std::vector<FullTcpRange> {{30, 40}, {10, 20}}));
    // Below the cumulative ACK: the D-SACK block alone, then the held blocks.
    g.Duplicate({0, 5});
    EXPECT_EQ(g.Blocks(q), (std::vector<FullTcpRange> {{0, 5}, {30, 40}, {10, 20}}));
}

} // namespace
} // namespace fulltcp_test
