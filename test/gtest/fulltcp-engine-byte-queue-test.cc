/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The byte queue behind the send and receive buffers: real bytes, across fragments.
 */
#include "fulltcp-engine-fixture.h"

namespace fulltcp_test
{
namespace
{

TEST(ByteQueue, CopyAndPopAcrossFragmentsKeepTheBytes)
{
    FullTcpByteQueue q;
    q.Append(Payload("hello "));
    q.Append(Payload(""));
    q.Append(Payload("wide "));
    q.Append(Payload("world"));
    EXPECT_EQ(q.Size(), 16u);
    EXPECT_EQ(Bytes(q.Copy(0, 16)), "hello wide world");
    EXPECT_EQ(Bytes(q.Copy(4, 8)), "o wide w");
    EXPECT_EQ(Bytes(q.Copy(16, 0)), "");
    q.PopFront(3);
    EXPECT_EQ(q.Size(), 13u);
    EXPECT_EQ(Bytes(q.Copy(0, 13)), "lo wide world");
    q.PopFront(8);
    EXPECT_EQ(Bytes(q.Copy(0, q.Size())), "world");
    q.PopFront(5);
    EXPECT_EQ(q.Size(), 0u);
}

TEST(ByteQueue, AppendingNullIsHarmless)
{
    FullTcpByteQueue q;
    q.Append(nullptr);
    EXPECT_EQ(q.Size(), 0u);
}

} // namespace
} // namespace fulltcp_test
